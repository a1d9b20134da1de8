// A red listing (列入守信激励对象名单, 000 §三, 002 §10-13, 004 §二) as one durable workflow: the
// caseworker's draft → the supervisor approves it (or refuses, with reasons) → the subject is listed
// at once — published, the decision made, the incentives pushed to the units that grant them — and
// stays listed until its validity runs out (by its own timer), a supervisor removes it early with a
// reason, or the subject is black-listed in the same field (a signal from that listing): a subject
// is never on a red and a black list of the same field together. Nothing here restrains anyone, so
// there is no prior notice, no hearing and no waiting for service.
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import type { ApprovalRequest, CaseProgress, DishonestyRecorded, OpenStep, RedListingWorkflowInput, Removal } from '../domain/procedure';
import type { CaseState } from '../domain/vocabulary';
import { caseView } from '../domain/progress';
import { decideRedListing, dishonestyRecorded, progress, removeEarly } from './messages';
import { StepBoard } from './steps';
import { trackedActivities } from './activities';
import { fileCase } from './filing';

export async function redListingWorkflow(input: RedListingWorkflowInput): Promise<CaseProgress> {
  const {
    activities: {
      recordRedDraft,
      recordApproval,
      listRedSubject,
      closeRedProposal,
      removeFromList,
      issueRedListingDecision,
      issueRedRemovalNotice,
    },
    running,
  } = trackedActivities();
  const view = caseView({ state: 'RECORDING', revision: 0 });
  const at = () => new Date().toISOString();
  /** The workflow alone decides the case's state: the activity recording the step persists it, then the case is in it. */
  async function advance<A, R>(state: CaseState, record: (args: A & { state: CaseState }) => Promise<R>, args: A): Promise<R> {
    const result = await record({ ...args, state });
    view.state = state;
    view.revision++;
    return result;
  }
  let approval: ApprovalRequest | undefined;
  let removal: Removal | undefined;
  let black: DishonestyRecorded | undefined;

  const steps = new StepBoard({
    departmentId: input.departmentId,
    parties: () => [input.form.subjectCode],
    view,
    running,
    matters: () => [],
    open: (): OpenStep[] => {
      if (view.state === 'AWAITING_DECISION_APPROVAL' && !approval && !black) return [{ step: 'decideRedListing' }];
      if (view.state === 'LISTED' && !removal && !black) return [{ step: 'removeEarly' }];
      return [];
    },
  });
  setHandler(progress, (actor) => steps.progress(actor));
  setHandler(dishonestyRecorded, (recorded) => {
    black ??= recorded; // the first black listing to take effect is the one the record names
  });
  steps.handle(decideRedListing, async (request) => {
    const args = { caseId: input.caseId, at: at(), step: 'DECISION' as const, revision: request.revision, request };
    await advance(request.approved ? 'AWAITING_DECISION_APPROVAL' : 'CLOSED_NOT_LISTED', recordApproval, args);
    approval = request;
    await condition(() => view.state !== 'AWAITING_DECISION_APPROVAL'); // the caller sees it listed (or not)
    return steps.progress(request.actor);
  });
  steps.handle(removeEarly, async ({ actor, reason }) => {
    removal = { kind: 'EARLY', actor, reason };
    await condition(() => view.state === 'REMOVED');
    return steps.progress(actor);
  });

  // 1. The draft is recorded and numbered, with its incentives, for the supervisor — unless the
  // subject already has an active case on the same list and basis.
  const recorded = await fileCase(
    input.caseId,
    (actor) => steps.progress(actor),
    () => advance('AWAITING_DECISION_APPROVAL', recordRedDraft, { ...input, at: at() }),
  );
  if (!recorded) return view;

  // 2. The supervisor decides; a black listing of the same field meanwhile closes the proposal.
  await condition(() => approval !== undefined || black !== undefined);
  if (!approval?.approved) {
    if (!approval) await advance('CLOSED_NOT_LISTED', closeRedProposal, { caseId: input.caseId, at: at(), black: black! });
    await condition(allHandlersFinished);
    return view;
  }

  // 3. Listed at once: published, the decision made, the incentives pushed (the listing itself
  // checks the black lists again, in the same transaction).
  const listed = await listRedSubject({ caseId: input.caseId, at: at(), state: 'LISTED' });
  if (!('validUntil' in listed)) {
    view.state = 'CLOSED_NOT_LISTED';
    view.revision++;
    await condition(allHandlersFinished);
    return view;
  }
  Object.assign(view, { state: 'LISTED', listedAt: at(), publicationEndsOn: listed.validUntil });
  view.revision++;
  await issueRedListingDecision({ caseId: input.caseId, at: at() });

  // 4. Valid until 24:00 of its last day, unless removed early or on a black listing of the same field.
  const remaining = Date.parse(listed.removalAt) - Date.now();
  await condition(() => removal !== undefined || black !== undefined, Math.max(remaining, 0));
  if (black && !removal) removal = { kind: 'DISHONESTY', reason: `${black.listTypeName}（${black.caseNumber}）` };
  removal ??= { kind: 'EXPIRY' };
  // On expiry it is off the list as of 24:00 of its last day, the instant the timer was set for.
  const removedAt = removal.kind === 'EXPIRY' ? listed.removalAt : at();
  await removeFromList({ caseId: input.caseId, removedAt, removal, state: 'REMOVED', openMattersTo: 'ENDED' });
  view.state = 'REMOVED';
  view.removalKind = removal.kind;
  view.revision++;
  await issueRedRemovalNotice({ caseId: input.caseId, at: at() });
  await condition(allHandlersFinished);
  return view;
}
