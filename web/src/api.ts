// Calls to the API. Errors arrive as problem+json; field errors are handed back to the form.
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

/** `headers` adds to the defaults, e.g. an Idempotency-Key that makes a repeated filing safe. */
export async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      'content-type': 'application/json',
      'accept-language': localStorage.getItem('locale') === 'en' ? 'en' : 'zh-CN',
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  // A session that ended for being idle: the app goes back to the sign-in page, saying why.
  if (res.status === 401 && data?.code === 'SESSION_IDLE') window.dispatchEvent(new CustomEvent(SESSION_ENDED, { detail: data.title }));
  if (!res.ok) throw new ApiError(res.status, data?.title ?? res.statusText, data?.errors ?? [], data ?? {});
  return data as T;
}

// What each route answers: the same zod schemas the server sends its answers through (domain/api.ts).
export type {
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
