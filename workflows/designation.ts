// The designation procedure (认定程序) with prior notice, as one durable workflow:
// record the case and serve the prior notice → wait out the notice period (告知期) →
// if the party made a statement or objection, the caseworker reviews it → otherwise, or when the
// statement is rejected, the subject is listed → at the end of the publication period the
// subject is removed by the workflow's own timer (到期移出). The notice period is an absolute deadline computed
// by an activity from the PRC working-day calendar and the case's policy version.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  proxyActivities,
  setHandler,
  uuid4,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type {
  CaseProgress,
  DeadlineView,
  DesignationWorkflowInput,
  EarlyRemovalRequest,
  FileStatementRequest,
  RejectionCode,
  ReviewDecisionRequest,
} from '../domain/procedure';

// Human steps are Updates: the caller learns at once whether the step was taken, or why not.
export const fileStatement = defineUpdate<{ statementId: string }, [FileStatementRequest]>('fileStatement');
export const decideReview = defineUpdate<CaseProgress, [ReviewDecisionRequest]>('decideReview');
export const removeEarly = defineUpdate<CaseProgress, [EarlyRemovalRequest]>('removeEarly');
export const progress = defineQuery<CaseProgress>('progress');
// The working-day calendar was corrected: a deadline computed as provisional may have moved.
export const calendarCorrected = defineSignal('calendarCorrected');

const {
  recordCaseAndIssueNotice,
  issuePriorNoticeDocument,
  issueListingDocuments,
  recomputeNoticeDeadline,
  recordStatement,
  recordReviewDecision,
  listSubject,
  removeFromList,
} = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Refuses an update with a reason the API shows to the user (zh-CN; English in details). */
function refuse(code: RejectionCode, zh: string, en: string): never {
  throw ApplicationFailure.create({ type: code, message: zh, details: [en], nonRetryable: true });
}

