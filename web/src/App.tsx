import { Spin } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useParams } from 'react-router';
import { api, SESSION_ENDED, type Config, type Me } from './api';
import { Shell } from './Shell';
import { CalendarPage } from './pages/CalendarPage';
import { CaseFormPage } from './pages/CaseFormPage';
import { RedListingFormPage } from './pages/RedListingFormPage';
import { CaseListPage } from './pages/CaseListPage';
import { ImportPage } from './pages/ImportPage';
import { ImportBatchPage } from './pages/ImportBatchPage';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { CasePage } from './pages/CasePage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PoliciesPage } from './pages/PoliciesPage';
import { InboxPage } from './pages/InboxPage';
import { SubjectPage } from './pages/SubjectPage';
import { DeadlinesPage } from './pages/DeadlinesPage';
import { AuditPage } from './pages/AuditPage';
import { AccessLogPage } from './pages/AccessLogPage';
import { PurposePrompt } from './components/PurposePrompt';
import { PublicLookupPage } from './pages/PublicLookupPage';
import { UnitsAdminPage } from './pages/UnitsAdminPage';
import { UsersAdminPage } from './pages/UsersAdminPage';
import { DepartmentsAdminPage, ListTypesAdminPage, MeasuresAdminPage } from './pages/CatalogueAdminPages';
import { AdminChangesPage } from './pages/AdminChangesPage';
import { AccountSecurityPage } from './pages/AccountSecurityPage';
import { WorkbenchPage } from './pages/WorkbenchPage';

// The charts' library is large: loaded with the dashboard, not with every page.
const DashboardPage = lazy(() => import('./pages/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const STAFF = ['CASEWORKER', 'SUPERVISOR', 'ADMINISTRATOR'];

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [temporalUiUrl, setTemporalUiUrl] = useState<string | null>(null);
  /** Why the user is asked to sign in again (a session ended for being idle). */
  const [ended, setEnded] = useState<string | null>(null);
  useEffect(() => {
    api<Me>('GET', '/api/session').then(setMe, () => setMe(null));
    const onEnded = (e: Event) => {
      setEnded((e as CustomEvent<string>).detail);
      setMe(null);
    };
    window.addEventListener(SESSION_ENDED, onEnded);
    return () => window.removeEventListener(SESSION_ENDED, onEnded);
  }, []);
  const signedIn = (m: Me) => {
    setEnded(null);
    setMe(m);
  };
  // What the web app is told depends on who signed in (the Temporal UI is the operator's only).
  useEffect(() => {
    void api<Config>('GET', '/api/config').then((c) => setTemporalUiUrl(c.temporalUiUrl));
  }, [me]);
  const logout = async () => {
    await api('DELETE', '/api/session');
    setMe(null);
  };
  const shell = (page: React.ReactNode) => (
    <Shell me={me ?? null} temporalUiUrl={temporalUiUrl} onLogout={logout}>
      {page}
    </Shell>
  );
  return (
    <BrowserRouter>
      <PurposePrompt />
      <Routes>
        {/* The public lookup needs no sign-in. */}
        <Route path="/public" element={shell(<PublicLookupPage />)} />
        <Route
          path="*"
          element={
            me === undefined ? (
              <Spin style={{ margin: 48 }} />
            ) : me === null ? (
              shell(<LoginPage onLogin={signedIn} notice={ended} />)
            ) : me.mustChangePassword ? (
              // A seeded account beyond loopback: its own password first, nothing else until then.
              shell(<ChangePasswordPage me={me} onChanged={setMe} />)
            ) : me.role === 'AUDITOR' ? (
              // The auditor reads the access log and the audit trail, and nothing of the cases themselves.
              shell(
                <Routes>
                  <Route path="/" element={<Navigate to="/access-log" replace />} />
                  <Route path="/access-log" element={<AccessLogPage />} />
                  <Route path="/audit" element={<AuditPage me={me} />} />
                  <Route path="/admin/changes" element={<AdminChangesPage />} />
                  <Route path="/account/password" element={<ChangePasswordPage me={me} onChanged={setMe} />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Routes>,
              )
            ) : (
              shell(
                <Routes>
                  <Route path="/" element={<WorkbenchPage me={me} />} />
                  <Route path="/account/password" element={<ChangePasswordPage me={me} onChanged={setMe} />} />
                  {me.role !== 'ADMINISTRATOR' && (
                    // The administrator runs the system and reads no case (nor the deadlines that name them).
                    <>
                      <Route path="/cases" element={<CaseListPage me={me} />} />
                      <Route path="/cases/new" element={<CaseFormPage />} />
                      <Route path="/red-listings/new" element={<RedListingFormPage />} />
                      <Route path="/cases/:id" element={<CaseRoute me={me} />} />
                      <Route path="/cases/:id/revise" element={<CaseFormPage />} />
                      <Route path="/inbox" element={<InboxPage />} />
                      <Route path="/deadlines" element={<DeadlinesPage />} />
                      <Route path="/subjects/:code" element={<SubjectPage linkCases={true} />} />
                      {(me.role === 'CASEWORKER' || me.role === 'SUPERVISOR') && (
                        <>
                          <Route path="/imports" element={<ImportPage me={me} />} />
                          <Route path="/imports/:id" element={<ImportBatchPage me={me} />} />
                        </>
                      )}
                    </>
                  )}
                  <Route path="/calendar" element={<CalendarPage canEdit={me.role === 'ADMINISTRATOR'} />} />
                  {me.role === 'SUPERVISOR' && <Route path="/audit" element={<AuditPage me={me} />} />}
                  {me.role === 'ADMINISTRATOR' && <Route path="/units" element={<UnitsAdminPage />} />}
                  {me.role === 'ADMINISTRATOR' && <Route path="/admin/users" element={<UsersAdminPage />} />}
                  {me.role === 'ADMINISTRATOR' && <Route path="/admin/departments" element={<DepartmentsAdminPage />} />}
                  {me.role === 'ADMINISTRATOR' && <Route path="/admin/measures" element={<MeasuresAdminPage />} />}
                  {me.role === 'ADMINISTRATOR' && <Route path="/admin/list-types" element={<ListTypesAdminPage />} />}
                  {me.role === 'ADMINISTRATOR' && <Route path="/admin/changes" element={<AdminChangesPage />} />}
                  <Route path="/account/security" element={<AccountSecurityPage />} />
                  {STAFF.includes(me.role) && (
                    <Route
                      path="/dashboard"
                      element={
                        <Suspense fallback={<Spin style={{ margin: 48 }} />}>
                          <DashboardPage />
                        </Suspense>
                      }
                    />
                  )}
                  <Route path="/policies" element={<PoliciesPage canEdit={me.role === 'ADMINISTRATOR'} />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Routes>,
              )
            )
          }
        />
      </Routes>
    </BrowserRouter>
  );
}

/** A case's page, new for each case: nothing of one case's (its read, its waits for it to settle) carries over to another's. */
function CaseRoute({ me }: { me: Me }) {
  const { id } = useParams();
  return <CasePage key={id} me={me} />;
}
