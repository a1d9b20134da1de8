// Durability of the embedded default: stop the Temporal dev server and the worker with a case in
// its notice period, start them again on the same SQLite file, and the case is still there with
// its notice timer pending for the same instant; the procedure then carries on.
import { payloadDataConverter } from '../activities/payload-codec';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createDb, type Db } from '../activities/db';
import { createWorker } from '../activities/worker';
import { TASK_QUEUE, designationWorkflowId } from '../domain/procedure';
import { createTestDatabase, dropTestDatabase } from '../tests/support/database';
import { actorOf, designationForm } from '../tests/support/fixtures';
import '../tests/support/temporal-logging';
import { designationWorkflow } from '../workflows/designation';
import { decideNotice, progress } from '../workflows/messages';
import { serve } from '../tests/support/temporal';
import { freePort, projectRoot, startDevServer } from './temporal-server';

const dir = `${projectRoot}.tools/restart-test-${process.pid}`;
let db: Db;
let dbUrl: string;

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  dbUrl = await createTestDatabase('restart');
  db = createDb(dbUrl);
});
afterAll(async () => {
  await db?.$disconnect();
  if (dbUrl) await dropTestDatabase(dbUrl);
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the Temporal server and a worker on the SQLite file for the length of `fn`, then stops both. */
async function withSystem<T>(port: number, fn: (client: Client) => Promise<T>): Promise<T> {
  const server = await startDevServer({ port, dbFile: `${dir}/temporal.sqlite` });
  const native = await NativeConnection.connect({ address: server.address });
  const worker = await createWorker(db, native, 'default');
  const running = worker.run();
  const connection = await Connection.connect({ address: server.address });
  try {
    return await fn(new Client({ connection, dataConverter: payloadDataConverter() }));
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
    await native.close();
    await server.stop();
  }
}

async function pendingTimerFireTime(client: Client, workflowId: string): Promise<number | null> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const started = history.events?.filter((e) => e.timerStartedEventAttributes) ?? [];
  const fired = new Set(history.events?.filter((e) => e.timerFiredEventAttributes).map((e) => e.timerFiredEventAttributes!.timerId));
  const pending = started.filter((e) => !fired.has(e.timerStartedEventAttributes!.timerId));
  if (pending.length !== 1) return null;
  const e = pending[0]!;
  const at = Number(e.eventTime!.seconds) * 1000 + Math.floor((e.eventTime!.nanos ?? 0) / 1e6);
  const timeout = e.timerStartedEventAttributes!.startToFireTimeout!;
  return at + Number(timeout.seconds) * 1000 + Math.floor((timeout.nanos ?? 0) / 1e6);
}

describe('stop and start again', () => {
  it('keeps an open case and its pending notice timer', async () => {
    const port = await freePort();
    const caseId = randomUUID();
    const workflowId = designationWorkflowId(caseId);
    const caseworker = await actorOf(db, 'caseworker');

    const before = await withSystem(port, async (client) => {
      const handle = await client.workflow.start(designationWorkflow, {
        taskQueue: TASK_QUEUE,
        workflowId,
        args: [{ caseId, departmentId: caseworker.departmentId!, filedBy: caseworker, form: designationForm() }],
      });
      await expect.poll(() => handle.query(progress).then((p) => p.state), { timeout: 20_000 }).toBe('AWAITING_NOTICE_APPROVAL');
      const { revision } = await handle.query(progress);
      await handle.executeUpdate(decideNotice, {
        args: [{ approved: true, reasons: '', revision, actor: await actorOf(db, 'supervisor') }],
      });
      await serve(handle, db);
      await expect.poll(() => handle.query(progress).then((p) => p.state), { timeout: 20_000 }).toBe('NOTICE_PERIOD');
      await expect.poll(() => pendingTimerFireTime(client, workflowId), { timeout: 10_000 }).not.toBeNull();
      return { fireAt: (await pendingTimerFireTime(client, workflowId))!, deadline: (await handle.query(progress)).deadline! };
    });
    // The timer fires at 24:00 Asia/Shanghai of the last day of the notice period.
    expect(Math.abs(before.fireAt - Date.parse(before.deadline.endsAt))).toBeLessThan(1000);

    await withSystem(port, async (client) => {
      const handle = client.workflow.getHandle(workflowId);
      expect((await handle.describe()).status.name).toBe('RUNNING');
      expect(await pendingTimerFireTime(client, workflowId)).toBe(before.fireAt);
      expect(await handle.query(progress)).toMatchObject({ state: 'NOTICE_PERIOD', deadline: before.deadline });
      const row = await db.case.findUniqueOrThrow({ where: { id: caseId } });
      expect(row.state).toBe('NOTICE_PERIOD');
      expect(row.deadlineAt?.toISOString()).toBe(before.deadline.endsAt);
    });
  });
});
