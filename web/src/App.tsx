import { Button, Layout, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { BrowserRouter, Link, Route, Routes } from 'react-router';
import { api, type Config, type Me } from './api';
import { useI18n } from './i18n';
import { CalendarPage } from './pages/CalendarPage';
import { CaseFormPage } from './pages/CaseFormPage';
import { RedListingFormPage } from './pages/RedListingFormPage';
import { CaseListPage } from './pages/CaseListPage';
import { CasePage } from './pages/CasePage';
import { LoginPage } from './pages/LoginPage';
import { PoliciesPage } from './pages/PoliciesPage';
import { InboxPage } from './pages/InboxPage';
import { SubjectPage } from './pages/SubjectPage';
import { DeadlinesPage } from './pages/DeadlinesPage';
import { PublicLookupPage } from './pages/PublicLookupPage';
import { UnitsAdminPage } from './pages/UnitsAdminPage';

export function App() {
  const { t, locale, setLocale, label } = useI18n();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [temporalUiUrl, setTemporalUiUrl] = useState<string | null>(null);
  useEffect(() => {
    api<Me>('GET', '/api/session').then(setMe, () => setMe(null));
    void api<Config>('GET', '/api/config').then((c) => setTemporalUiUrl(c.temporalUiUrl));
  }, []);
  const logout = async () => {
    await api('DELETE', '/api/session');
    setMe(null);
  };
  return (
    <BrowserRouter>
      <Layout style={{ minHeight: '100vh' }}>
        {/* The header grows to as many lines as its links need (an administrator has many; a phone is narrow). */}
        <Layout.Header
          style={{
            display: 'flex',
            flexWrap: 'wrap',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 8,
            height: 'auto',
            minHeight: 64,
            lineHeight: 1.6,
            padding: '8px 24px',
          }}
        >
          <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
            {t('appTitle')}
          </Typography.Title>
          <Space wrap>
            <Link to="/public" style={{ color: '#fff' }}>
              {t('publicLookup')}
            </Link>
            {me && ['ADMINISTRATOR', 'SUPERVISOR', 'CASEWORKER'].includes(me.role) && (
              <>
                <Link to="/deadlines" style={{ color: '#fff' }}>
                  {t('deadlineWatch')}
                </Link>
                <Link to="/calendar" style={{ color: '#fff' }}>
                  {t('calendar')}
                </Link>
                <Link to="/policies" style={{ color: '#fff' }}>
                  {t('policies')}
                </Link>
              </>
            )}
            {me?.role === 'ADMINISTRATOR' && (
              <Link to="/units" style={{ color: '#fff' }}>
                {t('unitAdmin')}
              </Link>
            )}
            {me?.role === 'PARTY' && me.subjectCode && (
              <Link to={`/subjects/${me.subjectCode}`} style={{ color: '#fff' }}>
                {t('myRecord')}
              </Link>
            )}
            {me?.role === 'COOPERATING_UNIT' && (
              <Link to="/inbox" style={{ color: '#fff' }}>
                {t('inbox')}
              </Link>
            )}
            {me && me.role !== 'PARTY' && temporalUiUrl && (
              <a href={temporalUiUrl} target="_blank" rel="noreferrer" style={{ color: '#fff' }}>
                {t('temporalUi')}
              </a>
            )}
            {me && (
              <Typography.Text style={{ color: '#fff' }} data-testid="who">
                {me.name}（{label(me.role)}
                {me.departmentName ? ` · ${me.departmentName}` : ''}）
              </Typography.Text>
            )}
            <Button size="small" onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>
              {t('language')}
            </Button>
            {me && (
              <Button size="small" onClick={logout}>
                {t('logout')}
              </Button>
            )}
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24, maxWidth: 1200, width: '100%', margin: '0 auto' }}>
          <Routes>
            <Route path="/public" element={<PublicLookupPage />} />
            <Route
              path="*"
              element={
                me === undefined ? (
                  <Spin />
                ) : me === null ? (
                  <LoginPage onLogin={setMe} />
                ) : (
                  <Routes>
                    <Route path="/" element={<CaseListPage me={me} />} />
                    <Route path="/cases/new" element={<CaseFormPage />} />
                    <Route path="/red-listings/new" element={<RedListingFormPage />} />
                    <Route path="/cases/:id" element={<CasePage me={me} temporalUiUrl={temporalUiUrl} />} />
                    <Route path="/cases/:id/revise" element={<CaseFormPage />} />
                    <Route path="/calendar" element={<CalendarPage canEdit={me.role === 'ADMINISTRATOR'} />} />
                    <Route path="/inbox" element={<InboxPage />} />
                    <Route path="/deadlines" element={<DeadlinesPage />} />
                    <Route path="/subjects/:code" element={<SubjectPage linkCases={true} />} />
                    {me.role === 'ADMINISTRATOR' && <Route path="/units" element={<UnitsAdminPage />} />}
                    <Route path="/policies" element={<PoliciesPage canEdit={me.role === 'ADMINISTRATOR'} />} />
                  </Routes>
                )
              }
            />
          </Routes>
        </Layout.Content>
      </Layout>
    </BrowserRouter>
  );
}
