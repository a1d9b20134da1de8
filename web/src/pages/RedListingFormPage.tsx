// A red listing (列入守信激励对象名单): the subject, the red list, the commendation or credit evaluation
// it rests on, the reasons and the incentives proposed — validated as the user types with the zod
// schema the API uses. No tier, no responsible persons: it restrains no one.
import { citeSources } from '../../../domain/policy';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { useForm, useWatch, type Control } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Link, useNavigate } from 'react-router';
import { redListingSchema, type RedListingForm, type RedListingInput } from '../../../domain/schemas';
import { RED_BASIS_KINDS } from '../../../domain/vocabulary';
import { api, ApiError, type FilingResult, type Reference } from '../api';
import { BasisFields, ListTypeField, MeasuresChoice, SubjectFields, type SharedCaseFields } from '../components/CaseFormParts';
import { FormField } from '../components/FormField';
import { applyServerErrors } from '../components/serverErrors';
import { useI18n } from '../i18n';

const EMPTY: RedListingForm = {
  subjectName: '',
  subjectType: 'ORGANISATION',
  subjectCode: '',
  listType: '',
  basis: { kind: 'COMMENDATION', number: '', issuer: '', date: '', attachments: [] },
  reasons: '',
  recommendedMeasures: [],
};

export function RedListingFormPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [reference, setReference] = useState<Reference | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [existing, setExisting] = useState<{ id: string; caseNumber: string } | null>(null);
  const [filingKey] = useState(() => crypto.randomUUID());
  const {
    control,
    handleSubmit,
    setError: setFieldError,
    formState,
  } = useForm<RedListingForm, unknown, RedListingInput>({
    resolver: zodResolver(redListingSchema),
    defaultValues: EMPTY,
    mode: 'onTouched',
  });
  const shared = control as unknown as Control<SharedCaseFields>;
  const listType = useWatch({ control, name: 'listType' });
  const subjectType = useWatch({ control, name: 'subjectType' });
  const list = reference?.listTypes.find((l) => l.code === listType);
  const applicable =
    reference?.measures.filter((m) => m.listTypes.includes(listType) && m.targets.includes(subjectType ?? 'ORGANISATION')) ?? [];
  useEffect(() => {
    void api<Reference>('GET', '/api/reference').then(setReference);
  }, []);

  const submit = handleSubmit(async (values) => {
    setError(null);
    setExisting(null);
    try {
      // One key per filling-in of the form: pressing submit again (or after a lost answer) files once.
      const created = await api<FilingResult>('POST', '/api/red-listings', values, { 'Idempotency-Key': filingKey });
      void navigate(`/cases/${created.id}`);
    } catch (e) {
      if (e instanceof ApiError && (e.extra.code === 'DISHONEST_IN_FIELD' || e.extra.code === 'DUPLICATE_LISTING')) {
        setExisting({ id: String(e.extra.existingCaseId), caseNumber: String(e.extra.existingCaseNumber) });
      }
      setError(applyServerErrors(e, setFieldError));
    }
  });

  return (
    <Card title={t('newRedListing')}>
      <Form layout="vertical" component="form" onFinish={() => submit()} style={{ maxWidth: 760 }}>
        <Alert type="info" showIcon title={t('redListingHint')} style={{ marginBottom: 16 }} />
        {error && (
          <Alert
            type="error"
            title={error}
            description={existing && <Link to={`/cases/${existing.id}`}>{t('openExisting', existing.caseNumber)}</Link>}
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="filing-error"
          />
        )}
        <SubjectFields control={shared} />
        <ListTypeField control={shared} reference={reference} kind="RED" />
        {list && (
          <Alert
            type="success"
            title={t('redValidity', list.validityMonths ?? 12)}
            description={citeSources(list.legalBasis)}
            style={{ marginBottom: 16 }}
            data-testid="red-validity"
          />
        )}
        <BasisFields control={shared} kinds={RED_BASIS_KINDS} />
        <FormField control={control} name="reasons" label={t('redReasons')} required>
          {(f) => <Input.TextArea {...f} rows={4} showCount maxLength={5000} />}
        </FormField>
        {listType && (
          <MeasuresChoice
            control={shared}
            reference={reference}
            applicable={applicable}
            title={t('incentives')}
            mandatoryText={t('mandatoryIncentives')}
          />
        )}
        <Button type="primary" htmlType="submit" loading={formState.isSubmitting}>
          {t('submitCase')}
        </Button>
      </Form>
    </Card>
  );
}
