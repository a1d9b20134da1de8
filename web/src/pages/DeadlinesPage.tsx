// 期限监控: the department's running deadlines, nearest first; overdue ones in red until the step is taken.
import { Card, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { StateTag } from '../components/StateTag';
import { useI18n } from '../i18n';

interface WatchedDeadline {
  id: string;
  kind: string;
  dueDate: string;
  provisional: boolean;
  workingDays: number;
  overdue: boolean;
  workingDaysLeft: number;
  case: { id: string; caseNumber: string; subjectName: string; state: string };
}

export function DeadlinesPage() {
  const { t, label, date } = useI18n();
  const [rows, setRows] = useState<WatchedDeadline[] | null>(null);
  useEffect(() => {
    void api<WatchedDeadline[]>('GET', '/api/deadlines').then(setRows);
  }, []);
  return (
    <Card title={t('deadlineWatch')}>
      <Table<WatchedDeadline>
        rowKey="id"
        loading={rows === null}
        dataSource={rows ?? []}
        pagination={{ pageSize: 50 }}
        data-testid="deadline-watch"
        rowClassName={(r) => (r.overdue ? 'overdue' : '')}
        columns={[
          { title: t('caseNumber'), render: (_v, r) => <Link to={`/cases/${r.case.id}`}>{r.case.caseNumber}</Link> },
          { title: t('subjectName'), render: (_v, r) => r.case.subjectName },
          { title: t('state'), render: (_v, r) => <StateTag state={r.case.state} /> },
          { title: t('deadline'), dataIndex: 'kind', render: (v) => label(v) },
          {
            title: t('dueBy'),
            render: (_v, r) => (
              <span data-testid="watch-due">
                {date(r.dueDate)} 24:00 {r.provisional && <Tag color="warning">{t('provisionalShort')}</Tag>}
                {r.overdue ? (
                  <Tag color="red">{t('overdueShort')}</Tag>
                ) : (
                  <Tag color={r.workingDaysLeft <= 1 ? 'red' : 'blue'}>{t('workingDaysLeft', r.workingDaysLeft)}</Tag>
                )}
              </span>
            ),
          },
        ]}
      />
    </Card>
  );
}
