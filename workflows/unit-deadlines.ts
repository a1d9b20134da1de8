// One unit's push deadlines kept by timers (签收、首次反馈、解除), as they were started before a
// push's follow-up (workflows/push-follow-up.ts) kept all of its units'. Kept for the watches
// started so, until their deadlines have passed.
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
