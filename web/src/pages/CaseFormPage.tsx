// The designation form (认定登记): validated as the user types with the same zod schema the API uses.
import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, Radio, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Link, useNavigate, useParams } from 'react-router';
import { designationSchema, type DesignationForm, type DesignationInput } from '../../../domain/schemas';
import { BASIS_KINDS, LENIENCY_GROUNDS, RESPONSIBLE_ROLES, SUBJECT_TYPES, TIERS } from '../../../domain/vocabulary';
import { api, ApiError, type AttachmentView, type CaseDetail, type FilingResult, type Reference } from '../api';
import { AttachmentsInput } from '../components/AttachmentsInput';
import { FormField } from '../components/FormField';
import { applyServerErrors } from '../components/serverErrors';
import { useI18n } from '../i18n';

const EMPTY: DesignationForm = {
  subjectName: '',
  subjectType: 'ORGANISATION',
  subjectCode: '',
  listType: '',
  tier: 'SERIOUS',
  basis: { kind: 'ADMINISTRATIVE_PENALTY', number: '', issuer: '', date: '', attachments: [] },
  reasons: '',
  responsiblePersons: [{ role: 'LEGAL_REPRESENTATIVE', name: '', idNumber: '' }],
  leniency: { grounds: [], reasons: '' },
  recommendedMeasures: [],
  minorPublicationReasons: '',
  unrepairable: false,
};

/**
 * A new case, or (`/cases/:id/revise`) a draft the supervisor returned: the same form, filled in
 * with the draft as submitted, sent back for approval with the case revision it was opened on.
 */
