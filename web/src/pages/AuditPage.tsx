// 审计日志: every recorded action on the department's cases (an administrator's: every case's), searched
// by case, action, actor and days, newest first, paged on the server and exported whole. Actions
// by their names, actors by theirs; the system's own steps as the system's.
import { Card, Form, Input, Select, Space, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { AUDIT_ACTIONS } from '../../../domain/audit';
import { useEffect, useState } from 'react';
import { api, type AuditEntry, type CaseEvent, type Me, type Reference } from '../api';
import { EventDetail } from '../components/CaseSections';
import { DaysField, SearchForm, useServerList, type Filters } from '../components/ServerList';
import { useI18n } from '../i18n';

const FILTERS: Filters = { q: 'text', action: 'codes', actor: 'text', days: 'days' };

export function AuditPage({ me }: { me: Me }) {
  const { t, label, dateTime } = useI18n();
  // A unit's feedback names a measure by its catalogue entry: read as its content.
  const [reference, setReference] = useState<Reference | null>(null);
  useEffect(() => {
    void api<Reference>('GET', '/api/reference').then(setReference);
  }, []);
  const measureName = (id: string) => reference?.measures.find((m) => m.id === id)?.content ?? '';
  const list = useServerList<AuditEntry>('/api/audit', FILTERS, { sort: 'at', order: 'desc', total: (n) => t('totalEntries', n) });
  return (
    <Card title={t('auditTrail')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <SearchForm list={list} testId="audit-search">
          <Form.Item name="q" label={t('searchText')}>
            <Input allowClear placeholder={t('searchTextHint')} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="action" label={t('auditAction')}>
            <Select
              mode="multiple"
              allowClear
              maxTagCount="responsive"
              style={{ width: 260 }}
              optionFilterProp="label"
              options={AUDIT_ACTIONS.map((a) => ({ value: a, label: label(a) }))}
            />
          </Form.Item>
          <Form.Item name="actor" label={t('auditActor')}>
            <Input allowClear placeholder={t('auditActorHint')} style={{ width: 260 }} />
          </Form.Item>
          <DaysField label={t('recordedBetween')} />
        </SearchForm>
        <Table<AuditEntry>
          rowKey="id"
          {...list.table}
          locale={{ emptyText: list.filtered ? t('noMatchingEntries') : t('empty') }}
          data-testid="audit-list"
          columns={[
            { title: t('auditAt'), dataIndex: 'at', sorter: true, sortOrder: list.sortOrder('at'), render: (v) => dateTime(v) },
            {
              title: t('caseNumber'),
              // The auditor reads the trail, not the case itself.
              render: (_v, e) => (me.role === 'AUDITOR' ? e.caseNumber : <Link to={`/cases/${e.caseId}`}>{e.caseNumber}</Link>),
            },
            { title: t('subjectName'), dataIndex: 'subjectName' },
            ...(me.role === 'ADMINISTRATOR' || me.role === 'AUDITOR' ? [{ title: t('department'), dataIndex: 'department' }] : []),
            { title: t('auditAction'), dataIndex: 'action', render: (v: string) => label(v) },
            {
              title: t('auditActor'),
              render: (_v, e) => (
                <span data-testid="audit-actor">
                  {e.actorName} {e.actorRole !== 'SYSTEM' && <Tag>{label(e.actorRole)}</Tag>}
                </span>
              ),
            },
            {
              title: t('auditDetail'),
              render: (_v, e) => <EventDetail event={{ ...e, detail: e.detail } as unknown as CaseEvent} measureName={measureName} />,
            },
            { title: t('auditReason'), dataIndex: 'reason', ellipsis: true, width: 280, render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Space>
    </Card>
  );
}
