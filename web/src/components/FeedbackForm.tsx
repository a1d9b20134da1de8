// A unit's execution feedback on one measure, on one subject (执行反馈): applied (the day, the
// matter), not applicable (why) or lifted (the day), checked with the shared schema first.
import { Alert, Button, Form, Input, Select, Space } from 'antd';
import { useWatch } from 'react-hook-form';
import { executionFeedbackSchema } from '../../../domain/schemas';
import { FEEDBACK_OUTCOMES } from '../../../domain/vocabulary';
import { FormField } from './FormField';
import { useActionForm } from './useActionForm';
import { useI18n } from '../i18n';

export function FeedbackForm(props: { pushId: string; measureId: string; subjectCode: string; onDone: () => void }) {
  const { t, label } = useI18n();
  const { control, submit, error, formState } = useActionForm(
    executionFeedbackSchema,
    // No day until one is entered: "not applicable" takes none, and an empty one is not a day.
    { measureId: props.measureId, subjectCode: props.subjectCode, outcome: 'APPLIED', on: undefined, matter: '', reason: '' },
    `/api/pushes/${props.pushId}/feedback`,
    props.onDone,
    { done: t('feedbackRecorded') },
  );
  const outcome = useWatch({ control, name: 'outcome' });
  const idPrefix = `fb-${props.measureId}-${props.subjectCode}`;
  return (
    <Form layout="inline" component="form" onFinish={() => submit()} data-testid={`feedback-${props.measureId}-${props.subjectCode}`}>
      {error && <Alert type="error" title={error} showIcon />}
      <Space wrap align="start">
        <FormField control={control} name="outcome" label={t('feedbackOutcome')} idPrefix={idPrefix}>
          {(f) => <Select {...f} style={{ width: 120 }} options={FEEDBACK_OUTCOMES.map((o) => ({ value: o, label: label(o) }))} />}
        </FormField>
        {outcome !== 'NOT_APPLICABLE' && (
          <FormField control={control} name="on" label={t('feedbackOn')} idPrefix={idPrefix}>
            {(f) => (
              <Input
                {...f}
                type="date"
                value={f.value ?? ''}
                onChange={(e) => f.onChange(e.target.value || undefined)}
                style={{ width: 150 }}
              />
            )}
          </FormField>
        )}
        {outcome === 'APPLIED' && (
          <FormField control={control} name="matter" label={t('feedbackMatter')} idPrefix={idPrefix}>
            {(f) => <Input {...f} value={f.value ?? ''} style={{ width: 280 }} />}
          </FormField>
        )}
        {outcome === 'NOT_APPLICABLE' && (
          <FormField control={control} name="reason" label={t('feedbackReason')} idPrefix={idPrefix}>
            {(f) => <Input {...f} value={f.value ?? ''} style={{ width: 280 }} />}
          </FormField>
        )}
        <Button htmlType="submit" type="primary" size="small" loading={formState.isSubmitting}>
          {t('recordFeedback')}
        </Button>
      </Space>
    </Form>
  );
}
