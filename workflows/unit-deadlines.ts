// One push's deadlines kept by timers (签收、首次反馈、解除): a cooperating unit that lets one pass
// is recorded as overdue at that instant — on the push, and in the case's timeline for the office
// that pushed — with no one having to look. A workflow of its own per push, like a webhook
// delivery, so that a unit's lateness never holds up the case.
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { createUnitDeadlineActivities } from '../activities/units';

const { keepUnitDeadlines } = proxyActivities<ReturnType<typeof createUnitDeadlineActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export async function unitDeadlinesWorkflow(pushId: string): Promise<void> {
  for (;;) {
    const next = await keepUnitDeadlines({ pushId, at: new Date().toISOString() });
    if (!next) return; // each deadline met, or recorded as overdue
    await sleep(Math.max(0, Date.parse(next.nextAt) - Date.now()));
  }
}
