// An address that leads nowhere, or a case the user may not see: said plainly, with a way back.
import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../i18n';

export function NotFoundPage({ title, detail }: { title?: string; detail?: string }) {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={title ?? t('notFound')}
      subTitle={detail ?? t('notFoundHint')}
      data-testid="not-found"
      extra={
        <Link to="/">
          <Button type="primary">{t('backToWorkbench')}</Button>
        </Link>
      }
    />
  );
}
