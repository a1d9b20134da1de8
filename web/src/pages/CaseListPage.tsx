// The case list (案件查询): a search form (name or code, state, list, kind, days filed), the cases
// found paged and sorted on the server with their total, and all of them exported to .xlsx. The
// form lives in the address, so a workbench count opens the list already filtered, and a reload or
// a shared link shows the same.
import { Button, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useState } from 'react';
import { CASE_STATES } from '../../../domain/vocabulary';
import type { CaseSummary, Me } from '../api';
import { ListName } from '../components/ListName';
import { DaysField, ListTypeField, SearchForm, useReference, useServerList, type Filters } from '../components/ServerList';
import { StateTag } from '../components/StateTag';
import { useI18n } from '../i18n';
import { BatchApproval } from '../components/BatchApproval';

const FILTERS: Filters = { q: 'text', state: 'codes', listType: 'code', listKind: 'code', days: 'days' };

export function CaseListPage({ me }: { me: Me }) {
  const { t, label, date } = useI18n();
  const navigate = useNavigate();
  const reference = useReference();
  const list = useServerList<CaseSummary>('/api/cases', FILTERS, { sort: 'createdAt', order: 'desc', total: (n) => t('totalCases', n) });
  const { sortOrder } = list;
  const [params, setParams] = useSearchParams();
  const importBatch = params.get('importBatch');
  // A supervisor selects drafts awaiting the notice's approval, and approves them together.
  const batchApproves = me.role === 'SUPERVISOR';
  const [selected, setSelected] = useState<CaseSummary[]>([]);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {me.role === 'PARTY' ? t('myCases') : t('cases')}
        </Typography.Title>
        {me.role === 'CASEWORKER' && (
          <Space wrap>
            <Button type="primary" onClick={() => navigate('/cases/new')}>
              {t('newCase')}
            </Button>
            <Button onClick={() => navigate('/red-listings/new')}>{t('newRedListing')}</Button>
            <Button onClick={() => navigate('/imports')}>{t('imports')}</Button>
          </Space>
        )}
        {batchApproves && (
          <BatchApproval
            cases={selected}
            onDone={() => {
              setSelected([]);
              void list.reload();
            }}
          />
        )}
      </Space>
      {importBatch && (
        <Tag
          closable
          color="blue"
          data-testid="import-batch-filter"
          onClose={() => {
            const next = new URLSearchParams(params);
            next.delete('importBatch');
            setParams(next);
          }}
        >
          <Link to={`/imports/${importBatch}`}>{t('importBatchFilter')}</Link>
        </Tag>
      )}
      <SearchForm list={list} testId="case-search">
        <Form.Item name="q" label={t('searchText')}>
          <Input allowClear placeholder={t('searchTextHint')} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="state" label={t('state')}>
          <Select
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            style={{ width: 240 }}
            options={CASE_STATES.map((s) => ({ value: s, label: label(s) }))}
          />
        </Form.Item>
        <ListTypeField reference={reference} />
        <Form.Item name="listKind" label={t('listKind')}>
          <Select
            allowClear
            style={{ width: 120 }}
            options={(['BLACK', 'RED'] as const).map((k) => ({ value: k, label: t(k === 'RED' ? 'redList' : 'blackList') }))}
          />
        </Form.Item>
        <DaysField label={t('filedBetween')} />
      </SearchForm>
      <Table<CaseSummary>
        rowKey="id"
        {...list.table}
        rowSelection={
          batchApproves
            ? {
                selectedRowKeys: selected.map((c) => c.id),
                onChange: (_keys, rows) => setSelected(rows),
                getCheckboxProps: (r) => ({ disabled: r.state !== 'AWAITING_NOTICE_APPROVAL', 'aria-label': r.caseNumber }),
              }
            : undefined
        }
        locale={{ emptyText: list.filtered ? t('noMatch') : t('noCases') }}
        columns={[
          {
            title: t('caseNumber'),
            dataIndex: 'caseNumber',
            sorter: true,
            sortOrder: sortOrder('caseNumber'),
            render: (v, r) => <Link to={`/cases/${r.id}`}>{v}</Link>,
          },
          { title: t('subjectName'), dataIndex: 'subjectName' },
          { title: t('listType'), render: (_v, r) => <ListName name={r.listTypeName} kind={r.listKind} /> },
          { title: t('tier'), dataIndex: 'tier', render: (v) => (v ? <Tag>{label(v)}</Tag> : '—') },
          { title: t('state'), dataIndex: 'state', render: (v) => <StateTag state={v} /> },
          {
            title: t('deadline'),
            dataIndex: 'deadlineAt',
            // Nearest deadline first when sorted; cases without one last.
            sorter: true,
            sortOrder: sortOrder('deadlineAt'),
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
          {
            title: t('createdAt'),
            dataIndex: 'createdAt',
            sorter: true,
            sortOrder: sortOrder('createdAt'),
            render: (v) => date(v),
          },
        ]}
      />
    </Space>
  );
}
