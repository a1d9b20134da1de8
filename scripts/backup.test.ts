// Backup and restore of the embedded default (scripts/backup.ts, scripts/restore.ts), on the real
// thing: the whole system as `npm start` runs it (scripts/start.ts: PostgreSQL, the Temporal dev
// server on its SQLite file, the worker, the API), on a data directory of its own and free ports.
// A case is brought into its notice period, its timer pending; the backup is made while the system
// runs; everything is stopped; the archive is restored into an empty directory and the system
// started on it: the case is there in the database, its workflow running with the same timer
// pending for the same instant, and the procedure carries on (a statement filed is recorded).
// Without Temporal's store there would be no workflow, without the database no case, and without
// the payload key the workflow's sealed payloads could not be read; restore refuses an archive
// lacking any of them, or altered.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as tar from 'tar';
import { Client, Connection } from '@temporalio/client';
import { createDb, type Db } from '../activities/db';
import { payloadDataConverter } from '../activities/payload-codec';
import { TASK_QUEUE, designationWorkflowId } from '../domain/procedure';
import { actorOf, designationForm } from '../tests/support/fixtures';
import { serve } from '../tests/support/temporal';
import { designationWorkflow } from '../workflows/designation';
import { decideNotice, fileStatement, progress } from '../workflows/messages';
import type { Manifest } from './backup';
import { databaseUrl } from './embedded-postgres';
import { restoreBackup } from './restore';
import { freePort, projectRoot } from './temporal-server';

const root = `${projectRoot}.tools/backup-test-${process.pid}`;
const tsx = `${projectRoot}node_modules/tsx/dist/esm/index.mjs`;
const started: System[] = [];

afterAll(async () => {
  for (const s of started) await s.stop();
  rmSync(root, { recursive: true, force: true });
});

/** The environment of `npm start` on its embedded defaults: none of the tests' own settings. */
function embeddedEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !['PAYLOAD_KEYS', 'DATABASE_URL', 'DATA_DIR'].includes(k) && !(k.startsWith('TEMPORAL_') && k !== 'TEMPORAL_CLI'),
    ),
  );
  return { ...env, ...extra };
}

/** Runs a script of scripts/ as its npm command does; resolves with its exit code and output. */
function run(script: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', tsx, `${projectRoot}scripts/${script}`, ...args], {
      cwd: projectRoot,
      env: embeddedEnv({}),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    p.stdout.on('data', (b: Buffer) => (output += b.toString()));
    p.stderr.on('data', (b: Buffer) => (output += b.toString()));
    p.once('exit', (code) => resolve({ code, output }));
  });
}

interface System {
  dataDir: string;
  db: Db;
  client: Client;
  stop(): Promise<void>;
}

/** What a start that failed printed: from a Go panic's first line (its cause) if there is one, else the end. */
function startupFailure(output: string): string {
  const panic = output.search(/^panic: /m);
  return panic >= 0 ? output.slice(panic, panic + 4000) : output.slice(-4000);
}

