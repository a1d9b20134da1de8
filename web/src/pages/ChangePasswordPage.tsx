// The signed-in user changes their own password (from the header's account menu): the current one,
// the new one twice, checked by the same policy as the API (domain/schemas.ts) with each broken rule
// beside its field. A seeded account that must change its initial password first is sent here and
// may do nothing else until it has.
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useNavigate } from 'react-router';
import { passwordChangeSchema, type PasswordChangeInput } from '../../../domain/schemas';
import { api, type Me } from '../api';
import { FormField } from '../components/FormField';
import { applyServerErrors } from '../components/serverErrors';
import { useI18n } from '../i18n';

export function ChangePasswordPage({ me, onChanged }: { me: Me; onChanged(me: Me): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const {
    control,
    handleSubmit,
    formState,
    setError: setFieldError,
  } = useForm<PasswordChangeInput>({
    resolver: zodResolver(passwordChangeSchema),
    defaultValues: { username: me.username, currentPassword: '', newPassword: '', confirmPassword: '' },
  });
  const submit = handleSubmit(async (values) => {
    setError(null);
    try {
      const updated = await api<Me>('POST', '/api/session/password', values);
      void message.success(t('passwordChanged'));
      onChanged(updated);
      void navigate('/');
    } catch (e) {
      setError(applyServerErrors(e, setFieldError));
    }
  });
  return (
    <Card title={t('changePassword')} style={{ maxWidth: 520 }} data-testid="change-password">
      {me.mustChangePassword && <Alert type="warning" title={t('mustChangePassword')} showIcon style={{ marginBottom: 16 }} />}
      <Form layout="vertical" onFinish={() => submit()} component="form">
        {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} showIcon />}
        {/* For the browser's password manager: whose password this is. */}
        <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
        <FormField control={control} name="currentPassword" label={t('currentPassword')} required>
          {(f) => <Input.Password {...f} autoComplete="current-password" />}
        </FormField>
        <FormField control={control} name="newPassword" label={t('newPassword')} extra={t('passwordPolicy')} required>
          {(f) => <Input.Password {...f} autoComplete="new-password" />}
        </FormField>
        <FormField control={control} name="confirmPassword" label={t('confirmPassword')} required>
          {(f) => <Input.Password {...f} autoComplete="new-password" />}
        </FormField>
        <Button type="primary" htmlType="submit" loading={formState.isSubmitting} style={{ marginTop: 8 }}>
          {t('passwordChangeSubmit')}
        </Button>
      </Form>
    </Card>
  );
}
