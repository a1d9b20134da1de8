// A case in tabs: the overview (what is open, for whom and by when; the forms of the steps open to
// this user; the facts as they now stand; the measures), the documents and evidence, the units told
// and their feedback, the statements, objections and repair applications, and the timeline of every
// step — who, when, what, why.
import { NotFoundPage } from './NotFoundPage';
import { ListName } from '../components/ListName';
import { Alert, Card, Grid, Space, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, ApiError, type CaseDetail, type Me } from '../api';
import { ExecutionCard, MyMeasuresCard } from '../components/ExecutionCard';
import { StateTag } from '../components/StateTag';
import { MattersCard } from '../components/MattersCard';
import { StepForm } from '../components/StepForm';
import { PartyGuide } from '../components/PartyGuide';
import { PurposeRefused } from '../components/PurposePrompt';
import {
  AttachmentsCard,
  CaseFacts,
  CaseMeasures,
  CaseTimeline,
  DocumentsCard,
  PushesTable,
  StatementsCard,
} from '../components/CaseSections';
import { REMEDIES_FOR } from '../../../domain/vocabulary';
import { parseServiceMatter, type OpenStep } from '../../../domain/procedure';
import { followUp, SETTLE_FOR_MS, STUCK_POLL_MS } from '../../../domain/progress';
import { STEPS, type StepEntry } from '../../../domain/steps';
import { useI18n } from '../i18n';