/** `npm start` on `dataDir` (scripts/start.ts, DATA_DIR and free ports), until it says it is running. */
async function startSystem(dataDir: string): Promise<System> {
  const ports = { api: await freePort(), temporal: await freePort(), ui: await freePort(), postgres: await freePort() };
  const child: ChildProcess = spawn(process.execPath, ['--import', tsx, `${projectRoot}scripts/start.ts`], {
    cwd: projectRoot,
    env: embeddedEnv({
      DATA_DIR: dataDir,
      PORT: String(ports.api),
      TEMPORAL_PORT: String(ports.temporal),
      TEMPORAL_UI_PORT: String(ports.ui),
      POSTGRES_PORT: String(ports.postgres),
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the system did not start within 120 s:\n${output.slice(-4000)}`)), 120_000);
    const read = (b: Buffer) => {
      output = (output + b.toString()).slice(-100_000);
      if (output.includes('is running')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the system stopped while starting:\n${startupFailure(output)}`));
    });
  });
  const db = createDb(
    databaseUrl({
      dir: `${dataDir}/postgres`,
      port: ports.postgres,
      password: readFileSync(`${dataDir}/postgres.password`, 'utf8').trim(),
    }),
  );
  const connection = await Connection.connect({ address: `127.0.0.1:${ports.temporal}` });
  // The system's own key, from its data directory, as its worker and API read it.
  const client = new Client({ connection, dataConverter: payloadDataConverter(readFileSync(`${dataDir}/payload-keys`, 'utf8').trim()) });
  let stopped: Promise<void> | undefined;
  const system: System = {
    dataDir,
    db,
    client,
    stop: () =>
      (stopped ??= (async () => {
        await connection.close();
        await db.$disconnect();
        child.kill('SIGTERM'); // as Ctrl-C: the API and worker, then Temporal and PostgreSQL
        const late = setTimeout(() => child.kill('SIGKILL'), 60_000);
        await exited;
        clearTimeout(late);
      })()),
  };
  started.push(system);
  return system;
}

async function pendingTimerFireTime(client: Client, workflowId: string): Promise<number | null> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const startedTimers = history.events?.filter((e) => e.timerStartedEventAttributes) ?? [];
  const fired = new Set(history.events?.filter((e) => e.timerFiredEventAttributes).map((e) => e.timerFiredEventAttributes!.timerId));
  const pending = startedTimers.filter((e) => !fired.has(e.timerStartedEventAttributes!.timerId));
  if (pending.length !== 1) return null;
  const e = pending[0]!;
  const at = Number(e.eventTime!.seconds) * 1000 + Math.floor((e.eventTime!.nanos ?? 0) / 1e6);
  const timeout = e.timerStartedEventAttributes!.startToFireTimeout!;
  return at + Number(timeout.seconds) * 1000 + Math.floor((timeout.nanos ?? 0) / 1e6);
}

/** A copy of the archive with `change` applied to its extracted files and manifest. */
async function altered(archive: string, name: string, change: (dir: string, manifest: Manifest) => void): Promise<string> {
  const dir = `${root}/altered-${name}`;
  mkdirSync(dir, { recursive: true });
  await tar.extract({ file: archive, cwd: dir });
  const manifest = JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8')) as Manifest;
  change(dir, manifest);
  writeFileSync(`${dir}/manifest.json`, JSON.stringify(manifest));
  await tar.create({ gzip: true, file: `${dir}.tar.gz`, cwd: dir, portable: true }, readdirSync(dir));
  rmSync(dir, { recursive: true });
  return `${dir}.tar.gz`;
}

/** Leaves a file out of the archive, as a backup that forgot it would, manifest and all. */
const omitting = (archive: string, file: string) =>
  altered(archive, file.replaceAll('/', '_'), (dir, m) => {
    rmSync(join(dir, file));
    delete m.files[file];
  });

