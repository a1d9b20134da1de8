// The administrator's reference data: departments (name, document prefix, the policy followed), the
// measures catalogue (text, category, whom it restrains, tiers, list types, implementing unit;
// retired, never deleted) and the list types with their legal basis and sources (retired lists take
// no new case). Every change in a dialogue with its reason, confirmed, recorded in 管理变更记录; each
// record's history beside it. No case's content is shown here.
import { Button, Card, Form, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { Control } from 'react-hook-form';
import { CREDIT_FIELDS, LIST_KINDS, MEASURE_CATEGORIES, MEASURE_TARGETS, TIERS, type AdminEntity } from '../../../domain/vocabulary';
import type { AdminDepartment, AdminListType, AdminMeasure, PolicyVersion } from '../../../domain/api';
import {
  adminReasonSchema,
  departmentCreateSchema,
  departmentUpdateSchema,
  listTypeCreateSchema,
  listTypeUpdateSchema,
  measureCreateSchema,
  measureUpdateSchema,
  type DepartmentCreateInput,
  type ListTypeCreateInput,
  type MeasureCreateInput,
} from '../../../domain/schemas';
import { api } from '../api';
import { ChangeModal, HistoryDrawer, type ChangeDialogue } from '../components/AdminChange';
import { FormField } from '../components/FormField';
import { SearchForm, useServerList, type Filters } from '../components/ServerList';
import { useI18n } from '../i18n';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one dialogue at a time, of any of the forms
type AnyDialogue = ChangeDialogue<any>;
type Record = { entity: AdminEntity; id: string; name: string };

function HistoryButton({ onClick }: { onClick: () => void }) {
  const { t } = useI18n();
  return (
    <Button type="link" size="small" onClick={onClick}>
      {t('history')}
    </Button>
  );
}

// ── Departments ─────────────────────────────────────────────────────────────────────────────────
export function DepartmentsAdminPage() {
  const { t } = useI18n();
  const [rows, setRows] = useState<AdminDepartment[] | null>(null);
  const [policies, setPolicies] = useState<PolicyVersion[]>([]);
  const [dialogue, setDialogue] = useState<AnyDialogue | null>(null);
  const [history, setHistory] = useState<Record | null>(null);
  const load = useCallback(() => api<AdminDepartment[]>('GET', '/api/admin/departments').then(setRows), []);
  useEffect(() => {
    void load();
    void api<PolicyVersion[]>('GET', '/api/policies').then(setPolicies);
  }, [load]);
  const policyOptions = [...new Map(policies.map((p) => [p.code, p.name])).entries()].map(([value, label]) => ({ value, label }));
  const fields = (control: Control<DepartmentCreateInput>, creating: boolean) => (
    <>
      {creating && (
        <FormField control={control} name="code" label={t('departmentCode')} extra={t('departmentCodeHint')} required idPrefix="dept">
          {(f) => <Input {...f} />}
        </FormField>
      )}
      <FormField control={control} name="name" label={t('departmentName')} required idPrefix="dept">
        {(f) => <Input {...f} />}
      </FormField>
      <FormField control={control} name="docPrefix" label={t('docPrefix')} extra={t('docPrefixHint')} required idPrefix="dept">
        {(f) => <Input {...f} />}
      </FormField>
      <FormField control={control} name="policyCode" label={t('departmentPolicy')} required idPrefix="dept">
        {(f) => <Select {...f} options={policyOptions} />}
      </FormField>
    </>
  );
  const create = () =>
    setDialogue({
      title: t('newDepartment'),
      schema: departmentCreateSchema,
      defaults: { code: '', name: '', docPrefix: '', policyCode: 'NATIONAL-2025', reason: '' },
      method: 'POST',
      path: '/api/admin/departments',
      confirm: (v) => ({ title: t('confirmNewDepartment', v.name), content: t('confirmDepartmentEffect') }),
      done: t('departmentSaved'),
      fields: (c) => fields(c as Control<DepartmentCreateInput>, true),
    });
  const edit = (d: AdminDepartment) =>
    setDialogue({
      title: t('editDepartment', d.name),
      schema: departmentUpdateSchema,
      defaults: { name: d.name, docPrefix: d.docPrefix, policyCode: d.policyCode, reason: '' },
      method: 'PUT',
      path: `/api/admin/departments/${d.id}`,
      confirm: (v) => ({
        title: t('confirmEditDepartment', d.name),
        content: t('confirmDepartmentEffect') + (v.name !== d.name ? t('renameEffect', v.name) : ''),
      }),
      done: t('departmentSaved'),
      fields: (c) => fields(c as unknown as Control<DepartmentCreateInput>, false),
    });
  return (
    <Card
      title={t('departmentAdmin')}
      extra={
        <Button type="primary" onClick={create}>
          {t('newDepartment')}
        </Button>
      }
    >
      <Table<AdminDepartment>
        rowKey="id"
        loading={rows === null}
        dataSource={rows ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        data-testid="department-list"
        columns={[
          { title: t('departmentName'), dataIndex: 'name' },
          { title: t('docPrefix'), dataIndex: 'docPrefix' },
          { title: t('departmentPolicy'), dataIndex: 'policyName' },
          { title: t('departmentUsers'), dataIndex: 'users' },
          { title: t('departmentMeasures'), dataIndex: 'measures' },
          {
            title: t('actions'),
            render: (_v, d) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => edit(d)}>
                  {t('edit')}
                </Button>
                <HistoryButton onClick={() => setHistory({ entity: 'DEPARTMENT', id: d.id, name: d.name })} />
              </Space>
            ),
          },
        ]}
      />
      <ChangeModal dialogue={dialogue} onClose={() => setDialogue(null)} onDone={() => void load()} />
      <HistoryDrawer record={history} onClose={() => setHistory(null)} />
    </Card>
  );
}

