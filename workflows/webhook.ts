// One webhook delivery to a cooperating unit's system, as deliveries were started before a push's
// follow-up (workflows/push-follow-up.ts) delivered all of its units' with the same retries. Kept
// for the deliveries started so, until they have run out.
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
