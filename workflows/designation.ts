// The designation procedure (认定程序) with prior notice, as one durable workflow:
// the caseworker's draft → the supervisor approves the notice (or returns it for revision) →
// the prior notice is served → the notice period (告知期) runs → any statement is reviewed by the
// caseworker (accepted: closed without listing) → the supervisor approves the listing decision →
// the subject is listed, the decision and the credit-repair notice are served together, and the
// listing is pushed to the cooperating units → the listing continues as its own workflow.
// Deadlines are absolute instants computed by activities from the PRC working-day calendar and
// the case's policy version.
import { allHandlersFinished, condition, makeContinueAsNewFunc, setHandler, sleep, uuid4 } from '@temporalio/workflow';
import type {
  ApprovalRequest,
  CaseProgress,
  DesignationWorkflowInput,
  MadeDocument,
  OpenStep,
  ReviewDecisionRequest,
  Served,
} from '../domain/procedure';
import { parseServiceMatter, serviceMatter } from '../domain/procedure';
import { shanghaiDate, startOfShanghaiDay } from '../domain/workdays';
import type { CaseState } from '../domain/vocabulary';
import { caseView } from '../domain/progress';
import { mustAcknowledgeOwn, refuse, says } from './guards';
import type { listingWorkflow } from './listing';
import {
  calendarCorrected,
  recordService,
  decideListing,
  decideNotice,
  decideReview,
  fileStatement,
  progress,
  reviseDraft,
} from './messages';
import { DeadlineKeeper, type DeadlineSlot } from './deadline';
import { StepBoard, oneAtATime } from './steps';
import { trackedActivities } from './activities';
import { fileCase } from './filing';

