// The time-skipping test environment on Temporal's Java test server (scripts/test-server), started
// at a chosen instant so that working-day deadlines meet real holidays.
import { payloadDataConverter } from '../../activities/payload-codec';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { temporal } from '@temporalio/proto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { createDb, type Db } from '../../activities/db';
import { createWorker } from '../../activities/worker';
import { TASK_QUEUE, designationWorkflowId, type DesignationWorkflowInput } from '../../domain/procedure';
import type { DesignationInput } from '../../domain/schemas';
import { designationWorkflow } from '../../workflows/designation';
import { decideNotice, progress, recordService } from '../../workflows/messages';
import type { ServiceInput } from '../../domain/schemas';
import type { CaseProgress } from '../../domain/procedure';
import type { StepName } from '../../domain/steps';
import { shanghaiDate } from '../../domain/workdays';
import { createTestDatabase, dropTestDatabase } from './database';
import { actorOf, designationForm } from './fixtures';
import './temporal-logging';

const wrapper = fileURLToPath(new URL('../../scripts/test-server/temporal-test-server', import.meta.url));

/** Each server's trace of time-skipping locks (cleared at the start of a test run by tests/global-setup.ts). */
const serverLogDir = fileURLToPath(new URL('../../.tools/test-server/logs', import.meta.url));
const serverLogs = new WeakMap<TestWorkflowEnvironment, string>();
/** The environment of a workflow client, so that a step taken through a handle is bounded like a skip. */
const environments = new WeakMap<object, TestWorkflowEnvironment>();

/** The time-skipping server (scripts/test-server) with its clock starting at `startAt`. */
export async function timeSkippingEnvironment(startAt: string): Promise<TestWorkflowEnvironment> {
  if (process.env.TEMPORAL_TEST_SERVER_TRACE === '1') mkdirSync(serverLogDir, { recursive: true });
  // Tracing slows the server's clock enough to change the timing of a run, so it is asked for:
  // TEMPORAL_TEST_SERVER_TRACE=1 npm test -- <file>.
  const log = process.env.TEMPORAL_TEST_SERVER_TRACE === '1' ? `${serverLogDir}/${process.pid}-${randomUUID().slice(0, 8)}.log` : '';
  process.env.TEMPORAL_TEST_SERVER_START = startAt;
  process.env.TEMPORAL_TEST_SERVER_LOG = log;
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: wrapper } },
    client: { dataConverter: payloadDataConverter() },
  });
  serverLogs.set(env, log);
  environments.set(env.client.workflow, env);
  return env;
}

/** How long a time skip or a step may take in real time before it is reported as stuck. */
const LIMIT_MS = 30_000;

