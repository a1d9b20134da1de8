// Messages exchanged between the designation workflow, its activities and the API.
import type { DesignationInput, ReviewDecisionInput, StatementInput } from './schemas';
import type { Actor, CaseState } from './vocabulary';

export interface DeadlineView {
  kind: 'NOTICE_PERIOD';
  /** The last working day, Asia/Shanghai. */
  date: string;
  /** 24:00 Asia/Shanghai of `date`, as an ISO instant. */
  endsAt: string;
  workingDays: number;
  provisional: boolean;
}

export interface DesignationWorkflowInput {
  caseId: string;
  departmentId: string;
  filedBy: Actor;
  form: DesignationInput;
}

export interface NoticeIssued {
  caseNumber: string;
  noticeNumber: string;
  policy: { id: string; code: string; version: number };
  deadline: DeadlineView;
}

export interface FileStatementRequest extends StatementInput {
  actor: Actor & { subjectCode?: string | null };
}

export interface ReviewDecisionRequest extends ReviewDecisionInput {
  actor: Actor;
}

export interface EarlyRemovalRequest {
  reason: string;
  actor: Actor;
}

export interface CaseProgress {
  state: CaseState | 'RECORDING';
  deadline: DeadlineView | null;
  listedAt: string | null;
  publicationEndsOn: string | null;
}

/** The reason a workflow update was refused, for the API to show the user. */
export type RejectionCode = 'WRONG_ROLE' | 'WRONG_STATE' | 'LATE' | 'NOT_THE_PARTY' | 'WRONG_DEPARTMENT';

/** The task queue every procedure workflow and activity runs on. */
export const TASK_QUEUE = 'credit-procedures';
export const designationWorkflowId = (caseId: string) => `designation-${caseId}`;
