// 查询事由: before the office's staff read a natural person's record, the server asks why; this
// dialogue asks the user once per record (the answer is kept for the browser session, web/src/api.ts)
// and the read goes on with it. Cancelled, the read stays refused and the page offers to ask again.
import { Alert, Button, Form, Input, Modal, Radio, Typography, type ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import { ACCESS_PURPOSES, PURPOSE_NOTE_MAX, type AccessPurpose, type GivenPurpose } from '../../../domain/access';
import { onPurposeAsked, type PurposeRecord } from '../api';
import { useI18n } from '../i18n';

type Asking = { record: PurposeRecord; answer: (given: GivenPurpose | null) => void };

export function PurposePrompt() {
  const { t } = useI18n();
  const [asking, setAsking] = useState<Asking | null>(null);
  const [form] = Form.useForm<{ purpose?: AccessPurpose; note?: string }>();
  useEffect(() => {
    onPurposeAsked((record) => new Promise((answer) => setAsking({ record, answer })));
    return () => onPurposeAsked(null);
  }, []);
  const close = (given: GivenPurpose | null) => {
    asking?.answer(given);
    setAsking(null);
  };
  const submit = async () => {
    const v = await form.validateFields();
    close({ purpose: v.purpose!, ...(v.note?.trim() ? { note: v.note.trim() } : {}) });
  };
  const record = asking?.record;
  return (
    <Modal
      open={asking !== null}
      title={t('purposeTitle')}
      okText={t('purposeOk')}
      onOk={() => void submit()}
      onCancel={() => close(null)}
      okButtonProps={{ 'data-testid': 'purpose-ok' } as ButtonProps}
      // Out of the page while it asks nothing: its choices are not fields of the page behind it.
      destroyOnHidden
      data-testid="purpose-modal"
    >
      <Typography.Paragraph type="secondary">{t('purposeIntro')}</Typography.Paragraph>
      {record && (
        <Typography.Paragraph data-testid="purpose-record">
          {t('purposeRecord')}：
          {record.caseNumber
            ? `${t('purposeRecordCase')} ${record.caseNumber}`
            : `${t('purposeRecordSubject')} ${record.subjectCode ?? ''}`}
        </Typography.Paragraph>
      )}
      <Form form={form} preserve={false} layout="vertical" requiredMark={false} onFinish={() => void submit()}>
        <Form.Item name="purpose" label={t('accessPurpose')} rules={[{ required: true, message: t('purposeChoose') }]}>
          <Radio.Group data-testid="purpose-choice" options={ACCESS_PURPOSES.map((p) => ({ value: p, label: t(`accessPurpose.${p}`) }))} />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('purposeNoteLabel')}
          dependencies={['purpose']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_rule, value?: string) =>
                getFieldValue('purpose') === 'OTHER' && !value?.trim()
                  ? Promise.reject(new Error(t('purposeNoteRequired')))
                  : Promise.resolve(),
            }),
          ]}
        >
          <Input.TextArea rows={2} maxLength={PURPOSE_NOTE_MAX} showCount placeholder={t('purposeNoteHint')} data-testid="purpose-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A person's record not shown for want of a purpose: said, with the button that asks it again. */
export function PurposeRefused({ text, onAsk }: { text: string; onAsk: () => void }) {
  const { t } = useI18n();
  return (
    <Alert
      type="warning"
      showIcon
      title={text}
      data-testid="purpose-refused"
      action={
        <Button type="primary" onClick={onAsk}>
          {t('purposeAskAgain')}
        </Button>
      }
    />
  );
}
