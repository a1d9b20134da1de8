// The administrator's page for the cooperating units' machine interface: each unit's API keys
// (created with the token shown once, revoked after saying what stops working), its webhook (the new
// signing secret shown once) and its recent deliveries with every attempt.
import { Alert, Button, Card, Form, Input, Modal, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import { apiKeyInputSchema, webhookInputSchema } from '../../../domain/schemas';
import { api, ApiError, type ApiKey, type CreatedApiKey, type CreatedWebhook, type Unit, type WebhookDelivery } from '../api';
import { FormField } from '../components/FormField';
import { applyServerErrors } from '../components/serverErrors';
import { useI18n } from '../i18n';

/** A secret the server hands out once: shown until the administrator says it is saved. */
interface Once {
  title: string;
  warning: string;
  value: string;
  use?: string;
}

type Notice = { type: 'success' | 'error'; text: string } | null;

export function UnitsAdminPage() {
  const { t } = useI18n();
  const [units, setUnits] = useState<Unit[] | null>(null);
  const [once, setOnce] = useState<Once | null>(null);
  const load = useCallback(() => api<Unit[]>('GET', '/api/units').then(setUnits), []);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <Card title={t('unitAdmin')} loading={units === null}>
      <Space orientation="vertical" style={{ width: '100%' }} size="large">
        <Typography.Paragraph type="secondary">{t('unitAdminHint')}</Typography.Paragraph>
        {units?.map((u) => (
          <UnitCard key={u.id} unit={u} onChanged={() => void load()} onOnce={setOnce} />
        ))}
      </Space>
      <Modal
        open={once !== null}
        title={once?.title}
        closable={false}
        mask={{ closable: false }}
        keyboard={false}
        // Once closed, the secret leaves the page altogether (antd would keep it, hidden, in the DOM).
        destroyOnHidden
        footer={
          <Button type="primary" onClick={() => setOnce(null)}>
            {t('savedItClose')}
          </Button>
        }
      >
        {once && (
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="shown-once">
            <Alert type="warning" showIcon title={once.warning} />
            <Typography.Paragraph code copyable={{ text: once.value, tooltips: [t('copy'), t('copied')] }} data-testid="once-value">
              {once.value}
            </Typography.Paragraph>
            {once.use && <Typography.Text type="secondary">{once.use}</Typography.Text>}
          </Space>
        )}
      </Modal>
    </Card>
  );
}

