// The designation procedure (认定程序) with prior notice, as one durable workflow:
// the caseworker's draft → the supervisor approves the notice (or returns it for revision) →
// the prior notice is served → the notice period (告知期) runs → any statement is reviewed by the
// caseworker (accepted: closed without listing) → the supervisor approves the listing decision →
// the subject is listed, the decision and the credit-repair notice are served together, and the
// listing is pushed to the cooperating units → the listing continues as its own workflow.
// Deadlines are absolute instants computed by activities from the PRC working-day calendar and
// the case's policy version.
import { allHandlersFinished, condition, makeContinueAsNewFunc, proxyActivities, setHandler, uuid4 } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { ApprovalRequest, CaseProgress, DesignationWorkflowInput, KeptDeadline, ReviewDecisionRequest } from '../domain/procedure';
import type { DesignationInput } from '../domain/schemas';
import { mustBe, mustBeCurrent, mustBeTheParty, refuse } from './guards';
import type { listingWorkflow } from './listing';
import { calendarCorrected, decideListing, decideNotice, decideReview, fileStatement, progress, reviseDraft } from './messages';

const {
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
} = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '60 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function designationWorkflow(input: DesignationWorkflowInput): Promise<CaseProgress> {
  const view: CaseProgress = {
    state: 'RECORDING',
    revision: 0,
    deadline: null,
    listedAt: null,
    publicationEndsOn: null,
    repairEligibleFrom: null,
    measuresSuspended: false,
    objection: null,
    repair: null,
    removalKind: null,
  };
  /** Every change the workflow makes moves the revision a form must carry. */
  const moveTo = (state: CaseProgress['state']) => {
    view.state = state;
    view.revision++;
  };
  let form = input.form;
  let noticeApproval: ApprovalRequest | undefined;
  let revisedForm: DesignationInput | undefined;
  let noticeDeadline: KeptDeadline | undefined;
  let statementFiled = false;
  let calendarChanged = false;
  let review: ReviewDecisionRequest | undefined;
  let listingApproval: ApprovalRequest | undefined;
  const at = () => new Date().toISOString();

  setHandler(progress, () => view);
  setHandler(calendarCorrected, () => {
    calendarChanged = true;
  });

  setHandler(
    decideNotice,
    async (request) => {
      view.revision++;
      await recordApproval({ caseId: input.caseId, at: at(), step: 'NOTICE', revision: request.revision, request });
      noticeApproval = request; // only once recorded: the audit trail keeps the order of events
      await condition(() => view.state !== 'AWAITING_NOTICE_APPROVAL'); // the caller sees the outcome
      return view;
    },
    {
      validator: ({ actor, revision }) => {
        mustBe(actor, ['SUPERVISOR'], ['审核告知书', 'approve a prior notice'], input.departmentId);
        if (view.state !== 'AWAITING_NOTICE_APPROVAL' || noticeApproval)
          refuse('WRONG_STATE', '案件当前没有待审核的告知书', 'The case has no prior notice awaiting approval');
        mustBeCurrent(revision, view.revision);
      },
    },
  );

  setHandler(
    reviseDraft,
    async (request) => {
      view.revision++;
      await recordDraftRevision({ caseId: input.caseId, at: at(), revision: request.revision, actor: request.actor, form: request.form });
      revisedForm = request.form;
      await condition(() => view.state !== 'DRAFT_RETURNED');
      return view;
    },
    {
      validator: (request) => {
        const { actor, revision } = request;
        mustBe(actor, ['CASEWORKER'], ['修改退回的认定材料', 'revise a returned draft'], input.departmentId);
        if (view.state !== 'DRAFT_RETURNED' || revisedForm)
          refuse('WRONG_STATE', '案件当前不在退回修改状态', 'The case has not been returned for revision');
        if (request.form.subjectCode !== form.subjectCode)
          refuse('WRONG_STATE', '修改时不能更换当事人，请另行立案', 'The subject cannot change in a revision; file a new case');
        mustBeCurrent(revision, view.revision);
      },
    },
  );

  setHandler(
    fileStatement,
    async (request) => {
      statementFiled = true;
      moveTo('IN_REVIEW');
      view.deadline = null;
      const statementId = uuid4();
      await recordStatement({ caseId: input.caseId, statementId, at: at(), request });
      return { statementId };
    },
    {
      validator: ({ actor, revision }) => {
        mustBe(actor, ['PARTY', 'CASEWORKER'], ['提交陈述申辩或异议', 'file a statement or objection'], input.departmentId);
        mustBeTheParty(actor, form.subjectCode);
        if (noticeDeadline && Date.now() >= Date.parse(noticeDeadline.endsAt)) {
          refuse('LATE', `陈述申辩期已于 ${noticeDeadline.date} 24:00 届满`, `The notice period ended at 24:00 on ${noticeDeadline.date}`);
        }
        if (view.state !== 'NOTICE_PERIOD')
          refuse('WRONG_STATE', '案件当前不在告知期内，不能提交陈述申辩', 'The case is not in its notice period');
        mustBeCurrent(revision, view.revision);
      },
    },
  );

  setHandler(
    decideReview,
    async (request) => {
      view.revision++;
      await recordReviewDecision({ caseId: input.caseId, at: at(), request });
      review = request;
      await condition(() => view.state !== 'IN_REVIEW');
      return view;
    },
    {
      validator: ({ actor, revision }) => {
        mustBe(actor, ['CASEWORKER'], ['复核陈述申辩', 'review a statement'], input.departmentId);
        if (view.state !== 'IN_REVIEW' || review)
          refuse('WRONG_STATE', '案件当前没有待复核的陈述申辩', 'The case has no statement awaiting review');
        mustBeCurrent(revision, view.revision);
      },
    },
  );

  setHandler(
    decideListing,
    async (request) => {
      view.revision++;
      await recordApproval({ caseId: input.caseId, at: at(), step: 'DECISION', revision: request.revision, request });
      listingApproval = request;
      await condition(() => view.state !== 'AWAITING_DECISION_APPROVAL');
      return view;
    },
    {
      validator: ({ actor, revision }) => {
        mustBe(actor, ['SUPERVISOR'], ['审批认定决定', 'approve a listing decision'], input.departmentId);
        if (view.state !== 'AWAITING_DECISION_APPROVAL' || listingApproval)
          refuse('WRONG_STATE', '案件当前没有待审批的认定决定', 'The case has no listing decision awaiting approval');
        mustBeCurrent(revision, view.revision);
      },
    },
  );

  // 1. The caseworker's draft goes to the supervisor, who approves the notice or returns it.
  await recordDraft({ ...input, at: at() });
  for (;;) {
    moveTo('AWAITING_NOTICE_APPROVAL');
    await condition(() => noticeApproval !== undefined);
    if (noticeApproval!.approved) break;
    moveTo('DRAFT_RETURNED');
    await condition(() => revisedForm !== undefined);
    form = revisedForm!;
    [noticeApproval, revisedForm] = [undefined, undefined];
  }

  // 2. The prior notice is served; the notice day itself is not counted. The document is
  // generated beside the waiting; nothing follows from the notice before it is served.
  const notice = await issueNotice({ caseId: input.caseId, at: at() });
  view.deadline = notice.deadline;
  moveTo('NOTICE_PERIOD');
  const noticeDocument = issuePriorNoticeDocument({ caseId: input.caseId, at: at() });

  // 3. The notice period, an updatable timer: a calendar correction recomputes the deadline and
  // the wait moves with it; a provisional deadline is checked once more when it falls due.
  let deadline: KeptDeadline = notice.deadline;
  noticeDeadline = deadline;
  for (;;) {
    const remaining = Date.parse(deadline.endsAt) - Date.now();
    if (remaining > 0) await condition(() => statementFiled || calendarChanged, remaining);
    if (statementFiled) break;
    const provisionalDue = deadline.provisional && Date.parse(deadline.endsAt) <= Date.now();
    if (!calendarChanged && !provisionalDue) break; // the final deadline has passed
    calendarChanged = false;
    deadline = await recomputeDeadline({ caseId: input.caseId, key: deadline.key, at: at() });
    noticeDeadline = deadline;
    if (!statementFiled && (view.deadline?.date !== deadline.date || view.deadline.provisional !== deadline.provisional)) {
      view.deadline = deadline;
      view.revision++;
    }
    // No official schedule arrived in time: act on the provisional deadline the case has shown.
    if (provisionalDue && deadline.provisional) break;
  }
  await noticeDocument;

  // 4. A statement is reviewed by the caseworker; accepted, the case closes without listing.
  if (statementFiled) {
    await condition(() => review !== undefined);
    if (review!.accepted) {
      moveTo('CLOSED_NOT_LISTED');
      await condition(allHandlersFinished);
      return view;
    }
  }

  // 5. The supervisor approves the listing decision, or refuses it (closed without listing).
  await submitDecisionForApproval({ caseId: input.caseId, at: at(), statementRejected: statementFiled });
  view.deadline = null;
  moveTo('AWAITING_DECISION_APPROVAL');
  await condition(() => listingApproval !== undefined);
  if (!listingApproval!.approved) {
    moveTo('CLOSED_NOT_LISTED');
    await condition(allHandlersFinished);
    return view;
  }

  // 6. Listed and published, pushed to the cooperating units; the decision is served together
  // with the credit-repair notice (两书同达).
  const listedAt = at();
  const listed = await listSubject({ caseId: input.caseId, listedAt });
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
