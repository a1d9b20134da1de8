// A unit's measures on each subject they restrain, with where each stands and its latest feedback:
// one table for the unit's inbox (with its feedback form) and the office's execution card.
import { Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { MeasureTargetView } from '../api';
import { useI18n } from '../i18n';

export function FeedbackTargetsTable({
  targets,
  testIdPrefix,
  showRecorder = false,
  action,
}: {
  targets: MeasureTargetView[];
  /** Prefix of each latest-feedback cell's test id (`<prefix>-<measure>-<subject>`). */
  testIdPrefix: string;
  /** Name who recorded the latest feedback (the office reads several units' people). */
  showRecorder?: boolean;
  /** A last column per row, e.g. the unit's feedback form. */
  action?: (target: MeasureTargetView) => ReactNode;
}) {
  const { t, label, date } = useI18n();
  return (
    <Table
      size="small"
      rowKey={(r) => `${r.measureId}-${r.subjectCode}`}
      pagination={false}
      dataSource={targets}
      columns={[
        { title: t('measures'), render: (_v, r) => r.content },
        { title: t('subjectName'), render: (_v, r) => `${r.subjectName}（${r.subjectCode}）` },
        { title: t('standing'), render: (_v, r) => <Tag>{label(r.standing)}</Tag> },
        {
          title: t('latestFeedback'),
          render: (_v, r) =>
            r.latest ? (
              <span data-testid={`${testIdPrefix}-${r.measureId}-${r.subjectCode}`}>
                {label(r.latest.outcome)} {r.latest.on ? date(r.latest.on) : ''} {r.latest.matter ?? r.latest.reason ?? ''}
                {showRecorder && ` · ${r.latest.recordedByName}`}
              </span>
            ) : (
              <Typography.Text type="secondary">{t('noFeedback')}</Typography.Text>
            ),
        },
        ...(action ? [{ title: '', render: (_v: unknown, r: MeasureTargetView) => action(r) }] : []),
      ]}
    />
  );
}