describe('backup and restore', () => {
  it('brings back a case with its pending timer into an empty data directory', async () => {
    const archive = `${root}/backup.tar.gz`;
    const first = await startSystem(`${root}/data`);
    const caseId = randomUUID();
    const workflowId = designationWorkflowId(caseId);

    // A case in its notice period: its timer runs to 24:00 of the period's last working day.
    const caseworker = await actorOf(first.db, 'caseworker');
    const handle = await first.client.workflow.start(designationWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId,
      args: [{ caseId, departmentId: caseworker.departmentId!, filedBy: caseworker, form: designationForm() }],
    });
    await expect.poll(() => handle.query(progress).then((p) => p.state), { timeout: 30_000 }).toBe('AWAITING_NOTICE_APPROVAL');
    const { revision } = await handle.query(progress);
    await handle.executeUpdate(decideNotice, {
      args: [{ approved: true, reasons: '', revision, actor: await actorOf(first.db, 'supervisor') }],
    });
    await serve(handle, first.db);
    await expect.poll(() => handle.query(progress).then((p) => p.state), { timeout: 30_000 }).toBe('NOTICE_PERIOD');
    await expect.poll(() => pendingTimerFireTime(first.client, workflowId), { timeout: 10_000 }).not.toBeNull();
    const fireAt = (await pendingTimerFireTime(first.client, workflowId))!;
    const deadline = (await handle.query(progress)).deadline!;
    expect(Math.abs(fireAt - Date.parse(deadline.endsAt))).toBeLessThan(1000);

    // The backup, made while the system runs.
    const t0 = Date.now();
    const backup = await run('backup.ts', ['--data', first.dataDir, '--out', archive]);
    expect(backup.code, backup.output).toBe(0);
    console.log(`backup: ${((Date.now() - t0) / 1000).toFixed(1)} s, ${(statSync(archive).size / 1024 / 1024).toFixed(1)} MiB`);
    expect(statSync(archive).mode & 0o077).toBe(0); // it holds the key: its owner's alone
    await first.stop();

    // A directory that holds a system is refused, and left as it was.
    const refused = await run('restore.ts', [archive, '--data', first.dataDir]);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain('already holds a system');
    // An archive lacking a store or the key, or altered, is refused before anything is written.
    const target = `${root}/refused`;
    const partial = [
      [await omitting(archive, 'temporal.sqlite'), 'temporal.sqlite is missing'],
      [await omitting(archive, 'postgres/global/pg_control'), 'postgres/global/pg_control is missing'],
      [await omitting(archive, 'payload-keys'), 'payload-keys is missing'],
      [
        await altered(
          archive,
          'keys-elsewhere',
          (dir, m) => (rmSync(`${dir}/payload-keys`), delete m.files['payload-keys'], (m.payloadKeys.file = null)),
        ),
        'set PAYLOAD_KEYS',
      ],
      [
        await altered(archive, 'changed', (dir) => writeFileSync(`${dir}/temporal.sqlite`, 'not the store')),
        'temporal.sqlite does not match its SHA-256',
      ],
    ] as const;
    for (const [file, reason] of partial) {
      await expect(restoreBackup({ archive: file, dataDir: target, log: () => {} })).rejects.toThrow(reason);
      expect(existsSync(target)).toBe(false);
    }

    // Restored into an empty directory, and started.
    const t1 = Date.now();
    const restore = await run('restore.ts', [archive, '--data', `${root}/restored`]);
    expect(restore.code, restore.output).toBe(0);
    console.log(`restore: ${((Date.now() - t1) / 1000).toFixed(1)} s`);
    const second = await startSystem(`${root}/restored`);
    const restored = second.client.workflow.getHandle(workflowId);
    expect((await restored.describe()).status.name).toBe('RUNNING');
    expect(await pendingTimerFireTime(second.client, workflowId)).toBe(fireAt);
    expect(await restored.query(progress)).toMatchObject({ state: 'NOTICE_PERIOD', deadline });
    const row = await second.db.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(row.state).toBe('NOTICE_PERIOD');
    expect(row.deadlineAt?.toISOString()).toBe(deadline.endsAt);

    // And it carries on: the party's statement is recorded by the restored worker in the restored
    // database, the period (and its timer) running on.
    const party = await actorOf(second.db, 'party');
    const { statementId } = await restored.executeUpdate(fileStatement, {
      args: [
        { kind: 'STATEMENT', content: '已整改完毕，请求从轻处理。', actor: party, revision: (await restored.query(progress)).revision },
      ],
    });
    expect(await second.db.statement.findUnique({ where: { id: statementId } })).toMatchObject({ caseId, kind: 'STATEMENT' });
    expect(await pendingTimerFireTime(second.client, workflowId)).toBe(fireAt);
    await second.stop();
  }, 170_000);
});
