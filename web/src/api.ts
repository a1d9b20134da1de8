// Calls to the API. Errors arrive as problem+json; field errors are handed back to the form.
import { PURPOSE_HEADER, purposeHeaderValue, type GivenPurpose } from '../../domain/access';
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly errors: FieldError[] = [],
    /** Further members of the problem document, e.g. the case a duplicate filing collides with. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(title);
  }
}

/** Dispatched on window when the API says the session ended for being idle; its detail is the reason. */
export const SESSION_ENDED = 'credit:session-ended';

/**
 * The record a path reads, for its purpose (查询事由): a case with everything under it, or a subject's
 * record. A purpose given for a record is kept for this browser session and sent with every read of it.
 */
export function recordOf(path: string): string | null {
  const m = /^\/api\/(cases|subjects)\/([^/?]+)/.exec(path);
  if (!m || m[2] === 'export.xlsx') return null;
  const id = decodeURIComponent(m[2]!);
  return m[1] === 'cases' ? `case:${id}` : `subject:${id.trim().toUpperCase()}`;
}
const purposeKey = (record: string) => `access-purpose:${record}`;

/** What the server names when it asks a purpose: the case by its number, or the subject by its code. */
export type PurposeRecord = { caseNumber?: string; subjectCode?: string };
type Asker = (record: PurposeRecord) => Promise<GivenPurpose | null>;
let asker: Asker | null = null;
const asking = new Map<string, Promise<GivenPurpose | null>>();
/** The purpose dialogue registers itself here (components/PurposePrompt.tsx); answers null when cancelled. */
export function onPurposeAsked(ask: Asker | null): void {
  asker = ask;
}

/**
 * Sends a request with the purpose given for the record it reads. A read of a person's record that
 * the server refuses for want of a purpose asks the user once (the reads of the same record waiting
 * on the same answer), keeps the answer and reads again. Answers the response and its problem
 * document, if it is one.
 */
async function send(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ res: Response; problem: Record<string, unknown> | null }> {
  const record = recordOf(path);
  const purpose = record ? sessionStorage.getItem(purposeKey(record)) : null;
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      'content-type': 'application/json',
      'accept-language': localStorage.getItem('locale') === 'en' ? 'en' : 'zh-CN',
      ...(purpose ? { [PURPOSE_HEADER]: purpose } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.ok) return { res, problem: null };
  const text = await res.text();
  // A proxy's own error page (a 502, a 413) is no problem document: the status speaks for it.
  let problem: Record<string, unknown>;
  try {
    problem = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  } catch {
    problem = { title: `${res.status} ${res.statusText}` };
  }
  // A session that ended for being idle: the app goes back to the sign-in page, saying why.
  if (res.status === 401 && problem.code === 'SESSION_IDLE')
    window.dispatchEvent(new CustomEvent(SESSION_ENDED, { detail: problem.title }));
  if (problem.code === 'PURPOSE_REQUIRED' && record && asker && method === 'GET') {
    let answer = asking.get(record);
    if (!answer) {
      answer = asker((problem.record ?? {}) as PurposeRecord).finally(() => asking.delete(record));
      asking.set(record, answer);
    }
    const given = await answer;
    if (given) {
      sessionStorage.setItem(purposeKey(record), purposeHeaderValue(given));
      return send(method, path, body, headers);
    }
  }
  return { res, problem };
}

const failure = (res: Response, problem: Record<string, unknown>) =>
  new ApiError(
    res.status,
    (problem.title as string | undefined) ?? res.statusText,
    (problem.errors as FieldError[] | undefined) ?? [],
    problem,
  );

/** `headers` adds to the defaults, e.g. an Idempotency-Key that makes a repeated filing safe. */
export async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const { res, problem } = await send(method, path, body, headers);
  if (problem) throw failure(res, problem);
  const text = await res.text();
  return (text ? JSON.parse(text) : null) as T;
}

/**
 * Downloads a file the server sends (a document, an evidence file, an export) as a link would, but
 * with the purpose given for its record: reading a person's document is registered as reading the
 * person's record (查询使用登记). Saved under the name the server gives, else `fileName`.
 */
export async function download(path: string, fileName?: string): Promise<void> {
  const { res, problem } = await send('GET', path);
  if (problem) throw failure(res, problem);
  const disposition = res.headers.get('content-disposition') ?? '';
  const given = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = given ? decodeURIComponent(given) : (fileName ?? '');
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

// What each route answers: the same zod schemas the server sends its answers through (domain/api.ts).
export type {
  BatchNoticeApprovalResult,
  ImportBatchDetail,
  ImportBatchSummary,
  ImportPreview,
  Paged,
  AccessLogEntry,
  AccessLogPage,
  AttachmentView,
  AuditEntry,
  AuditPage,
  CalendarPreview,
  CalendarSaved,
  CalendarYearView,
  Dashboard,
  Config,
  FilingResult,
  CaseDetail,
  CaseSummary,
  CasePage,
  DeadlinePage,
  DeadlineRow,
  InboxPage,
  InboxPush,
  MeasureTargetView,
  Me,
  Measure,
  ObjectionView,
  PolicyVersion,
  PublicListing,
  PublicPage,
  Receipt as ReceiptView,
  Reference,
  RepairView,
  StuckCase,
  SubjectRecord,
  InterviewDue,
  Uploaded,
  WatchedDeadline,
  UnitExecution,
  UnitDeadline,
  UnitDeadlinePage,
  PartyMeasure,
  ApiKey,
  CreatedApiKey,
  CreatedWebhook,
  Unit,
  WebhookDelivery,
  Workbench,
} from '../../domain/api';
export type { AuditEvent as CaseEvent } from '../../domain/audit';
