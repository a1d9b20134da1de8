// An active listing (列入后), continued from the designation under the same workflow id. It ends in
// removal (移出): by its own timer when the publication period runs out, with no human step; or
// earlier — by a supervisor with a recorded reason, on a granted repair, or on an upheld objection
// that revokes the listing. Meanwhile the party's remedies run beside it, each with the office's
// deadlines kept: an objection (异议: acceptance, then verification, measures suspended where the
// policy says so) and a credit-repair application (信用修复: acceptance, then decision, one
// extension). A deadline the office lets pass is recorded as overdue, never passed silently.
// When a run's history grows past its bound and no matter is open, it continues as new.
import { allHandlersFinished, condition, continueAsNew, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import {
  LISTING_HISTORY_BOUND,
  type CaseProgress,
  type KeptDeadline,
  type ListingWorkflowInput,
  type Addressed,
  type MadeDocument,
  type ObjectionOutcomeRequest,
  type PartyActor,
  parseServiceMatter,
  serviceMatter,
  type OpenObjection,
  type OpenRepair,
  type OpenStep,
  type Removal,
  type RepairDecisionRequest,
} from '../domain/procedure';
import type { StepName } from '../domain/steps';
import { REMEDIES_FOR, objectionSourceOf } from '../domain/vocabulary';
import { shanghaiDate } from '../domain/workdays';
import { caseView } from '../domain/progress';
import { mustAcknowledgeOwn, refuse, says } from './guards';
import {
  applyForRepair,
  recordService,
  calendarCorrected,
  decideObjection,
  decideObjectionAcceptance,
  decideRepair,
  decideRepairAcceptance,
  extendRepair,
  recordInterview,
  scheduleInterview,
  fileObjection,
  progress,
  removeEarly,
} from './messages';
import { DeadlineKeeper } from './deadline';
import { StepBoard, oneAtATime } from './steps';
import { trackedActivities } from './activities';

interface ObjectionMatter {
  view: OpenObjection;
  /** A responsible person's own matter (by code): its outcome concerns that person alone. */
  person?: string;
  accepted?: boolean;
  outcome?: ObjectionOutcomeRequest;
}
interface RepairMatter {
  view: OpenRepair;
  person?: string;
  accepted?: boolean;
  decision?: RepairDecisionRequest;
}

export async function listingWorkflow(input: ListingWorkflowInput): Promise<CaseProgress> {
  // Per run: the count of running activities is this case's own.
  const {
    activities: {
      recordObjection,
      recordObjectionAcceptance,
      recordObjectionOutcome,
      recordRepairApplication,
      recordRepairAcceptance,
      recordRepairExtension,
      recordRepairDecision,
      recomputeDeadline,
      recordOverdue,
      removeFromList,
      issueResultDocument,
      issueRemovalNotice,
      recordService: recordServiceActivity,
      recordInterviewScheduled,
      recordInterviewHeld,
    },
    running,
  } = trackedActivities();
  const view = caseView({
    state: 'LISTED',
    revision: input.revision,
    listedAt: input.listedAt,
    publicationEndsOn: input.publicationEndsOn,
    repairEligibleFrom: input.repairEligibleFrom,
  });
  let objection: ObjectionMatter | undefined;
  let repair: RepairMatter | undefined;
  let removal: Removal | undefined;
  let removalAt = input.removalAt;
  let repairDecided = input.repairDecided ?? false;
  /** An interview scheduled and not yet held (one at a time); due once the rectification period has run out. */
  let interview = input.interview;
  view.interviewDue = Date.now() >= Date.parse(input.rectificationDueAt);
  /** Documents made for the party whose service is still to be recorded (results, the removal notice). */
  const awaitingService: Addressed[] = [...(input.awaitingService ?? [])];
  view.awaitingService = awaitingService;
  /** One service is recorded at a time. */
  const serially = oneAtATime();
  const parties = () => [input.subjectCode, ...input.responsiblePersons];
  /** A responsible person acting on their own behalf (a matter of their own), or undefined for the subject's. */
  const personOf = (actor: PartyActor) =>
    actor.role === 'PARTY' && actor.subjectCode && actor.subjectCode !== input.subjectCode ? actor.subjectCode : undefined;
  const deadlines = new DeadlineKeeper(
    (key) => recomputeDeadline({ caseId: input.caseId, key, at: new Date().toISOString() }),
    () => view.revision++,
  );
  const caseId = input.caseId;
  const at = () => new Date().toISOString();
  const listed = () => view.state === 'LISTED' && removal === undefined;

  // What is open while listed: an objection or a repair application (one of each at a time), the
  // office's steps on each with its deadline, and the supervisor's early removal.
  const matterSteps = (m: { view: OpenObjection | OpenRepair }, ...names: StepName[]): OpenStep[] =>
    names.map((step) => ({ step, matterId: m.view.id, deadline: m.view.deadline, overdue: m.view.overdue }));
  const steps = new StepBoard({
    departmentId: input.departmentId,
    parties,
    view,
    running,
    matters: () =>
      [objection?.view.id, repair?.view.id, interview?.id, ...awaitingService.map((d) => serviceMatter(d.id, d.recipient))].filter(
        (id) => id !== undefined,
      ),
    open: (): OpenStep[] => {
      const open: OpenStep[] = awaitingService.map((d) => ({ step: 'recordService', matterId: serviceMatter(d.id, d.recipient) }));
      if (!listed()) return open;
      if (!objection) open.push({ step: 'fileObjection' });
      else if (objection.accepted === undefined) open.push(...matterSteps(objection, 'decideObjectionAcceptance'));
      else if (objection.accepted && !objection.outcome) open.push(...matterSteps(objection, 'decideObjection'));
      if (!repair && !input.unrepairable) open.push({ step: 'applyForRepair', notBefore: input.repairEligibleFrom });
      else if (repair?.accepted === undefined && repair) open.push(...matterSteps(repair, 'decideRepairAcceptance'));
      else if (repair?.accepted && !repair.decision)
        open.push(...matterSteps(repair, ...(repair.view.extended ? [] : ['extendRepair' as const]), 'decideRepair'));
      // Not rectified in time, the subject is called to an interview (谁认定、谁约谈); once scheduled, it is recorded as held.
      if (interview) open.push({ step: 'recordInterview', matterId: interview.id });
      else if (view.interviewDue) open.push({ step: 'scheduleInterview' });
      open.push({ step: 'removeEarly' });
      return open;
    },
  });
  setHandler(progress, (actor) => {
    const p = steps.progress(actor);
    const running = [view.objection?.deadline, view.repair?.deadline].filter((d) => d !== undefined);
    return { ...p, deadline: running.sort((a, b) => Date.parse(a.endsAt) - Date.parse(b.endsAt))[0] ?? null };
  });
  setHandler(calendarCorrected, () => {
    deadlines.calendarCorrected();
  });

  // ── Objection (异议) ────────────────────────────────────────────────────────────────────────
  // Received, an objection is verified from the day of receipt — measures suspended meanwhile where
  // the policy says so (Fujian 002 §24); where the policy has an acceptance step (Hezhou 003 §(三)7)
  // its acceptance is decided first, and verification and any suspension run from acceptance.
  steps.handle(
    fileObjection,
    async (request) => {
      const objectionId = uuid4();
      const stage = input.objectionAcceptanceStep ? 'AWAITING_ACCEPTANCE' : 'IN_VERIFICATION';
      const { deadline, suspended } = await recordObjection({ caseId, objectionId, at: at(), state: stage, request });
      const source = objectionSourceOf(request.actor.role);
      const m: ObjectionMatter = {
        view: { id: objectionId, source, concerns: request.concerns, stage, deadline, overdue: false },
        accepted: input.objectionAcceptanceStep ? undefined : true,
        person: personOf(request.actor),
      };
      objection = m;
      view.objection = m.view;
      if (suspended) view.measuresSuspended = true;
      void objectionProcedure(m);
      return { objectionId };
    },
    ({ concerns }) => {
      if (objection) refuse('ALREADY_OPEN', says('objectionOpen'));
      if (concerns === 'REPAIR_RESULT' && !repairDecided) refuse('WRONG_STATE', says('noRepairResult'));
    },
  );

  steps.handle(decideObjectionAcceptance, async (request) => {
    const m = objection!;
    const stage = request.accepted ? 'IN_VERIFICATION' : 'NOT_ACCEPTED';
    const { verification, suspended } = await recordObjectionAcceptance({ caseId, at: at(), state: stage, request });
    if (verification) {
      Object.assign(m.view, { stage, deadline: verification, overdue: false });
      view.measuresSuspended = suspended;
    }
    m.accepted = request.accepted;
    return steps.progress(request.actor);
  });

  steps.handle(
    decideObjection,
    async (request) => {
      const outcome = await recordObjectionOutcome({ caseId, at: at(), state: request.upheld ? 'UPHELD' : 'REJECTED', request });
      if (!(request.upheld && request.remedy === 'REVOKE')) view.measuresSuspended = false;
      if (outcome.removalAt) {
        removalAt = outcome.removalAt;
        view.publicationEndsOn = request.publicationEndsOn!;
      }
      objection!.outcome = request;
      return steps.progress(request.actor);
    },
    ({ upheld, remedy, publicationEndsOn, objectionId }) => {
      const concerns = objection?.view.id === objectionId ? objection.view.concerns : undefined;
      if (!upheld || !concerns || !remedy) return;
      if (!REMEDIES_FOR[concerns].includes(remedy)) refuse('WRONG_STATE', says('remedyNotForConcern'));
      // A shortened period ends before the current end and not in the past.
      if (remedy === 'SHORTEN_PERIOD' && publicationEndsOn) {
        if (view.publicationEndsOn && publicationEndsOn >= view.publicationEndsOn)
          refuse('INVALID_DATE', says('periodNotShorter', view.publicationEndsOn));
        if (publicationEndsOn < shanghaiDate(new Date())) refuse('INVALID_DATE', says('periodEndsInPast'));
      }
    },
  );

  async function objectionProcedure(m: ObjectionMatter): Promise<void> {
    await keepDeadline(m.view, () => m.accepted !== undefined);
    if (m.accepted) await keepDeadline(m.view, () => m.outcome !== undefined);
    // Upheld so that the subject leaves the list (revoked, or repair granted), the removal comes first:
    // the result states what was done. On a responsible person's own objection only the measures on
    // that person are lifted (by the activity), and the listing stays.
    const removes = m.outcome?.upheld && !m.person && (m.outcome.remedy === 'REVOKE' || m.outcome.remedy === 'GRANT_REPAIR');
    if (removes) {
      const kind = m.outcome!.remedy === 'REVOKE' ? 'REVOKED' : 'REPAIRED';
      removal ??= { kind, actor: m.outcome!.actor, reason: m.outcome!.reasons, reference: m.view.id };
      await condition(() => view.state === 'REMOVED');
    }
    // The written result (not accepted, upheld or rejected) with its remedies, served on whoever
    // objected (a unit's result went to its inbox; the party is then told of the correction).
    await making(async () => toServe(await issueResultDocument({ caseId, at: at(), matter: 'OBJECTION', id: m.view.id }), m.person));
    objection = undefined;
    view.objection = null;
    view.revision++;
  }

  // ── Credit repair (信用修复) ────────────────────────────────────────────────────────────────
  steps.handle(
    applyForRepair,
    async (request) => {
      const applicationId = uuid4();
      const stage = 'AWAITING_ACCEPTANCE';
      const deadline = await recordRepairApplication({ caseId, applicationId, at: at(), state: stage, request });
      repair = { view: { id: applicationId, stage, deadline, overdue: false, extended: false }, person: personOf(request.actor) };
      view.repair = repair.view;
      void repairProcedure(repair);
      return { applicationId };
    },
    () => {
      if (!listed()) refuse('WRONG_STATE', says('notListed'));
      if (input.unrepairable) refuse('NOT_ELIGIBLE', says('unrepairable'));
      if (Date.now() < Date.parse(input.repairEligibleFrom)) {
        const from = shanghaiDate(new Date(input.repairEligibleFrom));
        refuse('NOT_ELIGIBLE', says('repairTooEarly', from));
      }
      if (repair) refuse('ALREADY_OPEN', says('repairOpen'));
    },
  );

  steps.handle(decideRepairAcceptance, async (request) => {
    const m = repair!;
    const stage = request.accepted ? 'AWAITING_DECISION' : 'NOT_ACCEPTED';
    const decision = await recordRepairAcceptance({ caseId, at: at(), state: stage, request });
    if (decision) Object.assign(m.view, { stage, deadline: decision, overdue: false });
    m.accepted = request.accepted;
    return steps.progress(request.actor);
  });

  steps.handle(
    extendRepair,
    async (request) => {
      const m = repair!;
      m.view.deadline = await recordRepairExtension({ caseId, at: at(), request });
      m.view.extended = true;
      return steps.progress(request.actor);
    },
    ({ applicationId }) => {
      if (repair?.view.id === applicationId && repair.view.extended) refuse('WRONG_STATE', says('extendedOnce'));
    },
  );

  steps.handle(decideRepair, async (request) => {
    await recordRepairDecision({ caseId, at: at(), state: request.granted ? 'GRANTED' : 'REFUSED', request });
    repair!.decision = request;
    return steps.progress(request.actor);
  });

  async function repairProcedure(m: RepairMatter): Promise<void> {
    await keepDeadline(m.view, () => m.accepted !== undefined);
    if (m.accepted) await keepDeadline(m.view, () => m.decision !== undefined);
    // Granted, the subject leaves the list before the result says so; a responsible person's repair
    // lifts the measures on that person alone (by the activity), and the listing stays.
    if (m.decision?.granted && !m.person) {
      removal ??= { kind: 'REPAIRED', actor: m.decision.actor, reason: m.decision.reasons, reference: m.view.id };
      await condition(() => view.state === 'REMOVED');
    }
    await making(async () => toServe(await issueResultDocument({ caseId, at: at(), matter: 'REPAIR', id: m.view.id }), m.person));
    repairDecided = true;
    repair = undefined;
    view.repair = null;
    view.revision++;
  }

  // ── Interview (约谈) ────────────────────────────────────────────────────────────────────────
  if (!view.interviewDue) {
    void condition(() => removal !== undefined, Math.max(1, Date.parse(input.rectificationDueAt) - Date.now())).then((removed) => {
      if (removed) return;
      view.interviewDue = true;
      view.revision++;
    });
  }
  steps.handle(
    scheduleInterview,
    async (request) => {
      const interviewId = uuid4();
      await recordInterviewScheduled({ caseId, interviewId, at: at(), request });
      interview = { id: interviewId, scheduledFor: request.scheduledFor };
      view.revision++;
      return { interviewId };
    },
    ({ scheduledFor }) => {
      if (scheduledFor < shanghaiDate(new Date())) refuse('INVALID_DATE', says('interviewInPast'));
    },
  );
  steps.handle(
    recordInterview,
    async (request) => {
      await recordInterviewHeld({ caseId, at: at(), request });
      interview = undefined;
      return steps.progress(request.actor);
    },
    ({ heldOn }) => {
      if (heldOn > shanghaiDate(new Date())) refuse('INVALID_DATE', says('interviewInFuture'));
    },
  );

  // ── Early removal (提前移出) ────────────────────────────────────────────────────────────────
  steps.handle(removeEarly, async ({ actor, reason }) => {
    removal = { kind: 'EARLY', actor, reason };
    await condition(() => view.state === 'REMOVED');
    return steps.progress(actor);
  });

  // ── Service of the documents made for the party (送达) ──────────────────────────────────────
  /** Results being made: the case does not end until they are made and served. */
  let inMaking = 0;
  async function making(make: () => Promise<void>) {
    inMaking++;
    try {
      await make();
    } finally {
      inMaking--;
    }
  }
  /** Documents to be served on their addressee: `to` (a responsible person's own matter), or else the subject, or every party. */
  function toServe(documents: MadeDocument[], to?: string | 'ALL') {
    const recipients = to === 'ALL' ? parties() : [to ?? input.subjectCode];
    for (const d of documents) {
      const made = shanghaiDate(new Date());
      awaitingService.push(...recipients.map((recipient) => ({ ...d, recipient, madeOn: made })));
    }
    view.revision++;
  }
  steps.handle(
    recordService,
    async (request) => {
      await serially(async () => {
        const { documentId, recipient } = parseServiceMatter(request.documentId);
        const completes = awaitingService.filter((d) => d.id === documentId).length === 1;
        await recordServiceActivity({ caseId, at: at(), documentIds: [documentId], recipient, completes, request });
        awaitingService.splice(
          awaitingService.findIndex((d) => d.id === documentId && d.recipient === recipient),
          1,
        );
        view.revision++;
      });
      return steps.progress(request.actor);
    },
    ({ receivedOn, method, actor, documentId: matterId }) => {
      const { documentId, recipient } = parseServiceMatter(matterId);
      if (actor.role === 'PARTY') mustAcknowledgeOwn(actor, recipient, method, receivedOn);
      const made = awaitingService.find((d) => d.id === documentId)?.madeOn;
      if (made && receivedOn < made) refuse('INVALID_DATE', says('serviceBeforeDocument', made));
      if (receivedOn > shanghaiDate(new Date())) refuse('INVALID_DATE', says('serviceInFuture'));
    },
  );

  /** Keeps one of the office's deadlines until `done`; one that passes is recorded as overdue, and the step still awaited. */
  async function keepDeadline(slot: { deadline: KeptDeadline; overdue: boolean }, done: () => boolean): Promise<void> {
    if ((await deadlines.keep(slot, done)) === 'done') return;
    await recordOverdue({ caseId, key: slot.deadline.key, at: at() });
    slot.overdue = true;
    view.revision++;
    await condition(done);
  }

  // Removal: whichever comes first — the end of the publication period (by this timer, no human
  // step), a supervisor's early removal, a granted repair, an upheld objection that revokes.
  const idle = () => objection === undefined && repair === undefined && interview === undefined;
  const historyFull = () =>
    workflowInfo().historyLength > (input.historyBound ?? LISTING_HISTORY_BOUND) || workflowInfo().continueAsNewSuggested;
  for (;;) {
    const until = removalAt;
    const remaining = Math.max(1, Date.parse(until) - Date.now());
    // A period shortened on objection moves the timer: the wait starts again with the new end.
    const woken = await condition(() => removal !== undefined || removalAt !== until || (idle() && historyFull()), remaining);
    if (!woken) removal ??= { kind: 'EXPIRY' };
    if (removal) break;
    if (removalAt !== until) continue;
    await condition(allHandlersFinished);
    if (idle() && removal === undefined) {
      await continueAsNew<typeof listingWorkflow>({
        ...input,
        removalAt,
        publicationEndsOn: view.publicationEndsOn ?? input.publicationEndsOn,
        repairDecided,
        awaitingService,
        interview,
        revision: view.revision + 1,
      });
    }
  }

  // Removal ends any objection or repair application still open with it.
  await removeFromList({ caseId, removedAt: at(), removal: removal!, state: 'REMOVED', openMattersTo: 'ENDED' });
  view.removalKind = removal!.kind;
  view.state = 'REMOVED';

  view.measuresSuspended = false;
  view.objection = null;
  view.repair = null;
  view.revision++;

  // The party is told it has left the list; the case ends once every document made for it is served.
  toServe([await issueRemovalNotice({ caseId, at: at() })], 'ALL');
  await condition(() => awaitingService.length === 0 && inMaking === 0 && allHandlersFinished());
  return view;
}