export async function designationWorkflow(input: DesignationWorkflowInput): Promise<CaseProgress> {
  // Per run: the count of running activities is this case's own.
  const {
    activities: {
      recordDraft,
      recordDraftRevision,
      recordApproval,
      issueNotice,
      issuePriorNoticeDocument,
      recomputeDeadline,
      recordStatement,
      recordService: recordServiceActivity,
      openStatementReview,
      recordReviewDecision,
      recordOverdue,
      issueReviewReply,
      submitDecisionForApproval,
      recordListingDecision,
      listSubject,
      issueListingDocuments,
    },
    running,
  } = trackedActivities();
  const view = caseView({ state: 'RECORDING', revision: 0 });
  /** Every change the workflow makes moves the revision a form must carry. */
  const moveTo = (state: CaseProgress['state']) => {
    view.state = state;
    view.revision++;
  };
  /** The workflow alone decides the case's state: the activity recording the step persists it, then the case is in it. */
  async function advance<A, R>(state: CaseState, record: (args: A & { state: CaseState }) => Promise<R>, args: A): Promise<R> {
    const result = await record({ ...args, state });
    moveTo(state);
    return result;
  }
  // The deadline running (the notice period's, then the review's) shows on the case.
  const deadlines = new DeadlineKeeper(
    (key) => recomputeDeadline({ caseId: input.caseId, key, at: new Date().toISOString() }),
    (slot) => {
      view.deadline = slot.deadline;
      view.revision++;
    },
  );
  let form = input.form;
  let noticeApproval: ApprovalRequest | undefined;
  let noticeDeadline: DeadlineSlot | undefined;
  /** Statements (and objections) made in the notice period; a written waiver ends the period early. */
  let heard = 0;
  let waived = false;
  let reviewDeadline: (DeadlineSlot & { overdue: boolean }) | undefined;
  /** The parties: the subject and, for an organisation, each responsible person — each is served in their own right. */
  const parties = () => [form.subjectCode, ...new Set(form.responsiblePersons.map((p) => p.idNumber))];
  /**
   * The documents made and waiting for their service (served together, recorded on the first one's
   * id), the day they were made, where service leads, and the parties not yet served.
   */
  let awaiting: { documents: MadeDocument[]; madeOn: string; next: CaseState; pending: string[] } | undefined;
  let service: Served | undefined;
  /** One service is recorded at a time: the last one to complete knows it is the last. */
  const serially = oneAtATime();
  const serviceMatters = () => (awaiting && !service ? awaiting.pending.map((r) => serviceMatter(awaiting!.documents[0]!.id, r)) : []);
  const showAwaiting = () => {
    view.awaitingService = awaiting
      ? awaiting.pending.flatMap((recipient) => awaiting!.documents.map((d) => ({ ...d, recipient, madeOn: awaiting!.madeOn })))
      : [];
    view.revision++;
  };
  /** Opens the service of documents just made on every party, and waits until it is recorded on all. */
  async function served(documents: MadeDocument[], next: CaseState): Promise<Served> {
    awaiting = { documents, madeOn: shanghaiDate(new Date()), next, pending: parties() };
    showAwaiting(); // the steps are open now
    await condition(() => service !== undefined);
    const result = service!;
    [awaiting, service] = [undefined, undefined];
    showAwaiting();
    return result;
  }
  let review: ReviewDecisionRequest | undefined;
  let listingApproval: ApprovalRequest | undefined;
  const at = () => new Date().toISOString();

  // What is open at each point of the procedure; the handlers below take the steps.
  const steps = new StepBoard({
    departmentId: input.departmentId,
    parties,
    view,
    running,
    matters: serviceMatters,
    open: (): OpenStep[] => {
      const serviceStep: OpenStep[] = serviceMatters().map((matterId) => ({ step: 'recordService', matterId }));
      switch (view.state) {
        case 'AWAITING_NOTICE_SERVICE':
        case 'AWAITING_DECISION_SERVICE':
          return serviceStep;
        case 'AWAITING_NOTICE_APPROVAL':
          return noticeApproval ? [] : [{ step: 'decideNotice' }];
        case 'DRAFT_RETURNED':
          return [{ step: 'reviseDraft' }];
        case 'NOTICE_PERIOD':
          return waived || !noticeDeadline ? [] : [{ step: 'fileStatement', deadline: noticeDeadline.deadline }];
        case 'IN_REVIEW':
          if (review) return serviceStep;
          return reviewDeadline ? [{ step: 'decideReview', deadline: reviewDeadline.deadline, overdue: reviewDeadline.overdue }] : [];
        case 'AWAITING_DECISION_APPROVAL':
          return listingApproval ? [] : [{ step: 'decideListing' }];
        default:
          return [];
      }
    },
  });
  setHandler(progress, (actor) => steps.progress(actor));
  setHandler(calendarCorrected, () => {
    deadlines.calendarCorrected();
  });

  // Service of the documents awaiting it on one party, dated by the receipt: not before they were
  // made, not in the future. Once every party is served, the case goes on — to the notice period,
  // counted from the last service so that each party has the whole of it, or to the listing.
  steps.handle(
    recordService,
    async (request) => {
      await serially(async () => {
        const { documents, next, pending } = awaiting!;
        const { recipient } = parseServiceMatter(request.documentId);
        const completes = pending.length === 1;
        const args = { caseId: input.caseId, at: at(), documentIds: documents.map((d) => d.id), recipient, completes, request };
        const result = completes ? await advance(next, recordServiceActivity, args) : await recordServiceActivity(args);
        awaiting!.pending = pending.filter((r) => r !== recipient);
        if (completes) service = result;
        else showAwaiting();
      });
      if (service) await condition(() => awaiting === undefined); // the caller sees what service set running
      return steps.progress(request.actor);
    },
    ({ receivedOn, method, actor, documentId }) => {
      if (actor.role === 'PARTY') mustAcknowledgeOwn(actor, parseServiceMatter(documentId).recipient, method, receivedOn);
      if (awaiting && receivedOn < awaiting.madeOn) refuse('INVALID_DATE', says('serviceBeforeDocument', awaiting.madeOn));
      if (receivedOn > shanghaiDate(new Date())) refuse('INVALID_DATE', says('serviceInFuture'));
    },
  );

  // Returned, the draft goes back to the caseworker; revised, to the supervisor again.
  steps.handle(decideNotice, async (request) => {
    const args = { caseId: input.caseId, at: at(), step: 'NOTICE' as const, revision: request.revision, request };
    await advance(request.approved ? 'AWAITING_NOTICE_APPROVAL' : 'DRAFT_RETURNED', recordApproval, args);
    noticeApproval = request; // only once recorded: the audit trail keeps the order of events
    await condition(() => view.state !== 'AWAITING_NOTICE_APPROVAL'); // the caller sees the outcome
    return steps.progress(request.actor);
  });

  steps.handle(
    reviseDraft,
    async (request) => {
      const { revision, actor } = request;
      await advance('AWAITING_NOTICE_APPROVAL', recordDraftRevision, {
        caseId: input.caseId,
        at: at(),
        revision,
        actor,
        form: request.form,
      });
      form = request.form;
      noticeApproval = undefined;
      return steps.progress(request.actor);
    },
    (request) => {
      if (request.form.subjectCode !== form.subjectCode) refuse('WRONG_STATE', says('subjectChanged'));
    },
  );

  steps.handle(
    fileStatement,
    async (request) => {
      // The period runs in full: each statement is recorded and the party may add another, until
      // the period ends or the party waives the rest in writing.
      const statementId = uuid4();
      await advance('NOTICE_PERIOD', recordStatement, { caseId: input.caseId, statementId, at: at(), request });
      if (request.kind === 'WAIVER') waived = true;
      else heard++;
      return { statementId };
    },
    () => {
      const d = noticeDeadline?.deadline;
      if (d && Date.now() >= Date.parse(d.endsAt)) {
        refuse('LATE', says('noticePeriodOver', d.date));
      }
    },
  );

  // The review of the statements; the written reply follows, and its service decides what comes next.
  steps.handle(decideReview, async (request) => {
    await advance('IN_REVIEW', recordReviewDecision, { caseId: input.caseId, at: at(), request });
    review = request;
    await condition(() => awaiting !== undefined || view.state !== 'IN_REVIEW'); // the reply is made: its service can be recorded
    return steps.progress(request.actor);
  });

  // Refused, the listing decision closes the case without listing.
  steps.handle(decideListing, async (request) => {
    const args = { caseId: input.caseId, at: at(), step: 'DECISION' as const, revision: request.revision, request };
    await advance(request.approved ? 'AWAITING_DECISION_APPROVAL' : 'CLOSED_NOT_LISTED', recordApproval, args);
    listingApproval = request;
    await condition(() => view.state !== 'AWAITING_DECISION_APPROVAL');
    return steps.progress(request.actor);
  });

  // 1. The caseworker's draft is recorded and numbered — unless the subject already has an active
  // case on the same list and basis (filed at the same instant) — and goes to the supervisor, who
  // approves the notice or returns it.
  const recorded = await fileCase(
    input.caseId,
    (actor) => steps.progress(actor),
    () => advance('AWAITING_NOTICE_APPROVAL', recordDraft, { ...input, at: at() }),
  );
  if (!recorded) return view;
  await condition(() => noticeApproval?.approved === true);

  // 2. The prior notice is numbered and made; nothing follows from it until the caseworker records
  // its service (which moves the case into the notice period).
  await advance('AWAITING_NOTICE_SERVICE', issueNotice, { caseId: input.caseId, at: at() });
  const notice = await issuePriorNoticeDocument({ caseId: input.caseId, at: at() });
  const noticeServed = await served([{ id: notice.documentId, kind: 'PRIOR_NOTICE' }], 'NOTICE_PERIOD');

  // 3. The notice period runs from service (the day of service not counted), an updatable timer: a
  // calendar correction recomputes the deadline and the wait moves with it; a provisional deadline
  // is checked once more when it falls due.
  noticeDeadline = { deadline: noticeServed.deadline! };
  view.deadline = noticeDeadline.deadline;
  // Corrections since the run began count: one entered before the period started moves it too.
  // The period runs in full, unless the party waives the rest of it in writing.
  await deadlines.keep(noticeDeadline, () => waived, 0);
  await condition(() => !steps.taking('fileStatement')); // a statement filed in time is being recorded

  // 4. Statements made are reviewed by the caseworker within the policy's period (one let pass is
  // recorded as overdue, and the review still awaited); the written reply is made and served on
  // the party. Accepted, the case then closes without listing.
  if (heard > 0) {
    const deadline = await advance('IN_REVIEW', openStatementReview, { caseId: input.caseId, at: at() });
    reviewDeadline = { deadline, overdue: false };
    view.deadline = deadline;
    if ((await deadlines.keep(reviewDeadline, () => review !== undefined)) === 'passed') {
      await recordOverdue({ caseId: input.caseId, key: deadline.key, at: at() });
      reviewDeadline.overdue = true;
      view.revision++;
      await condition(() => review !== undefined);
    }
    view.deadline = null;
    const reply = await issueReviewReply({ caseId: input.caseId, at: at() });
    await served([{ id: reply.documentId, kind: 'REVIEW_REPLY' }], review!.accepted ? 'CLOSED_NOT_LISTED' : 'IN_REVIEW');
    if (review!.accepted) {
      await condition(allHandlersFinished);
      return view;
    }
  }

  // 5. The supervisor approves the listing decision, or refuses it (closed without listing).
  await advance('AWAITING_DECISION_APPROVAL', submitDecisionForApproval, {
    caseId: input.caseId,
    at: at(),
    statementRejected: heard > 0,
  });
  view.deadline = null;
  await condition(() => listingApproval !== undefined);
  if (!listingApproval!.approved) {
    await condition(allHandlersFinished);
    return view;
  }

  // 6. The decision's terms are recorded and the decision and the credit-repair notice are made
  // and numbered. Nothing takes effect — no publication, no push, no measure — until both are
  // served together (两书同达); documents that cannot be made keep the case here, shown as stuck.
  const decidedAt = at();
  const listed = await advance('AWAITING_DECISION_SERVICE', recordListingDecision, { caseId: input.caseId, decidedAt });
  Object.assign(view, { publicationEndsOn: listed.publicationEndsOn, repairEligibleFrom: listed.repairEligibleFrom });
  const { documents } = await issueListingDocuments({ caseId: input.caseId, at: decidedAt });
  const decisionServed = await served(documents, 'AWAITING_DECISION_SERVICE');

  // 7. Served, the subject is listed and published and the listing pushed to the cooperating units
  // — on the day of service (for an announcement, the day it counts as served, which may be ahead).
  const effective = startOfShanghaiDay(decisionServed.servedOn).getTime();
  if (effective > Date.now()) await sleep(effective - Date.now());
  const listedAt = at();
  const { rectificationDueAt } = await listSubject({ caseId: input.caseId, listedAt, state: 'LISTED' });
  view.listedAt = listedAt;
  // Listed, but the listing's own steps (objection, repair) open only once it continues as its own
  // workflow below: until then the case says it is being listed.
  moveTo('BEING_LISTED');

  // 8. The listing lives on for months or years: it continues as its own workflow, same id.
  await condition(allHandlersFinished);
  const continueAsListing = makeContinueAsNewFunc<typeof listingWorkflow>({ workflowType: 'listingWorkflow' });
  return continueAsListing({
    caseId: input.caseId,
    departmentId: input.departmentId,
    subjectCode: form.subjectCode,
    responsiblePersons: parties().slice(1),
    rectificationDueAt,
    unrepairable: form.unrepairable,
    listedAt,
    ...listed,
    revision: view.revision + 1,
  });
}
