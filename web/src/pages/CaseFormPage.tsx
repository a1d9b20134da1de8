// The designation form (认定登记): validated as the user types with the same zod schema the API uses.
import { Alert, Button, Card, Checkbox, Form, Input, Radio, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useFieldArray, useForm, useWatch, type Control } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Link, useNavigate, useParams } from 'react-router';
import { designationSchema, type DesignationForm, type DesignationInput } from '../../../domain/schemas';
import { BLACK_BASIS_KINDS, LENIENCY_GROUNDS, RESPONSIBLE_ROLES, TIERS } from '../../../domain/vocabulary';
import { api, ApiError, type AttachmentView, type CaseDetail, type FilingResult, type Reference } from '../api';
import { BasisFields, ListTypeField, MeasuresChoice, SubjectFields, type SharedCaseFields } from '../components/CaseFormParts';
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
  const { t, label } = useI18n();
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
  // The parts it shares with the red listing form see only the fields both have.
  const shared = control as unknown as Control<SharedCaseFields>;
  const subjectType = useWatch({ control, name: 'subjectType' });
  const persons = useFieldArray({ control, name: 'responsiblePersons' });
  const listType = useWatch({ control, name: 'listType' });
  const tier = useWatch({ control, name: 'tier' });
  const minorPublication = useWatch({ control, name: 'minorPublicationReasons' });
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
      if (c.form && 'tier' in c.form) reset(c.form); // only a designation is revised
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
        <SubjectFields control={shared} codeLocked={Boolean(reviseId)} />
        <Space size="large" wrap>
          <ListTypeField control={shared} reference={reference} kind="BLACK" />
          <FormField control={control} name="tier" label={t('tier')} required>
            {(f) => <Radio.Group {...f} optionType="button" options={TIERS.map((v) => ({ value: v, label: label(v) }))} />}
          </FormField>
        </Space>
        <BasisFields control={shared} kinds={BLACK_BASIS_KINDS} known={filedScans} />
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
          <MeasuresChoice
            control={shared}
            reference={reference}
            applicable={applicable}
            title={t('measures')}
            mandatoryText={t('mandatoryMeasures')}
            onPersons={(m) => subjectType !== 'PERSON' && !m.targets.includes('ORGANISATION')}
          />
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
