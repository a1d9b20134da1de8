// An active listing (列入后), continued from the designation under the same workflow id. It ends in
// removal (移出): by its own timer when the publication period runs out, with no human step; or
// earlier — by a supervisor with a recorded reason, on a granted repair, or on an upheld objection
// that revokes the listing. Meanwhile the party's remedies run beside it, each with the office's
// deadlines kept: an objection (异议: acceptance, then verification, measures suspended where the
// policy says so) and a credit-repair application (信用修复: acceptance, then decision, one
// extension). A deadline the office lets pass is recorded as overdue, never passed silently.
// When a run's history grows past its bound and no matter is open, it continues as new.
import { allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import {
  LISTING_HISTORY_BOUND,
  type CaseProgress,
  type KeptDeadline,
  type ListingWorkflowInput,
  type ObjectionOutcomeRequest,
  type OpenObjection,
  type OpenRepair,
  type Removal,
  type RepairDecisionRequest,
} from '../domain/procedure';
import { objectionSourceOf } from '../domain/vocabulary';
import { shanghaiDate } from '../domain/workdays';
import { mustBe, mustBeCurrent, mustBeTheParty, refuse } from './guards';
import {
  applyForRepair,
  calendarCorrected,
  decideObjection,
  decideObjectionAcceptance,
  decideRepair,
  decideRepairAcceptance,
  extendRepair,
  fileObjection,
  progress,
  removeEarly,
} from './messages';

const {
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
} = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '60 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

interface ObjectionMatter {
  view: OpenObjection;
  accepted?: boolean;
  outcome?: ObjectionOutcomeRequest;
}
interface RepairMatter {
  view: OpenRepair;
  accepted?: boolean;
  decision?: RepairDecisionRequest;
}

export async function listingWorkflow(input: ListingWorkflowInput): Promise<CaseProgress> {
  const view: CaseProgress = {
    state: 'LISTED',
    revision: input.revision,
    deadline: null,
    listedAt: input.listedAt,
    publicationEndsOn: input.publicationEndsOn,
    repairEligibleFrom: input.repairEligibleFrom,
    measuresSuspended: false,
    objection: null,
    repair: null,
    removalKind: null,
  };
  let objection: ObjectionMatter | undefined;
  let repair: RepairMatter | undefined;
  let removal: Removal | undefined;
  let calendarVersion = 0;
  const caseId = input.caseId;
  const at = () => new Date().toISOString();
  const listed = () => view.state === 'LISTED' && removal === undefined;

  setHandler(progress, () => {
    const running = [view.objection?.deadline, view.repair?.deadline].filter((d) => d !== undefined);
    return { ...view, deadline: running.sort((a, b) => Date.parse(a.endsAt) - Date.parse(b.endsAt))[0] ?? null };
  });
  setHandler(calendarCorrected, () => {
    calendarVersion++;
  });

  // ── Objection (异议) ────────────────────────────────────────────────────────────────────────
  setHandler(
    fileObjection,
    async (request) => {
      view.revision++;
      const objectionId = uuid4();
      const deadline = await recordObjection({ caseId, objectionId, at: at(), request });
      const source = objectionSourceOf(request.actor.role);
      objection = { view: { id: objectionId, source, stage: 'AWAITING_ACCEPTANCE', deadline, overdue: false } };
      view.objection = objection.view;
      void objectionProcedure(objection);
      return { objectionId };
    },
    {
      validator: ({ actor, revision }) => {
        mustBe(actor, ['PARTY', 'CASEWORKER', 'COOPERATING_UNIT'], ['提出异议', 'object to a listing'], input.departmentId);
        mustBeTheParty(actor, input.subjectCode);
        if (!listed()) refuse('WRONG_STATE', '该主体当前不在名单中', 'The subject is not on the list');
        if (objection)
          refuse('ALREADY_OPEN', '本案已有一项异议正在办理，请待其办结', 'An objection to this listing is already being handled');
        mustBeCurrent(revision, view.revision);
      },
    },
  );

  setHandler(
    decideObjectionAcceptance,
    async (request) => {
      view.revision++;
      const m = objection!;
      const { verification, suspended } = await recordObjectionAcceptance({ caseId, at: at(), request });
      if (verification) {
        Object.assign(m.view, { stage: 'IN_VERIFICATION', deadline: verification, overdue: false });
        view.measuresSuspended = suspended;
      }
      m.accepted = request.accepted;
      return view;
    },
    {
      validator: ({ actor, revision, objectionId }) => {
        mustBe(actor, ['CASEWORKER'], ['决定是否受理异议', 'decide whether to accept an objection'], input.departmentId);
        const m = objection;
        if (!m || m.view.id !== objectionId) refuse('UNKNOWN_MATTER', '该异议不存在或已办结', 'No such objection is open');
        if (m.view.stage !== 'AWAITING_ACCEPTANCE') refuse('WRONG_STATE', '该异议已决定受理', 'This objection has already been accepted');
        mustBeCurrent(revision, view.revision);
      },
    },
  );

  setHandler(
    decideObjection,
    async (request) => {
      view.revision++;
      await recordObjectionOutcome({ caseId, at: at(), request });
      if (!(request.upheld && request.remedy === 'REVOKE')) view.measuresSuspended = false;
      objection!.outcome = request;
      return view;
    },
    {
      validator: ({ actor, revision, objectionId }) => {
        mustBe(actor, ['CASEWORKER'], ['作出异议核实结果', 'decide an objection'], input.departmentId);
        const m = objection;
        if (!m || m.view.id !== objectionId) refuse('UNKNOWN_MATTER', '该异议不存在或已办结', 'No such objection is open');
        if (m.view.stage !== 'IN_VERIFICATION')
          refuse('WRONG_STATE', '该异议尚未受理，不能作出核实结果', 'This objection has not been accepted for verification');
        mustBeCurrent(revision, view.revision);
      },
    },
  );

  async function objectionProcedure(m: ObjectionMatter): Promise<void> {
    await keepDeadline(m.view, () => m.accepted !== undefined);
    if (m.accepted) await keepDeadline(m.view, () => m.outcome !== undefined);
    // The party is served the written result (not accepted, upheld or rejected) with its remedies.
    await issueResultDocument({ caseId, at: at(), matter: 'OBJECTION', id: m.view.id });
    if (m.outcome?.upheld && m.outcome.remedy === 'REVOKE') {
      removal ??= { kind: 'REVOKED', actor: m.outcome.actor, reason: m.outcome.reasons, reference: m.view.id };
    }
    objection = undefined;
    view.objection = null;
    view.revision++;
  }

  // ── Credit repair (信用修复) ────────────────────────────────────────────────────────────────
  setHandler(
    applyForRepair,
    async (request) => {
      view.revision++;
      const applicationId = uuid4();
      const deadline = await recordRepairApplication({ caseId, applicationId, at: at(), request });
      repair = { view: { id: applicationId, stage: 'AWAITING_ACCEPTANCE', deadline, overdue: false, extended: false } };
      view.repair = repair.view;
      void repairProcedure(repair);
      return { applicationId };
    },
    {
      validator: ({ actor, revision }) => {
        mustBe(actor, ['PARTY', 'CASEWORKER'], ['申请信用修复', 'apply for credit repair'], input.departmentId);
        mustBeTheParty(actor, input.subjectCode);
        if (!listed()) refuse('WRONG_STATE', '该主体当前不在名单中', 'The subject is not on the list');
        if (input.unrepairable)
          refuse('NOT_ELIGIBLE', '该失信信息属于法律法规规定不可修复的情形', 'The law declares this record unrepairable');
        if (Date.now() < Date.parse(input.repairEligibleFrom)) {
          const from = shanghaiDate(new Date(input.repairEligibleFrom));
          refuse(
            'NOT_ELIGIBLE',
            `最短公示期尚未届满，自 ${from} 起可申请信用修复`,
            `The minimum publication period has not run out; apply from ${from}`,
          );
        }
        if (repair)
          refuse('ALREADY_OPEN', '本案已有一项信用修复申请正在办理', 'A repair application for this listing is already being handled');
        mustBeCurrent(revision, view.revision);
      },
    },
  );

  setHandler(
    decideRepairAcceptance,
    async (request) => {
      view.revision++;
      const m = repair!;
      const decision = await recordRepairAcceptance({ caseId, at: at(), request });
      if (decision) Object.assign(m.view, { stage: 'AWAITING_DECISION', deadline: decision, overdue: false });
      m.accepted = request.accepted;
      return view;
    },
    {
      validator: ({ actor, revision, applicationId }) => {
        mustBe(actor, ['CASEWORKER'], ['决定是否受理信用修复申请', 'decide whether to accept a repair application'], input.departmentId);
        const m = repair;
        if (!m || m.view.id !== applicationId) refuse('UNKNOWN_MATTER', '该修复申请不存在或已办结', 'No such repair application is open');
        if (m.view.stage !== 'AWAITING_ACCEPTANCE') refuse('WRONG_STATE', '该修复申请已受理', 'This application has already been accepted');
        mustBeCurrent(revision, view.revision);
      },
    },
  );

  setHandler(
    extendRepair,
    async (request) => {
      view.revision++;
      const m = repair!;
      m.view.extended = true;
      m.view.deadline = await recordRepairExtension({ caseId, at: at(), request });
      return view;
    },
    {
      validator: ({ actor, revision, applicationId }) => {
        mustBe(actor, ['CASEWORKER'], ['延长信用修复办理期限', 'extend a repair decision period'], input.departmentId);
        const m = repair;
        if (!m || m.view.id !== applicationId) refuse('UNKNOWN_MATTER', '该修复申请不存在或已办结', 'No such repair application is open');
        if (m.view.stage !== 'AWAITING_DECISION')
          refuse('WRONG_STATE', '修复申请尚未受理，不能延期', 'The application has not been accepted');
        if (m.view.extended) refuse('WRONG_STATE', '办理期限只能延长一次', 'The decision period can be extended only once');
        mustBeCurrent(revision, view.revision);
      },
    },
  );

  setHandler(
    decideRepair,
    async (request) => {
      view.revision++;
      await recordRepairDecision({ caseId, at: at(), request });
      repair!.decision = request;
      return view;
    },
    {
      validator: ({ actor, revision, applicationId }) => {
        mustBe(actor, ['CASEWORKER'], ['作出信用修复决定', 'decide a repair application'], input.departmentId);
        const m = repair;
        if (!m || m.view.id !== applicationId) refuse('UNKNOWN_MATTER', '该修复申请不存在或已办结', 'No such repair application is open');
        if (m.view.stage !== 'AWAITING_DECISION')
          refuse('WRONG_STATE', '修复申请尚未受理，不能作出决定', 'The application has not been accepted');
        mustBeCurrent(revision, view.revision);
      },
    },
  );

  async function repairProcedure(m: RepairMatter): Promise<void> {
    await keepDeadline(m.view, () => m.accepted !== undefined);
    if (m.accepted) await keepDeadline(m.view, () => m.decision !== undefined);
    await issueResultDocument({ caseId, at: at(), matter: 'REPAIR', id: m.view.id });
    if (m.decision?.granted) removal ??= { kind: 'REPAIRED', actor: m.decision.actor, reason: m.decision.reasons, reference: m.view.id };
    repair = undefined;
    view.repair = null;
    view.revision++;
  }

  // ── Early removal (提前移出) ────────────────────────────────────────────────────────────────
  setHandler(
    removeEarly,
    async ({ actor, reason }) => {
      view.revision++;
      removal = { kind: 'EARLY', actor, reason };
      await condition(() => view.state === 'REMOVED');
      return view;
    },
    {
      validator: ({ actor, revision }) => {
        mustBe(actor, ['SUPERVISOR'], ['决定提前移出', 'remove a subject early'], input.departmentId);
        if (!listed()) refuse('WRONG_STATE', '该主体当前不在名单中，不能移出', 'The subject is not on the list');
        mustBeCurrent(revision, view.revision);
      },
    },
  );

  /**
   * Keeps one of the office's deadlines until `done`: an updatable timer that moves when the
   * calendar is corrected or the period is extended; a provisional deadline is checked once more
   * when it falls due; a deadline that passes is recorded as overdue and the step still awaited.
   */
  async function keepDeadline(slot: { deadline: KeptDeadline; overdue: boolean }, done: () => boolean): Promise<void> {
    let seen = calendarVersion;
    for (;;) {
      const d = slot.deadline;
      const remaining = Date.parse(d.endsAt) - Date.now();
      if (remaining > 0) await condition(() => done() || calendarVersion !== seen || slot.deadline !== d, remaining);
      if (done()) return;
      if (slot.deadline !== d) continue; // extended
      const due = Date.now() >= Date.parse(d.endsAt);
      if (calendarVersion !== seen || (due && d.provisional)) {
        seen = calendarVersion;
        const next = await recomputeDeadline({ caseId, key: d.key, at: at() });
        if (slot.deadline === d && (next.date !== d.date || next.provisional !== d.provisional)) {
          slot.deadline = next;
          view.revision++;
        }
        if (Date.now() < Date.parse(slot.deadline.endsAt) || done()) continue;
      } else if (!due) continue;
      await recordOverdue({ caseId, key: slot.deadline.key, at: at() });
      slot.overdue = true;
      view.revision++;
      await condition(done);
      return;
    }
  }

  // Removal: whichever comes first — the end of the publication period (by this timer, no human
  // step), a supervisor's early removal, a granted repair, an upheld objection that revokes.
  const idle = () => objection === undefined && repair === undefined;
  const historyFull = () =>
    workflowInfo().historyLength > (input.historyBound ?? LISTING_HISTORY_BOUND) || workflowInfo().continueAsNewSuggested;
  for (;;) {
    const remaining = Math.max(1, Date.parse(input.removalAt) - Date.now());
    const woken = await condition(() => removal !== undefined || (idle() && historyFull()), remaining);
    if (!woken) removal ??= { kind: 'EXPIRY' };
    if (removal) break;
    await condition(allHandlersFinished);
    if (idle() && removal === undefined) {
      await continueAsNew<typeof listingWorkflow>({ ...input, revision: view.revision + 1 });
    }
  }

  await removeFromList({ caseId, removedAt: at(), removal: removal! });
  view.removalKind = removal!.kind;
  view.state = 'REMOVED';

  view.measuresSuspended = false;
  view.objection = null;
  view.repair = null;
  view.revision++;
  await condition(allHandlersFinished);
  return view;
}
