// The time-skipping test environment on Temporal's Java test server (scripts/test-server), started
// at a chosen instant so that working-day deadlines meet real holidays.
import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import './temporal-logging';

const wrapper = fileURLToPath(new URL('../../scripts/test-server/temporal-test-server', import.meta.url));

export async function timeSkippingEnvironment(startAt: string): Promise<TestWorkflowEnvironment> {
  process.env.TEMPORAL_TEST_SERVER_START = startAt;
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: wrapper } } });
}

/** Skips the test server's clock forward to `instant`. */
export async function skipTo(env: TestWorkflowEnvironment, instant: string): Promise<void> {
  const now = await env.currentTimeMs();
  const target = Date.parse(instant);
  if (target <= now) throw new Error(`cannot skip back in time: now ${new Date(now).toISOString()}, asked ${instant}`);
  await env.sleep(target - now);
}
