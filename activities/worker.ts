// The worker process: hosts the procedure workflows and runs their activities, and renders the
// documents. Run alone in production (`npm run worker`), as many as the load wants, each with the
// roles it takes (WORKER_ROLES); scripts/start.ts runs one of both roles beside the API.
import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime, Worker, type LogLevel, type WorkerOptions } from '@temporalio/worker';
import { Client } from '@temporalio/client';
import { sweepOutbox } from './units';
import { DOCUMENT_ACTIVITIES, DOCUMENT_TASK_QUEUE, TASK_QUEUE } from '../domain/procedure';
import { createDb, type Db } from './db';
import { createActivities } from './index';
import { temporalConfig } from './temporal';
import { payloadDataConverter } from './payload-codec';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/**
 * The modules the workflows import from the domain (and, through them, zod), evaluated once per
 * worker instead of once per workflow. Each workflow otherwise built its own copy of every zod
 * schema and message table — 24 ms and 2 MB a workflow, which ran the workflow thread out of memory
 * when 500 listings expired at one instant. The SDK freezes what it shares, so these modules keep
 * no state of their own (domain code is pure by rule); none may import '@temporalio/workflow'. Nor
 * may a workflow parse with a shared zod schema: zod caches on a schema at its first use, which a
 * frozen schema refuses — requests are parsed by the API, and the Update validators check only
 * role, state and revision.
 */
export const sharedWorkflowModules = ['steps', 'procedure', 'progress', 'schemas', 'vocabulary', 'workdays', 'i18n/index'].map((m) =>
  fileURLToPath(new URL(`../domain/${m}.ts`, import.meta.url)),
);

/** What a worker process does: run the procedures (workflows and their activities), render the documents, or both. */
export type WorkerRole = 'procedures' | 'documents';
const ROLES: readonly WorkerRole[] = ['procedures', 'documents'];

/** The roles WORKER_ROLES names (comma-separated); both when it is not set. */
export function workerRoles(env: string | undefined = process.env.WORKER_ROLES): WorkerRole[] {
  if (!env?.trim()) return [...ROLES];
  const named = env.split(',').map((r) => r.trim());
  const unknown = named.filter((r) => !ROLES.includes(r as WorkerRole));
  if (unknown.length) throw new Error(`WORKER_ROLES: unknown role ${unknown.join(', ')} (roles: ${ROLES.join(', ')})`);
  return [...new Set(named as WorkerRole[])];
}

/** The Temporal workers of one process, one per task queue it polls, run and stopped together. */
export class Workers {
  constructor(readonly workers: { role: WorkerRole; taskQueue: string; worker: Worker }[]) {}
  get taskQueues() {
    return this.workers.map((w) => w.taskQueue);
  }
  async run(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.run()));
  }
  shutdown(): void {
    for (const w of this.workers) if (w.worker.getState() === 'RUNNING') w.worker.shutdown();
  }
}

export async function createWorker(
  db: Db,
  connection: NativeConnection,
  namespace: string,
  options: Partial<WorkerOptions> = {},
  roles: readonly WorkerRole[] = ROLES,
): Promise<Workers> {
  const activities = createActivities(db);
  const rendering = new Set<string>(DOCUMENT_ACTIVITIES);
  /** What each role's worker polls and runs, and how many of its activities run at once. */
  const polls: Record<
    WorkerRole,
    Pick<WorkerOptions, 'taskQueue' | 'workflowsPath' | 'bundlerOptions' | 'activities' | 'maxConcurrentActivityTaskExecutions'>
  > = {
    // Every activity, the documents' too: a case begun before the renderer had its own queue still
    // renders on this one. Its activity slots are not capped at the pool's size: an import row's
    // activity waits for its case's Update, whose handler runs activities of its own, so ten slots
    // held by waiting rows deadlocked a 2,000-row import. A burst queues on the pool instead (db.ts).
    procedures: { taskQueue: TASK_QUEUE, workflowsPath, bundlerOptions: { preloadModules: sharedWorkflowModules }, activities },
    // Rendering is CPU work on the process's one thread: more at once only holds more PDFs in memory.
    documents: {
      taskQueue: DOCUMENT_TASK_QUEUE,
      activities: Object.fromEntries(Object.entries(activities).filter(([name]) => rendering.has(name))),
      maxConcurrentActivityTaskExecutions: 4,
    },
  };
  const workers: Workers['workers'] = [];
  for (const role of ROLES.filter((r) => roles.includes(r))) {
    const worker = await Worker.create({ connection, namespace, ...polls[role], dataConverter: payloadDataConverter(), ...options });
    workers.push({ role, taskQueue: polls[role].taskQueue, worker });
  }
  return new Workers(workers);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  Runtime.install({ logger: new DefaultLogger((process.env.LOG_LEVEL?.toUpperCase() as LogLevel | undefined) ?? 'WARN') });
  const { connectionOptions, namespace } = temporalConfig();
  const db = createDb();
  const connection = await NativeConnection.connect(connectionOptions);
  const workers = await createWorker(db, connection, namespace, {}, workerRoles());
  // Webhook deliveries and push deadline watches written but never started (the worker stopped
  // between commit and start) are handed to their push's follow-up now and swept every minute;
  // handing one over twice is harmless (one workflow id per push, a delivery taken once by id).
  const client = new Client({ connection, namespace, dataConverter: payloadDataConverter() }); // on the workers' own connection
  let swept: Promise<void> | null = null; // one sweep at a time: a long one is not joined by the next minute's
  const sweep = () =>
    (swept ??= sweepOutbox(db, client)
      .catch((err: unknown) => console.warn(`worker: outbox sweep: ${String(err)}`))
      .finally(() => (swept = null)));
  void sweep();
  const sweeping = setInterval(() => void sweep(), 60_000);
  for (const sig of ['SIGINT', 'SIGTERM'] as const)
    process.once(sig, () => {
      clearInterval(sweeping);
      workers.shutdown();
    });
  console.log(`worker: polling task queues ${workers.taskQueues.join(', ')} in namespace ${namespace}`);
  await workers.run();
  // A sweep under way is let finish (5 s at most) before its connection goes: one cut short is
  // harmless (the next worker's sweep takes it up) but would say so as a failure.
  await Promise.race([swept, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
  await connection.close();
  await db.$disconnect();
}
