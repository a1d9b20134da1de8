// The worker process: hosts the procedure workflows and runs their activities.
// Run alone in production (`npm run worker`); scripts/start.ts runs it beside the API.
import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime, Worker, type LogLevel, type WorkerOptions } from '@temporalio/worker';
import { TASK_QUEUE } from '../domain/procedure';
import { createDb, type Db } from './db';
import { createActivities } from './index';
import { temporalConfig } from './temporal';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export async function createWorker(db: Db, connection: NativeConnection, namespace: string, options: Partial<WorkerOptions> = {}) {
  return Worker.create({
    connection,
    namespace,
    taskQueue: TASK_QUEUE,
    workflowsPath,
    activities: createActivities(db),
    ...options,
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  Runtime.install({ logger: new DefaultLogger((process.env.LOG_LEVEL?.toUpperCase() as LogLevel | undefined) ?? 'WARN') });
  const { connectionOptions, namespace } = temporalConfig();
  const db = createDb();
  const connection = await NativeConnection.connect(connectionOptions);
  const worker = await createWorker(db, connection, namespace);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => worker.shutdown());
  console.log(`worker: polling task queue ${TASK_QUEUE} in namespace ${namespace}`);
  await worker.run();
  await connection.close();
  await db.$disconnect();
}
