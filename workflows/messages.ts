// Every message a case's workflow answers, for the API and the tests: the human steps are
// Updates (the caller learns at once whether the step was taken, or why not), progress is a
// Query, a calendar correction is a Signal. One workflow id per case serves them all: the
// designation run, then the listing runs that continue it.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { StepName } from '../domain/steps';
import type {
  ApprovalRequest,
  CaseProgress,
  EarlyRemovalRequest,
  FileObjectionRequest,
  FileStatementRequest,
  Filing,
  PartyActor,
  ObjectionAcceptanceRequest,
  ObjectionOutcomeRequest,
  RepairAcceptanceRequest,
  RepairApplicationRequest,
  RepairDecisionRequest,
  RepairExtensionRequest,
  ReviewDecisionRequest,
  ReviseDraftRequest,
} from '../domain/procedure';

/** Filing (立案): resolves once the case is recorded; refuses a duplicate of an active listing. */
export const filed = defineUpdate<Filing, [PartyActor]>('filed');

// Designation (认定)
export const decideNotice = defineUpdate<CaseProgress, [ApprovalRequest]>('decideNotice');
export const reviseDraft = defineUpdate<CaseProgress, [ReviseDraftRequest]>('reviseDraft');
export const fileStatement = defineUpdate<{ statementId: string }, [FileStatementRequest]>('fileStatement');
export const decideReview = defineUpdate<CaseProgress, [ReviewDecisionRequest]>('decideReview');
export const decideListing = defineUpdate<CaseProgress, [ApprovalRequest]>('decideListing');

// An active listing (列入后)
export const fileObjection = defineUpdate<{ objectionId: string }, [FileObjectionRequest]>('fileObjection');
export const decideObjectionAcceptance = defineUpdate<CaseProgress, [ObjectionAcceptanceRequest]>('decideObjectionAcceptance');
export const decideObjection = defineUpdate<CaseProgress, [ObjectionOutcomeRequest]>('decideObjection');
export const applyForRepair = defineUpdate<{ applicationId: string }, [RepairApplicationRequest]>('applyForRepair');
export const decideRepairAcceptance = defineUpdate<CaseProgress, [RepairAcceptanceRequest]>('decideRepairAcceptance');
export const extendRepair = defineUpdate<CaseProgress, [RepairExtensionRequest]>('extendRepair');
export const decideRepair = defineUpdate<CaseProgress, [RepairDecisionRequest]>('decideRepair');
export const removeEarly = defineUpdate<CaseProgress, [EarlyRemovalRequest]>('removeEarly');

/** The case as the workflow has it; with an actor, the steps open to that actor only. */
export const progress = defineQuery<CaseProgress, [PartyActor?]>('progress');

/** Every step of the catalogue (domain/steps.ts) and its Update, named alike. */
export const STEP_UPDATES = {
  decideNotice,
  reviseDraft,
  fileStatement,
  decideReview,
  decideListing,
  fileObjection,
  decideObjectionAcceptance,
  decideObjection,
  applyForRepair,
  decideRepairAcceptance,
  extendRepair,
  decideRepair,
  removeEarly,
} satisfies Record<StepName, { name: string }>;
// The working-day calendar was corrected: a deadline computed as provisional may have moved.
export const calendarCorrected = defineSignal('calendarCorrected');
