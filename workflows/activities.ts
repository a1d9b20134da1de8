// The activities a procedure workflow calls, with one retry policy, counted while they run: the
// case page keeps refreshing while the system's own follow-up (recording, serving a document,
// listing) is under way, and knows from this count when it has settled.
import {
  ActivityFailure,
  ApplicationFailure,
  TemporalFailure,
  isCancellation,
  patched,
  proxyActivities,
  proxyLocalActivities,
} from '@temporalio/workflow';
import { RetryState } from '@temporalio/common';
import { DOCUMENT_ACTIVITIES, DOCUMENT_TASK_QUEUE } from '../domain/procedure';
import type { createActivities } from '../activities';

type Activities = ReturnType<typeof createActivities>;

export interface TrackedActivities {
  activities: Activities;
  /** How many activities are running now. */
  running(): number;
}

/**
 * The activities of the procedure's own flow: serving, listing, removing, keeping deadlines. A
 * failed one would fail the case's workflow and lose its timers (a listing never removed), so they
 * retry until they succeed; one that keeps failing shows its case as stuck on the deadline watch
 * (activities/failures.ts). Every other activity records a human step: its retries are bounded, so
 * a step that cannot be recorded is refused and released (a data error at once).
 */
const FLOW_ACTIVITIES: ReadonlySet<keyof Activities> = new Set<keyof Activities>([
  'issueNotice',
  'issuePriorNoticeDocument',
  'recomputeDeadline',
  'submitDecisionForApproval',
  'openStatementReview',
  'issueReviewReply',
  'recordListingDecision',
  'listSubject',
  'issueListingDocuments',
  'recordOverdue',
  'removeFromList',
  'issueResultDocument',
  'issueRemovalNotice',
  'listRedSubject',
  'closeRedProposal',
  'issueRedListingDecision',
  'issueRedRemovalNotice',
]);

export function trackedActivities(): TrackedActivities {
  const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' } as const;
  // About 15 minutes of retries, then the step is refused.
  const step = { startToCloseTimeout: '60 seconds', retry: { ...retry, maximumAttempts: 20 } } as const;
  const flow = { startToCloseTimeout: '60 seconds', retry: { ...retry, maximumInterval: '10 minutes' } } as const;
  const proxies = {
    step: proxyActivities<Activities>(step),
    flow: proxyActivities<Activities>(flow),
    // The same, run by the worker running the workflow task, without a round trip through Temporal
    // for each: the recording is a short transaction on the office's own database. A retry more
    // than 5 s off waits on a timer, so that the workflow task does not stay open through minutes
    // of retries: meanwhile the case answers its page (settling, or stuck) and its attempts are
    // counted in its history, not afresh by a worker taking over.
    localStep: proxyLocalActivities<Activities>({ ...step, localRetryThreshold: '5 seconds' }),
    localFlow: proxyLocalActivities<Activities>({ ...flow, localRetryThreshold: '5 seconds' }),
    documents: proxyActivities<Activities>({
      taskQueue: DOCUMENT_TASK_QUEUE,
      startToCloseTimeout: '60 seconds',
      // As the flow's: the case waits on its document, which must be made.
      retry: { ...retry, maximumInterval: '10 minutes' },
    }),
  };
  const documents: ReadonlySet<string> = new Set(DOCUMENT_ACTIVITIES);
  let running = 0;
  const activities = new Proxy({} as Activities, {
    get(_target, name: string) {
      // Cases begun before the renderer had its own queue render where they always have, and those
      // begun before the recording ran locally record as they always have (patched).
      const isFlow = FLOW_ACTIVITIES.has(name as keyof Activities);
      const proxied =
        documents.has(name) && patched('document-task-queue')
          ? proxies.documents
          : patched('local-recording')
            ? isFlow
              ? proxies.localFlow
              : proxies.localStep
            : isFlow
              ? proxies.flow
              : proxies.step;
      const fn = proxied[name as keyof Activities] as (...args: unknown[]) => Promise<unknown>;
      const local = proxied === proxies.localStep || proxied === proxies.localFlow;
      return async (...args: unknown[]) => {
        running++;
        try {
          return await fn(...args);
        } catch (err) {
          throw local ? asActivityFailure(name, err) : err;
        } finally {
          running--;
        }
      };
    },
  });
  return { activities, running: () => running };
}

/**
 * A local activity that failed (its attempts spent, or its error not to be retried) reaches the
 * workflow as its cause alone, where an ordinary one's comes wrapped in an ActivityFailure (as a
 * local one's timeout does): wrapped the same way, a recording that failed is told from a refusal,
 * and a duplicate filing found, however the activity ran. A cancellation stays as it is.
 */
function asActivityFailure(activityType: string, err: unknown): unknown {
  if (!(err instanceof TemporalFailure) || err instanceof ActivityFailure || isCancellation(err)) return err;
  const retryState =
    err instanceof ApplicationFailure && err.nonRetryable ? RetryState.NON_RETRYABLE_FAILURE : RetryState.MAXIMUM_ATTEMPTS_REACHED;
  return new ActivityFailure('Local activity failed', activityType, undefined, retryState, undefined, err);
}
