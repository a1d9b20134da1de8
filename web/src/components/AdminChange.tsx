// What every administrator's page does the same way: a change is made in a dialogue — its form
// checked by the shared zod schema, a reason always asked — then confirmed ("确认…？" saying what
// follows), sent, acknowledged; field errors the server finds go beside their fields. Each record's
// history (管理变更记录: who, when, before and after, why) opens in a drawer.
import { Alert, App, Button, Descriptions, Drawer, Form, Input, Modal, Space, Table, Tag, Typography, type ButtonProps } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useForm, type Control, type DefaultValues, type FieldValues, type Path } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import type { AdminChange, Paged } from '../../../domain/api';
import type { AdminEntity } from '../../../domain/vocabulary';
import { api } from '../api';
import { FormField } from './FormField';
import { applyServerErrors } from './serverErrors';
import { useI18n } from '../i18n';

export interface ChangeDialogue<S extends z.ZodType<FieldValues, FieldValues>> {
  title: string;
  schema: S;
  defaults: DefaultValues<z.input<S>>;
  method: 'POST' | 'PUT';
  path: string;
  /** What the confirmation says will follow. */
  confirm: (values: z.output<S>) => { title: string; content: string; danger?: boolean };
  done: string;
  fields?: (control: Control<z.input<S>, unknown, z.output<S>>) => ReactNode;
}

/** A change in a dialogue: its fields, the reason, a confirmation, the answer acknowledged. */
export function ChangeModal<S extends z.ZodType<FieldValues, FieldValues>>({
  dialogue,
  onClose,
  onDone,
}: {
  dialogue: ChangeDialogue<S> | null;
  onClose: () => void;
  onDone: () => void;
}) {
  return (
    <Modal
      open={dialogue !== null}
      title={dialogue?.title}
      footer={null}
      onCancel={onClose}
      destroyOnHidden
      width={640}
      mask={{ closable: false }}
    >
      {dialogue && <ChangeForm dialogue={dialogue} onClose={onClose} onDone={onDone} />}
    </Modal>
  );
}

function ChangeForm<S extends z.ZodType<FieldValues, FieldValues>>({
  dialogue,
  onClose,
  onDone,
}: {
  dialogue: ChangeDialogue<S>;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<z.input<S>, unknown, z.output<S>>({ resolver: zodResolver(dialogue.schema), defaultValues: dialogue.defaults });
  const submit = form.handleSubmit(
    (values) =>
      new Promise<void>((resolve) => {
        setError(null);
        const c = dialogue.confirm(values);
        modal.confirm({
          title: c.title,
          content: c.content,
          okText: t('confirmOk'),
          cancelText: t('confirmCancel'),
          okButtonProps: { danger: c.danger, 'data-testid': 'confirm-ok' } as ButtonProps,
          onOk: async () => {
            try {
              await api('' + dialogue.method, dialogue.path, values);
              void message.success(dialogue.done);
              onDone();
              onClose();
            } catch (e) {
              setError(applyServerErrors(e, form.setError));
            } finally {
              resolve();
            }
          },
          onCancel: () => resolve(),
        });
      }),
  );
  const control = form.control as unknown as Control<FieldValues, unknown, FieldValues>;
  return (
    <Form layout="vertical" component="form" onFinish={() => submit()} data-testid="change-form">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="change-error" />}
      {dialogue.fields?.(form.control)}
      <FormField
        control={control}
        name={'reason' as Path<FieldValues>}
        label={t('adminReason')}
        extra={t('adminReasonHint')}
        required
        idPrefix="change"
      >
        {(f) => <Input.TextArea {...f} rows={2} maxLength={500} />}
      </FormField>
      <Space>
        <Button type="primary" htmlType="submit" loading={form.formState.isSubmitting}>
          {t('adminSubmit')}
        </Button>
        <Button onClick={onClose}>{t('confirmCancel')}</Button>
      </Space>
    </Form>
  );
}

/** A record's history: every change made to it, newest first, with what it was before and after. */
export function HistoryDrawer({
  record,
  onClose,
}: {
  record: { entity: AdminEntity; id: string; name: string } | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [rows, setRows] = useState<AdminChange[] | null>(null);
  const [entity, id] = [record?.entity, record?.id];
  useEffect(() => {
    if (!entity || !id) return;
    setRows(null);
    const q = new URLSearchParams({ entity, entityId: id, pageSize: '100' });
    void api<Paged<AdminChange>>('GET', `/api/admin/changes?${q}`).then((p) => setRows(p.rows));
  }, [entity, id]);
  return (
    <Drawer open={record !== null} onClose={onClose} title={record ? t('historyOf', record.name) : ''} size={720} destroyOnHidden>
      <ChangeTable rows={rows} />
    </Drawer>
  );
}

/** Changes in a table, each opening its before and after. */
export function ChangeTable({ rows, table }: { rows: AdminChange[] | null; table?: Record<string, unknown> }) {
  const { t, label, dateTime } = useI18n();
  return (
    <Table<AdminChange>
      rowKey="id"
      size="small"
      loading={rows === null}
      dataSource={rows ?? []}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('noChanges') }}
      data-testid="admin-changes"
      expandable={{ expandedRowRender: (c) => <BeforeAfter change={c} /> }}
      {...table}
      columns={[
        { title: t('auditAt'), render: (_v, c) => dateTime(c.at) },
        { title: t('adminRecord'), render: (_v, c) => `${label(c.entity)} · ${c.entityName}` },
        { title: t('auditAction'), render: (_v, c) => <Tag>{label(c.action)}</Tag> },
        { title: t('auditActor'), render: (_v, c) => `${c.actorName}（${label(c.actorRole)}）` },
        { title: t('adminReason'), dataIndex: 'reason' },
      ]}
    />
  );
}

/** A change's record before and after, field by field, the changed ones marked. */
function BeforeAfter({ change }: { change: AdminChange }) {
  const { t, label } = useI18n();
  const keys = [...new Set([...Object.keys(change.before ?? {}), ...Object.keys(change.after ?? {})])];
  const show = (v: unknown): string =>
    v === null || v === undefined || v === ''
      ? '—'
      : typeof v === 'boolean'
        ? v
          ? t('yes')
          : t('no')
        : Array.isArray(v)
          ? v.map((x) => show(x)).join('、')
          : typeof v === 'string'
            ? label(v)
            : String(v);
  const field = (k: string) => {
    const key = `adminField.${k}` as Parameters<typeof t>[0];
    const text = t(key);
    return text ?? k;
  };
  return (
    <Descriptions size="small" column={1} bordered data-testid="before-after">
      {keys.map((k) => {
        const before = show(change.before?.[k]);
        const after = show(change.after?.[k]);
        return (
          <Descriptions.Item key={k} label={field(k)}>
            {change.before && change.after && before !== after ? (
              <Typography.Text>
                <Typography.Text delete type="secondary">
                  {before}
                </Typography.Text>{' '}
                → <Typography.Text strong>{after}</Typography.Text>
              </Typography.Text>
            ) : change.after ? (
              after
            ) : (
              before
            )}
          </Descriptions.Item>
        );
      })}
    </Descriptions>
  );
}
