// The parts a designation (black list) and a red listing form share: the subject, the document the
// listing rests on with its scan, and the choice of measures (or incentives) from the catalogue.
// Each form has its own zod schema; these parts see only the fields both have.
import { citeSources } from '../../../domain/policy';
import { Card, Checkbox, DatePicker, Input, Radio, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useWatch, type Control } from 'react-hook-form';
import { SUBJECT_TYPES } from '../../../domain/vocabulary';
import type { AttachmentView, Reference } from '../api';
import { AttachmentsInput } from './AttachmentsInput';
import { FormField } from './FormField';
import { useI18n } from '../i18n';

/** The fields both forms have; a form passes its control as this (its own schema has more). */
export interface SharedCaseFields {
  subjectName: string;
  subjectType: 'ORGANISATION' | 'PERSON';
  subjectCode: string;
  listType: string;
  basis: { kind: string; number: string; issuer: string; date: string; attachments?: string[] };
  reasons: string;
  recommendedMeasures?: { measureId: string; reasons: string }[];
}
type Shared = Control<SharedCaseFields>;

/** The subject: its name, type and code (USCC or resident ID), the code fixed once filed. */
export function SubjectFields({ control, codeLocked }: { control: Shared; codeLocked?: boolean }) {
  const { t, label } = useI18n();
  const subjectType = useWatch({ control, name: 'subjectType' });
  return (
    <>
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
            disabled={codeLocked}
            style={{ fontFamily: 'monospace' }}
            onChange={(e) => f.onChange(e.target.value.toUpperCase())}
          />
        )}
      </FormField>
    </>
  );
}

/** The list, among those of one kind (black or red). */
export function ListTypeField({ control, reference, kind }: { control: Shared; reference: Reference | null; kind: 'BLACK' | 'RED' }) {
  const { t, locale } = useI18n();
  return (
    <FormField control={control} name="listType" label={t('listType')} required>
      {(f) => (
        <Select
          {...f}
          style={{ minWidth: 320 }}
          loading={!reference}
          options={reference?.listTypes
            // A retired list type names its cases but takes no new one (the server refuses it too).
            .filter((l) => l.kind === kind && l.active)
            .map((l) => ({ value: l.code, label: locale === 'en' ? l.nameEn : l.name }))}
        />
      )}
    </FormField>
  );
}

/** The document the listing rests on (据以认定的文书): its kind among `kinds`, number, issuer, date and scan. */
export function BasisFields({ control, kinds, known }: { control: Shared; kinds: readonly string[]; known?: AttachmentView[] }) {
  const { t, label } = useI18n();
  return (
    <Card size="small" title={t('basis')} style={{ marginBottom: 16 }}>
      <FormField control={control} name="basis.kind" label={t('basisKind')} required>
        {(f) => <Select {...f} options={kinds.map((v) => ({ value: v, label: label(v) }))} />}
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
        {(f) => <AttachmentsInput id={f.id} value={f.value} onChange={f.onChange} known={known} />}
      </FormField>
    </Card>
  );
}

/**
 * The catalogue's measures (or incentives) that apply: the mandatory ones listed, the recommended
 * ones to choose, each chosen with why (the decision states it).
 */
export function MeasuresChoice({
  control,
  reference,
  applicable,
  title,
  mandatoryText,
  onPersons,
}: {
  control: Shared;
  reference: Reference | null;
  applicable: Reference['measures'];
  title: string;
  mandatoryText: string;
  /** Whether a measure falls on the responsible persons rather than the subject (a black listing of an organisation). */
  onPersons?: (m: Reference['measures'][number]) => boolean;
}) {
  const { t } = useI18n();
  const chosen = useWatch({ control, name: 'recommendedMeasures' }) ?? [];
  return (
    <Card size="small" title={title} style={{ marginBottom: 16 }} data-testid="measures">
      <Typography.Paragraph type="secondary">{mandatoryText}</Typography.Paragraph>
      <ul>
        {applicable
          .filter((m) => m.mandatory)
          .map((m) => (
            <li key={m.id}>
              {onPersons?.(m) && `${t('onResponsiblePersons')}：`}
              {m.content}（{m.implementingDepartment.name}；{citeSources(m.legalBasis)}）
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
  );
}
