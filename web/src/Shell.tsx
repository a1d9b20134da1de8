// The back office's frame, as antd back offices have it: a sidebar menu per role, a header with the
// user, their department and the language, breadcrumbs over the page. From 768 px the sidebar
// stays open; on a phone the menu opens from a button in the header, over the page.
import { Breadcrumb, Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Typography, type MenuProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { Me } from './api';
import { useI18n } from './i18n';

type Item = { path: string; label: string; external?: boolean };

/** The menu of a role: what it works with, in the order of a day's work. */
function menuOf(me: Me | null, t: ReturnType<typeof useI18n>['t'], temporalUiUrl: string | null): Item[] {
  const items: Item[] = [];
  // An account that must change its initial password first has nothing else to open yet.
  if (me?.mustChangePassword) return [{ path: '/public', label: t('publicLookup') }];
  // The auditor's menu is the logs — reads, actions on cases, the administrator's changes — and only them.
  if (me?.role === 'AUDITOR')
    return [
      { path: '/access-log', label: t('accessLog') },
      { path: '/audit', label: t('auditTrail') },
      { path: '/admin/changes', label: t('adminChanges') },
    ];
  if (me) items.push({ path: '/', label: t('workbench') });
  switch (me?.role) {
    case 'CASEWORKER':
      items.push(
        { path: '/cases', label: t('cases') },
        { path: '/cases/new', label: t('newCase') },
        { path: '/red-listings/new', label: t('newRedListing') },
        { path: '/imports', label: t('imports') },
      );
      break;
    case 'SUPERVISOR':
      items.push({ path: '/cases', label: t('cases') }, { path: '/imports', label: t('imports') });
      break;
    case 'COOPERATING_UNIT':
      items.push({ path: '/inbox', label: t('inbox') });
      break;
    case 'PARTY':
      items.push({ path: '/cases', label: t('myCases') });
      if (me.subjectCode) items.push({ path: `/subjects/${me.subjectCode}`, label: t('myRecord') });
      break;
  }
  // The department's deadlines are its staff's; the administrator reads no case.
  if (me && ['CASEWORKER', 'SUPERVISOR'].includes(me.role)) items.push({ path: '/deadlines', label: t('deadlineWatch') });
  if (me && ['CASEWORKER', 'SUPERVISOR', 'ADMINISTRATOR'].includes(me.role)) {
    items.push(
      { path: '/dashboard', label: t('dashboard') },
      { path: '/calendar', label: t('calendar') },
      { path: '/policies', label: t('policies') },
    );
  }
  // The audit trail: a supervisor's of the department's cases (the auditor's of every case, above).
  if (me?.role === 'SUPERVISOR') items.push({ path: '/audit', label: t('auditTrail') });
  if (me?.role === 'ADMINISTRATOR')
    items.push(
      { path: '/admin/users', label: t('userAdmin') },
      { path: '/admin/departments', label: t('departmentAdmin') },
      { path: '/admin/measures', label: t('measureAdmin') },
      { path: '/admin/list-types', label: t('listTypeAdmin') },
      { path: '/admin/changes', label: t('adminChanges') },
      { path: '/units', label: t('unitAdmin') },
    );
  items.push({ path: '/public', label: t('publicLookup') });
  if (me?.role === 'ADMINISTRATOR' && temporalUiUrl) items.push({ path: temporalUiUrl, label: t('temporalUi'), external: true });
  return items;
}

/** The trail of where the user is: the menu entry the page belongs to, then the page itself. */
function trailOf(pathname: string, items: Item[], t: ReturnType<typeof useI18n>['t']): { title: ReactNode }[] {
  // (The auditor has no workbench: its pages stand on their own.)
  if (!items.some((i) => i.path === '/')) return items.filter((i) => i.path === pathname).map((i) => ({ title: i.label }));
  const home = { title: <Link to="/">{t('workbench')}</Link> };
  if (pathname === '/') return [{ title: t('workbench') }];
  const exact = items.find((i) => !i.external && i.path === pathname);
  if (exact) return [home, { title: exact.label }];
  if (/^\/cases\/[^/]+(\/revise)?$/.test(pathname))
    return [home, { title: <Link to="/cases">{t('cases')}</Link> }, { title: t('caseDetail') }];
  if (pathname.startsWith('/subjects/')) return [home, { title: t('subjectRecord') }];
  if (/^\/imports\/[^/]+$/.test(pathname))
    return [home, { title: <Link to="/imports">{t('imports')}</Link> }, { title: t('importBatchShort') }];
  if (pathname === '/account/password') return [home, { title: t('changePassword') }];
  if (pathname === '/account/security') return [home, { title: t('accountSecurity') }];
  return [home];
}

export function Shell({
  me,
  temporalUiUrl,
  onLogout,
  children,
}: {
  me: Me | null;
  temporalUiUrl: string | null;
  onLogout: () => void;
  children: ReactNode;
}) {
  const { t, locale, setLocale, label } = useI18n();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const phone = Grid.useBreakpoint().md === false;
  const [drawer, setDrawer] = useState(false);
  const items = menuOf(me, t, temporalUiUrl);
  const selected = items
    .filter((i) => !i.external && (i.path === pathname || (i.path !== '/' && pathname.startsWith(`${i.path}/`) && i.path !== '/cases/new')))
    .map((i) => i.path);
  const menu: MenuProps['items'] = items.map((i) => ({
    key: i.path,
    label: i.external ? (
      <a href={i.path} target="_blank" rel="noreferrer">
        {i.label}
      </a>
    ) : (
      <Link to={i.path}>{i.label}</Link>
    ),
  }));
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {phone ? (
        <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" size={260} title={t('appTitle')} data-testid="sidebar">
          <Menu mode="inline" items={menu} selectedKeys={selected} onClick={() => setDrawer(false)} style={{ border: 0 }} />
        </Drawer>
      ) : (
        <Layout.Sider width={208} data-testid="sidebar" style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}>
          <Typography.Title level={5} style={{ color: '#fff', margin: 16, lineHeight: 1.4 }}>
            {t('appTitle')}
          </Typography.Title>
          <Menu theme="dark" mode="inline" items={menu} selectedKeys={selected} />
        </Layout.Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            background: '#fff',
            display: 'flex',
            alignItems: 'center',
            justifyContent: phone ? 'space-between' : 'flex-end',
            gap: 12,
            padding: phone ? '0 8px' : '0 16px',
            lineHeight: 'normal',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          {phone && (
            <Button onClick={() => setDrawer(true)} aria-label={t('menu')}>
              ☰ {t('menu')}
            </Button>
          )}
          <Space size="small" wrap={false} style={{ minWidth: 0 }}>
            {me && (
              // The account menu: the user's name and role, opening their own settings and sign-out.
              <Dropdown
                trigger={['click']}
                menu={{
                  items: [
                    { key: 'password', label: t('changePassword'), onClick: () => void navigate('/account/password') },
                    // The second factor: for the roles that may enrol one.
                    ...(me.role === 'SUPERVISOR' || me.role === 'ADMINISTRATOR'
                      ? [{ key: 'security', label: t('accountSecurity'), onClick: () => void navigate('/account/security') }]
                      : []),
                    { key: 'logout', label: t('logout'), onClick: onLogout },
                  ],
                }}
              >
                <Button
                  type="text"
                  size="small"
                  aria-label={t('userMenu')}
                  data-testid="user-menu"
                  style={{ minWidth: 0, paddingInline: 4 }}
                >
                  <Typography.Text ellipsis style={{ maxWidth: phone ? 150 : '50vw' }} data-testid="who">
                    {me.name}（{label(me.role)}
                    {me.departmentName ? ` · ${me.departmentName}` : ''}）
                  </Typography.Text>
                  <span aria-hidden>▾</span>
                </Button>
              </Dropdown>
            )}
            <Button size="small" onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>
              {t('language')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: '12px 16px 24px', maxWidth: 1280, width: '100%' }}>
          <Breadcrumb
            items={me?.mustChangePassword ? [{ title: t('changePassword') }] : trailOf(pathname, items, t)}
            style={{ marginBottom: 12 }}
            data-testid="breadcrumbs"
          />
          {children}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
