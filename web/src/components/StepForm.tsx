// One form for every human step, built from the step catalogue (domain/steps.ts): the step's zod
// schema says which fields there are — read through its JSON Schema — and checks them before the
// API does; the catalogue says which field is the decision, which answer is usual and which fields
// show only for some answers; the words are the catalogue of texts' (domain/i18n, `stepForm`).
// The form carries the case revision it was opened on; the workflow refuses it if the case moved.
import { Alert, Button, Card, Checkbox, Form, Input, Radio, Space, Tag } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { DefaultValues, FieldPath, FieldValues } from 'react-hook-form';
import type { z } from 'zod';
import type { OpenStep } from '../../../domain/procedure';
import { STEPS, stepPath, type StepEntry } from '../../../domain/steps';
import { fieldsOf, type Field } from '../../../domain/step-fields';
import { useI18n } from '../i18n';
import { shanghaiDate } from '../../../domain/workdays';
import { AttachmentsInput } from './AttachmentsInput';
import { FormField } from './FormField';
import { useActionForm, type Confirmation } from './useActionForm';

export function StepForm({
  caseId,
  step,
  revision,
  onDone,
  asParty = false,
  about,
  choices = {},
  unitsTold = 0,
  preview,
}: {
  caseId: string;
  step: OpenStep;
  revision: number;
  onDone(): void;
  /** The party's own form: the fields the catalogue fixes for it are sent without asking. */
  asParty?: boolean;
  /** What the step is taken on, in words (the documents being served). */
  about?: string;
  /** The values a choice field may take on this matter (e.g. the remedies that fit what an objection concerns). */
  choices?: Record<string, readonly string[]>;
  /** How many cooperating units the step's outcome will be pushed to: the confirmation says so. */
  unitsTold?: number;
  /** The document the decision approves, as it will be served (a draft, numbered on approval): read before deciding. */
  preview?: { href: string; title: string };
}) {
  const name = step.step;
  const entry: StepEntry = STEPS[name];
  const { t, option, date, stepName, stepText } = useI18n();
  const fixed = (asParty && entry.partyTakes) || {};
  const fields = useMemo(
    () =>
      fieldsOf(name).map((f) =>
        (f.kind === 'choice' || f.kind === 'choices') && choices[f.name]
          ? {
              ...f,
              options: f.options.filter((v) => choices[f.name]!.includes(v)),
              initial: f.kind === 'choice' ? choices[f.name]![0] : f.initial,
            }
          : f,
      ),
    // The allowed values are fixed for the matter the form is on (the form is keyed by it).
    [name],
  );
  // A date starts at today's (Asia/Shanghai): the usual answer for a receipt.
  const initial = (f: Field) =>
    fixed[f.name] === 'today' || (f.kind === 'date' && !fixed[f.name]) ? shanghaiDate(new Date()) : (fixed[f.name] ?? f.initial);
  const defaults = Object.fromEntries([['revision', revision], ...fields.map((f) => [f.name, initial(f)])]) as DefaultValues<FieldValues>;
  const path = `/api/cases/${caseId}/${stepPath(name, step.matterId)}`;
  // Every step asks first, saying what will follow, and reports that it was done.
  const text = (key: string) => {
    const s = stepText(name, key);
    return s === key ? null : s;
  };
  const confirm = (values: FieldValues): Confirmation => {
    const answer = entry.decides ? values[entry.decides] : undefined;
    const which = typeof answer === 'boolean' ? (answer ? 'yes' : 'no') : null;
    const effect = (asParty && text('partyEffect')) || (which && text(`effect.${which}`)) || text('effect') || t('stepEffectRecorded');
    return {
      title: t('confirmStep', which ? `${stepName(name)}（${stepText(name, which)}）` : stepName(name)),
      content: effect.replace('{0}', String(unitsTold)),
      okText: t('confirmOk'),
      cancelText: t('confirmCancel'),
      danger: entry.grave || (which !== null && answer !== (entry.usualAnswer ?? true)),
    };
  };
  const { control, submit, error, formState, setValue, watch } = useActionForm(
    entry.schema as z.ZodType<FieldValues, FieldValues>,
    defaults,
    path,
    onDone,
    { confirm, done: t('stepDone', stepName(name)) },
  );
  const values = watch();
  const shown = (f: Field) => Object.entries(entry.show?.[f.name] ?? {}).every(([k, v]) => values[k] === v);
  // The decision is two buttons, unless other fields depend on the answer: then a choice first.
  const asButtons = entry.decides !== undefined && !Object.values(entry.show ?? {}).some((c) => entry.decides! in c);
  const idPrefix = `${name}-${step.matterId ?? 'case'}`;

  const title = (
    <Space wrap>
      <span>{asParty && entry.partyTakes ? stepText(name, 'party') : stepName(name)}</span>
      {about && <Tag>{about}</Tag>}
      {step.deadline && (
        <Tag color={step.overdue ? 'red' : 'blue'}>
          {t('dueBy')} {date(step.deadline.date)} 24:00{step.overdue ? ` · ${t('overdue')}` : ''}
        </Tag>
      )}
    </Space>
  );
  if (entry.page) {
    return (
      <Card title={title} data-testid={`step-${name}`}>
        <Link to={`/cases/${caseId}/${entry.page}`}>
          <Button type="primary">{stepText(name, 'open')}</Button>
        </Link>
      </Card>
    );
  }
  const decide = (answer: boolean) => {
    setValue(entry.decides!, answer);
    return submit();
  };
  const usual = entry.usualAnswer ?? true;
  return (
    <Card title={title} data-testid={`step-${name}`}>
      <Form layout="vertical" component="form" onFinish={() => submit()}>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
        {preview && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('previewBeforeDeciding')}
            description={
              <a href={preview.href} target="_blank" rel="noreferrer" data-testid="preview">
                {preview.title}
              </a>
            }
          />
        )}
        {fields
          .filter((f) => shown(f) && !(asButtons && f.kind === 'decision') && !(f.name in fixed))
          .map((f) => (
            <FormField
              key={f.name}
              control={control}
              name={f.name as FieldPath<FieldValues>}
              idPrefix={idPrefix}
              label={f.kind === 'confirm' ? '' : stepText(name, f.name)}
              required={f.required || f.kind === 'decision'}
            >
              {({ value, onChange, ...p }) => {
                switch (f.kind) {
                  case 'decision':
                    return (
                      <Radio.Group
                        {...p}
                        value={value}
                        onChange={onChange}
                        options={[true, false].map((v) => ({ value: v, label: stepText(name, v ? 'yes' : 'no') }))}
                      />
                    );
                  case 'confirm':
                    return (
                      <Checkbox {...p} checked={value === true} onChange={(e) => onChange(e.target.checked)}>
                        {stepText(name, f.name)}
                      </Checkbox>
                    );
                  case 'choice':
                  case 'choices': {
                    // One of the vocabulary's values, or several.
                    const Group = f.kind === 'choice' ? Radio.Group : Checkbox.Group;
                    return (
                      <Group
                        {...p}
                        value={value}
                        onChange={onChange}
                        options={f.options.map((v) => ({ value: v, label: option(name, f.name, v) }))}
                      />
                    );
                  }
                  case 'date':
                    return <Input {...p} type="date" value={value} onChange={onChange} style={{ maxWidth: 220 }} />;
                  case 'text':
                    return <Input.TextArea {...p} value={value} onChange={onChange} rows={f.rows} />;
                  case 'files':
                    return <AttachmentsInput id={p.id} value={value} onChange={onChange} />;
                }
              }}
            </FormField>
          ))}
        {asButtons ? (
          <Space>
            {[usual, !usual].map((answer) => (
              <Button
                key={String(answer)}
                type={answer === usual ? 'primary' : 'default'}
                danger={answer !== usual}
                onClick={() => decide(answer)}
                loading={formState.isSubmitting}
              >
                {stepText(name, answer ? 'yes' : 'no')}
              </Button>
            ))}
          </Space>
        ) : (
          <Button type="primary" htmlType="submit" danger={entry.grave} loading={formState.isSubmitting}>
            {stepText(name, asParty && entry.partyTakes ? 'partySubmit' : 'submit')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
