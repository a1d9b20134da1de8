// A workflow for the time-skipping server's own tests: one activity that takes real time, then a
// day-long timer that only a time skip can fire.
import { proxyActivities, sleep } from '@temporalio/workflow';

export interface ProbeActivities {
  /** Takes `ms` of real time, or until cancelled. */
  busyFor(ms: number): Promise<void>;
}

const { busyFor } = proxyActivities<ProbeActivities>({ startToCloseTimeout: '10 minutes', heartbeatTimeout: '5 seconds' });

export async function probe(ms: number): Promise<string> {
  await busyFor(ms);
  await sleep('1 day');
  return 'done';
}
