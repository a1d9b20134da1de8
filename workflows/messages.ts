// Every message a case's workflow answers, for the API and the tests: the human steps are
// Updates (the caller learns at once whether the step was taken, or why not), progress is a
// Query, a calendar correction is a Signal. One workflow id per case serves them all: the
// designation run, then the listing runs that continue it.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { STEP_NAMES, type StepName, type StepRequest, type StepResult } from '../domain/steps';
import type { CaseProgress, DishonestyRecorded, Filing, PartyActor } from '../domain/procedure';

/** Filing (立案): resolves once the case is recorded; refuses a duplicate of an active listing. */
export const filed = defineUpdate<Filing, [PartyActor]>('filed');

/** Every human step of the catalogue (domain/steps.ts) is an Update of the same name. */
export const STEP_UPDATES = Object.fromEntries(STEP_NAMES.map((name) => [name, defineUpdate(name)])) as {
  [N in StepName]: UpdateDefinition<StepResult<N, CaseProgress>, [StepRequest<N, PartyActor>]>;
};
export const {
  recordService,
  decideNotice,
  reviseDraft,
  fileStatement,
  decideReview,
  decideListing,
  decideRedListing,
  fileObjection,
  decideObjectionAcceptance,
  decideObjection,
  applyForRepair,
  decideRepairAcceptance,
  extendRepair,
  decideRepair,
  removeEarly,
  scheduleInterview,
  recordInterview,
} = STEP_UPDATES;

/** The case as the workflow has it; with an actor, the steps open to that actor only. */
export const progress = defineQuery<CaseProgress, [PartyActor?]>('progress');

// The working-day calendar was corrected: a deadline computed as provisional may have moved.
export const calendarCorrected = defineSignal('calendarCorrected');
/** More of a push's units were told (or a follow-up left unstarted is started): its follow-up looks again, and delivers these. */
export const pushesRecorded = defineSignal<[deliveryIds?: string[]]>('pushesRecorded');

// The subject was black-listed in a conflicting field: a red listing closes, or is taken off.
export const dishonestyRecorded = defineSignal<[DishonestyRecorded]>('dishonestyRecorded');
