// Policies (政策参数): every period and switch of the procedure, per jurisdiction, versioned. Saving
// makes a new version for new cases; running cases keep theirs.
import { Alert, Button, Card, Form, Input, InputNumber, Radio, Select, Space, Switch, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { policyTermsSchema, type PolicyTermsInput } from '../../../domain/schemas';
import { TIERS } from '../../../domain/vocabulary';
import { PUBLICATION_STARTS, citeSources, type PolicyTerms } from '../../../domain/policy';
import { api, type PolicyVersion } from '../api';
import { FormField } from '../components/FormField';
import { applyServerErrors } from '../components/serverErrors';
import { useI18n } from '../i18n';

const DAY_FIELDS = [
  'noticeWorkingDays',
  'statementReviewWorkingDays',
  'objectionAcceptanceWorkingDays',
  'objectionVerificationWorkingDays',
  'repairAcceptanceWorkingDays',
  'repairDecisionWorkingDays',
  'unitAcknowledgementWorkingDays',
  'unitFeedbackWorkingDays',
  'unitLiftingWorkingDays',
] as const;

export function PoliciesPage({ canEdit }: { canEdit: boolean }) {
  const { t, label, dateTime } = useI18n();
  const [versions, setVersions] = useState<PolicyVersion[]>([]);
  const [code, setCode] = useState<string | null>(null);
  const [message, setMessage] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const { control, handleSubmit, reset, setError, formState } = useForm<PolicyTermsInput>({ resolver: zodResolver(policyTermsSchema) });
  const load = useCallback(async () => {
    const list = await api<PolicyVersion[]>('GET', '/api/policies');
    setVersions(list);
    setCode((c) => c ?? list[0]?.code ?? null);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const latest = versions.find((v) => v.code === code);
  /** Where the value comes from: the document and article, or local choice. */
  const sourceOf = (key: keyof PolicyTerms) =>
    latest?.valueSources[key] ? `${t('valueSource')}：${citeSources(latest.valueSources[key])}` : undefined;
  useEffect(() => {
    if (latest) {
      const {
        id: _id,
        code: _c,
        version: _v,
        jurisdiction: _j,
        createdBy: _b,
        createdAt: _a,
        cases: _n,
        valueSources: _s,
        ...terms
      } = latest;
      reset(terms);
    }
  }, [latest, reset]);

  const save = handleSubmit(async (values) => {
    setMessage(null);
    try {
      const v = await api<PolicyVersion>('POST', `/api/policies/${code}/versions`, values);
      setMessage({ type: 'success', text: t('policySaved', `${v.name}（${t('policyVersion', v.version)}）`) });
      await load();
    } catch (e) {
      const text = applyServerErrors(e, setError);
      if (text) setMessage({ type: 'error', text });
    }
  });

  const codes = [...new Set(versions.map((v) => v.code))];
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('policies')}>
        <Select
          aria-label={t('policy')}
          value={code}
          onChange={setCode}
          style={{ minWidth: 320 }}
          options={codes.map((c) => ({ value: c, label: versions.find((v) => v.code === c)?.name ?? c }))}
        />
        <Table
          style={{ marginTop: 16 }}
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={versions.filter((v) => v.code === code)}
          columns={[
            {
              title: t('version'),
              dataIndex: 'version',
              render: (v, r, i) => (
                <Space>
                  {t('policyVersion', v)}
                  {i === 0 && <Tag color="blue">{t('current')}</Tag>}
                </Space>
              ),
            },
            { title: t('policyName'), dataIndex: 'name' },
            { title: t('noticeWorkingDays'), dataIndex: 'noticeWorkingDays' },
            {
              title: t('suspendMeasuresDuringVerification'),
              dataIndex: 'suspendMeasuresDuringVerification',
              render: (v) => (v ? t('yes') : t('no')),
            },
            { title: t('casesUnderVersion'), dataIndex: 'cases' },
            { title: t('createdBy'), render: (_v, r) => `${r.createdBy} · ${dateTime(r.createdAt)}` },
          ]}
        />
      </Card>
      {latest && (
        <Card title={canEdit ? t('newVersion', t('policyVersion', latest.version + 1)) : t('policy')}>
          <Form layout="vertical" component="form" onFinish={() => save()} disabled={!canEdit}>
            {message && <Alert type={message.type} title={message.text} showIcon style={{ marginBottom: 16 }} />}
            <FormField control={control} name="name" label={t('policyName')} required>
              {(f) => <Input {...f} />}
            </FormField>
            <FormField control={control} name="source" label={t('policySource')} required>
              {(f) => <Input {...f} />}
            </FormField>
            <Space wrap size="large">
              {DAY_FIELDS.map((name) => (
                <FormField
                  key={name}
                  control={control}
                  name={name}
                  label={`${t(name)}（${t('workingDaysUnit')}）`}
                  extra={sourceOf(name)}
                  required
                >
                  {(f) => <InputNumber {...f} />}
                </FormField>
              ))}
              <FormField
                control={control}
                name="rectificationMonths"
                label={t('rectificationMonths')}
                extra={sourceOf('rectificationMonths')}
                required
              >
                {(f) => <InputNumber {...f} addonAfter={t('monthsUnit')} />}
              </FormField>
              <FormField
                control={control}
                name="correctionNoticeDays"
                label={`${t('correctionNoticeDays')}（${t('calendarDaysUnit')}）`}
                extra={sourceOf('correctionNoticeDays')}
                required
              >
                {(f) => <InputNumber {...f} />}
              </FormField>
              <FormField
                control={control}
                name="announcementServiceDays"
                label={`${t('announcementServiceDays')}（${t('calendarDaysUnit')}）`}
                extra={sourceOf('announcementServiceDays')}
                required
              >
                {(f) => <InputNumber {...f} />}
              </FormField>
            </Space>
            <FormField
              control={control}
              name="objectionAcceptanceStep"
              label={t('objectionAcceptanceStep')}
              extra={sourceOf('objectionAcceptanceStep')}
            >
              {(f) => <Switch checked={f.value} onChange={f.onChange} ref={f.ref} />}
            </FormField>
            <FormField
              control={control}
              name="suspendMeasuresDuringVerification"
              label={t('suspendMeasuresDuringVerification')}
              extra={sourceOf('suspendMeasuresDuringVerification')}
            >
              {(f) => <Switch checked={f.value} onChange={f.onChange} ref={f.ref} />}
            </FormField>
            <FormField
              control={control}
              name="publicationStartsFrom"
              label={t('publicationStartsFrom')}
              extra={sourceOf('publicationStartsFrom')}
            >
              {(f) => <Radio.Group {...f} options={PUBLICATION_STARTS.map((v) => ({ value: v, label: label(v) }))} />}
            </FormField>
            <Space wrap size="large">
              {TIERS.map((tier) => (
                <Card key={tier} size="small" title={`${label(tier)} · ${t('publicationMonths')}`} extra={sourceOf('publicationMonths')}>
                  <Space>
                    <FormField control={control} name={`publicationMonths.${tier}.min`} label={t('min')}>
                      {(f) => <InputNumber {...f} />}
                    </FormField>
                    <FormField control={control} name={`publicationMonths.${tier}.max`} label={t('max')}>
                      {(f) => <InputNumber {...f} />}
                    </FormField>
                  </Space>
                </Card>
              ))}
            </Space>
            {canEdit && (
              <Button type="primary" htmlType="submit" loading={formState.isSubmitting} style={{ marginTop: 16 }}>
                {t('saveVersion')}
              </Button>
            )}
          </Form>
        </Card>
      )}
    </Space>
  );
}
