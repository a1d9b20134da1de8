// Raw Temporal for the benches (scripts/bench.ts, scripts/bench-expiry.ts): a worker of its own on
// its own task queue running the raw workflows (scripts/bench-raw-workflow.ts) with no-op
// activities, and a client without the product's payload codec, on the same server as the project.
import { fileURLToPath } from 'node:url';
import { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { RAW_TASK_QUEUE } from './bench-raw-workflow';

export async function startRawTemporal(address: string): Promise<{ client: Client; stop(): Promise<void> }> {
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: RAW_TASK_QUEUE,
    workflowsPath: fileURLToPath(new URL('./bench-raw-workflow.ts', import.meta.url)),
    activities: { noop: async () => {} },
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