/** Resolves with the value of `work`, or with `stuck` once LIMIT_MS has passed; `work` is not cancelled. */
async function within<T>(work: Promise<T>): Promise<{ value: T } | 'stuck'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'stuck'>((r) => (timer = setTimeout(() => r('stuck'), LIMIT_MS)));
  try {
    return await Promise.race([work.then((value) => ({ value })), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A skip the client gave up on still runs in the server, and re-locks time skipping when it ends;
 * a second skip issued meanwhile would have its unlock undone and leave the clock locked for good.
 * So a skip is never abandoned silently: the next one first waits for it.
 */
const skipsInFlight = new WeakMap<TestWorkflowEnvironment, { target: string; settled: Promise<void> }>();

/**
 * Skips the test server's clock forward to `instant`. The server advances its clock only while no
 * activity or workflow task is running, so a skip waits for the work in flight; one that has not
 * completed within 30 s fails, naming what the server was still waiting for.
 */
export async function skipTo(env: TestWorkflowEnvironment, instant: string): Promise<void> {
  const previous = skipsInFlight.get(env);
  if (previous && (await within(previous.settled)) === 'stuck') {
    throw new Error(`the skip to ${previous.target} never completed; waiting for: ${await workInFlight(env)}`);
  }
  const now = await env.currentTimeMs();
  const target = Date.parse(instant);
  if (target <= now) throw new Error(`cannot skip back in time: now ${new Date(now).toISOString()}, asked ${instant}`);
  const skip = env.sleep(target - now);
  skipsInFlight.set(env, { target: instant, settled: skip.then(noop, noop) });
  if ((await within(skip)) !== 'stuck') return;
  throw new Error(
    `time skip to ${instant} did not complete in ${LIMIT_MS / 1000} s; the test server's clock is at ` +
      `${new Date(await env.currentTimeMs()).toISOString()}, waiting for: ${await workInFlight(env)}`,
  );
}

const noop = () => {};

/** Tears the environment down once any skip still in flight has ended (or after LIMIT_MS). */
export async function teardown(env: TestWorkflowEnvironment): Promise<void> {
  const inFlight = skipsInFlight.get(env);
  if (inFlight) await within(inFlight.settled);
  await env.teardown();
}

/** What the time-skipping server waits for: each open workflow's pending activities and workflow task. */
async function workInFlight(env: TestWorkflowEnvironment): Promise<string> {
  const namespace = env.namespace ?? 'default';
  const { executions } = await env.connection.workflowService.listOpenWorkflowExecutions({ namespace, maximumPageSize: 100 });
  const waits: string[] = [];
  for (const e of executions) {
    const id = e.execution!.workflowId!;
    const { raw } = await env.client.workflow.getHandle(id, e.execution!.runId!).describe();
    for (const a of raw.pendingActivities ?? []) {
      const failure = a.lastFailure?.message ? `, last failure: ${a.lastFailure.message}` : '';
      waits.push(`activity ${a.activityType?.name} of ${id} (attempt ${a.attempt}${failure})`);
    }
    if (raw.pendingWorkflowTask) waits.push(`a workflow task of ${id}`);
  }
  const pending = waits.length ? waits.join('; ') : 'no activity or workflow task pending on any open workflow';
  return `${pending}; ${timeLocks(env)}`;
}

/**
 * Who holds time skipping: the locks taken since the lock counter was last 0, from the server's
 * trace (e.g. "scheduleWorkflowTask", "processScheduleActivityTask", an update or a query).
 */
function timeLocks(env: TestWorkflowEnvironment): string {
  const log = serverLogs.get(env);
  if (!log || !existsSync(log)) return 'TEMPORAL_TEST_SERVER_TRACE=1 traces who holds the time-skipping lock';
  const lines = readFileSync(log, 'utf8')
    .split('\n')
    .filter((l) => l.includes('new lock counter value'));
  const lastFree = lines.findLastIndex((l) => l.endsWith('value: 0'));
  const held = lines.slice(lastFree + 1).map((l) => {
    const m = /\[(UN)?LOCK\] <(.*?)(?:\[⎌\])?>, new lock counter value: (\d+)$/.exec(l);
    return m ? `${m[1] ? '−' : '+'}${m[2]} → ${m[3]}` : l;
  });
  return `time skipping locked since the counter was last 0 by: ${held.slice(-12).join(', ') || 'nothing'} (trace: ${log})`;
}

/** A time-skipping environment, a fresh database and a worker running the real activities. */
export interface WorkflowHarness {
  env: TestWorkflowEnvironment;
  db: Db;
  /** Starts a case filed by the demo caseworker; the supervisor approves the notice; resolves once it is served. */
  startCase(
    form?: DesignationInput,
    approveNotice?: boolean,
  ): Promise<{ caseId: string; handle: WorkflowHandle<typeof designationWorkflow> }>;
  stop(): Promise<void>;
}

export async function workflowHarness(label: string, startAt: string): Promise<WorkflowHarness> {
  const dbUrl = await createTestDatabase(label);
  const db = createDb(dbUrl);
  const env = await timeSkippingEnvironment(startAt);
  const worker = await createWorker(db, env.nativeConnection, env.namespace ?? 'default');
  const running = worker.run();
  return {
    env,
    db,
    async startCase(form = designationForm(), approveNotice = true) {
      const caseId = randomUUID();
      const caseworker = await actorOf(db, 'caseworker');
      const input: DesignationWorkflowInput = { caseId, departmentId: caseworker.departmentId!, filedBy: caseworker, form };
      const handle = await env.client.workflow.start(designationWorkflow, {
        taskQueue: TASK_QUEUE,
        workflowId: designationWorkflowId(caseId),
        args: [input],
      });
      await until(handle, 'AWAITING_NOTICE_APPROVAL');
      if (!approveNotice) return { caseId, handle };
      await act(handle, decideNotice, { approved: true, reasons: '', actor: await actorOf(db, 'supervisor') });
      await serve(handle, db);
      await until(handle, 'NOTICE_PERIOD');
      return { caseId, handle };
    },
    async stop() {
      worker.shutdown();
      await running;
      await teardown(env);
      await db.$disconnect();
      await dropTestDatabase(dbUrl);
    },
  };
}

/**
 * Waits (in real time, LIMIT_MS at most) until the case's workflow reports `state`. Each query is
 * bounded too: a query waits for the workflow's task in flight, and a workflow that stopped taking
 * tasks must fail the test with what it waits for, not hang it.
 */
export async function until(handle: WorkflowHandle, state: string): Promise<void> {
  const deadline = Date.now() + LIMIT_MS;
  let last = '(no answer)';
  try {
    while (Date.now() < deadline) {
      last = (await handle.client.connection.withDeadline(deadline, () => handle.query(progress))).state;
      if (last === state) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (err) {
    last = `(no answer: ${(err as Error).message})`;
  }
  const env = environments.get(handle.client);
  const waits = env ? `; waiting for: ${await workInFlight(env)}` : '';
  throw new Error(`case ${handle.workflowId} never reached ${state} in ${LIMIT_MS / 1000} s; it is ${last}${waits}`);
}

/** Waits (in real time, LIMIT_MS at most) until the workflow has `step` open. */
export async function untilOpen(handle: WorkflowHandle, step: StepName): Promise<void> {
  const deadline = Date.now() + LIMIT_MS;
  while (Date.now() < deadline) {
    if ((await handle.query(progress)).steps.some((s) => s.step === step)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`case ${handle.workflowId} never opened ${step} in ${LIMIT_MS / 1000} s`);
}

/**
 * Records the service of the documents the case awaits service of, as the caseworker: by default
 * electronically, received today (on the test's clock).
 */
export async function serve(handle: WorkflowHandle, db: Db, service: Partial<ServiceInput> = {}): Promise<CaseProgress> {
  await untilOpen(handle, 'recordService');
  const env = environments.get(handle.client);
  const today = shanghaiDate(new Date(env ? await env.currentTimeMs() : Date.now()));
  const actor = await actorOf(db, 'caseworker');
  // On every party awaiting it: the subject and each responsible person.
  const first = (await handle.query(progress)).steps.find((s) => s.step === 'recordService')!.matterId!;
  const documentId = first.slice(0, first.lastIndexOf(':'));
  let p: CaseProgress | undefined;
  for (;;) {
    const open = (await handle.query(progress)).steps.find((s) => s.step === 'recordService' && s.matterId!.startsWith(`${documentId}:`));
    if (!open) return p ?? handle.query(progress);
    p = await act(handle, recordService, {
      method: 'ELECTRONIC',
      receivedOn: today,
      note: '',
      ...service,
      documentId: open.matterId!,
      actor,
    });
  }
}

/** Takes a human step on the case as it is now: the request carries the current revision. */
export async function act<Ret, Arg extends { revision: number }>(
  handle: WorkflowHandle,
  update: UpdateDefinition<Ret, [Arg]>,
  request: Omit<Arg, 'revision'>,
): Promise<Ret> {
  const step = (async () => {
    const { revision } = await handle.query(progress);
    return handle.executeUpdate(update, { args: [{ ...request, revision } as Arg] });
  })();
  const env = environments.get(handle.client);
  if (!env) return step;
  const outcome = await within(step);
  if (outcome !== 'stuck') return outcome.value;
  step.catch(noop);
  throw new Error(
    `update ${update.name} on ${handle.workflowId} did not complete in ${LIMIT_MS / 1000} s, waiting for: ${await workInFlight(env)}`,
  );
}

/** Expects a step to be refused by the workflow's validator, and returns the code and reason given. */
export async function refusal(promise: Promise<unknown>): Promise<{ type?: string; message?: string }> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (err as WorkflowUpdateFailedError).cause as { type?: string; message?: string };
  return { type: cause.type, message: cause.message };
}

/**
 * With RECORD_HISTORIES=1, writes each run of a case's workflow (the designation, then the listing
 * runs that continue it) to workflows/histories/<name>.<n>.bin, for the replay test that checks the
 * current workflow code against every recorded path.
 */
export async function recordHistory(env: TestWorkflowEnvironment, workflowId: string, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const dir = fileURLToPath(new URL('../../workflows/histories', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const runs = [];
  for (let runId: string | undefined = undefined; ;) {
    const history = await env.client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs.unshift(history);
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
    if (!runId) break;
  }
  runs.forEach((history, i) => writeFileSync(`${dir}/${name}.${i + 1}.bin`, temporal.api.history.v1.History.encode(history).finish()));
}
