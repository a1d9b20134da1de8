// The human steps of a case after the draft: the supervisor's approvals, objections and credit
// repair with the caseworker's decisions on them. Each form carries the case revision it was
// opened on; the workflow refuses it as stale if the case has changed since.
import { Alert, Button, Card, Checkbox, Form, Input, Radio, Tag, Typography } from 'antd';
import {
  acceptanceSchema,
  approvalSchema,
  objectionOutcomeSchema,
  objectionSchema,
  repairApplicationSchema,
  repairDecisionSchema,
  repairExtensionSchema,
} from '../../../domain/schemas';
import { OBJECTION_REMEDIES, REPAIR_METHODS } from '../../../domain/vocabulary';
import type { CaseDetail, Me } from '../api';
import { useI18n } from '../i18n';
import { DecisionForm } from './DecisionForm';
import { FormField } from './FormField';
import { useActionForm } from './useActionForm';

interface StepProps {
  c: CaseDetail;
  revision: number;
  onDone(): void;
}

/** A supervisor approves, or returns / refuses with reasons: the prior notice or the listing decision. */
export function ApprovalForm({ c, revision, onDone, step }: StepProps & { step: 'notice' | 'decision' }) {
  const { t } = useI18n();
  return (
    <Card title={t(step === 'notice' ? 'approveNotice' : 'approveDecision')} data-testid={`approval-${step}`}>
      <DecisionForm
        schema={approvalSchema}
        field="approved"
        revision={revision}
        path={`/api/cases/${c.id}/${step === 'notice' ? 'notice-approval' : 'decision-approval'}`}
        onDone={onDone}
        reasonsLabel={t('approvalReasons')}
        yes={t('approve')}
        no={t(step === 'notice' ? 'returnDraft' : 'refuseListing')}
      />
    </Card>
  );
}

