// 账户安全: a supervisor's or administrator's own second factor (TOTP). Enrolling shows a new secret
// once — as a QR code for the authenticator app and as text to type in — and asks for a code from
// the app to confirm it; from then on every sign-in asks for the 6-digit code. Only an
// administrator can reset it (a lost phone).
import { Alert, App, Button, Card, Form, Image, Input, Space, Typography, type ButtonProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { TotpEnrolment, TotpStatus } from '../../../domain/api';
import { totpConfirmSchema, type TotpConfirmInput } from '../../../domain/schemas';
import { api } from '../api';
import { FormField } from '../components/FormField';
import { applyServerErrors } from '../components/serverErrors';
import { useI18n } from '../i18n';

export function AccountSecurityPage() {
  const { t, dateTime } = useI18n();
  const { modal, message } = App.useApp();
  const [status, setStatus] = useState<TotpStatus | null>(null);
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => api<TotpStatus>('GET', '/api/session/second-factor').then(setStatus), []);
  useEffect(() => {
    void load();
  }, [load]);
  const form = useForm<TotpConfirmInput>({ resolver: zodResolver(totpConfirmSchema), defaultValues: { code: '', enrolment: '' } });
  const begin = async () => {
    setError(null);
    const e = await api<TotpEnrolment>('POST', '/api/session/second-factor/enrolment');
    form.reset({ code: '', enrolment: e.enrolment });
    setEnrolment(e);
  };
  const confirm = form.handleSubmit(
    (values) =>
      new Promise<void>((resolve) =>
        modal.confirm({
          title: t('confirmTotp'),
          content: t('confirmTotpEffect'),
          okText: t('confirmOk'),
          cancelText: t('confirmCancel'),
          okButtonProps: { 'data-testid': 'confirm-ok' } as ButtonProps,
          onOk: async () => {
            try {
              setStatus(await api<TotpStatus>('POST', '/api/session/second-factor', values));
              setEnrolment(null);
              void message.success(t('totpEnabledDone'));
            } catch (e) {
              setError(applyServerErrors(e, form.setError));
            } finally {
              resolve();
            }
          },
          onCancel: () => resolve(),
        }),
      ),
  );
  return (
    <Card title={t('accountSecurity')} loading={status === null} data-testid="account-security">
      {status && !status.available && <Alert type="info" showIcon title={t('totpNotForRole')} />}
      {status?.enabled && (
        <Alert
          type="success"
          showIcon
          title={t('totpEnabledSince', dateTime(status.enabledAt))}
          description={t('totpResetByAdmin')}
          data-testid="totp-enabled"
        />
      )}
      {status?.available && !status.enabled && !enrolment && (
        <Space orientation="vertical">
          <Typography.Paragraph>{t('totpIntro')}</Typography.Paragraph>
          <Button type="primary" onClick={() => void begin()}>
            {t('totpBegin')}
          </Button>
        </Space>
      )}
      {enrolment && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon title={t('totpShownOnce')} />
          <Typography.Paragraph>{t('totpScan')}</Typography.Paragraph>
          <Image src={enrolment.qr} alt={t('totpQr')} width={220} preview={false} data-testid="totp-qr" />
          <Typography.Paragraph>
            {t('totpSecretText')}
            <Typography.Text code copyable={{ text: enrolment.secret, tooltips: [t('copy'), t('copied')] }} data-testid="totp-secret">
              {enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}
            </Typography.Text>
          </Typography.Paragraph>
          <Form layout="vertical" component="form" onFinish={() => confirm()} style={{ maxWidth: 320 }}>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
            <FormField control={form.control} name="code" label={t('totpCode')} extra={t('totpCodeHint')} required idPrefix="totp">
              {(f) => <Input {...f} autoComplete="one-time-code" inputMode="numeric" maxLength={6} />}
            </FormField>
            <Button type="primary" htmlType="submit">
              {t('totpConfirm')}
            </Button>
          </Form>
        </Space>
      )}
    </Card>
  );
}
