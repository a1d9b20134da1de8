import type { CaseProgress } from '../../domain/procedure';
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
  if (!res.ok) throw new ApiError(res.status, data?.title ?? res.statusText, data?.errors ?? [], data ?? {});
  return data as T;
}

export interface Me {
  userId: string;
  username: string;
  name: string;
  role: 'CASEWORKER' | 'SUPERVISOR' | 'COOPERATING_UNIT' | 'PARTY' | 'ADMINISTRATOR';
  departmentId: string | null;
  departmentName: string | null;
  subjectCode: string | null;
}

export interface CaseSummary {
  id: string;
  caseNumber: string;
  subjectName: string;
  subjectCode: string;
  subjectType: string;
  listType: string;
  tier: string;
  state: string;
  deadlineDate: string | null;
  deadlineAt: string | null;
  deadlineProvisional: boolean;
  workingDaysLeft: number | null;
  createdAt: string;
}

export interface CaseEvent {
  id: string;
  at: string;
  actorName: string;
  actorRole: string;
  action: string;
  detail: Record<string, unknown>;
  reason: string | null;
}

export interface CaseDetail extends CaseSummary {
  workflowId: string;
  department: { name: string };
  policy: { code: string; version: number; name: string; noticeWorkingDays: number };
  basisKind: string;
  basisNumber: string;
  basisIssuer: string;
  basisDate: string;
  reasons: string;
  noticeNumber: string | null;
  noticeServedAt: string | null;
  deadlineKind: string | null;
  listedAt: string | null;
  publicationEndsOn: string | null;
  workingDaysLeft: number | null;
  statements: { id: string; kind: string; content: string; filedAt: string; filedByRole: string }[];
  responsiblePersons: { role: string; name: string; personCode: string }[];
  leniencyGrounds: string[];
  documents: { id: string; kind: string; number: string; fileName: string; createdAt: string }[];
  measures: { chosen: boolean; measure: Measure }[];
  pushes: PushView[];
  leniencyReasons: string | null;
  events: CaseEvent[];
  unrepairable: boolean;
  measuresSuspended: boolean;
  removalKind: string | null;
  repairEligibleFrom: string | null;
  objections: ObjectionView[];
  repairApplications: RepairView[];
  deadlines: { id: string; key: string; kind: string; dueDate: string; provisional: boolean; status: string; closedAt: string | null }[];
  /** The workflow's own view (null when it cannot answer): the revision every step form carries. */
  procedure: CaseProgress | null;
}

export interface ObjectionView {
  id: string;
  source: string;
  filedByName: string;
  filedAt: string;
  grounds: string;
  state: string;
  refusalReasons: string | null;
  measuresSuspended: boolean;
  remedy: string | null;
  correction: string | null;
  outcomeReasons: string | null;
}

export interface RepairView {
  id: string;
  filedByName: string;
  filedAt: string;
  correctionProof: string;
  commitment: string;
  otherMethods: string[];
  state: string;
  refusalReasons: string | null;
  extensionReason: string | null;
  decisionReasons: string | null;
}

export interface Measure {
  id: string;
  content: string;
  category: string;
  mandatory: boolean;
  legalBasis: string;
  listTypes: string[];
  implementingDepartment: { name: string };
}

export interface Reference {
  listTypes: { code: string; name: string; nameEn: string }[];
  measures: Measure[];
}

export interface PushView {
  id: string;
  status: 'PENDING' | 'ACKNOWLEDGED';
  kind: 'LISTING' | 'REMOVAL';
  pushedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  department?: { name: string };
  case?: {
    id: string;
    caseNumber: string;
    subjectName: string;
    subjectCode: string;
    listType: string;
    tier: string;
    publicationEndsOn: string | null;
  };
  measures?: Measure[];
}
