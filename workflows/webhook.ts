// One webhook delivery to a cooperating unit's system: a workflow of its own, so that a unit's
// system being down never holds up or fails the case that pushed to it. Each attempt is recorded
// by the activity; the retries back off from 1 second to an hour, about a day in all, then the
// delivery is marked failed.
import { proxyActivities } from '@temporalio/workflow';
import type { createWebhookActivities } from '../activities/units';

type WebhookActivities = ReturnType<typeof createWebhookActivities>;

const { deliverWebhook } = proxyActivities<WebhookActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 hour', maximumAttempts: 30 },
});
const { markWebhookFailed } = proxyActivities<WebhookActivities>({ startToCloseTimeout: '30 seconds' });

export async function webhookDeliveryWorkflow(deliveryId: string): Promise<void> {
  try {
    await deliverWebhook(deliveryId);
  } catch {
    await markWebhookFailed(deliveryId);
  }
}