export function ObjectionForm({ c, revision, onDone }: StepProps) {
  const { t } = useI18n();
  const { control, submit, error, formState } = useActionForm(
    objectionSchema,
    { revision, grounds: '' },
    `/api/cases/${c.id}/objections`,
    onDone,
  );
  return (
    <Card title={t('fileObjection')} data-testid="objection-form">
      <Form layout="vertical" component="form" onFinish={() => submit()}>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
        <FormField control={control} name="grounds" label={t('objectionGrounds')} required>
          {(f) => <Input.TextArea {...f} rows={4} />}
        </FormField>
        <Button type="primary" htmlType="submit" loading={formState.isSubmitting}>
          {t('submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** Accept or refuse (with reasons) an objection or a repair application. */
export function AcceptanceForm({ c, revision, onDone, matter }: StepProps & { matter: { kind: 'objections' | 'repairs'; id: string } }) {
  const { t } = useI18n();
  return (
    <Card title={t(matter.kind === 'objections' ? 'objectionAcceptance' : 'repairAcceptance')} data-testid={`${matter.kind}-acceptance`}>
      <DecisionForm
        schema={acceptanceSchema}
        field="accepted"
        revision={revision}
        path={`/api/cases/${c.id}/${matter.kind}/${matter.id}/acceptance`}
        onDone={onDone}
        reasonsLabel={t('matterReasons')}
        yes={t('acceptMatter')}
        no={t('refuseMatter')}
      />
    </Card>
  );
}

export function ObjectionOutcomeForm({ c, revision, onDone, objectionId }: StepProps & { objectionId: string }) {
  const { t, label } = useI18n();
  const { control, submit, error, formState, watch } = useActionForm(
    objectionOutcomeSchema,
    { revision, correction: '', reasons: '' },
    `/api/cases/${c.id}/objections/${objectionId}/outcome`,
    onDone,
  );
  const upheld = watch('upheld');
  return (
    <Card title={t('verificationResult')} data-testid="objection-outcome">
      <Form layout="vertical" component="form" onFinish={() => submit()}>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
        <FormField control={control} name="upheld" label={t('verificationResult')} required>
          {(f) => (
            <Radio.Group
              {...f}
              options={[
                { value: true, label: t('upheld') },
                { value: false, label: t('rejectedObjection') },
              ]}
            />
          )}
        </FormField>
        {upheld === true && (
          <FormField control={control} name="remedy" label={t('remedy')} required>
            {(f) => <Radio.Group {...f} options={OBJECTION_REMEDIES.map((v) => ({ value: v, label: label(v) }))} />}
          </FormField>
        )}
        {upheld === true && watch('remedy') === 'CORRECT' && (
          <FormField control={control} name="correction" label={t('correction')} required>
            {(f) => <Input.TextArea {...f} rows={3} />}
          </FormField>
        )}
        <FormField control={control} name="reasons" label={t('outcomeReasons')} required>
          {(f) => <Input.TextArea {...f} rows={3} />}
        </FormField>
        <Button type="primary" htmlType="submit" loading={formState.isSubmitting}>
          {t('submit')}
        </Button>
      </Form>
    </Card>
  );
}

export function RepairForm({ c, revision, onDone }: StepProps) {
  const { t, label } = useI18n();
  const { control, submit, error, formState } = useActionForm(
    repairApplicationSchema,
    { revision, correctionProof: '', commitment: '', otherMethods: [] },
    `/api/cases/${c.id}/repairs`,
    onDone,
  );
  return (
    <Card title={t('applyRepair')} data-testid="repair-form">
      <Form layout="vertical" component="form" onFinish={() => submit()}>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
        <FormField control={control} name="correctionProof" label={t('correctionProof')} required>
          {(f) => <Input.TextArea {...f} rows={3} />}
        </FormField>
        <FormField control={control} name="commitment" label={t('commitment')} required>
          {(f) => <Input.TextArea {...f} rows={3} />}
        </FormField>
        <FormField control={control} name="commitmentSigned" label="" required>
          {({ value, onChange, ...f }) => (
            <Checkbox {...f} checked={value === true} onChange={(e) => onChange(e.target.checked)}>
              {t('commitmentSigned')}
            </Checkbox>
          )}
        </FormField>
        <FormField control={control} name="otherMethods" label={t('otherMethods')}>
          {(f) => <Checkbox.Group {...f} options={REPAIR_METHODS.map((v) => ({ value: v, label: label(v) }))} />}
        </FormField>
        <Button type="primary" htmlType="submit" loading={formState.isSubmitting}>
          {t('submit')}
        </Button>
      </Form>
    </Card>
  );
}

export function RepairDecisionForm({
  c,
  revision,
  onDone,
  applicationId,
  extended,
}: StepProps & { applicationId: string; extended: boolean }) {
  const { t } = useI18n();
  const base = `/api/cases/${c.id}/repairs/${applicationId}`;
  const extension = useActionForm(repairExtensionSchema, { revision, reason: '' }, `${base}/extension`, onDone);
  return (
    <Card title={t('repairDecision')} data-testid="repair-decision">
      <DecisionForm
        schema={repairDecisionSchema}
        field="granted"
        revision={revision}
        path={`${base}/decision`}
        onDone={onDone}
        reasonsLabel={t('decisionReasons')}
        reasonsRequired
        yes={t('grant')}
        no={t('refuseRepair')}
      />
      {!extended && (
        <Form layout="vertical" component="form" onFinish={() => extension.submit()} style={{ marginTop: 24 }}>
          {extension.error && <Alert type="error" title={extension.error} showIcon style={{ marginBottom: 16 }} />}
          <FormField control={extension.control} name="reason" label={t('extensionReason')} required>
            {(f) => <Input.TextArea {...f} rows={2} />}
          </FormField>
          <Button htmlType="submit" loading={extension.formState.isSubmitting}>
            {t('extend')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

/** Objections and repair applications with their state, reasons and results — what the party is told. */
export function MattersCard({ c }: { c: CaseDetail; me: Me }) {
  const { t, label, dateTime } = useI18n();
  const overdueKeys = new Set(c.deadlines.filter((d) => d.status === 'OVERDUE').map((d) => d.key));
  const overdue = (prefix: string) => [...overdueKeys].some((k) => k.startsWith(prefix));
  if (c.objections.length === 0 && c.repairApplications.length === 0) return null;
  return (
    <Card title={`${t('objections')} / ${t('repairs')}`} data-testid="matters">
      {c.objections.map((o) => (
        <Typography.Paragraph key={o.id} data-testid="objection" data-state={o.state}>
          <Tag>{t('objections')}</Tag>
          <Tag color="blue">{label(o.state)}</Tag>
          {overdue(`objection-${o.id}`) && <Tag color="red">{t('overdue')}</Tag>}
          {o.measuresSuspended && o.state === 'IN_VERIFICATION' && <Tag color="orange">{t('suspended')}</Tag>}
          {dateTime(o.filedAt)} · {o.filedByName}（{label(o.source)}）
          <br />
          {o.grounds}
          {o.refusalReasons && <div>{o.refusalReasons}</div>}
          {o.remedy && <div>{label(o.remedy)}</div>}
          {o.correction && <div>{o.correction}</div>}
          {o.outcomeReasons && <div>{o.outcomeReasons}</div>}
          {(o.state === 'REJECTED' || o.state === 'NOT_ACCEPTED') && (
            <Typography.Text type="secondary">{t('remediesNotice')}</Typography.Text>
          )}
        </Typography.Paragraph>
      ))}
      {c.repairApplications.map((r) => (
        <Typography.Paragraph key={r.id} data-testid="repair" data-state={r.state}>
          <Tag>{t('repairs')}</Tag>
          <Tag color="blue">{label(r.state)}</Tag>
          {overdue(`repair-${r.id}`) && <Tag color="red">{t('overdue')}</Tag>}
          {dateTime(r.filedAt)} · {r.filedByName}
          <br />
          {r.correctionProof}
          {r.otherMethods.length > 0 && <div>{r.otherMethods.map((m) => label(m)).join('、')}</div>}
          {r.refusalReasons && <div>{r.refusalReasons}</div>}
          {r.extensionReason && (
            <div>
              {t('extend')}：{r.extensionReason}
            </div>
          )}
          {r.decisionReasons && <div>{r.decisionReasons}</div>}
          {(r.state === 'REFUSED' || r.state === 'NOT_ACCEPTED') && (
            <Typography.Text type="secondary">{t('remediesNotice')}</Typography.Text>
          )}
        </Typography.Paragraph>
      ))}
    </Card>
  );
}