function UnitCard({ unit, onChanged, onOnce }: { unit: Unit; onChanged: () => void; onOnce: (o: Once) => void }) {
  const { t, dateTime } = useI18n();
  const [notice, setNotice] = useState<Notice>(null);
  const [deliveries, setDeliveries] = useState<WebhookDelivery[] | null>(null);
  const loadDeliveries = useCallback(
    () => api<WebhookDelivery[]>('GET', `/api/units/${unit.id}/webhook/deliveries`).then(setDeliveries),
    [unit.id],
  );
  useEffect(() => {
    void loadDeliveries();
  }, [loadDeliveries]);

  const keyForm = useForm<z.input<typeof apiKeyInputSchema>, unknown, z.output<typeof apiKeyInputSchema>>({
    resolver: zodResolver(apiKeyInputSchema),
    defaultValues: { name: '' },
  });
  const createKey = keyForm.handleSubmit(async (values) => {
    setNotice(null);
    try {
      const key = await api<CreatedApiKey>('POST', `/api/units/${unit.id}/api-keys`, values);
      keyForm.reset();
      onOnce({ title: t('tokenOnceTitle', key.name), warning: t('tokenOnceWarning'), value: key.token, use: t('tokenOnceUse') });
      onChanged();
    } catch (e) {
      const text = applyServerErrors(e, keyForm.setError);
      if (text) setNotice({ type: 'error', text });
    }
  });

  const revoke = async (key: ApiKey) => {
    setNotice(null);
    try {
      await api<ApiKey>('DELETE', `/api/units/${unit.id}/api-keys/${key.id}`);
      setNotice({ type: 'success', text: t('apiKeyRevokedDone', key.name) });
    } catch (e) {
      setNotice({ type: 'error', text: e instanceof ApiError ? e.title : String(e) });
    }
    onChanged();
  };

  const hookForm = useForm<z.input<typeof webhookInputSchema>, unknown, z.output<typeof webhookInputSchema>>({
    resolver: zodResolver(webhookInputSchema),
    defaultValues: { url: unit.webhook?.url ?? '', active: unit.webhook?.active ?? true },
  });
  const { reset: resetHook } = hookForm;
  useEffect(() => {
    resetHook({ url: unit.webhook?.url ?? '', active: unit.webhook?.active ?? true });
  }, [unit.webhook?.url, unit.webhook?.active, resetHook]);
  const saveHook = hookForm.handleSubmit(async (values) => {
    setNotice(null);
    try {
      const hook = await api<CreatedWebhook>('PUT', `/api/units/${unit.id}/webhook`, values);
      setNotice({ type: 'success', text: t('webhookSaved') });
      onOnce({ title: `${t('secretOnceTitle')} · ${unit.name}`, warning: t('secretOnceWarning'), value: hook.secret });
      onChanged();
      void loadDeliveries();
    } catch (e) {
      const text = applyServerErrors(e, hookForm.setError);
      if (text) setNotice({ type: 'error', text });
    }
  });

  return (
    <Card type="inner" title={unit.name} data-testid={`unit-${unit.code}`}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {notice && <Alert type={notice.type} title={notice.text} showIcon data-testid="unit-notice" />}
        <Typography.Title level={5}>{t('apiKeys')}</Typography.Title>
        <Table<ApiKey>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={unit.apiKeys}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('noApiKeys') }}
          columns={[
            { title: t('apiKeyName'), dataIndex: 'name' },
            { title: t('apiKeyPrefix'), render: (_v, k) => <Typography.Text code>{k.prefix}…</Typography.Text> },
            { title: t('apiKeyCreated'), render: (_v, k) => `${dateTime(k.createdAt)} · ${k.createdBy}` },
            { title: t('apiKeyLastUsed'), render: (_v, k) => dateTime(k.lastUsedAt) },
            {
              title: t('apiKeyStatus'),
              render: (_v, k) =>
                k.revokedAt ? (
                  <Tag color="red" data-testid="key-status">
                    {t('apiKeyRevokedAt')} · {dateTime(k.revokedAt)} · {k.revokedBy}
                  </Tag>
                ) : (
                  <Space>
                    <Tag color="green" data-testid="key-status">
                      {t('apiKeyActive')}
                    </Tag>
                    <Popconfirm
                      title={t('revokeApiKeyConfirm', k.name)}
                      description={<div style={{ maxWidth: 360 }}>{t('revokeApiKeyEffect')}</div>}
                      okText={t('revokeApiKey')}
                      okButtonProps={{ danger: true }}
                      onConfirm={() => revoke(k)}
                    >
                      <Button size="small" danger>
                        {t('revokeApiKey')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
            },
          ]}
        />
        <Form layout="inline" component="form" onFinish={() => createKey()}>
          <FormField control={keyForm.control} name="name" label={t('apiKeyName')} idPrefix={`key-${unit.code}`}>
            {(f) => <Input {...f} style={{ width: 240, maxWidth: '100%' }} />}
          </FormField>
          <Button htmlType="submit" type="primary" loading={keyForm.formState.isSubmitting}>
            {t('createApiKey')}
          </Button>
        </Form>

        <Typography.Title level={5}>{t('webhook')}</Typography.Title>
        <Typography.Text data-testid="webhook-current">
          {unit.webhook ? (
            <>
              <Tag color={unit.webhook.active ? 'green' : 'default'}>{unit.webhook.active ? t('webhookOn') : t('webhookOff')}</Tag>
              {unit.webhook.url} · {t('webhookSince', dateTime(unit.webhook.createdAt), unit.webhook.createdBy)}
            </>
          ) : (
            t('webhookNone')
          )}
        </Typography.Text>
        <Form layout="inline" component="form" onFinish={() => undefined}>
          <FormField control={hookForm.control} name="url" label={t('webhookUrl')} idPrefix={`hook-${unit.code}`}>
            {(f) => <Input {...f} placeholder="https://" style={{ width: 360, maxWidth: '100%' }} />}
          </FormField>
          <FormField control={hookForm.control} name="active" label={t('webhookActive')} idPrefix={`hook-${unit.code}`}>
            {(f) => <Switch id={f.id} ref={f.ref} checked={f.value !== false} onChange={f.onChange} />}
          </FormField>
          <Popconfirm
            title={t('saveWebhookConfirm')}
            description={<div style={{ maxWidth: 360 }}>{t('saveWebhookEffect')}</div>}
            okText={t('saveWebhook')}
            onConfirm={() => saveHook()}
          >
            <Button loading={hookForm.formState.isSubmitting}>{t('saveWebhook')}</Button>
          </Popconfirm>
        </Form>

        <Typography.Title level={5}>{t('deliveries')}</Typography.Title>
        <Deliveries rows={deliveries} />
      </Space>
    </Card>
  );
}

function Deliveries({ rows }: { rows: WebhookDelivery[] | null }) {
  const { t, label, dateTime } = useI18n();
  // PENDING is also a push's own status (待签收); a delivery that is pending is being delivered.
  const status = (s: WebhookDelivery['status']) => (s === 'PENDING' ? t('deliveryPending') : label(s));
  return (
    <Table<WebhookDelivery>
      size="small"
      rowKey="id"
      loading={rows === null}
      dataSource={rows ?? []}
      scroll={{ x: 'max-content' }}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{ emptyText: t('noDeliveries') }}
      data-testid="deliveries"
      expandable={{
        rowExpandable: (d) => d.attempts.length > 0,
        expandedRowRender: (d) => (
          <Table
            size="small"
            rowKey="attempt"
            pagination={false}
            dataSource={d.attempts}
            columns={[
              { title: t('attempts'), render: (_v, a) => t('attempt', a.attempt) },
              { title: t('attemptAt'), render: (_v, a) => dateTime(a.at) },
              { title: t('statusCode'), render: (_v, a) => a.statusCode ?? t('noResponse') },
              { title: t('attemptError'), render: (_v, a) => a.error ?? '' },
              { title: t('durationMs'), dataIndex: 'durationMs' },
            ]}
          />
        ),
      }}
      columns={[
        { title: t('deliveryEvent'), render: (_v, d) => label(d.event) },
        { title: t('deliveryCreated'), render: (_v, d) => dateTime(d.createdAt) },
        {
          title: t('deliveryStatus'),
          render: (_v, d) => (
            <Tag color={d.status === 'DELIVERED' ? 'green' : d.status === 'FAILED' ? 'red' : 'blue'}>{status(d.status)}</Tag>
          ),
        },
        { title: t('attempts'), render: (_v, d) => d.attempts.length },
        { title: t('deliveredAt'), render: (_v, d) => dateTime(d.deliveredAt) },
        { title: t('webhookUrl'), dataIndex: 'url', ellipsis: true },
      ]}
    />
  );
}