export function CasePage({ me }: { me: Me }) {
  const { id } = useParams();
  const [params, setParams] = useSearchParams();
  const phone = Grid.useBreakpoint().md === false;
  const { t, label, date, documentTitle } = useI18n();
  const [c, setCase] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<{ status: number; text: string; purpose?: boolean } | null>(null);
  const [stale, setStale] = useState(false);
  /** Reads that failed: each one lets a settling page ask again (2 s later). */
  const [failures, setFailures] = useState(0);
  const loaded = useRef(false);
  // A refresh that fails keeps the page as it was (and says so) rather than replacing it: a form
  // being filled in is never lost to a passing network error.
  // Asked to settle, the API answers once the workflow's own follow-up of a step has run. Only the
  // newest read is shown: an older one answered later (a settling read, or another case's) is dropped.
  const newest = useRef(0);
  const reload = useCallback(
    (settle = false) => {
      const ticket = ++newest.current;
      const shown = () => ticket === newest.current;
      return api<CaseDetail>('GET', `/api/cases/${id}${settle ? '?settle=true' : ''}`).then(
        (fresh) => {
          if (!shown()) return;
          loaded.current = true;
          setCase(fresh);
          setStale(false);
        },
        (e) => {
          if (!shown()) return;
          setFailures((n) => n + 1);
          if (loaded.current) setStale(true);
          else
            setError({
              status: e instanceof ApiError ? e.status : 0,
              text: String(e.message ?? e),
              // A person's case read without its purpose (the dialogue cancelled): the page asks again.
              purpose: e instanceof ApiError && e.extra.code === 'PURPOSE_REQUIRED',
            });
        },
      );
    },
    [id],
  );
  useEffect(() => {
    void reload();
  }, [reload]);
  // After a step, the workflow's own follow-up (recording, serving a document, listing) takes a
  // moment: the workflow says while it is under way, and the page asks again, answered once it has
  // settled (the API waits up to 10 s each time) — at most once a second, 2 s after a read that
  // failed, for 30 s at most; then it says it is still under way. A follow-up that is stuck is not
  // waited on: the page reads the case again every 5 s meanwhile.
  const following = c === null ? null : followUp(c.procedure, c);
  const settling = following !== null;
  const settlingSince = useRef<number | null>(null);
  const lastAsked = useRef(0);
  const asking = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    if (!following) {
      settlingSince.current = null;
      return;
    }
    const since = (settlingSince.current ??= Date.now());
    const gap = following === 'poll' ? STUCK_POLL_MS : stale ? 2000 : 1000;
    const after = Math.max(0, lastAsked.current + gap - Date.now());
    if (Date.now() + after - since > SETTLE_FOR_MS) return;
    asking.current = setTimeout(() => {
      lastAsked.current = Date.now();
      void reload(following === 'settle');
    }, after);
    return () => clearTimeout(asking.current);
  }, [c, following, stale, failures, reload]);
  // A step taken: its follow-up is followed for 30 s from now, and a read already due gives way to the step's own.
  const afterStep = useCallback(() => {
    clearTimeout(asking.current);
    settlingSince.current = null;
    lastAsked.current = Date.now();
    void reload(true);
  }, [reload]);

  // A case that does not exist or is not the user's to see: said as a page, with a way back.
  if (error?.status === 404 || error?.status === 403) return <NotFoundPage title={t('caseNotVisible')} detail={error.text} />;
  if (error?.purpose) return <PurposeRefused text={error.text} onAsk={() => void (setError(null), reload())} />;
  if (error) return <Alert type="error" showIcon title={error.text} />;
  if (!c) return <Typography.Text>{t('loading')}</Typography.Text>;

  // What the workflow says is open now; its revision goes with every step form. The forms are
  // keyed by it, so a form opened on an older state of the case is not reused.
  const p = c.procedure;
  /**
   * What a service step serves, in words: its document and those made with it that have no step of
   * their own (两书同达), on whom — the subject or a responsible person.
   */
  const servedBy = (matterId?: string) => {
    if (!matterId) return '';
    const { documentId, recipient } = parseServiceMatter(matterId);
    const awaiting = (p?.awaitingService ?? []).filter((d) => d.recipient === recipient);
    const own = new Set(
      (p?.steps ?? []).filter((s) => s.step === 'recordService' && s.matterId).map((s) => parseServiceMatter(s.matterId!).documentId),
    );
    const from = awaiting.findIndex((d) => d.id === documentId);
    if (from < 0) return '';
    const next = awaiting.findIndex((d, i) => i > from && own.has(d.id));
    const person = c.responsiblePersons.find((r) => r.personCode === recipient);
    const whom = recipient === c.subjectCode || !person ? c.subjectName : `${label(person.role)}${person.name}`;
    const titles = awaiting.slice(from, next < 0 ? undefined : next).map((d) => documentTitle(d.kind));
    return `${titles.join('、')} → ${whom}`;
  };
  const revision = p?.revision ?? -1;
  const state = p?.state ?? c.state;
  // The units a listing is (or will be) pushed to: those implementing its measures.
  const unitsTold = new Set(c.measures.map((m) => m.measure.implementingDepartment.name)).size;
  const listed = state === 'LISTED';

  // Above the tabs, whatever tab is open: what the case waits for, its deadline, and the forms of
  // the steps open to this user — so that the documents, the matters or the timeline can be read
  // beside the form. Below, the tabs: the overview (the facts as they stand, the measures) first,
  // the others once there is something in them. The tab is in the address, so a link or a reload
  // lands on it.
  const party = me.role === 'PARTY';
  const staff = ['CASEWORKER', 'SUPERVISOR', 'ADMINISTRATOR'].includes(me.role);
  const filings = c.statements.length + c.objections.length + c.repairApplications.length;
  // On a phone every tab's name is short enough for all of them to fit in one row.
  const short = phone ? 'Short' : '';
  const tabs = [
    { key: 'overview', label: t('tabOverview') },
    { key: 'documents', label: t(`tabDocuments${short}`, c.documents.length + c.attachments.length) },
    ...(c.pushes.length > 0 || (c.listedAt && party)
      ? [{ key: 'units', label: party ? t(`tabMyMeasures${short}`) : t(`tabUnits${short}`) }]
      : []),
    ...(filings > 0 ? [{ key: 'matters', label: t(`tabMatters${short}`, filings) }] : []),
    { key: 'timeline', label: t(`tabTimeline${short}`, c.events.length) },
  ];
  const tab = tabs.some((x) => x.key === params.get('tab')) ? params.get('tab')! : 'overview';
  const content: Record<string, React.ReactNode> = {
    overview: (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <CaseFacts c={c} me={me} />
        <CaseMeasures c={c} />
      </Space>
    ),
    documents: (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <DocumentsCard c={c} />
        <AttachmentsCard c={c} />
      </Space>
    ),
    units: (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {c.listedAt && party && <MyMeasuresCard caseId={c.id} revision={c.events.length} />}
        {c.pushes.length > 0 && staff && <ExecutionCard caseId={c.id} revision={c.events.length} />}
        <PushesTable c={c} />
      </Space>
    ),
    matters: (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <StatementsCard c={c} />
        <MattersCard c={c} me={me} />
      </Space>
    ),
    timeline: <CaseTimeline c={c} />,
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/cases">← {t('back')}</Link>
      <Card
        size="small"
        title={
          <Space wrap>
            <span data-testid="case-number">{c.caseNumber}</span>
            <StateTag state={c.state} />
            <ListName name={c.listTypeName} kind={c.listKind} />
          </Space>
        }
      >
        <Typography.Paragraph strong style={{ fontSize: 16 }}>
          {c.subjectName}
        </Typography.Paragraph>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <NextSteps c={c} settling={settling} />
          <Card size="small" type="inner" title={t('deadline')} data-testid="deadline">
            {c.deadlineDate ? (
              <Space wrap>
                <Typography.Text strong>
                  {label(c.deadlineKind ?? '')}：{date(c.deadlineDate)} 24:00
                </Typography.Text>
                {c.deadlineAt && Date.parse(c.deadlineAt) <= Date.now() ? (
                  <Tag color="red">{t('overdueShort')}</Tag>
                ) : (
                  <Tag color={c.workingDaysLeft !== null && c.workingDaysLeft <= 1 ? 'red' : 'blue'}>
                    {t('workingDaysLeft', c.workingDaysLeft ?? 0)}
                  </Tag>
                )}
                {c.deadlineProvisional && <Tag color="warning">{t('provisional')}</Tag>}
              </Space>
            ) : (
              <Typography.Text type="secondary">{t('deadlineNone')}</Typography.Text>
            )}
          </Card>
          {listed && p?.interviewDue && !party && <Alert type="warning" showIcon title={t('interviewDue')} data-testid="interview-due" />}
          {listed && c.measuresSuspended && <Alert type="warning" showIcon title={t('suspended')} data-testid="suspended" />}
          {listed && c.repairEligibleFrom && (
            <Alert type="info" showIcon title={c.unrepairable ? t('unrepairable') : t('repairFrom', date(c.repairEligibleFrom))} />
          )}
          {c.stuck.length > 0 && (
            <Alert
              type="error"
              showIcon
              data-testid="stuck"
              title={t('caseStuck')}
              description={c.stuck.map((s) => `${label(s.activity)}：${t('attempts')} ${s.attempts} · ${s.lastError}`).join('；')}
            />
          )}
          {(p === null || stale) && <Alert type="warning" showIcon title={t('refreshFailed')} />}
          {/* The party reads what each of its ways is for before the forms. */}
          {party && <PartyGuide c={c} />}
          {/* Exactly the steps the workflow has open for this user, each through the one step form. */}
          <div key={revision}>
            {(p?.steps ?? [])
              .filter((s) => !s.notBefore || Date.now() >= Date.parse(s.notBefore))
              .map((s) => (
                <StepForm
                  key={`${s.step}-${s.matterId ?? ''}`}
                  caseId={c.id}
                  step={s}
                  revision={revision}
                  onDone={afterStep}
                  asParty={party}
                  about={s.step === 'recordService' ? servedBy(s.matterId) : undefined}
                  // An upheld objection's remedy must fit what it concerns (the workflow refuses any other).
                  choices={s.step === 'decideObjection' && p?.objection ? { remedy: REMEDIES_FOR[p.objection.concerns] } : undefined}
                  unitsTold={unitsTold}
                  preview={
                    PREVIEW_OF[s.step] && {
                      href: `/api/cases/${c.id}/preview/${PREVIEW_OF[s.step]}`,
                      title: t('previewOf', documentTitle(PREVIEW_OF[s.step]!)),
                    }
                  }
                />
              ))}
          </div>
        </Space>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'overview' ? {} : { tab: key }, { replace: true })}
        items={tabs.map((x) => ({ key: x.key, label: <span data-testid={`tab-${x.key}`}>{x.label}</span>, children: content[x.key] }))}
      />
    </Space>
  );
}