// ── The measures catalogue ──────────────────────────────────────────────────────────────────────
const MEASURE_FILTERS: Filters = { q: 'text', category: 'codes', listType: 'code', active: 'code' };

export function MeasuresAdminPage() {
  const { t, label, locale } = useI18n();
  const list = useServerList<AdminMeasure>('/api/admin/measures', MEASURE_FILTERS, {
    sort: 'id',
    order: 'asc',
    total: (n) => t('totalMeasures', n),
  });
  const [departments, setDepartments] = useState<AdminDepartment[]>([]);
  const [listTypes, setListTypes] = useState<AdminListType[]>([]);
  const [dialogue, setDialogue] = useState<AnyDialogue | null>(null);
  const [history, setHistory] = useState<Record | null>(null);
  useEffect(() => {
    void api<AdminDepartment[]>('GET', '/api/admin/departments').then(setDepartments);
    void api<AdminListType[]>('GET', '/api/admin/list-types').then(setListTypes);
  }, []);
  const listName = (code: string) => {
    const l = listTypes.find((x) => x.code === code);
    return l ? (locale === 'en' ? l.nameEn : l.name) : '';
  };
  const listOptions = listTypes.map((l) => ({ value: l.code, label: locale === 'en' ? l.nameEn : l.name }));
  const fields = (control: Control<MeasureCreateInput>, creating: boolean) => (
    <>
      {creating && (
        <FormField control={control} name="id" label={t('measureCode')} extra={t('measureCodeHint')} required idPrefix="measure">
          {(f) => <Input {...f} />}
        </FormField>
      )}
      <FormField control={control} name="content" label={t('measureContent')} required idPrefix="measure">
        {(f) => <Input.TextArea {...f} rows={3} />}
      </FormField>
      <Space wrap size="large">
        <FormField control={control} name="category" label={t('measureCategory')} required idPrefix="measure">
          {(f) => <Select {...f} style={{ width: 200 }} options={MEASURE_CATEGORIES.map((c) => ({ value: c, label: label(c) }))} />}
        </FormField>
        <FormField control={control} name="mandatory" label={t('measureMandatory')} idPrefix="measure">
          {(f) => <Switch id={f.id} ref={f.ref} checked={f.value === true} onChange={f.onChange} />}
        </FormField>
        <FormField control={control} name="discloses" label={t('measureDiscloses')} idPrefix="measure">
          {(f) => <Switch id={f.id} ref={f.ref} checked={f.value === true} onChange={f.onChange} />}
        </FormField>
      </Space>
      <FormField control={control} name="legalBasis" label={t('legalBasis')} required idPrefix="measure">
        {(f) => <Input.TextArea {...f} rows={2} />}
      </FormField>
      <FormField control={control} name="implementingDepartmentId" label={t('implementingDepartment')} required idPrefix="measure">
        {(f) => (
          <Select {...f} showSearch={{ optionFilterProp: 'label' }} options={departments.map((d) => ({ value: d.id, label: d.name }))} />
        )}
      </FormField>
      <FormField control={control} name="listTypes" label={t('measureListTypes')} required idPrefix="measure">
        {(f) => <Select {...f} mode="multiple" options={listOptions} optionFilterProp="label" />}
      </FormField>
      <FormField control={control} name="targets" label={t('measureTargets')} required idPrefix="measure">
        {(f) => <Select {...f} mode="multiple" options={MEASURE_TARGETS.map((x) => ({ value: x, label: label(x) }))} />}
      </FormField>
      <FormField control={control} name="tiers" label={t('measureTiers')} required idPrefix="measure">
        {(f) => <Select {...f} mode="multiple" options={TIERS.map((x) => ({ value: x, label: label(x) }))} />}
      </FormField>
    </>
  );
  const create = () =>
    setDialogue({
      title: t('newMeasure'),
      schema: measureCreateSchema,
      defaults: {
        id: '',
        content: '',
        category: 'ADMINISTRATIVE',
        mandatory: false,
        discloses: false,
        legalBasis: '',
        implementingDepartmentId: '',
        listTypes: [],
        targets: ['ORGANISATION', 'PERSON'],
        tiers: [...TIERS],
        reason: '',
      },
      method: 'POST',
      path: '/api/admin/measures',
      confirm: (v) => ({ title: t('confirmNewMeasure', v.id), content: t('confirmNewMeasureEffect') }),
      done: t('measureSaved'),
      fields: (c) => fields(c as Control<MeasureCreateInput>, true),
    });
  const edit = (m: AdminMeasure) =>
    setDialogue({
      title: t('editMeasure', m.id),
      schema: measureUpdateSchema,
      defaults: {
        content: m.content,
        category: m.category,
        mandatory: m.mandatory,
        discloses: m.discloses,
        legalBasis: m.legalBasis,
        implementingDepartmentId: m.implementingDepartment.id,
        listTypes: m.listTypes,
        targets: m.targets,
        tiers: m.tiers,
        reason: '',
      },
      method: 'PUT',
      path: `/api/admin/measures/${m.id}`,
      confirm: () => ({ title: t('confirmEditMeasure', m.id), content: t('confirmEditMeasureEffect', m.cases) }),
      done: t('measureSaved'),
      fields: (c) => fields(c as unknown as Control<MeasureCreateInput>, false),
    });
  const retire = (m: AdminMeasure) =>
    setDialogue({
      title: `${m.active ? t('retire') : t('reinstate')} · ${m.id}`,
      schema: adminReasonSchema,
      defaults: { reason: '' },
      method: 'POST',
      path: `/api/admin/measures/${m.id}/${m.active ? 'retire' : 'reinstate'}`,
      confirm: () =>
        m.active
          ? { title: t('confirmRetireMeasure', m.id), content: t('confirmRetireMeasureEffect', m.cases), danger: true }
          : { title: t('confirmReinstateMeasure', m.id), content: t('confirmReinstateMeasureEffect') },
      done: m.active ? t('measureRetiredDone', m.id) : t('measureReinstatedDone', m.id),
    });
  return (
    <Card
      title={t('measureAdmin')}
      extra={
        <Button type="primary" onClick={create}>
          {t('newMeasure')}
        </Button>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <SearchForm list={list} testId="measure-search" exportable={false}>
          <Form.Item name="q" label={t('searchText')}>
            <Input allowClear placeholder={t('measureSearchHint')} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="category" label={t('measureCategory')}>
            <Select
              mode="multiple"
              allowClear
              style={{ width: 220 }}
              options={MEASURE_CATEGORIES.map((c) => ({ value: c, label: label(c) }))}
            />
          </Form.Item>
          <Form.Item name="listType" label={t('listType')}>
            <Select allowClear style={{ width: 240 }} options={listOptions} />
          </Form.Item>
          <Form.Item name="active" label={t('measureStatus')}>
            <Select
              allowClear
              style={{ width: 140 }}
              options={[
                { value: 'true', label: t('inUse') },
                { value: 'false', label: t('retired') },
              ]}
            />
          </Form.Item>
        </SearchForm>
        <Table<AdminMeasure>
          rowKey="id"
          {...list.table}
          data-testid="measure-list"
          columns={[
            {
              title: t('measureContent'),
              dataIndex: 'content',
              width: 360,
              render: (v: string) => (
                <Typography.Text style={{ maxWidth: 360, display: 'inline-block', whiteSpace: 'normal' }}>{v}</Typography.Text>
              ),
            },
            { title: t('measureCategory'), render: (_v, m) => label(m.category) },
            { title: t('measureMandatory'), render: (_v, m) => (m.mandatory ? t('mandatoryMeasure') : t('recommendedMeasure')) },
            { title: t('measureTargets'), render: (_v, m) => m.targets.map((x) => label(x)).join('、') },
            { title: t('measureListTypes'), render: (_v, m) => m.listTypes.map(listName).join('、') },
            { title: t('implementingDepartment'), render: (_v, m) => m.implementingDepartment.name },
            { title: t('measureCases'), dataIndex: 'cases' },
            {
              title: t('measureStatus'),
              render: (_v, m) => (m.active ? <Tag color="green">{t('inUse')}</Tag> : <Tag>{t('retired')}</Tag>),
            },
            {
              title: t('actions'),
              render: (_v, m) => (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => edit(m)} data-testid={`edit-${m.id}`}>
                    {t('edit')}
                  </Button>
                  <Button type="link" size="small" danger={m.active} onClick={() => retire(m)}>
                    {m.active ? t('retire') : t('reinstate')}
                  </Button>
                  <HistoryButton onClick={() => setHistory({ entity: 'MEASURE', id: m.id, name: m.id })} />
                </Space>
              ),
            },
          ]}
        />
      </Space>
      <ChangeModal dialogue={dialogue} onClose={() => setDialogue(null)} onDone={() => void list.reload()} />
      <HistoryDrawer record={history} onClose={() => setHistory(null)} />
    </Card>
  );
}

