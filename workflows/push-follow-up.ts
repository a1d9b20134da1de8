// What follows a push (a listing, suspension, resumption, correction or removal told to every unit
// concerned at once): each unit's webhook delivered, with retries of its own, so that one unit's
// system being down holds up neither the others nor the case; and every unit's deadlines
// (签收、首次反馈、解除) kept by timers, a unit that lets one pass recorded as overdue at that instant
// with no one having to look. One workflow for all the units of a push: a night of removals starts
// one per removal, not one per unit and another per delivery.
import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { PushEvent, createUnitDeadlineActivities, createWebhookActivities } from '../activities/units';
import { pushesRecorded } from './messages';

type WebhookActivities = ReturnType<typeof createWebhookActivities>;

const { keepPushDeadlines, pendingDeliveries } = proxyActivities<ReturnType<typeof createUnitDeadlineActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
// A delivery's retries back off from 1 second to an hour, about a day in all; then it is marked failed.
const { deliverWebhook } = proxyActivities<WebhookActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 hour', maximumAttempts: 30 },
});
const { markWebhookFailed } = proxyActivities<WebhookActivities>({ startToCloseTimeout: '30 seconds' });

export async function pushFollowUpWorkflow(push: PushEvent): Promise<void> {
  // The push's units are looked at when it starts, and again whenever more are recorded.
  let recorded = true;
  setHandler(pushesRecorded, () => {
    recorded = true;
  });
  /** Each delivery under way or done, by id: true once delivered or given up on. */
  const deliveries = new Map<string, boolean>();
  const delivered = () => [...deliveries.values()].every(Boolean);
  /** When the next deadline falls (ms), 0 to look now, null when none is left to keep. */
  let wakeAt: number | null = 0;
  for (;;) {
    if (recorded) {
      recorded = false;
      for (const id of await pendingDeliveries(push)) {
        if (deliveries.has(id)) continue;
        deliveries.set(id, false);
        void deliverWebhook(id)
          .catch(() => markWebhookFailed(id))
          .finally(() => deliveries.set(id, true));
      }
      wakeAt = 0;
    }
    if (wakeAt !== null && wakeAt <= Date.now()) {
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
