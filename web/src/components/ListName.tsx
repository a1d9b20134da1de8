// A list as people read it: its name, marked as a red list (守信激励) or a black list (失信惩戒).
import { Tag } from 'antd';
import { useI18n } from '../i18n';

export function ListName({ name, kind }: { name: string; kind: 'BLACK' | 'RED' }) {
  const { t } = useI18n();
  return (
    <span data-testid="list-name">
      <Tag color={kind === 'RED' ? 'green' : 'volcano'}>{kind === 'RED' ? t('redList') : t('blackList')}</Tag>
      {name}
    </span>
  );
}
