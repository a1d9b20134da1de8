// 期限监控: the department's running deadlines, nearest first; overdue ones in red until the step is
// taken. Above them, any case whose own processing keeps failing (stuck), for someone to look into.
import { Alert, Card, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, type InterviewDue, type StuckCase, type UnitDeadline, type WatchedDeadline } from '../api';
import { StateTag } from '../components/StateTag';
import { useI18n } from '../i18n';

export function DeadlinesPage() {
  const { t, label, date, dateTime } = useI18n();
  const [rows, setRows] = useState<WatchedDeadline[] | null>(null);
  const [stuck, setStuck] = useState<StuckCase[]>([]);
  const [interviews, setInterviews] = useState<InterviewDue[]>([]);
  const [units, setUnits] = useState<UnitDeadline[] | null>(null);
  useEffect(() => {
    void api<UnitDeadline[]>('GET', '/api/deadlines/units').then(setUnits);
    void api<WatchedDeadline[]>('GET', '/api/deadlines').then(setRows);
    void api<StuckCase[]>('GET', '/api/deadlines/stuck').then(setStuck);
    void api<InterviewDue[]>('GET', '/api/deadlines/interviews').then(setInterviews);
  }, []);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {stuck.length > 0 && (
        <Card title={t('stuckCases')} data-testid="stuck-cases">
          <Alert type="error" showIcon message={t('stuckHint')} style={{ marginBottom: 12 }} />
          <Table<StuckCase>
            scroll={{ x: 'max-content' }}
            rowKey={(r) => `${r.case.id}-${r.activity}`}
            dataSource={stuck}
            pagination={{ pageSize: 20 }}
            columns={[
              { title: t('caseNumber'), render: (_v, r) => <Link to={`/cases/${r.case.id}`}>{r.case.caseNumber}</Link> },
              { title: t('subjectName'), render: (_v, r) => r.case.subjectName },
              { title: t('stuckActivity'), render: (_v, r) => label(r.activity) },
              { title: t('stuckSince'), render: (_v, r) => dateTime(r.since) },
              { title: t('attempts'), dataIndex: 'attempts' },
              { title: t('lastError'), dataIndex: 'lastError', ellipsis: true },
            ]}
          />
        </Card>
      )}
      {interviews.length > 0 && (
        <Card title={t('interviewsDue')} data-testid="interviews-due">
          <Table<InterviewDue>
            scroll={{ x: 'max-content' }}
            rowKey={(r) => r.case.id}
            dataSource={interviews}
            pagination={{ pageSize: 20 }}
            columns={[
              { title: t('caseNumber'), render: (_v, r) => <Link to={`/cases/${r.case.id}`}>{r.case.caseNumber}</Link> },
              { title: t('subjectName'), render: (_v, r) => r.case.subjectName },
              { title: t('rectificationDue'), render: (_v, r) => dateTime(r.rectificationDueAt) },
              {
                title: t('interviewsHeld'),
                render: (_v, r) =>
                  r.interviewsHeld > 0 ? (
                    `${r.interviewsHeld}（${date(r.lastInterviewOn!)}）`
                  ) : (
                    <Tag color="orange">{t('notYetInterviewed')}</Tag>
                  ),
              },
            ]}
          />
        </Card>
      )}
      <Card title={t('deadlineWatch')}>
        <Table<WatchedDeadline>
          scroll={{ x: 'max-content' }}
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
      <Card title={t('unitDeadlineWatch')}>
        <Table<UnitDeadline>
          scroll={{ x: 'max-content' }}
          rowKey={(r) => `${r.pushId}-${r.kind}`}
          loading={units === null}
          dataSource={units ?? []}
          pagination={{ pageSize: 50 }}
          data-testid="unit-deadline-watch"
          rowClassName={(r) => (r.overdue ? 'overdue' : '')}
          columns={[
            { title: t('caseNumber'), render: (_v, r) => <Link to={`/cases/${r.case.id}`}>{r.case.caseNumber}</Link> },
            { title: t('subjectName'), render: (_v, r) => r.case.subjectName },
            { title: t('cooperatingUnit'), dataIndex: 'unit' },
            { title: t('deadline'), render: (_v, r) => `${label(r.kind)}（${label(r.pushKind)}）` },
            {
              title: t('dueBy'),
              render: (_v, r) => (
                <span>
                  {dateTime(r.dueAt)}{' '}
                  {r.overdue ? (
                    <Tag color="red">{t('overdueShort')}</Tag>
                  ) : (
                    r.workingDaysLeft !== null && <Tag color="blue">{t('workingDaysLeft', r.workingDaysLeft)}</Tag>
                  )}
                </span>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
