import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { loginSchema, type LoginInput } from '../../../domain/schemas';
import { api, ApiError, type Me } from '../api';
import { FormField } from '../components/FormField';
import { useI18n } from '../i18n';

export function LoginPage({ onLogin, notice }: { onLogin(me: Me): void; notice?: string | null }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  /** The password was right and the account has a second factor: its code is asked next. */
  const [codeAsked, setCodeAsked] = useState(false);
  const { control, handleSubmit, formState } = useForm<LoginInput>({
    resolver: zodResolver(loginSchema),
    defaultValues: { username: '', password: '' },
  });
  const submit = handleSubmit(async (values) => {
    setError(null);
    try {
      onLogin(await api<Me>('POST', '/api/session', values));
    } catch (e) {
      if (e instanceof ApiError && e.extra.code === 'SECOND_FACTOR_REQUIRED') {
        setCodeAsked(true);
        return;
      }
      setError(e instanceof ApiError ? e.title : String(e));
    }
  });
  return (
    <Card title={t('login')} style={{ maxWidth: 420, margin: '48px auto' }}>
      <Form layout="vertical" onFinish={() => submit()} component="form">
        {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} showIcon />}
        {!error && notice && <Alert type="info" title={notice} style={{ marginBottom: 16 }} showIcon />}
        <FormField control={control} name="username" label={t('username')} required>
          {(f) => <Input {...f} autoComplete="username" />}
        </FormField>
        <FormField control={control} name="password" label={t('password')} required>
          {(f) => <Input.Password {...f} autoComplete="current-password" />}
        </FormField>
        {codeAsked && (
          <FormField control={control} name="code" label={t('totpCode')} extra={t('totpCodeHint')} required>
            {(f) => <Input {...f} value={f.value ?? ''} autoComplete="one-time-code" inputMode="numeric" maxLength={6} autoFocus />}
          </FormField>
        )}
        <Button type="primary" htmlType="submit" loading={formState.isSubmitting} block>
          {t('login')}
        </Button>
      </Form>
    </Card>
  );
}