export async function designationWorkflow(input: DesignationWorkflowInput): Promise<CaseProgress> {
  const view: CaseProgress = { state: 'RECORDING', deadline: null, listedAt: null, publicationEndsOn: null };
  let noticeDeadline: DeadlineView | undefined;
  let statementFiled = false;
  let calendarChanged = false;
  let review: ReviewDecisionRequest | undefined;
  let earlyRemoval: EarlyRemovalRequest | undefined;

  setHandler(progress, () => view);
  setHandler(calendarCorrected, () => {
    calendarChanged = true;
  });

  setHandler(
    fileStatement,
    async (request) => {
      statementFiled = true;
      view.state = 'IN_REVIEW';
      view.deadline = null;
      const statementId = uuid4();
      await recordStatement({ caseId: input.caseId, statementId, at: new Date().toISOString(), request });
      return { statementId };
    },
    {
      validator: (request) => {
        const { actor } = request;
        if (actor.role !== 'PARTY' && actor.role !== 'CASEWORKER') {
          refuse(
            'WRONG_ROLE',
            '只有当事人或代为登记的经办人可以提交陈述申辩或异议',
            'Only the party, or a caseworker on its behalf, may file a statement or objection',
          );
        }
        if (actor.role === 'PARTY' && actor.subjectCode !== input.form.subjectCode) {
          refuse('NOT_THE_PARTY', '您不是本案当事人', 'You are not the party to this case');
        }
        if (actor.role === 'CASEWORKER' && actor.departmentId !== input.departmentId) {
          refuse('WRONG_DEPARTMENT', '本案不属于您所在部门', 'This case belongs to another department');
        }
        if (noticeDeadline && Date.now() >= Date.parse(noticeDeadline.endsAt)) {
          refuse('LATE', `陈述申辩期已于 ${noticeDeadline.date} 24:00 届满`, `The notice period ended at 24:00 on ${noticeDeadline.date}`);
        }
        if (view.state !== 'NOTICE_PERIOD') {
          refuse('WRONG_STATE', '案件当前不在告知期内，不能提交陈述申辩', 'The case is not in its notice period');
        }
      },
    },
  );

  setHandler(
    decideReview,
    async (request) => {
      review = request;
      await recordReviewDecision({ caseId: input.caseId, at: new Date().toISOString(), request });
      if (request.accepted) view.state = 'CLOSED_NOT_LISTED';
      return view;
    },
    {
      validator: ({ actor }) => {
        if (actor.role !== 'CASEWORKER') refuse('WRONG_ROLE', '只有经办人可以复核陈述申辩', 'Only a caseworker may review a statement');
        if (actor.departmentId !== input.departmentId)
          refuse('WRONG_DEPARTMENT', '本案不属于您所在部门', 'This case belongs to another department');
        if (view.state !== 'IN_REVIEW' || review)
          refuse('WRONG_STATE', '案件当前没有待复核的陈述申辩', 'The case has no statement awaiting review');
      },
    },
  );

  setHandler(
    removeEarly,
    async (request) => {
      earlyRemoval = request;
      await condition(() => view.state === 'REMOVED');
      return view;
    },
    {
      validator: ({ actor }) => {
        if (actor.role !== 'SUPERVISOR') refuse('WRONG_ROLE', '只有审核人可以决定提前移出', 'Only a supervisor may remove a subject early');
        if (actor.departmentId !== input.departmentId)
          refuse('WRONG_DEPARTMENT', '本案不属于您所在部门', 'This case belongs to another department');
        if (view.state !== 'LISTED' || earlyRemoval)
          refuse('WRONG_STATE', '案件当前不在名单中，不能移出', 'The subject is not on the list');
      },
    },
  );

  // 1. Record the case and serve the prior notice. The notice day itself is not counted.
  const notice = await recordCaseAndIssueNotice({ ...input, noticeAt: new Date().toISOString() });
  noticeDeadline = notice.deadline;
  view.state = 'NOTICE_PERIOD';
  view.deadline = notice.deadline;
  // The notice document is generated beside the waiting; listing waits for it to be served.
  const noticeDocument = issuePriorNoticeDocument({ caseId: input.caseId, at: new Date().toISOString() });

  // 2. The notice period: a statement or objection stops the automatic listing. The deadline is
  // an updatable timer: a calendar correction recomputes it and the wait moves with it; a
  // provisional deadline is checked once more against the calendar before it is acted on.
  let deadline = notice.deadline;
  for (;;) {
    const remaining = Date.parse(deadline.endsAt) - Date.now();
    if (remaining > 0) await condition(() => statementFiled || calendarChanged, remaining);
    if (statementFiled) break;
    const provisionalDue = deadline.provisional && Date.parse(deadline.endsAt) <= Date.now();
    if (!calendarChanged && !provisionalDue) break; // the final deadline has passed
    calendarChanged = false;
    deadline = await recomputeNoticeDeadline({ caseId: input.caseId, at: new Date().toISOString() });
    noticeDeadline = deadline;
    if (!statementFiled) view.deadline = deadline;
    // No official schedule arrived in time: act on the provisional deadline the case has shown.
    if (provisionalDue && deadline.provisional) break;
  }

  // The notice must have been served as a document before anything follows from it.
  await noticeDocument;

  if (statementFiled) {
    // 3. Review of the statement by the caseworker.
    await condition(() => review !== undefined);
    await condition(allHandlersFinished);
    if (review!.accepted) return view;
  }

  // 4. Listing: by the timer when nothing was filed, or after the statement was rejected.
  const listedAt = new Date().toISOString();
  const listed = await listSubject({ caseId: input.caseId, listedAt, automatic: !statementFiled });
  view.state = 'LISTED';
  view.listedAt = listedAt;
  view.publicationEndsOn = listed.publicationEndsOn;
  // The decision is served together with the credit-repair notice (两书同达).
  await issueListingDocuments({ caseId: input.caseId, at: listedAt, statementRejected: statementFiled });

  // 5. Removal: by the workflow's own timer when the publication period ends, with no human
  // step, or earlier by a supervisor with a recorded reason.
  await condition(() => earlyRemoval !== undefined, Math.max(1, Date.parse(listed.removalAt) - Date.now()));
  await removeFromList({ caseId: input.caseId, removedAt: new Date().toISOString(), early: earlyRemoval });
  view.state = 'REMOVED';
  await condition(allHandlersFinished);
  return view;
}
