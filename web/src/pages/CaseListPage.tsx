// The case list (案件查询): a search form (name or code, state, list, kind, days filed), the cases
// found paged and sorted on the server with their total, and all of them exported to .xlsx. The
// form lives in the address, so a workbench count opens the list already filtered, and a reload or
// a shared link shows the same.
import { Button, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CASE_STATES } from '../../../domain/vocabulary';
import { api, type CasePage, type Me, type Reference } from '../api';
import { ListName } from '../components/ListName';
import { StateTag } from '../components/StateTag';
import { useI18n } from '../i18n';

const FILTERS = ['q', 'state', 'listType', 'listKind', 'from', 'to'] as const;

export function CaseListPage({ me }: { me: Me }) {
  const { t, label, date, locale } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState<CasePage | null>(null);
  const [reference, setReference] = useState<Reference | null>(null);
  const query = params.toString();
  useEffect(() => {
    setPage(null);
    void api<CasePage>('GET', `/api/cases?${query}`).then(setPage);
  }, [query]);
  useEffect(() => {
    void api<Reference>('GET', '/api/reference').then(setReference);
  }, []);
  /** Sets some of the query (an empty value removes it); a new search starts at its first page. */
  const update = (changes: Record<string, string | undefined>, keepPage = false) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes))
      if (v) next.set(k, v);
      else next.delete(k);
    if (!keepPage) next.delete('page');
    setParams(next);
  };
  const initial = useMemo(
    () => ({
      q: params.get('q') ?? '',
      state: params.get('state')?.split(',').filter(Boolean) ?? [],
      listType: params.get('listType') ?? undefined,
      listKind: params.get('listKind') ?? undefined,
      days: params.get('from') && params.get('to') ? [dayjs(params.get('from')), dayjs(params.get('to'))] : undefined,
    }),
    [params],
  );
  const [form] = Form.useForm();
  useEffect(() => form.setFieldsValue(initial), [form, initial]);
  const search = (v: { q?: string; state?: string[]; listType?: string; listKind?: string; days?: [dayjs.Dayjs, dayjs.Dayjs] | null }) =>
    update({
      q: v.q?.trim(),
      state: v.state?.join(','),
      listType: v.listType,
      listKind: v.listKind,
      from: v.days?.[0]?.format('YYYY-MM-DD'),
      to: v.days?.[1]?.format('YYYY-MM-DD'),
    });
  const filtered = FILTERS.some((k) => params.get(k));
  const sort = params.get('sort') ?? 'createdAt';
  const order = params.get('order') === 'asc' ? 'ascend' : 'descend';
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
          </Space>
        )}
      </Space>
      <Form form={form} layout="inline" onFinish={search} initialValues={initial} data-testid="case-search" style={{ rowGap: 8 }}>
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
        <Form.Item name="listType" label={t('listType')}>
          <Select
            allowClear
            style={{ width: 240 }}
            options={reference?.listTypes.map((l) => ({ value: l.code, label: locale === 'en' ? l.nameEn : l.name }))}
          />
        </Form.Item>
        <Form.Item name="listKind" label={t('listKind')}>
          <Select
            allowClear
            style={{ width: 120 }}
            options={(['BLACK', 'RED'] as const).map((k) => ({ value: k, label: t(k === 'RED' ? 'redList' : 'blackList') }))}
          />
        </Form.Item>
        <Form.Item name="days" label={t('filedBetween')}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setParams(new URLSearchParams());
            }}
          >
            {t('reset')}
          </Button>
          {/* Every case the search finds, not just this page. */}
          <a href={`/api/cases/export.xlsx?${query}`} download data-testid="export">
            <Button>{t('exportXlsx')}</Button>
          </a>
        </Space>
      </Form>
      <Table<CasePage['rows'][number]>
        rowKey="id"
        loading={page === null}
        dataSource={page?.rows ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: filtered ? t('noMatch') : t('noCases') }}
        pagination={{
          current: page?.page ?? Number(params.get('page') ?? 1),
          pageSize: page?.pageSize ?? Number(params.get('pageSize') ?? 20),
          total: page?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('totalCases', total),
        }}
        onChange={(p, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          const field = s?.order ? String(s.field) : undefined;
          update(
            {
              page: String(p.current ?? 1),
              pageSize: String(p.pageSize ?? 20),
              sort: field,
              order: field ? (s!.order === 'ascend' ? 'asc' : 'desc') : undefined,
            },
            true,
          );
        }}
        columns={[
          {
            title: t('caseNumber'),
            dataIndex: 'caseNumber',
            sorter: true,
            sortOrder: sort === 'caseNumber' ? order : null,
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
            sortOrder: sort === 'deadlineAt' ? order : null,
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
            sortOrder: sort === 'createdAt' ? order : null,
            render: (v) => date(v),
          },
        ]}
      />
    </Space>
  );
}
