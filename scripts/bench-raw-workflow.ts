// The bench's raw Temporal baseline (scripts/bench.ts): a plain workflow doing the same shape of
// work as a designation case — the same number of Updates, each awaited by its client, and the same
// number of activities, each a no-op, run where the case runs them (inside an Update's handler, or
// after it while the client waits for the next step to open) — without the product's code, its
// database or its payload codec. Bundled and run by a worker of its own on a task queue of its own.
// Each activity is told its step and place in it, so that the raw baseline with PostgreSQL can send
// the step's statements from the first, and its follow-up's from the first after the Update
// (scripts/bench.ts, scripts/bench-raw-temporal.ts).
import { allHandlersFinished, condition, defineQuery, defineUpdate, proxyActivities, setHandler, sleep } from '@temporalio/workflow';

export const RAW_TASK_QUEUE = 'bench-raw';

/** Per Update, in order: the activities its handler runs before answering, and those run after it. */
export interface RawShape {
  steps: { inHandler: number; after: number }[];
}

/** Step i (from 0); answered once its handler's activities have run. */
export const rawStep = defineUpdate<number, [number]>('rawStep');
/** How many steps have been taken and their follow-up run: step i opens once this is i. */
export const rawSettled = defineQuery<number>('rawSettled');

export async function rawCaseWorkflow(shape: RawShape): Promise<number> {
  const { noop } = proxyActivities<{ noop(step: number, k: number): Promise<void> }>({ startToCloseTimeout: '60 seconds' });
  let taken = 0;
  let settled = 0;
  setHandler(rawSettled, () => settled);
  setHandler(
    rawStep,
    async (i) => {
      taken = i + 1;
      for (let k = 0; k < shape.steps[i]!.inHandler; k++) await noop(i, k);
      return i;
    },
    {
      validator: (i) => {
        if (i !== settled || taken !== settled) throw new Error(`step ${i} is not open`);
      },
    },
  );
  for (let i = 0; i < shape.steps.length; i++) {
    await condition(() => taken > i && allHandlersFinished());
    for (let k = 0; k < shape.steps[i]!.after; k++) await noop(i, shape.steps[i]!.inHandler + k);
    settled = i + 1;
  }
  return settled;
}

/**
 * The raw counterpart of a listing's expiry (scripts/bench-expiry.ts): a timer to the instant, then
 * the same number of activities the listing's removal runs, each a no-op.
 */
export async function rawExpiryWorkflow(at: string, activities: number): Promise<void> {
  const { noop } = proxyActivities<{ noop(): Promise<void> }>({ startToCloseTimeout: '60 seconds' });
  await sleep(Math.max(1, Date.parse(at) - Date.now()));
  for (let k = 0; k < activities; k++) await noop();
}
