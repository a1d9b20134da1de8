// 查询使用登记, the auditor's page: every read of a subject's record and every refused attempt — who
// (with role and department, a unit's system or the public), what was read, why, from which address,
// when and with what outcome — searched, paged and sorted on the server, and exported whole.
import { Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { ACCESS_KINDS, ACCESS_OUTCOMES, ACCESS_PURPOSES } from '../../../domain/access';
import { ROLES, type DocumentKind } from '../../../domain/vocabulary';
import type { AccessLogEntry } from '../api';
import { DaysField, SearchForm, useServerList, type Filters } from '../components/ServerList';
import { useI18n } from '../i18n';

const FILTERS: Filters = {
  who: 'text',
  role: 'codes',
  department: 'text',
  q: 'text',
  kind: 'codes',
  purpose: 'codes',
  outcome: 'code',
  days: 'days',
};

/** A list's search form as it was asked, its codes in words: `q=某某; state=已列入名单`. */
const queryText = (q: Record<string, unknown>, label: (code: string) => string) =>
  Object.entries(q)
    .map(([k, v]) => `${k}=${String(v).split(',').map(label).join(',')}`)
    .join('; ');

export function AccessLogPage() {
  const { t, label, locale, documentTitle } = useI18n();
  // To the second: reads follow one another closely.
  const at = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
  const list = useServerList<AccessLogEntry>('/api/access-log', FILTERS, { sort: 'at', order: 'desc', total: (n) => t('totalEntries', n) });
  const multiple = { mode: 'multiple', allowClear: true, maxTagCount: 'responsive', optionFilterProp: 'label' } as const;
  return (
    <Card title={t('accessLog')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <SearchForm list={list} testId="access-search">
          <Form.Item name="who" label={t('accessWho')}>
            <Input allowClear placeholder={t('accessWhoHint')} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="role" label={t('accessRole')}>
            <Select {...multiple} style={{ width: 200 }} options={ROLES.map((r) => ({ value: r, label: label(r) }))} />
          </Form.Item>
          <Form.Item name="department" label={t('accessDepartment')}>
            <Input allowClear placeholder={t('accessDepartmentHint')} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="q" label={t('accessTarget')}>
            <Input allowClear placeholder={t('accessTargetHint')} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="kind" label={t('accessWhat')}>
            <Select {...multiple} style={{ width: 240 }} options={ACCESS_KINDS.map((k) => ({ value: k, label: t(`accessKind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="purpose" label={t('accessPurpose')}>
            <Select
              {...multiple}
              style={{ width: 200 }}
              options={ACCESS_PURPOSES.map((p) => ({ value: p, label: t(`accessPurpose.${p}`) }))}
            />
          </Form.Item>
          <Form.Item name="outcome" label={t('accessOutcome')}>
            <Select
              allowClear
              style={{ width: 120 }}
              options={ACCESS_OUTCOMES.map((o) => ({ value: o, label: t(`accessOutcome.${o}`) }))}
            />
          </Form.Item>
          <DaysField label={t('accessReadBetween')} />
        </SearchForm>
        <Table<AccessLogEntry>
          rowKey="id"
          {...list.table}
          size="small"
          locale={{ emptyText: list.filtered ? t('accessNoEntries') : t('empty') }}
          data-testid="access-list"
          columns={[
            {
              title: t('accessAt'),
              dataIndex: 'at',
              sorter: true,
              sortOrder: list.sortOrder('at'),
              render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{at.format(new Date(v))}</span>,
            },
            {
              title: t('accessWho'),
              render: (_v, e) =>
                e.actorKind === 'PUBLIC' ? (
                  <Typography.Text type="secondary">{t('accessActor.PUBLIC')}</Typography.Text>
                ) : (
                  <span data-testid="access-who">
                    {e.actorName}
                    {e.actorKind === 'UNIT_KEY' ? <Tag style={{ marginLeft: 6 }}>{t('accessActor.UNIT_KEY')}</Tag> : null}
                    {e.role && e.actorKind === 'USER' ? <Tag style={{ marginLeft: 6 }}>{label(e.role)}</Tag> : null}
                    {e.username && (
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {e.username}
                      </Typography.Text>
                    )}
                  </span>
                ),
            },
            // Long names and searches wrap, so that the purpose and the outcome stay in view at a desk's width.
            { title: t('accessDepartment'), width: 150, render: (_v, e) => e.departmentName ?? '—' },
            {
              title: t('accessWhat'),
              width: 260,
              render: (_v, e) => (
                <span data-testid="access-what">
                  <Typography.Text strong>{t(`accessKind.${e.kind}`)}</Typography.Text>
                  {(e.caseNumber || e.subjectName || e.subjectCode) && (
                    <span style={{ display: 'block' }}>{[e.caseNumber, e.subjectName, e.subjectCode].filter(Boolean).join(' · ')}</span>
                  )}
                  {e.documentId && (
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {t('accessDocument')}：{e.kind === 'CASE_PREVIEW' ? documentTitle(e.documentId as DocumentKind) : e.documentId}
                    </Typography.Text>
                  )}
                  {e.query && (
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {t('accessQuery')}：{queryText(e.query, label)}
                    </Typography.Text>
                  )}
                </span>
              ),
            },
            {
              title: t('accessPurpose'),
              width: 140,
              render: (_v, e) =>
                e.purpose ? (
                  <span data-testid="access-purpose">
                    {t(`accessPurpose.${e.purpose}`)}
                    {e.purposeNote && (
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {e.purposeNote}
                      </Typography.Text>
                    )}
                  </span>
                ) : (
                  '—'
                ),
            },
            {
              title: t('accessAddress'),
              dataIndex: 'address',
              render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span>,
            },
            {
              title: t('accessOutcome'),
              render: (_v, e) => (
                <Tag color={e.outcome === 'ALLOWED' ? 'green' : 'red'} data-testid="access-outcome">
                  {t(`accessOutcome.${e.outcome}`)} {e.status}
                </Tag>
              ),
            },
          ]}
        />
      </Space>
    </Card>
  );
}
