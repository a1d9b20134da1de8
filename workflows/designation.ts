// The designation procedure (认定程序) with prior notice, as one durable workflow:
// the caseworker's draft → the supervisor approves the notice (or returns it for revision) →
// the prior notice is served → the notice period (告知期) runs → any statement is reviewed by the
// caseworker (accepted: closed without listing) → the supervisor approves the listing decision →
// the subject is listed, the decision and the credit-repair notice are served together, and the
// listing is pushed to the cooperating units → the listing continues as its own workflow.
// Deadlines are absolute instants computed by activities from the PRC working-day calendar and
// the case's policy version.
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  makeContinueAsNewFunc,
  setHandler,
  uuid4,
} from '@temporalio/workflow';
import type {
  ApprovalRequest,
  CaseProgress,
  DesignationWorkflowInput,
  DuplicateOf,
  OpenStep,
  ReviewDecisionRequest,
} from '../domain/procedure';
import type { CaseState } from '../domain/vocabulary';
import { caseView } from '../domain/progress';
import { LOCALES, translate } from '../domain/i18n';
import { refuse, says } from './guards';
import type { listingWorkflow } from './listing';
import { calendarCorrected, decideListing, decideNotice, decideReview, fileStatement, filed, progress, reviseDraft } from './messages';
import { DeadlineKeeper, type DeadlineSlot } from './deadline';
import { StepBoard } from './steps';
import { trackedActivities } from './activities';

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
      recordReviewDecision,
      submitDecisionForApproval,
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
  // The notice period's deadline shows on the case until a statement is filed.
  const deadlines = new DeadlineKeeper(
    (key) => recomputeDeadline({ caseId: input.caseId, key, at: new Date().toISOString() }),
    (slot) => {
      if (statementFiled) return;
      view.deadline = slot.deadline;
      view.revision++;
    },
  );
  let form = input.form;
  let noticeApproval: ApprovalRequest | undefined;
  let noticeDeadline: DeadlineSlot | undefined;
  let statementFiled = false;
  let review: ReviewDecisionRequest | undefined;
  let listingApproval: ApprovalRequest | undefined;
  const at = () => new Date().toISOString();

  // What is open at each point of the procedure; the handlers below take the steps.
  const steps = new StepBoard({
    departmentId: input.departmentId,
    subjectCode: () => form.subjectCode,
    view,
    running,
    matters: () => [],
    open: (): OpenStep[] => {
      switch (view.state) {
        case 'AWAITING_NOTICE_APPROVAL':
          return noticeApproval ? [] : [{ step: 'decideNotice' }];
        case 'DRAFT_RETURNED':
          return [{ step: 'reviseDraft' }];
        case 'NOTICE_PERIOD':
          return statementFiled || !noticeDeadline ? [] : [{ step: 'fileStatement', deadline: noticeDeadline.deadline }];
        case 'IN_REVIEW':
          return review ? [] : [{ step: 'decideReview' }];
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
      // Filed at once: the notice period's timer stops for it while it is being recorded; if it
      // cannot be recorded, the period runs on as if it had not been filed.
      statementFiled = true;
      view.deadline = null;
      const statementId = uuid4();
      try {
        await advance('IN_REVIEW', recordStatement, { caseId: input.caseId, statementId, at: at(), request });
      } catch (err) {
        statementFiled = false;
        view.deadline = noticeDeadline!.deadline;
        throw err;
      }
      return { statementId };
    },
    () => {
      const d = noticeDeadline?.deadline;
      if (d && Date.now() >= Date.parse(d.endsAt)) {
        refuse('LATE', says('noticePeriodOver', d.date));
      }
    },
  );

  // Accepted, the statement closes the case without listing.
  steps.handle(decideReview, async (request) => {
    await advance(request.accepted ? 'CLOSED_NOT_LISTED' : 'IN_REVIEW', recordReviewDecision, { caseId: input.caseId, at: at(), request });
    review = request;
    await condition(() => view.state !== 'IN_REVIEW');
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
  let caseNumber = '';
  let duplicateOf: DuplicateOf | undefined;
  setHandler(filed, async (actor) => {
    await condition(() => caseNumber !== '' || duplicateOf !== undefined);
    if (duplicateOf) {
      const texts = Object.fromEntries(LOCALES.map((l) => [l, translate(l, 'refusal', 'duplicateListing', duplicateOf!.caseNumber)]));
      throw ApplicationFailure.create({
        type: 'DUPLICATE_LISTING',
        message: texts['zh-CN'],
        details: [texts, duplicateOf],
        nonRetryable: true,
      });
    }
    return { caseId: input.caseId, caseNumber, progress: steps.progress(actor) };
  });
  try {
    ({ caseNumber } = await advance('AWAITING_NOTICE_APPROVAL', recordDraft, { ...input, at: at() }));
  } catch (err) {
    if (!(err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === 'DUPLICATE_LISTING')) throw err;
    duplicateOf = err.cause.details?.[0] as DuplicateOf;
    await condition(allHandlersFinished);
    return view; // nothing was recorded: the first case goes on
  }
  await condition(() => noticeApproval?.approved === true);

  // 2. The prior notice is served; the notice day itself is not counted. The document is
  // generated beside the waiting; nothing follows from the notice before it is served.
  const notice = await advance('NOTICE_PERIOD', issueNotice, { caseId: input.caseId, at: at() });
  view.deadline = notice.deadline;
  const noticeDocument = issuePriorNoticeDocument({ caseId: input.caseId, at: at() });

  // 3. The notice period, an updatable timer: a calendar correction recomputes the deadline and
  // the wait moves with it; a provisional deadline is checked once more when it falls due.
  noticeDeadline = { deadline: notice.deadline };
  // Corrections since the run began count: one entered before the period started moves it too.
  while ((await deadlines.keep(noticeDeadline, () => statementFiled, 0)) === 'done') {
    await condition(() => view.state === 'IN_REVIEW' || !statementFiled); // recorded, or not
    if (statementFiled) break;
  }
  await noticeDocument;

  // 4. A statement is reviewed by the caseworker; accepted, the case closes without listing.
  if (statementFiled) {
    await condition(() => review !== undefined);
    if (review!.accepted) {
      await condition(allHandlersFinished);
      return view;
    }
  }

  // 5. The supervisor approves the listing decision, or refuses it (closed without listing).
  await advance('AWAITING_DECISION_APPROVAL', submitDecisionForApproval, {
    caseId: input.caseId,
    at: at(),
    statementRejected: statementFiled,
  });
  view.deadline = null;
  await condition(() => listingApproval !== undefined);
  if (!listingApproval!.approved) {
    await condition(allHandlersFinished);
    return view;
  }

  // 6. Listed and published, pushed to the cooperating units; the decision is served together
  // with the credit-repair notice (两书同达).
  const listedAt = at();
  const listed = await listSubject({ caseId: input.caseId, listedAt, state: 'LISTED' });
  Object.assign(view, { listedAt, publicationEndsOn: listed.publicationEndsOn, repairEligibleFrom: listed.repairEligibleFrom });
  // Listed, but the listing's own steps (objection, repair) open only once it continues as its own
  // workflow below: until then the case says it is being listed.
  moveTo('BEING_LISTED');
  await issueListingDocuments({ caseId: input.caseId, at: listedAt, statementRejected: statementFiled });

  // 7. The listing lives on for months or years: it continues as its own workflow, same id.
  await condition(allHandlersFinished);
  const continueAsListing = makeContinueAsNewFunc<typeof listingWorkflow>({ workflowType: 'listingWorkflow' });
  return continueAsListing({
    caseId: input.caseId,
    departmentId: input.departmentId,
    subjectCode: form.subjectCode,
    unrepairable: form.unrepairable,
    listedAt,
    ...listed,
    revision: view.revision + 1,
  });
}
