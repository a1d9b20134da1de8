import { Tag } from 'antd';
import { useI18n } from '../i18n';

const COLORS: Record<string, string> = {
  AWAITING_NOTICE_APPROVAL: 'purple',
  DRAFT_RETURNED: 'magenta',
  NOTICE_PERIOD: 'blue',
  AWAITING_DECISION_APPROVAL: 'purple',
  IN_REVIEW: 'orange',
  LISTED: 'red',
  CLOSED_NOT_LISTED: 'default',
  REMOVED: 'green',
};

export function StateTag({ state }: { state: string }) {
  const { label } = useI18n();
  return (
    <Tag color={COLORS[state]} data-state={state}>
      {label(state)}
    </Tag>
  );
}