export function CaseFormPage() {
  const { id: reviseId } = useParams();
  const [revising, setRevising] = useState<{ revision: number; returnedFor: string | null } | null>(null);
  const { t, label, locale } = useI18n();
  const navigate = useNavigate();
  const [reference, setReference] = useState<Reference | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filingKey] = useState(() => crypto.randomUUID());
  const [duplicate, setDuplicate] = useState<{ url: string; caseNumber: string } | null>(null);
  // A draft being revised: the scans already filed with it, by name.
  const [filedScans, setFiledScans] = useState<AttachmentView[]>([]);
  const {
    control,
    handleSubmit,
    setError: setFieldError,
    formState,
    reset,
  } = useForm<DesignationForm, unknown, DesignationInput>({
    resolver: zodResolver(designationSchema),
    defaultValues: EMPTY,
    mode: 'onTouched',
  });
  const subjectType = useWatch({ control, name: 'subjectType' });
  const persons = useFieldArray({ control, name: 'responsiblePersons' });
  const listType = useWatch({ control, name: 'listType' });
  const tier = useWatch({ control, name: 'tier' });
  const minorPublication = useWatch({ control, name: 'minorPublicationReasons' });
  const chosen = useWatch({ control, name: 'recommendedMeasures' }) ?? [];
  // The measures that suit this list, tier and subject (过惩相当); publication only for a published record.
  const published = tier !== 'MINOR' || (minorPublication ?? '').trim() !== '';
  const applicable =
    reference?.measures.filter(
      (m) =>
        m.listTypes.includes(listType) &&
        m.tiers.includes(tier ?? 'SERIOUS') &&
        (subjectType === 'PERSON' ? m.targets.includes('PERSON') : m.targets.some((x) => x !== 'PERSON')) &&
        !(m.discloses && !published),
    ) ?? [];
  useEffect(() => {
    void api<Reference>('GET', '/api/reference').then(setReference);
  }, []);
  useEffect(() => {
    if (!reviseId) return;
    void api<CaseDetail>('GET', `/api/cases/${reviseId}`).then((c) => {
      if (c.form) reset(c.form);
      setFiledScans(c.attachments.filter((a) => a.purpose === 'BASIS_DOCUMENT'));
      const returned = [...c.events].reverse().find((e) => e.action === 'NOTICE_RETURNED');
      setRevising({ revision: c.procedure?.revision ?? -1, returnedFor: returned?.reason ?? null });
    });
  }, [reviseId, reset]);

  const submit = handleSubmit(async (values) => {
    setError(null);
    setDuplicate(null);
    try {
      if (reviseId) {
        await api('POST', `/api/cases/${reviseId}/draft`, { revision: revising?.revision, form: values });
        void navigate(`/cases/${reviseId}`);
        return;
      }
      // One key per filling-in of the form: pressing submit again (or after a lost answer) files once.
      const created = await api<FilingResult>('POST', '/api/cases', values, { 'Idempotency-Key': filingKey });
      void navigate(`/cases/${created.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.extra.code === 'DUPLICATE_LISTING') {
        setDuplicate({ url: String(e.extra.existingCaseUrl), caseNumber: String(e.extra.existingCaseNumber) });
      }
      setError(applyServerErrors(e, setFieldError));
    }
  });

  return (
    <Card title={reviseId ? t('reviseDraft') : t('newCase')}>
      <Form layout="vertical" component="form" onFinish={() => submit()} style={{ maxWidth: 760 }}>
        {revising?.returnedFor && (
          <Alert type="warning" showIcon title={t('returnedFor')} description={revising.returnedFor} style={{ marginBottom: 16 }} />
        )}
        {error && (
          <Alert
            type="error"
            title={error}
            description={duplicate && <Link to={duplicate.url}>{t('openExisting', duplicate.caseNumber)}</Link>}
            showIcon
            style={{ marginBottom: 16 }}
          />
        )}
        <FormField control={control} name="subjectName" label={t('subjectName')} required>
          {(f) => <Input {...f} />}
        </FormField>
        <FormField control={control} name="subjectType" label={t('subjectType')} required>
          {(f) => <Radio.Group {...f} options={SUBJECT_TYPES.map((v) => ({ value: v, label: label(v) }))} />}
        </FormField>
        <FormField
          control={control}
          name="subjectCode"
          label={t('subjectCode')}
          extra={subjectType === 'PERSON' ? t('subjectCodeHintPerson') : t('subjectCodeHintOrg')}
          required
        >
          {(f) => (
            <Input
              {...f}
              maxLength={18}
              disabled={Boolean(reviseId)}
              style={{ fontFamily: 'monospace' }}
              onChange={(e) => f.onChange(e.target.value.toUpperCase())}
            />
          )}
        </FormField>
        <Space size="large" wrap>
          <FormField control={control} name="listType" label={t('listType')} required>
            {(f) => (
              <Select
                {...f}
                style={{ minWidth: 320 }}
                loading={!reference}
                options={reference?.listTypes.map((l) => ({ value: l.code, label: locale === 'en' ? l.nameEn : l.name }))}
              />
            )}
          </FormField>
          <FormField control={control} name="tier" label={t('tier')} required>
            {(f) => <Radio.Group {...f} optionType="button" options={TIERS.map((v) => ({ value: v, label: label(v) }))} />}
          </FormField>
        </Space>
        <Card size="small" title={t('basis')} style={{ marginBottom: 16 }}>
          <FormField control={control} name="basis.kind" label={t('basisKind')} required>
            {(f) => <Select {...f} options={BASIS_KINDS.map((v) => ({ value: v, label: label(v) }))} />}
          </FormField>
          <Space size="large" wrap>
            <FormField control={control} name="basis.number" label={t('basisNumber')} required>
              {(f) => <Input {...f} placeholder="市税稽罚〔2026〕15号" style={{ minWidth: 260 }} />}
            </FormField>
            <FormField control={control} name="basis.issuer" label={t('basisIssuer')} required>
              {(f) => <Input {...f} style={{ minWidth: 260 }} />}
            </FormField>
            <FormField control={control} name="basis.date" label={t('basisDate')} required>
              {(f) => (
                <DatePicker
                  id={f.id}
                  ref={f.ref}
                  onBlur={f.onBlur}
                  format="YYYY-MM-DD"
                  value={f.value ? dayjs(f.value as string) : null}
                  onChange={(d) => f.onChange(d ? d.format('YYYY-MM-DD') : '')}
                  disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                />
              )}
            </FormField>
          </Space>
          <FormField control={control} name="basis.attachments" label={t('basisScan')}>
            {(f) => <AttachmentsInput id={f.id} value={f.value} onChange={f.onChange} known={filedScans} />}
          </FormField>
        </Card>
        <FormField control={control} name="reasons" label={t('reasons')} required>
          {(f) => <Input.TextArea {...f} rows={5} showCount maxLength={5000} />}
        </FormField>
        {subjectType === 'ORGANISATION' && (
          <Card size="small" title={t('responsiblePersons')} style={{ marginBottom: 16 }}>
            <FormField control={control} name="responsiblePersons" label="">
              {() => <span />}
            </FormField>
            {persons.fields.map((p, i) => (
              <Space key={p.id} size="middle" wrap align="start">
                <FormField control={control} name={`responsiblePersons.${i}.role`} label={t('responsibleRole')}>
                  {(f) => (
                    <Select
                      {...f}
                      aria-label={`${t('responsibleRole')} ${i + 1}`}
                      style={{ minWidth: 150 }}
                      options={RESPONSIBLE_ROLES.map((v) => ({ value: v, label: label(v) }))}
                    />
                  )}
                </FormField>
                <FormField control={control} name={`responsiblePersons.${i}.name`} label={t('personName')}>
                  {(f) => <Input {...f} aria-label={`${t('personName')} ${i + 1}`} />}
                </FormField>
                <FormField control={control} name={`responsiblePersons.${i}.idNumber`} label={t('residentId')}>
                  {(f) => (
                    <Input
                      {...f}
                      aria-label={`${t('residentId')} ${i + 1}`}
                      maxLength={18}
                      style={{ fontFamily: 'monospace', minWidth: 220 }}
                      onChange={(e) => f.onChange(e.target.value.toUpperCase())}
                    />
                  )}
                </FormField>
                <Button style={{ marginTop: 30 }} onClick={() => persons.remove(i)}>
                  {t('remove')}
                </Button>
              </Space>
            ))}
            <Button onClick={() => persons.append({ role: 'DIRECTLY_RESPONSIBLE', name: '', idNumber: '' })}>{t('addPerson')}</Button>
          </Card>
        )}
        {listType && (
          <Card size="small" title={t('measures')} style={{ marginBottom: 16 }} data-testid="measures">
            <Typography.Paragraph type="secondary">{t('mandatoryMeasures')}</Typography.Paragraph>
            <ul>
              {applicable
                .filter((m) => m.mandatory)
                .map((m) => (
                  <li key={m.id}>
                    {subjectType !== 'PERSON' && !m.targets.includes('ORGANISATION') && `${t('onResponsiblePersons')}：`}
                    {m.content}（{m.implementingDepartment.name}；{m.legalBasis}）
                  </li>
                ))}
            </ul>
            <FormField control={control} name="recommendedMeasures" label={t('recommendedMeasures')}>
              {(f) => (
                <Checkbox.Group
                  value={(f.value ?? []).map((m) => m.measureId)}
                  onChange={(ids) =>
                    f.onChange(ids.map((id) => (f.value ?? []).find((m) => m.measureId === id) ?? { measureId: String(id), reasons: '' }))
                  }
                  style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
                  options={applicable
                    .filter((m) => !m.mandatory)
                    .map((m) => ({ value: m.id, label: `${m.content}（${m.implementingDepartment.name}）` }))}
                />
              )}
            </FormField>
            {/* Each recommended measure chosen says why: the decision states it (过惩相当). */}
            {chosen.map((m, i) => (
              <FormField
                key={m.measureId}
                control={control}
                name={`recommendedMeasures.${i}.reasons`}
                label={`${t('measureReasons')}：${reference?.measures.find((x) => x.id === m.measureId)?.content ?? ''}`}
                required
              >
                {(f) => <Input.TextArea {...f} rows={2} />}
              </FormField>
            ))}
          </Card>
        )}
        {tier === 'MINOR' && (
          <Card size="small" style={{ marginBottom: 16 }} data-testid="minor-publication">
            <Alert type="info" showIcon title={t('minorNotPublished')} style={{ marginBottom: 12 }} />
            <FormField control={control} name="minorPublicationReasons" label={t('minorPublicationReasons')}>
              {(f) => <Input.TextArea {...f} rows={2} />}
            </FormField>
          </Card>
        )}
        <Card size="small" title={t('leniency')} style={{ marginBottom: 16 }}>
          <FormField control={control} name="leniency.grounds" label={t('leniencyGrounds')}>
            {(f) => (
              <Checkbox.Group
                value={f.value}
                onChange={f.onChange}
                options={LENIENCY_GROUNDS.map((v) => ({ value: v, label: label(v) }))}
              />
            )}
          </FormField>
          <FormField control={control} name="leniency.reasons" label={t('leniencyReasons')}>
            {(f) => <Input.TextArea {...f} rows={2} />}
          </FormField>
        </Card>
        <FormField control={control} name="unrepairable" label="">
          {({ value, onChange, ...f }) => (
            <Checkbox {...f} checked={value === true} onChange={(e) => onChange(e.target.checked)}>
              {t('unrepairableCheck')}
            </Checkbox>
          )}
        </FormField>
        <Button type="primary" htmlType="submit" loading={formState.isSubmitting}>
          {reviseId ? t('resubmit') : t('submitCase')}
        </Button>
      </Form>
    </Card>
  );
}
