import { Button, Space, Table, Tag, Typography } from 'antd';
import { ListName } from '../components/ListName';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, type CaseSummary, type Me } from '../api';
import { StateTag } from '../components/StateTag';
import { useI18n } from '../i18n';

export function CaseListPage({ me }: { me: Me }) {
  const { t, label, date } = useI18n();
  const navigate = useNavigate();
  const [rows, setRows] = useState<CaseSummary[] | null>(null);
  useEffect(() => {
    void api<CaseSummary[]>('GET', '/api/cases').then(setRows);
  }, []);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('cases')}
        </Typography.Title>
        {me.role === 'CASEWORKER' && (
          <Space wrap>
            <Button type="primary" onClick={() => navigate('/cases/new')}>
              {t('newCase')}
            </Button>
            <Button onClick={() => navigate('/red-listings/new')}>{t('newRedListing')}</Button>
          </Space>
        )}
      </Space>
      <Table<CaseSummary>
        rowKey="id"
        loading={rows === null}
        dataSource={rows ?? []}
        locale={{ emptyText: t('empty') }}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('caseNumber'), dataIndex: 'caseNumber', render: (v, r) => <Link to={`/cases/${r.id}`}>{v}</Link> },
          { title: t('subjectName'), dataIndex: 'subjectName' },
          { title: t('listType'), render: (_v, r) => <ListName name={r.listTypeName} kind={r.listKind} /> },
          { title: t('tier'), dataIndex: 'tier', render: (v) => (v ? <Tag>{label(v)}</Tag> : '—') },
          { title: t('state'), dataIndex: 'state', render: (v) => <StateTag state={v} /> },
          {
            title: t('deadline'),
            dataIndex: 'deadlineAt',
            // Nearest deadline first when sorted; cases without one last.
            sorter: (a, b) => (a.deadlineAt ?? '9999').localeCompare(b.deadlineAt ?? '9999'),
            render: (_v, r) =>
              r.deadlineDate ? (
                <span data-testid="row-deadline">
                  {date(r.deadlineDate)}
                  {r.deadlineProvisional && <Tag color="warning">{t('provisionalShort')}</Tag>}{' '}
                  {r.deadlineAt && Date.parse(r.deadlineAt) <= Date.now() ? (
                    <Tag color="red" data-testid="overdue">
                      {t('overdueShort')}
                    </Tag>
                  ) : (
                    <Tag color={r.workingDaysLeft !== null && r.workingDaysLeft <= 1 ? 'red' : 'blue'}>
                      {t('workingDaysLeft', r.workingDaysLeft ?? 0)}
                    </Tag>
                  )}
                </span>
              ) : (
                '—'
              ),
          },
          { title: t('createdAt'), dataIndex: 'createdAt', render: (v) => date(v) },
        ]}
      />
    </Space>
  );
}