/** The document an approver reads before a step, as it will be served (a draft, numbered on approval). */
const PREVIEW_OF: Partial<Record<OpenStep['step'], 'PRIOR_NOTICE' | 'LISTING_DECISION' | 'RED_LISTING_DECISION'>> = {
  decideNotice: 'PRIOR_NOTICE',
  decideListing: 'LISTING_DECISION',
  decideRedListing: 'RED_LISTING_DECISION',
};

/**
 * 下一步: every step open on the case — what it is, who takes it (the party, or the office's role)
 * and by when — so that whoever opens the case knows what it waits for.
 */
function NextSteps({ c, settling }: { c: CaseDetail; settling: boolean }) {
  const { t, label, date, stepName } = useI18n();
  const who = (step: OpenStep['step']) => {
    const e: StepEntry = STEPS[step];
    return e.partysOwn ? t('theParty') : e.roles.map((r) => label(r)).join(t('or'));
  };
  return (
    <Card size="small" type="inner" title={t('nextSteps')} style={{ marginBottom: 16 }} data-testid="next-steps">
      {settling ? (
        <Typography.Text type="secondary">{t('systemWorking')}</Typography.Text>
      ) : c.openSteps.length === 0 ? (
        <Typography.Text type="secondary">{c.state === 'LISTED' ? t('nothingOpenListed') : t('nothingOpen')}</Typography.Text>
      ) : (
        <Space orientation="vertical" size={4}>
          {c.openSteps.map((s) => (
            <Space key={`${s.step}-${s.matterId ?? ''}`} wrap data-testid="next-step">
              <Typography.Text strong>{stepName(s.step)}</Typography.Text>
              <Tag>{who(s.step)}</Tag>
              {s.deadline && (
                <Tag color={s.overdue ? 'red' : 'blue'}>
                  {t('dueBy')} {date(s.deadline.date)} 24:00{s.overdue ? ` · ${t('overdue')}` : ''}
                </Tag>
              )}
            </Space>
          ))}
        </Space>
      )}
    </Card>
  );
}
