// A case: its state, its current deadline (date and working days left), its particulars, the
// actions open to this user, and the timeline of every step — who, when, what, why.
import { citeSources } from '../../../domain/policy';
import { NotFoundPage } from './NotFoundPage';
import { UNSERVED_DOCUMENT_KINDS } from '../../../domain/vocabulary';
import { ListName } from '../components/ListName';
import { Alert, Card, Descriptions, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError, type CaseDetail, type CaseEvent, type Me } from '../api';
import { ExecutionCard, MyMeasuresCard } from '../components/ExecutionCard';
import { StateTag } from '../components/StateTag';
import { MattersCard } from '../components/MattersCard';
import { StepForm } from '../components/StepForm';
import { REMEDIES_FOR } from '../../../domain/vocabulary';
import { parseServiceMatter, type OpenStep } from '../../../domain/procedure';
import { STEPS, type StepEntry } from '../../../domain/steps';
import { useI18n } from '../i18n';

export function CasePage({ me, temporalUiUrl }: { me: Me; temporalUiUrl: string | null }) {
  const { id } = useParams();
  const { t, label, date, dateTime, documentTitle } = useI18n();
  const [c, setCase] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<{ status: number; text: string } | null>(null);
  const [stale, setStale] = useState(false);
  const loaded = useRef(false);
  // A refresh that fails keeps the page as it was (and says so) rather than replacing it: a form
  // being filled in is never lost to a passing network error.
  const reload = useCallback(
    () =>
      api<CaseDetail>('GET', `/api/cases/${id}`).then(
        (fresh) => {
          loaded.current = true;
          setCase(fresh);
          setStale(false);
        },
        (e) => (loaded.current ? setStale(true) : setError({ status: e instanceof ApiError ? e.status : 0, text: String(e.message ?? e) })),
      ),
    [id],
  );
  useEffect(() => {
    void reload();
  }, [reload]);
  // After a step, the workflow's own follow-up (recording, serving a document, listing) takes a
  // moment: the workflow says while it is under way, and the page refreshes until it has settled.
  const settling = c !== null && (c.procedure?.settling === true || (c.procedure !== null && c.procedure.state !== c.state));
  useEffect(() => {
    if (!settling) return;
    const timer = setInterval(() => void reload(), 1500);
    const stop = setTimeout(() => clearInterval(timer), 30_000);
    return () => {
      clearInterval(timer);
      clearTimeout(stop);
    };
  }, [settling, reload]);

  // A case that does not exist or is not the user's to see: said as a page, with a way back.
  if (error?.status === 404 || error?.status === 403) return <NotFoundPage title={t('caseNotVisible')} detail={error.text} />;
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

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Link to="/cases">← {t('back')}</Link>
      <Card
        title={
          <Space>
            <span data-testid="case-number">{c.caseNumber}</span>
            <StateTag state={c.state} />
          </Space>
        }
        extra={
          temporalUiUrl && me.role !== 'PARTY' ? (
            <a href={`${temporalUiUrl}/namespaces/default/workflows/${encodeURIComponent(c.workflowId)}`} target="_blank" rel="noreferrer">
              {t('viewWorkflow')}
            </a>
          ) : null
        }
      >
        <NextSteps c={c} settling={settling} />
        <Card size="small" type="inner" title={t('deadline')} style={{ marginBottom: 16 }} data-testid="deadline">
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
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('subjectName')}>{c.subjectName}</Descriptions.Item>
          <Descriptions.Item label={t('subjectCode')}>
            {me.role === 'COOPERATING_UNIT' ? (
              <span style={{ fontFamily: 'monospace' }}>{c.subjectCode}</span>
            ) : (
              <Link to={`/subjects/${c.subjectCode}`} style={{ fontFamily: 'monospace' }} data-testid="subject-record-link">
                {c.subjectCode}
              </Link>
            )}
            （{label(c.subjectType)}）
          </Descriptions.Item>
          <Descriptions.Item label={t('listType')}>
            <ListName name={c.listTypeName} kind={c.listKind} />
          </Descriptions.Item>
          {c.tier && <Descriptions.Item label={t('tier')}>{label(c.tier)}</Descriptions.Item>}
          <Descriptions.Item label={t('basis')} span={2}>
            {label(c.basisKind)} · {c.basisNumber} · {c.basisIssuer} · {date(c.basisDate)}
          </Descriptions.Item>
          <Descriptions.Item label={t('reasons')} span={2}>
            {c.reasons}
          </Descriptions.Item>
          {c.responsiblePersons.length > 0 && (
            <Descriptions.Item label={t('responsiblePersons')} span={2}>
              {c.responsiblePersons.map((p) => (
                <div key={`${p.role}-${p.personCode}`}>
                  {label(p.role)}：{p.name}（<span style={{ fontFamily: 'monospace' }}>{p.personCode}</span>）
                </div>
              ))}
            </Descriptions.Item>
          )}
          {c.leniencyGrounds.length > 0 && (
            <Descriptions.Item label={t('leniency')} span={2}>
              <div data-testid="leniency">
                {c.leniencyGrounds.map((g) => (
                  <Tag color="gold" key={g}>
                    {label(g)}
                  </Tag>
                ))}
                {c.leniencyReasons}
              </div>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('department')}>{c.department.name}</Descriptions.Item>
          <Descriptions.Item label={t('policy')}>
            {c.policy.name}（{t('policyVersion', c.policy.version)}）
          </Descriptions.Item>
          {c.listKind === 'BLACK' && <Descriptions.Item label={t('noticeNumber')}>{c.noticeNumber ?? '—'}</Descriptions.Item>}
          <Descriptions.Item label={t('createdAt')}>{dateTime(c.createdAt)}</Descriptions.Item>
          {c.listedAt && <Descriptions.Item label={t('listedAt')}>{dateTime(c.listedAt)}</Descriptions.Item>}
          {c.publicationEndsOn && (
            <Descriptions.Item label={c.listKind === 'RED' ? t('validUntil') : t('publicationEndsOn')}>
              {date(c.publicationEndsOn)}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      {(c.measures.length > 0 || c.pushes.length > 0) && (
        <Card title={c.listKind === 'RED' ? t('incentives') : t('measures')}>
          <ul data-testid="case-measures">
            {c.measures.map(({ measure: m, subjectCode, reasons }) => {
              // A measure on persons names the responsible person it restrains.
              const person = subjectCode !== c.subjectCode ? c.responsiblePersons.find((p) => p.personCode === subjectCode) : undefined;
              return (
                <li key={`${m.id}-${subjectCode}`}>
                  <Tag color={m.mandatory ? 'red' : 'blue'}>{m.mandatory ? t('mandatory') : t('recommended')}</Tag>
                  {person && `${label(person.role)}${person.name}：`}
                  {m.content}（{m.implementingDepartment.name}；{citeSources(m.legalBasis)}）
                  {reasons && <Typography.Text type="secondary">{` ${t('measureReasons')}：${reasons}`}</Typography.Text>}
                </li>
              );
            })}
          </ul>
          {c.pushes.length > 0 && (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={c.pushes}
              data-testid="pushes"
              columns={[
                { title: t('cooperatingUnit'), render: (_v, p) => p.department?.name },
                { title: '', dataIndex: 'kind', render: (v) => label(v) },
                { title: t('pushedAt'), dataIndex: 'pushedAt', render: (v) => dateTime(v) },
                {
                  title: t('ackStatus'),
                  render: (_v, p) =>
                    p.status === 'ACKNOWLEDGED' ? (
                      <Tag color="green">
                        {t('acknowledged')} · {p.acknowledgedBy} · {dateTime(p.acknowledgedAt)}
                      </Tag>
                    ) : (
                      <Tag color="orange">{t('pending')}</Tag>
                    ),
                },
              ]}
            />
          )}
        </Card>
      )}

      {c.listedAt && me.role === 'PARTY' && <MyMeasuresCard caseId={c.id} revision={c.events.length} />}
      {c.pushes.length > 0 && ['CASEWORKER', 'SUPERVISOR', 'ADMINISTRATOR'].includes(me.role) && (
        <ExecutionCard caseId={c.id} revision={c.events.length} />
      )}

      {c.documents.length > 0 && (
        <Card title={t('documents')}>
          {c.documents.map((d) => (
            <div key={d.id}>
              <a href={`/api/cases/${c.id}/documents/${d.id}`} data-testid={`document-${d.kind}`} data-number={d.number}>
                {documentTitle(d.kind)}（{d.number}）
              </a>{' '}
              <Typography.Text type="secondary">{dateTime(d.createdAt)}</Typography.Text>{' '}
              {UNSERVED_DOCUMENT_KINDS.includes(d.kind) ? null : d.servedOn ? (
                <Tag color="green" data-testid={`served-${d.kind}`}>
                  {t('served')} {date(d.servedOn)}（{label(d.serviceMethod ?? '')}）
                </Tag>
              ) : (
                <Tag color="orange" data-testid={`served-${d.kind}`}>
                  {t('notServed')}
                </Tag>
              )}
              {/* Its service on each party, where there is more than one (the responsible persons too). */}
              {d.services.length > 1 &&
                d.services.map((x) => (
                  <Tag key={x.recipientCode}>
                    {x.recipientName}：{date(x.servedOn)}（{label(x.method)}）
                  </Tag>
                ))}
            </div>
          ))}
        </Card>
      )}

      {c.attachments.length > 0 && (
        <Card title={t('attachments')} data-testid="attachments">
          {c.attachments.map((a) => (
            <div key={a.id} data-testid="attachment" data-purpose={a.purpose}>
              <Tag>{label(a.purpose)}</Tag>
              {/* Served as a download (Content-Disposition: attachment), never opened in the app. */}
              <a href={`/api/cases/${c.id}/attachments/${a.id}`} download={a.fileName}>
                {a.fileName}
              </a>{' '}
              <Typography.Text type="secondary">
                {fileSize(a.size)} · {a.uploadedByName}（{label(a.uploadedByRole)}） · {dateTime(a.createdAt)}
              </Typography.Text>
              <br />
              <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
                SHA-256 {a.sha256}
              </Typography.Text>
            </div>
          ))}
        </Card>
      )}

      {listed && p?.interviewDue && me.role !== 'PARTY' && (
        <Alert type="warning" showIcon title={t('interviewDue')} data-testid="interview-due" />
      )}
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
              onDone={reload}
              asParty={me.role === 'PARTY'}
              about={s.step === 'recordService' ? servedBy(s.matterId) : undefined}
              // An upheld objection's remedy must fit what it concerns (the workflow refuses any other).
              choices={s.step === 'decideObjection' && p?.objection ? { remedy: REMEDIES_FOR[p.objection.concerns] } : undefined}
              unitsTold={unitsTold}
              preview={
                s.step === 'decideNotice'
                  ? { href: `/api/cases/${c.id}/preview/PRIOR_NOTICE`, title: t('previewOf', documentTitle('PRIOR_NOTICE')) }
                  : s.step === 'decideRedListing'
                    ? {
                        href: `/api/cases/${c.id}/preview/RED_LISTING_DECISION`,
                        title: t('previewOf', documentTitle('RED_LISTING_DECISION')),
                      }
                    : undefined
              }
            />
          ))}
      </div>
      <MattersCard c={c} me={me} />

      {c.statements.length > 0 && (
        <Card title={t('statements')}>
          {c.statements.map((s) => (
            <Typography.Paragraph key={s.id}>
              <Tag>{label(s.kind)}</Tag> {dateTime(s.filedAt)} {s.filedByRole !== 'PARTY' && t('filedOnBehalf')}
              <br />
              {s.content}
            </Typography.Paragraph>
          ))}
        </Card>
      )}

      <Card title={t('timeline')}>
        <Timeline
          data-testid="timeline"
          items={c.events.map((e) => ({
            key: e.id,
            content: (
              <div data-action={e.action}>
                <Typography.Text strong>
                  {e.action === 'DECISION_SUBMITTED' && !e.detail.noticePeriodEndedWithoutStatement
                    ? t('decisionSubmittedAfterReview')
                    : label(e.action)}
                </Typography.Text>
                <br />
                <Typography.Text type="secondary">
                  {dateTime(e.at)} ·{' '}
                  {e.actorRole === 'SYSTEM' || e.actorRole === 'OFFICE' ? e.actorName : `${e.actorName}（${label(e.actorRole)}）`}
                </Typography.Text>
                {e.reason && <div>{e.reason}</div>}
                <div>
                  <EventDetail event={e} />
                </div>
              </div>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}

/** What an entry of the timeline adds to its action, read from its own typed detail (domain/audit.ts). */
function EventDetail({ event }: { event: CaseEvent }) {
  const { date, locale, label, documentTitle } = useI18n();
  const en = locale === 'en';
  const due = (kind: string | null, d: { deadlineDate: string; workingDays: number }, provisional = false) => {
    const which = kind ? label(kind) : en ? 'Reply by' : '陈述申辩期限';
    const p = provisional ? (en ? ', provisional' : '，暂定') : '';
    return en
      ? `${which}: ${date(d.deadlineDate)} (${d.workingDays} working days${p})`
      : `${which}：${date(d.deadlineDate)}（${d.workingDays} 个工作日${p}）`;
  };
  const parts: string[] = [];
  switch (event.action) {
    case 'CASE_FILED':
      break; // the policy is named, with its version, in the overview
    case 'NOTICE_ISSUED':
      parts.push(event.detail.noticeNumber);
      break;
    case 'SERVICE_RECORDED': {
      const d = event.detail;
      parts.push(d.documents.map((k) => documentTitle(k)).join('、'), `${label(d.method)} ${date(d.servedOn)}`);
      if (d.deadlineDate && d.workingDays)
        parts.push(due(null, { deadlineDate: d.deadlineDate, workingDays: d.workingDays }, d.provisional));
      break;
    }
    case 'DEADLINE_RECOMPUTED':
      parts.push(due(event.detail.deadline, event.detail, event.detail.provisional), `${en ? 'was' : '原为'} ${date(event.detail.from)}`);
      break;
    case 'STEP_OVERDUE':
      parts.push(due(event.detail.deadline, event.detail));
      break;
    case 'UNIT_DEADLINE_OVERDUE':
      parts.push(
        event.detail.department,
        `${label(event.detail.deadline)} ${en ? 'due' : '应于'} ${date(event.detail.due)}${en ? '' : '前'}`,
      );
      break;
    case 'REPAIR_EXTENDED':
      parts.push(due(event.detail.deadline, event.detail), `${en ? 'was' : '原为'} ${date(event.detail.from)}`);
      break;
    case 'LISTED':
      parts.push(en ? `published until ${date(event.detail.publicationEndsOn)}` : `公示至 ${date(event.detail.publicationEndsOn)}`);
      break;
    case 'PUSHED':
    case 'REMOVAL_PUSHED':
    case 'SUSPENSION_PUSHED':
    case 'RESUMPTION_PUSHED':
    case 'CORRECTION_PUSHED':
    case 'OBJECTION_RESULT_PUSHED':
      parts.push(event.detail.department);
      break;
    case 'PUSH_ACKNOWLEDGED':
      if (event.detail.department) parts.push(event.detail.department);
      break;
    case 'EXECUTION_FEEDBACK': {
      const d = event.detail;
      parts.push(d.department, `${d.measureId} · ${d.subjectCode}`, label(d.outcome));
      if (d.on) parts.push(date(d.on));
      if (d.matter) parts.push(d.matter);
      break;
    }
    case 'DOCUMENT_ISSUED':
      parts.push(`${documentTitle(event.detail.kind)} ${event.detail.number}`);
      break;
    case 'ATTACHMENTS_LINKED':
      parts.push(event.detail.files.map((f) => f.fileName).join('、'));
      break;
    case 'OBJECTION_UPHELD':
      parts.push(label(event.detail.remedy));
      if (event.detail.correction) parts.push(event.detail.correction);
      break;
  }
  return parts.length ? <Typography.Text type="secondary">{parts.join('；')}</Typography.Text> : null;
}

/** A file's size as people read it. */
function fileSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

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
