// 期限监控: the department's running deadlines, nearest first; overdue ones in red until the step is
// taken. Above them, any case whose own processing keeps failing (stuck), for someone to look into.
import { Card, Checkbox, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { DEADLINE_KINDS } from '../../../domain/vocabulary';
import { api, type DeadlineRow, type InterviewDue, type UnitDeadline, type UnitDeadlinePage } from '../api';
import { DaysField, ListTypeField, SearchForm, useReference, useServerList, type Filters } from '../components/ServerList';
import { ListName } from '../components/ListName';
import { StateTag } from '../components/StateTag';
import { StuckCases } from '../components/StuckCases';
import { useI18n } from '../i18n';

const FILTERS: Filters = { q: 'text', listType: 'code', kind: 'codes', overdue: 'flag', days: 'days' };

export function DeadlinesPage() {
  const { t, label, date, dateTime } = useI18n();
  const reference = useReference();
  const list = useServerList<DeadlineRow>('/api/deadlines', FILTERS, { sort: 'dueAt', order: 'asc', total: (n) => t('totalDeadlines', n) });
  const [interviews, setInterviews] = useState<InterviewDue[]>([]);
  // The units' deadlines: paged on the server too, nearest first.
  const [unitPage, setUnitPage] = useState({ page: 1, pageSize: 20 });
  const [units, setUnits] = useState<UnitDeadlinePage | null>(null);
  useEffect(() => {
    void api<UnitDeadlinePage>('GET', `/api/deadlines/units?page=${unitPage.page}&pageSize=${unitPage.pageSize}`).then(setUnits);
  }, [unitPage]);
  useEffect(() => {
    void api<InterviewDue[]>('GET', '/api/deadlines/interviews').then(setInterviews);
  }, []);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <StuckCases />
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
        <Space orientation="vertical" style={{ width: '100%' }}>
          <SearchForm list={list} testId="deadline-search">
            <Form.Item name="q" label={t('searchText')}>
              <Input allowClear placeholder={t('searchTextHint')} style={{ width: 220 }} />
            </Form.Item>
            <ListTypeField reference={reference} />
            <Form.Item name="kind" label={t('deadlineKind')}>
              <Select
                mode="multiple"
                allowClear
                maxTagCount="responsive"
                style={{ width: 240 }}
                options={DEADLINE_KINDS.map((k) => ({ value: k, label: label(k) }))}
              />
            </Form.Item>
            <Form.Item name="overdue" valuePropName="checked">
              <Checkbox>{t('overdueOnly')}</Checkbox>
            </Form.Item>
            <DaysField label={t('dueBetween')} />
          </SearchForm>
          <Table<DeadlineRow>
            rowKey="id"
            {...list.table}
            locale={{ emptyText: list.filtered ? t('noMatchingDeadlines') : t('empty') }}
            data-testid="deadline-watch"
            rowClassName={(r) => (r.overdue ? 'overdue' : '')}
            columns={[
              {
                title: t('caseNumber'),
                dataIndex: 'caseNumber',
                sorter: true,
                sortOrder: list.sortOrder('caseNumber'),
                render: (_v, r) => <Link to={`/cases/${r.case.id}`}>{r.case.caseNumber}</Link>,
              },
              { title: t('subjectName'), render: (_v, r) => r.case.subjectName },
              { title: t('listType'), render: (_v, r) => <ListName name={r.case.listTypeName} kind={r.case.listKind} /> },
              { title: t('state'), render: (_v, r) => <StateTag state={r.case.state} /> },
              { title: t('deadline'), dataIndex: 'kind', render: (v) => label(v) },
              {
                title: t('dueBy'),
                dataIndex: 'dueAt',
                sorter: true,
                sortOrder: list.sortOrder('dueAt'),
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
        </Space>
      </Card>
      <Card title={t('unitDeadlineWatch')}>
        <Table<UnitDeadline>
          scroll={{ x: 'max-content' }}
          rowKey={(r) => `${r.pushId}-${r.kind}`}
          loading={units === null}
          dataSource={units?.rows ?? []}
          pagination={{
            current: unitPage.page,
            pageSize: unitPage.pageSize,
            total: units?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('totalUnitDeadlines', n),
            onChange: (page, pageSize) => setUnitPage({ page, pageSize }),
          }}
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
