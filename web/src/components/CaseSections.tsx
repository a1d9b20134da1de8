// The sections of a case page (web/src/pages/CasePage.tsx), each read from the case as the API
// answers it for the user: the facts (as corrected), the measures, the units told, the documents,
// the evidence on file and the timeline.
import { DownloadLink } from './DownloadLink';
import { Card, Descriptions, Table, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import { citeSources } from '../../../domain/policy';
import { UNSERVED_DOCUMENT_KINDS } from '../../../domain/vocabulary';
import type { CaseDetail, CaseEvent, Me, ReceiptView } from '../api';
import { useI18n } from '../i18n';
import { ListName } from './ListName';

/** The case's particulars as they now stand: an upheld objection's correction shown with what it corrected. */
export function CaseFacts({ c, me }: { c: CaseDetail; me: Me }) {
  const { t, label, date, dateTime } = useI18n();
  const corrections = c.objections.filter((o) => o.state === 'UPHELD' && o.correction);
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="facts">
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
        {corrections.length > 0 ? (
          <div data-testid="facts-corrected">
            {corrections.map((o) => (
              <div key={o.id}>
                <Tag color="green">{t('correctedOn', date(o.decidedAt ?? o.filedAt))}</Tag>
                {o.correction}
              </div>
            ))}
            <Typography.Text type="secondary" delete>
              {c.reasons}
            </Typography.Text>
          </div>
        ) : (
          c.reasons
        )}
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
  );
}

/**
 * The measures (or a red list's incentives) fixed with the case: shown from the draft on, so that
 * whoever approves sees what will apply, to whom, on what basis and why.
 */
export function CaseMeasures({ c }: { c: CaseDetail }) {
  const { t, label } = useI18n();
  if (c.measures.length === 0) return null;
  return (
    <Card size="small" type="inner" title={c.listKind === 'RED' ? t('incentives') : t('measures')}>
      <ul data-testid="case-measures" style={{ margin: 0, paddingInlineStart: 20 }}>
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
    </Card>
  );
}

/** Every push to a cooperating unit, with its acknowledgement. */
export function PushesTable({ c }: { c: CaseDetail }) {
  const { t, label, dateTime } = useI18n();
  if (c.pushes.length === 0) return null;
  return (
    <Card title={t('unitsTold')}>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={c.pushes}
        data-testid="pushes"
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('cooperatingUnit'), render: (_v, p) => p.department?.name },
          { title: t('pushKind'), dataIndex: 'kind', render: (v) => label(v) },
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
    </Card>
  );
}

/** The documents made in the case, each with its service on every party. */
export function DocumentsCard({ c }: { c: CaseDetail }) {
  const { t, label, date, dateTime, documentTitle } = useI18n();
  return (
    <Card title={t('documents')}>
      {c.documents.length === 0 && <Typography.Text type="secondary">{t('noDocumentsYet')}</Typography.Text>}
      {c.documents.map((d) => (
        <div key={d.id} style={{ marginBottom: 8 }}>
          <DownloadLink href={`/api/cases/${c.id}/documents/${d.id}`} data-testid={`document-${d.kind}`} data-number={d.number}>
            {documentTitle(d.kind)}（{d.number}）
          </DownloadLink>{' '}
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
  );
}

/** The evidence on file, each as a download with who filed it and its SHA-256. */
export function AttachmentsCard({ c }: { c: CaseDetail }) {
  const { t, label, dateTime } = useI18n();
  if (c.attachments.length === 0) return null;
  return (
    <Card title={t('attachments')} data-testid="attachments">
      {c.attachments.map((a) => (
        <div key={a.id} data-testid="attachment" data-purpose={a.purpose} style={{ marginBottom: 8 }}>
          <Tag>{label(a.purpose)}</Tag>
          {/* Served as a download (Content-Disposition: attachment), never opened in the app. */}
          <DownloadLink href={`/api/cases/${c.id}/attachments/${a.id}`} fileName={a.fileName}>
            {a.fileName}
          </DownloadLink>{' '}
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
  );
}

/** 办理记录: every step of the case — who, when, what, why — oldest first. */
export function CaseTimeline({ c }: { c: CaseDetail }) {
  const { t, label, dateTime } = useI18n();
  const measures = new Map(c.measures.map((m) => [m.measure.id, m.measure.content]));
  const measureName = (id: string) => measures.get(id) ?? id;
  return (
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
                <EventDetail event={e} measureName={measureName} />
              </div>
            </div>
          ),
        }))}
      />
    </Card>
  );
}

/** What an entry of the timeline adds to its action, read from its own typed detail (domain/audit.ts). */
export function EventDetail({ event, measureName }: { event: CaseEvent; measureName: (id: string) => string }) {
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
      parts.push(d.department, `${measureName(d.measureId)} · ${d.subjectCode}`, label(d.outcome));
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
export function fileSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A filing's receipt (回执): its number, when it was filed, and the day the office must answer by. */
export function Receipt({ receipt, filedAt, reviewDays }: { receipt: ReceiptView; filedAt: string; reviewDays?: number }) {
  const { t, label, date, dateTime } = useI18n();
  return (
    <div data-testid="receipt">
      <Tag color="geekblue">{t('receiptNumber', receipt.number)}</Tag>
      <Typography.Text type="secondary">
        {t('receivedAt', dateTime(filedAt))}
        {' · '}
        {receipt.answerBy
          ? t('answerBy', date(receipt.answerBy), label(receipt.answerKind ?? ''))
          : reviewDays !== undefined
            ? t('answerAfterNotice', reviewDays)
            : t('noAnswerOwed')}
      </Typography.Text>
    </div>
  );
}

/** The statements made in the notice period (陈述申辩), each with its receipt. */
export function StatementsCard({ c }: { c: CaseDetail }) {
  const { t, label, dateTime } = useI18n();
  if (c.statements.length === 0) return null;
  return (
    <Card title={t('statements')} data-testid="statements">
      {c.statements.map((s) => (
        <Typography.Paragraph key={s.id} data-testid="statement">
          <Tag>{label(s.kind)}</Tag> {dateTime(s.filedAt)} {s.filedByRole !== 'PARTY' && t('filedOnBehalf')}
          <br />
          {s.content}
          <Receipt
            receipt={s.receipt}
            filedAt={s.filedAt}
            reviewDays={s.kind === 'WAIVER' ? undefined : c.policy.statementReviewWorkingDays}
          />
        </Typography.Paragraph>
      ))}
    </Card>
  );
}
