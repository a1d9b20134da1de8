// 管理变更记录: every administrator's change to users, departments, measures and list types — who,
// when, what (the record before and after, opened from each row), why — searched and paged on the
// server; for the administrator and the auditor.
import { Card, Form, Input, Select, Space } from 'antd';
import { ADMIN_ACTIONS, ADMIN_ENTITIES } from '../../../domain/vocabulary';
import type { AdminChange } from '../../../domain/api';
import { ChangeTable } from '../components/AdminChange';
import { DaysField, SearchForm, useServerList, type Filters } from '../components/ServerList';
import { useI18n } from '../i18n';

const FILTERS: Filters = { entity: 'code', q: 'text', action: 'codes', days: 'days' };

export function AdminChangesPage() {
  const { t, label } = useI18n();
  const list = useServerList<AdminChange>('/api/admin/changes', FILTERS, { sort: 'at', order: 'desc', total: (n) => t('totalEntries', n) });
  return (
    <Card title={t('adminChanges')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <SearchForm list={list} testId="changes-search" exportable={false}>
          <Form.Item name="entity" label={t('adminRecordKind')}>
            <Select allowClear style={{ width: 160 }} options={ADMIN_ENTITIES.map((e) => ({ value: e, label: label(e) }))} />
          </Form.Item>
          <Form.Item name="q" label={t('searchText')}>
            <Input allowClear placeholder={t('adminChangesHint')} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="action" label={t('auditAction')}>
            <Select
              mode="multiple"
              allowClear
              maxTagCount="responsive"
              style={{ width: 260 }}
              options={ADMIN_ACTIONS.map((a) => ({ value: a, label: label(a) }))}
            />
          </Form.Item>
          <DaysField label={t('recordedBetween')} />
        </SearchForm>
        <ChangeTable rows={list.page?.rows ?? null} table={{ pagination: list.table.pagination, onChange: list.table.onChange }} />
      </Space>
    </Card>
  );
}
