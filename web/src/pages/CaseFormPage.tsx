// The designation form (认定登记): validated as the user types with the same zod schema the API uses.
import { Alert, Button, Card, DatePicker, Form, Input, Radio, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useNavigate } from 'react-router';
import { designationSchema, type DesignationForm, type DesignationInput } from '../../../domain/schemas';
import { BASIS_KINDS, SUBJECT_TYPES, TIERS } from '../../../domain/vocabulary';
import { api, type Reference } from '../api';
import { FormField } from '../components/FormField';
import { applyServerErrors } from '../components/serverErrors';
import { useI18n } from '../i18n';

const EMPTY: DesignationForm = {
  subjectName: '',
  subjectType: 'ORGANISATION',
  subjectCode: '',
  listType: '',
  tier: 'SERIOUS',
  basis: { kind: 'ADMINISTRATIVE_PENALTY', number: '', issuer: '', date: '' },
  reasons: '',
};

export function CaseFormPage() {
  const { t, label, locale } = useI18n();
  const navigate = useNavigate();
  const [reference, setReference] = useState<Reference | null>(null);
  const [error, setError] = useState<string | null>(null);
  const {
    control,
    handleSubmit,
    setError: setFieldError,
    formState,
  } = useForm<DesignationForm, unknown, DesignationInput>({
    resolver: zodResolver(designationSchema),
    defaultValues: EMPTY,
    mode: 'onTouched',
  });
  const subjectType = useWatch({ control, name: 'subjectType' });
  useEffect(() => {
    void api<Reference>('GET', '/api/reference').then(setReference);
  }, []);

  const submit = handleSubmit(async (values) => {
    setError(null);
    try {
      const created = await api<{ id: string }>('POST', '/api/cases', values);
      navigate(`/cases/${created.id}`);
    } catch (e) {
      setError(applyServerErrors(e, setFieldError));
    }
  });

  return (
    <Card title={t('newCase')}>
      <Form layout="vertical" component="form" onFinish={() => submit()} style={{ maxWidth: 760 }}>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
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
            <Input {...f} maxLength={18} style={{ fontFamily: 'monospace' }} onChange={(e) => f.onChange(e.target.value.toUpperCase())} />
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
        </Card>
        <FormField control={control} name="reasons" label={t('reasons')} required>
          {(f) => <Input.TextArea {...f} rows={5} showCount maxLength={5000} />}
        </FormField>
        <Button type="primary" htmlType="submit" loading={formState.isSubmitting}>
          {t('submitCase')}
        </Button>
      </Form>
    </Card>
  );
}