// ── List types ──────────────────────────────────────────────────────────────────────────────────
export function ListTypesAdminPage() {
  const { t, label, locale } = useI18n();
  const [rows, setRows] = useState<AdminListType[] | null>(null);
  const [dialogue, setDialogue] = useState<AnyDialogue | null>(null);
  const [history, setHistory] = useState<Record | null>(null);
  const load = useCallback(() => api<AdminListType[]>('GET', '/api/admin/list-types').then(setRows), []);
  useEffect(() => {
    void load();
  }, [load]);
  const fields = (control: Control<ListTypeCreateInput>, creating: boolean) => (
    <>
      {creating && (
        <Space wrap size="large">
          <FormField control={control} name="code" label={t('listTypeCode')} extra={t('listTypeCodeHint')} required idPrefix="list">
            {(f) => <Input {...f} />}
          </FormField>
          <FormField control={control} name="kind" label={t('listKind')} required idPrefix="list">
            {(f) => <Select {...f} style={{ width: 200 }} options={LIST_KINDS.map((k) => ({ value: k, label: label(k) }))} />}
          </FormField>
        </Space>
      )}
      <FormField control={control} name="name" label={t('listTypeName')} required idPrefix="list">
        {(f) => <Input {...f} />}
      </FormField>
      <FormField control={control} name="nameEn" label={t('listTypeNameEn')} required idPrefix="list">
        {(f) => <Input {...f} />}
      </FormField>
      <Space wrap size="large">
        <FormField control={control} name="field" label={t('creditField')} required idPrefix="list">
          {(f) => <Select {...f} style={{ width: 200 }} options={CREDIT_FIELDS.map((c) => ({ value: c, label: label(c) }))} />}
        </FormField>
        <FormField control={control} name="validityMonths" label={t('validityMonths')} extra={t('validityMonthsHint')} idPrefix="list">
          {(f) => <InputNumber {...f} min={1} max={120} />}
        </FormField>
      </Space>
      <FormField control={control} name="legalBasis" label={t('listTypeBasis')} extra={t('listTypeBasisHint')} required idPrefix="list">
        {(f) => <Input.TextArea {...f} rows={3} />}
      </FormField>
    </>
  );
  const create = () =>
    setDialogue({
      title: t('newListType'),
      schema: listTypeCreateSchema,
      defaults: { code: '', kind: 'BLACK', name: '', nameEn: '', field: 'ALL_FIELDS', validityMonths: null, legalBasis: '', reason: '' },
      method: 'POST',
      path: '/api/admin/list-types',
      confirm: (v) => ({ title: t('confirmNewListType', v.name), content: t('confirmNewListTypeEffect') }),
      done: t('listTypeSaved'),
      fields: (c) => fields(c as Control<ListTypeCreateInput>, true),
    });
  const edit = (l: AdminListType) =>
    setDialogue({
      title: t('editListType', l.name),
      schema: listTypeUpdateSchema,
      defaults: { name: l.name, nameEn: l.nameEn, field: l.field, validityMonths: l.validityMonths, legalBasis: l.legalBasis, reason: '' },
      method: 'PUT',
      path: `/api/admin/list-types/${l.code}`,
      confirm: () => ({ title: t('confirmEditListType', l.name), content: t('confirmEditListTypeEffect', l.cases) }),
      done: t('listTypeSaved'),
      fields: (c) => fields(c as unknown as Control<ListTypeCreateInput>, false),
    });
  const retire = (l: AdminListType) =>
    setDialogue({
      title: `${l.active ? t('retire') : t('reinstate')} · ${l.name}`,
      schema: adminReasonSchema,
      defaults: { reason: '' },
      method: 'POST',
      path: `/api/admin/list-types/${l.code}/${l.active ? 'retire' : 'reinstate'}`,
      confirm: () =>
        l.active
          ? { title: t('confirmRetireListType', l.name), content: t('confirmRetireListTypeEffect', l.cases), danger: true }
          : { title: t('confirmReinstateListType', l.name), content: t('confirmReinstateListTypeEffect') },
      done: l.active ? t('listTypeRetiredDone', l.name) : t('listTypeReinstatedDone', l.name),
    });
  return (
    <Card
      title={t('listTypeAdmin')}
      extra={
        <Button type="primary" onClick={create}>
          {t('newListType')}
        </Button>
      }
    >
      <Table<AdminListType>
        rowKey="code"
        loading={rows === null}
        dataSource={rows ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="list-type-list"
        columns={[
          { title: t('listTypeName'), render: (_v, l) => (locale === 'en' ? l.nameEn : l.name) },
          { title: t('listKind'), render: (_v, l) => label(l.kind) },
          { title: t('creditField'), render: (_v, l) => label(l.field) },
          { title: t('validityMonths'), render: (_v, l) => (l.validityMonths ? t('months', l.validityMonths) : '—') },
          {
            title: t('listTypeBasis'),
            render: (_v, l) => (
              <Typography.Text style={{ maxWidth: 320, display: 'inline-block', whiteSpace: 'normal' }}>
                {l.legalBasis || '—'}
              </Typography.Text>
            ),
          },
          { title: t('measureCases'), dataIndex: 'cases' },
          { title: t('listTypeMeasures'), dataIndex: 'measures' },
          { title: t('measureStatus'), render: (_v, l) => (l.active ? <Tag color="green">{t('inUse')}</Tag> : <Tag>{t('retired')}</Tag>) },
          {
            title: t('actions'),
            render: (_v, l) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => edit(l)}>
                  {t('edit')}
                </Button>
                <Button type="link" size="small" danger={l.active} onClick={() => retire(l)}>
                  {l.active ? t('retire') : t('reinstate')}
                </Button>
                <HistoryButton onClick={() => setHistory({ entity: 'LIST_TYPE', id: l.code, name: l.name })} />
              </Space>
            ),
          },
        ]}
      />
      <ChangeModal dialogue={dialogue} onClose={() => setDialogue(null)} onDone={() => void load()} />
      <HistoryDrawer record={history} onClose={() => setHistory(null)} />
    </Card>
  );
}
