// What follows a push (a listing, suspension, resumption, correction or removal told to every unit
// concerned at once): each unit's webhook delivered, with retries of its own, so that one unit's
// system being down holds up neither the others nor the case; and every unit's deadlines
// (签收、首次反馈、解除) kept by timers, a unit that lets one pass recorded as overdue at that instant
// with no one having to look. One workflow for all the units of a push: a night of removals starts
// one per removal, not one per unit and another per delivery.
import { condition, isCancellation, proxyActivities, setHandler } from '@temporalio/workflow';
import type { PushEvent, createUnitDeadlineActivities, createWebhookActivities } from '../activities/units';
import { pushesRecorded } from './messages';

type WebhookActivities = ReturnType<typeof createWebhookActivities>;

const { keepPushDeadlines } = proxyActivities<ReturnType<typeof createUnitDeadlineActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
// A delivery's retries back off from 1 second to an hour, about a day in all; then it is marked failed.
const { deliverWebhook } = proxyActivities<WebhookActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 hour', maximumAttempts: 30 },
});
const { markWebhookFailed } = proxyActivities<WebhookActivities>({ startToCloseTimeout: '30 seconds' });

/** One delivery, until it is delivered or its retries are spent (a cancelled workflow marks nothing failed). */
async function deliver(id: string): Promise<void> {
  try {
    await deliverWebhook(id);
  } catch (err) {
    if (isCancellation(err)) throw err;
    await markWebhookFailed(id);
  }
}

export async function pushFollowUpWorkflow(push: PushEvent): Promise<void> {
  /** Each delivery under way or done, by id: true once delivered or given up on. */
  const deliveries = new Map<string, boolean>();
  const delivered = () => [...deliveries.values()].every(Boolean);
  // The deadlines are looked at when it starts, and again whenever more of the push is recorded.
  // The deliveries it is given are the ones its starter wrote (and marked started): never one an
  // earlier workflow of a single delivery is still trying.
  let recorded = true;
  setHandler(pushesRecorded, (deliveryIds = []) => {
    recorded = true;
    for (const id of deliveryIds) {
      if (deliveries.has(id)) continue;
      deliveries.set(id, false);
      void deliver(id).then(
        () => deliveries.set(id, true),
        () => deliveries.set(id, true), // cancelled: the workflow is ending anyway
      );
    }
  });
  /** When the next deadline falls (ms), null when none is left to keep. */
  let wakeAt: number | null = null;
  for (;;) {
    if (recorded || (wakeAt !== null && wakeAt <= Date.now())) {
      recorded = false;
      const next = await keepPushDeadlines({ push, at: new Date().toISOString() });
      wakeAt = next && Date.parse(next.nextAt);
    }
    if (recorded) continue;
    if (wakeAt === null) {
      if (delivered()) return;
      await condition(() => recorded || delivered());
    } else {
      await condition(() => recorded, Math.max(1, wakeAt - Date.now()));
    }
  }
}
