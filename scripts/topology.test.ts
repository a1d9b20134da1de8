// More than one machine (issue 14 §6): the API, the worker and the document renderer run as separate
// processes, any number of each, against one Temporal and one PostgreSQL. Here two APIs and three
// workers — two running the procedures, one rendering the documents (WORKER_ROLES) — each its own
// Node process as `npm run api` and `npm run worker` start it in production: cases filed and taken
// through their steps on either API are worked by all three workers, each in its role, and nothing
// is done twice.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { createDb, type Db } from '../activities/db';
import { newKeyEntry, payloadDataConverter } from '../activities/payload-codec';
import { DOCUMENT_ACTIVITIES, designationWorkflowId } from '../domain/procedure';
import { createTestDatabase, dropTestDatabase } from '../tests/support/database';
import { designationForm } from '../tests/support/fixtures';
import { uscc } from '../tests/support/import';
import { Session } from '../tests/support/stack';
import { freePort, projectRoot, startDevServer, type DevServer } from './temporal-server';

const CASES = 12;
/** The roles of each worker process. */
const WORKERS = ['procedures', 'procedures', 'documents'];
const APIS = 2;

let server: DevServer;
let dbUrl: string;
let db: Db;
let temporal: Client;
const processes: { name: string; child: ChildProcess; output: string[] }[] = [];
const apis: string[] = [];

/** Starts one of the product's processes as production does (tsx on its entry point), resolving once it says it is ready. */
function launch(name: string, entry: string, env: Record<string, string>, ready: RegExp): Promise<void> {
  const child = spawn(process.execPath, ['--import', `${projectRoot}node_modules/tsx/dist/esm/index.mjs`, entry], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  processes.push({ name, child, output });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} not ready in 120 s:\n${output.join('')}`)), 120_000);
    const read = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (ready.test(output.join(''))) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}):\n${output.join('')}`)));
  });
}

beforeAll(async () => {
  dbUrl = await createTestDatabase('topology');
  db = createDb(dbUrl);
  server = await startDevServer({ port: await freePort() });
  const env = {
    DATABASE_URL: dbUrl,
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_NAMESPACE: 'default',
    PAYLOAD_KEYS: process.env.PAYLOAD_KEYS ?? newKeyEntry(),
    LOG_LEVEL: 'ERROR',
  };
  process.env.PAYLOAD_KEYS = env.PAYLOAD_KEYS;
  const ports = await Promise.all(Array.from({ length: APIS }, () => freePort()));
  await Promise.all([
    ...WORKERS.map((roles, i) =>
      launch(`worker ${i + 1} (${roles})`, 'activities/worker.ts', { ...env, WORKER_ROLES: roles }, /worker: polling/),
    ),
    ...ports.map((port, i) =>
      launch(
        `api ${i + 1}`,
        'api/main.ts',
        { ...env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_RATE_LIMIT: '100000' },
        /api: listening/,
      ),
    ),
  ]);
  apis.push(...ports.map((p) => `http://127.0.0.1:${p}`));
  temporal = new Client({ connection: await Connection.connect({ address: server.address }), dataConverter: payloadDataConverter() });
}, 240_000);

afterAll(async () => {
  // Only what this test started, by its own handles.
  await Promise.all(
    processes.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
        }),
    ),
  );
  await temporal?.connection.close();
  await server?.stop();
  await db?.$disconnect();
  if (dbUrl) await dropTestDatabase(dbUrl);
}, 60_000);

describe('two APIs and three workers', () => {
  it('spread the cases’ work across every worker, and do nothing twice', async () => {
    const sessions = await Promise.all(
      apis.flatMap((base) =>
        ['caseworker', 'supervisor'].map(async (who) => {
          const s = new Session(base);
          await s.login(who);
          return s;
        }),
      ),
    );
    const [caseworker1, supervisor1, caseworker2, supervisor2] = sessions as [Session, Session, Session, Session];
    // Each case filed on one API and its notice approved on the other.
    const ids: string[] = [];
    await Promise.all(
      Array.from({ length: CASES }, async (_, i) => {
        const [filer, approver] = i % 2 ? [caseworker1, supervisor2] : [caseworker2, supervisor1];
        const code = uscc(500 + i);
        const filed = await filer.request(
          'POST',
          '/api/cases',
          designationForm({ subjectCode: code, basis: { ...designationForm().basis, number: `市税稽罚〔2026〕${200 + i}号` } }),
          { 'Idempotency-Key': `topology-${i}` },
        );
        expect(filed.status, JSON.stringify(filed.body)).toBe(201);
        const id = filed.body.id as string;
        ids.push(id);
        await expect
          .poll(async () => (await approver.step(id, 'notice-approval', { approved: true, reasons: '' })).status, { timeout: 60_000 })
          .toBe(200);
        await expect
          .poll(async () => (await filer.request('GET', `/api/cases/${id}`)).body.state, { timeout: 60_000 })
          .toBe('AWAITING_NOTICE_SERVICE');
      }),
    );

    // The prior notice is rendered on the renderer's queue once the notice is issued.
    await expect
      .poll(async () => db.document.count({ where: { caseId: { in: ids }, kind: 'PRIOR_NOTICE' } }), { timeout: 60_000 })
      .toBe(CASES);

    // Nothing twice: one case, one notice and one number each, whichever API and worker took part.
    const cases = await db.case.findMany({ where: { id: { in: ids } }, include: { documents: true, events: true } });
    expect(cases).toHaveLength(CASES);
    expect(new Set(cases.map((c) => c.caseNumber)).size).toBe(CASES);
    for (const c of cases) {
      expect(c.documents.map((d) => d.kind)).toEqual(['PRIOR_NOTICE']);
      expect(c.events.filter((e) => e.action === 'CASE_FILED')).toHaveLength(1);
      expect(c.events.filter((e) => e.action === 'NOTICE_APPROVED')).toHaveLength(1);
    }

    // Spread: every worker process ran some of the cases' work (each names itself pid@host), each in
    // its role — the documents on the renderer only, the rest on both procedure workers.
    const rendering = new Set<string>(DOCUMENT_ACTIVITIES);
    const ran = { documents: new Set<string>(), procedures: new Set<string>() };
    for (const id of ids) {
      const history = await temporal.workflow.getHandle(designationWorkflowId(id)).fetchHistory();
      const typeOf = new Map<string, string>();
      for (const e of history.events ?? []) {
        const scheduled = e.activityTaskScheduledEventAttributes;
        if (scheduled) typeOf.set(String(e.eventId), scheduled.activityType!.name!);
        const started = e.activityTaskStartedEventAttributes;
        const who = (started?.identity ?? e.workflowTaskCompletedEventAttributes?.identity)?.split('@')[0];
        if (!who) continue;
        const document = started && rendering.has(typeOf.get(String(started.scheduledEventId))!);
        ran[document ? 'documents' : 'procedures'].add(who);
      }
    }
    const pids = (role: string) =>
      processes
        .filter((p) => p.name.endsWith(`(${role})`))
        .map((p) => String(p.child.pid))
        .sort();
    expect([...ran.documents].sort()).toEqual(pids('documents'));
    expect([...ran.procedures].sort()).toEqual(pids('procedures'));
  }, 300_000);
});
