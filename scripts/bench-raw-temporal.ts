// Raw Temporal for the benches (scripts/bench.ts, scripts/bench-expiry.ts): a worker of its own on
// its own task queue running the raw workflows (scripts/bench-raw-workflow.ts) with no-op
// activities, and a client without the product's payload codec, on the same server as the project.
// A bench may give the activities work of its own (`onActivity`: the raw baseline with PostgreSQL
// sends a step's statements from it); without it they do nothing.
import { fileURLToPath } from 'node:url';
import { Context } from '@temporalio/activity';
import { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { temporal } from '@temporalio/proto';
import { RAW_TASK_QUEUE } from './bench-raw-workflow';

/**
 * Whether an event of a case's history runs one of its activities: an ordinary one (scheduled), or
 * a local one (its result's marker; a failed attempt's marker, before a retry, is not another) —
 * raw Temporal runs each as an ordinary no-op activity.
 */
export const runsAnActivity = (e: temporal.api.history.v1.IHistoryEvent): boolean =>
  Boolean(e.activityTaskScheduledEventAttributes) ||
  (e.markerRecordedEventAttributes?.markerName === 'core_local_activity' && !e.markerRecordedEventAttributes.failure);

/** What a raw activity does besides nothing: told its workflow, its step and its place in the step. */
export type RawActivityHook = (workflowId: string, step: number, k: number) => Promise<void>;

export async function startRawTemporal(address: string, onActivity?: RawActivityHook): Promise<{ client: Client; stop(): Promise<void> }> {
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: RAW_TASK_QUEUE,
    workflowsPath: fileURLToPath(new URL('./bench-raw-workflow.ts', import.meta.url)),
    activities: {
      noop: onActivity
        ? async (step?: number, k?: number) => {
            if (step !== undefined && k !== undefined)
              await onActivity(Context.current().info.workflowExecution?.workflowId ?? '', step, k);
          }
        : async () => {},
    },
  });
  const running = worker.run();
  // Raw payloads are plain (no codec), as the raw worker reads them; its client on the native
  // connection, as the project's API has its own.
  const client = new Client({ connection, namespace: 'default' });
  return {
    client,
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}
