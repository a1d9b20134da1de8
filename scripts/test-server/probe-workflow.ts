// Workflows for the time-skipping server's own tests.
import { continueAsNew, defineQuery, proxyActivities, setHandler, sleep } from '@temporalio/workflow';

export interface ProbeActivities {
  /** Takes `ms` of real time, or until cancelled. */
  busyFor(ms: number): Promise<void>;
}

const { busyFor } = proxyActivities<ProbeActivities>({ startToCloseTimeout: '10 minutes', heartbeatTimeout: '5 seconds' });

/** One activity that takes real time, then a day-long timer that only a time skip can fire. */
export async function probe(ms: number): Promise<string> {
  await busyFor(ms);
  await sleep('1 day');
  return 'done';
}

export const runQuery = defineQuery<number>('run');

/**
 * Continues as new once, from a workflow task that keeps the worker busy for `ms` (as a slow
 * machine's worker is), so that a query can arrive while that task is running.
 */
export async function continuing(run: number, ms: number): Promise<string> {
  setHandler(runQuery, () => run);
  if (run > 1) return `run ${run}`;
  let n = 0;
  for (let i = 0; i < ms * 20_000; i++) n = (n * 31 + i) % 1_000_003; // deterministic work
  return continueAsNew<typeof continuing>(run + 1 + (n < 0 ? 1 : 0), ms);
}
