// 用户管理: the accounts, searched and paged on the server; a new account with an initial password
// the user must change at the first sign-in; name, role and department changed; disabled (their
// sessions end) and enabled; password reset; a lock lifted; the second factor reset — each with its
// reason, confirmed, and recorded in 管理变更记录 (each account's history opens beside it).
import { Button, Card, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { Control } from 'react-hook-form';
import { ROLES } from '../../../domain/vocabulary';
import type { AdminDepartment, AdminUser } from '../../../domain/api';
import {
  adminPasswordResetSchema,
  adminReasonSchema,
  adminUserCreateSchema,
  adminUserUpdateSchema,
  type AdminUserCreateInput,
} from '../../../domain/schemas';
import { api } from '../api';
import { ChangeModal, HistoryDrawer, type ChangeDialogue } from '../components/AdminChange';
import { FormField } from '../components/FormField';
import { SearchForm, useServerList, type Filters } from '../components/ServerList';
import { useI18n } from '../i18n';

const FILTERS: Filters = { q: 'text', role: 'codes', active: 'code' };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one dialogue at a time, of any of the forms
type AnyDialogue = ChangeDialogue<any>;

export function UsersAdminPage() {
  const { t, label, dateTime } = useI18n();
  const list = useServerList<AdminUser>('/api/admin/users', FILTERS, { sort: 'username', order: 'asc', total: (n) => t('totalUsers', n) });
  const [departments, setDepartments] = useState<AdminDepartment[]>([]);
  const [dialogue, setDialogue] = useState<AnyDialogue | null>(null);
  const [history, setHistory] = useState<AdminUser | null>(null);
  useEffect(() => {
    void api<AdminDepartment[]>('GET', '/api/admin/departments').then(setDepartments);
  }, []);

  const accountFields = (control: Control<AdminUserCreateInput>, creating: boolean) => (
    <>
      {creating && (
        <FormField control={control} name="username" label={t('username')} required idPrefix="user">
          {(f) => <Input {...f} autoComplete="off" />}
        </FormField>
      )}
      <FormField control={control} name="displayName" label={t('userDisplayName')} required idPrefix="user">
        {(f) => <Input {...f} />}
      </FormField>
      <FormField control={control} name="role" label={t('userRole')} required idPrefix="user">
        {(f) => <Select {...f} options={ROLES.map((r) => ({ value: r, label: label(r) }))} />}
      </FormField>
      <FormField control={control} name="departmentId" label={t('userDepartment')} extra={t('userDepartmentHint')} idPrefix="user">
        {(f) => (
          <Select
            {...f}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            onChange={(v) => f.onChange(v ?? '')}
            options={departments.map((d) => ({ value: d.id, label: d.name }))}
          />
        )}
      </FormField>
      <FormField control={control} name="subjectCode" label={t('userSubjectCode')} extra={t('userSubjectCodeHint')} idPrefix="user">
        {(f) => <Input {...f} />}
      </FormField>
      {creating && (
        <FormField
          control={control}
          name="initialPassword"
          label={t('initialPassword')}
          extra={t('initialPasswordHint')}
          required
          idPrefix="user"
        >
          {(f) => <Input.Password {...f} autoComplete="new-password" />}
        </FormField>
      )}
    </>
  );

  const create = () =>
    setDialogue({
      title: t('newUser'),
      schema: adminUserCreateSchema,
      defaults: { username: '', displayName: '', role: 'CASEWORKER', departmentId: '', subjectCode: '', initialPassword: '', reason: '' },
      method: 'POST',
      path: '/api/admin/users',
      confirm: (v) => ({ title: t('confirmNewUser', v.username), content: t('confirmNewUserEffect') }),
      done: t('userCreated'),
      fields: (c) => accountFields(c as Control<AdminUserCreateInput>, true),
    });
  const edit = (u: AdminUser) =>
    setDialogue({
      title: t('editUser', u.username),
      schema: adminUserUpdateSchema,
      defaults: {
        displayName: u.displayName,
        role: u.role,
        departmentId: u.department?.id ?? '',
        subjectCode: u.subjectCode ?? '',
        reason: '',
      },
      method: 'PUT',
      path: `/api/admin/users/${u.id}`,
      confirm: (v) => ({ title: t('confirmEditUser', u.username), content: t('confirmEditUserEffect', label(v.role)) }),
      done: t('userSaved'),
      fields: (c) => accountFields(c as unknown as Control<AdminUserCreateInput>, false),
    });
  const reasonOnly = (u: AdminUser, action: 'disable' | 'enable' | 'unlock' | 'second-factor/reset') => {
    const key = { disable: 'Disable', enable: 'Enable', unlock: 'Unlock', 'second-factor/reset': 'ResetTotp' }[action];
    setDialogue({
      title: `${t(`user${key}` as 'userDisable')} · ${u.username}`,
      schema: adminReasonSchema,
      defaults: { reason: '' },
      method: 'POST',
      path: `/api/admin/users/${u.id}/${action}`,
      confirm: () => ({
        title: t(`confirmUser${key}` as 'confirmUserDisable', u.username),
        content: t(`confirmUser${key}Effect` as 'confirmUserDisableEffect'),
        danger: action === 'disable',
      }),
      done: t(`user${key}Done` as 'userDisableDone', u.username),
    });
  };
  const resetPassword = (u: AdminUser) =>
    setDialogue({
      title: `${t('resetPassword')} · ${u.username}`,
      schema: adminPasswordResetSchema,
      defaults: { username: u.username, initialPassword: '', reason: '' },
      method: 'POST',
      path: `/api/admin/users/${u.id}/password`,
      confirm: () => ({ title: t('confirmResetPassword', u.username), content: t('confirmResetPasswordEffect') }),
      done: t('passwordResetDone', u.username),
      fields: (control) => (
        <FormField
          control={control}
          name="initialPassword"
          label={t('initialPassword')}
          extra={t('initialPasswordHint')}
          required
          idPrefix="reset"
        >
          {(f) => <Input.Password {...f} autoComplete="new-password" />}
        </FormField>
      ),
    });

  return (
    <Card
      title={t('userAdmin')}
      extra={
        <Button type="primary" onClick={create}>
          {t('newUser')}
        </Button>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <SearchForm list={list} testId="user-search" exportable={false}>
          <Form.Item name="q" label={t('searchText')}>
            <Input allowClear placeholder={t('userSearchHint')} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="role" label={t('userRole')}>
            <Select mode="multiple" allowClear style={{ width: 240 }} options={ROLES.map((r) => ({ value: r, label: label(r) }))} />
          </Form.Item>
          <Form.Item name="active" label={t('userStatus')}>
            <Select
              allowClear
              style={{ width: 140 }}
              options={[
                { value: 'true', label: t('userActive') },
                { value: 'false', label: t('userDisabled') },
              ]}
            />
          </Form.Item>
        </SearchForm>
        <Table<AdminUser>
          rowKey="id"
          {...list.table}
          data-testid="user-list"
          columns={[
            { title: t('username'), dataIndex: 'username', sorter: true, sortOrder: list.sortOrder('username') },
            { title: t('userDisplayName'), dataIndex: 'displayName' },
            { title: t('userRole'), render: (_v, u) => label(u.role) },
            { title: t('userDepartment'), render: (_v, u) => u.department?.name ?? '—' },
            {
              title: t('userStatus'),
              render: (_v, u) => (
                <Space size={4} wrap>
                  {u.active ? <Tag color="green">{t('userActive')}</Tag> : <Tag color="red">{t('userDisabled')}</Tag>}
                  {u.lockedUntil && <Tag color="orange">{t('userLockedUntil', dateTime(u.lockedUntil))}</Tag>}
                  {u.mustChangePassword && <Tag>{t('userMustChange')}</Tag>}
                  {u.totpEnabled && <Tag color="blue">{t('userTotp')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('createdAt'),
              dataIndex: 'createdAt',
              sorter: true,
              sortOrder: list.sortOrder('createdAt'),
              render: (v) => dateTime(v),
            },
            {
              title: t('actions'),
              render: (_v, u) => (
                <Space size={0} wrap>
                  <Button type="link" size="small" onClick={() => edit(u)}>
                    {t('edit')}
                  </Button>
                  <Button type="link" size="small" onClick={() => resetPassword(u)}>
                    {t('resetPassword')}
                  </Button>
                  {u.lockedUntil && (
                    <Button type="link" size="small" onClick={() => reasonOnly(u, 'unlock')}>
                      {t('userUnlock')}
                    </Button>
                  )}
                  {u.totpEnabled && (
                    <Button type="link" size="small" onClick={() => reasonOnly(u, 'second-factor/reset')}>
                      {t('userResetTotp')}
                    </Button>
                  )}
                  <Button type="link" size="small" danger={u.active} onClick={() => reasonOnly(u, u.active ? 'disable' : 'enable')}>
                    {u.active ? t('userDisable') : t('userEnable')}
                  </Button>
                  <Button type="link" size="small" onClick={() => setHistory(u)}>
                    {t('history')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Space>
      <ChangeModal dialogue={dialogue} onClose={() => setDialogue(null)} onDone={() => void list.reload()} />
      <HistoryDrawer record={history && { entity: 'USER', id: history.id, name: history.username }} onClose={() => setHistory(null)} />
    </Card>
  );
}
