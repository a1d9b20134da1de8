// The worker process: hosts the procedure workflows and runs their activities.
// Run alone in production (`npm run worker`); scripts/start.ts runs it beside the API.
import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime, Worker, type LogLevel, type WorkerOptions } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { startPendingWorkflows } from './units';
import { TASK_QUEUE } from '../domain/procedure';
import { createDb, type Db } from './db';
import { createActivities } from './index';
import { temporalConfig } from './temporal';
import { payloadDataConverter } from './payload-codec';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export async function createWorker(db: Db, connection: NativeConnection, namespace: string, options: Partial<WorkerOptions> = {}) {
  return Worker.create({
    connection,
    namespace,
    taskQueue: TASK_QUEUE,
    workflowsPath,
    activities: createActivities(db),
    dataConverter: payloadDataConverter(),
    ...options,
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  Runtime.install({ logger: new DefaultLogger((process.env.LOG_LEVEL?.toUpperCase() as LogLevel | undefined) ?? 'WARN') });
  const { connectionOptions, namespace } = temporalConfig();
  const db = createDb();
  const connection = await NativeConnection.connect(connectionOptions);
  const worker = await createWorker(db, connection, namespace);
  // Webhook deliveries and push deadline watches written but never started (the worker stopped
  // between commit and start) are started now and swept every minute; starting one twice is harmless
  // (one workflow id each).
  const client = new Client({ connection: await Connection.connect(connectionOptions), namespace, dataConverter: payloadDataConverter() });
  const sweep = () => startPendingWorkflows(db, client).catch((err: unknown) => console.warn(`worker: outbox sweep: ${String(err)}`));
  void sweep();
  const sweeping = setInterval(() => void sweep(), 60_000);
  for (const sig of ['SIGINT', 'SIGTERM'] as const)
    process.once(sig, () => {
      clearInterval(sweeping);
      worker.shutdown();
    });
  console.log(`worker: polling task queue ${TASK_QUEUE} in namespace ${namespace}`);
  await worker.run();
  await client.connection.close();
  await connection.close();
  await db.$disconnect();
}
