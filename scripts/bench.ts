// Benchmarks (`npm run bench`): figures printed, not asserted. Each figure of the project is
// printed beside the raw figure of the same work measured in the same run, and their ratio.
//   1. The whole designation over HTTP on the real stack (Temporal dev server on a SQLite file as
//      `npm start` keeps it, worker, API, PostgreSQL): BENCH_CASES cases (default 32), 4 and then
//      16 at a time — file, approve the notice, serve it on each party, statement, waiver, review,
//      serve the reply, approve the decision, serve it — each human step's latency as the user
//      waits for it, and cases per second. Beside it, raw Temporal on the same server: a plain
//      workflow (scripts/bench-raw-workflow.ts, its own task queue and worker) with as many Updates
//      and no-op activities as a real case's history shows, driven the same way; and raw Temporal +
//      PostgreSQL: the same, its activities and client sending through pg the statements one
//      project case sent (captured while it ran alone), each raw case with ids of its own. Both raw
//      runs carry the same public lookups as the project's.
//   2. PostgreSQL: the round trips of each human step (every statement the project's pool sends,
//      told by its driver adapter), and one step's recording through Prisma beside the same
//      statements sent by the pg driver.
//   3. Memory: each process's RSS at rest and at the peak of the 16-at-a-time run; CPU per case.
//   4. Working-day arithmetic: addWorkingDays over the seeded calendar.
//   5. Bulk import: an .xlsx of BENCH_IMPORT_ROWS rows (default 10,000; 0 skips it) previewed,
//      confirmed and filed by its import batch workflow, on the same stack as npm start keeps
//      Temporal (SQLite, WAL): the time until every row's case is a draft with its notice pending
//      approval, and rows per second.
// BENCH_JOURNALS=1 adds the earlier comparison of SQLite's journals. Traffic goes only to
// 127.0.0.1 and is bounded in count.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import proto from '@temporalio/proto'; // the default import: CommonJS (activities/payload-codec.ts)
import { loadCalendar } from '../activities/calendar';
import { addWorkingDays, addCalendarDays, shanghaiDate } from '../domain/workdays';
import { designationWorkflowId } from '../domain/procedure';
import { createDb, poolSize, statementNamer, type SentStatement } from '../activities/db';
import { createActivities } from '../activities';
import { TEMPLATE, databaseUrl, prepareTemplate } from '../tests/support/database';
import { designationForm } from '../tests/support/fixtures';
import { Session, startStack, type Stack } from '../tests/support/stack';
import { enterpriseRow, importXlsx } from '../tests/support/import';
import { newKeyEntry } from '../activities/payload-codec';
import { RAW_TASK_QUEUE, rawCaseWorkflow, rawSettled, rawStep, type RawShape } from './bench-raw-workflow';
import { runsAnActivity, startRawTemporal } from './bench-raw-temporal';

// The stack seals Temporal payloads as the product does; a throwaway key for the run.
process.env.PAYLOAD_KEYS ??= newKeyEntry();

const CASES = Number(process.env.BENCH_CASES ?? 32);
const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? '4,16').split(',').map(Number);
const PEAK_AT = Math.max(...CONCURRENCIES);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const p50 = (xs: number[]) => quantile(xs, 0.5);
const ms = (x: number) => `${x.toFixed(0).padStart(5)} ms`;
const latency = (xs: number[]) => `p50 ${ms(p50(xs))}  p95 ${ms(quantile(xs, 0.95))}  max ${ms(Math.max(...xs))}`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0).padStart(5)} MiB`;
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

async function timed<T>(into: number[], run: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const result = await run();
  into.push(performance.now() - t);
  return result;
}

// ---- Round trips to PostgreSQL: every statement the project's pool sends (BEGIN and COMMIT
// included), told by its driver adapter (activities/db.ts), and those of one case kept as sent —
// bytes as bytes — for the raw baseline to send again.
let queries = 0;
let capture: Sent[] | null = null;
const onStatement = (s: SentStatement) => {
  queries++;
  // A notice (the reference cache's heartbeat) is the process's own, not the case's.
  if (capture && !s.sql.startsWith('SELECT pg_notify'))
    capture.push({
      sql: s.sql,
      args: s.args.map((a, i) => (s.argTypes?.[i]?.scalarType === 'bytes' && typeof a === 'string' ? Buffer.from(a, 'base64') : a)),
    });
};

// ---- Memory and CPU of each process: this one (API, worker, bench clients), the Temporal dev
// server, PostgreSQL (the postmaster and its backends, from /proc).
const statusOf = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return '';
  }
};
const vmRss = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(statusOf(pid))?.[1] ?? 0) * 1024;
const cpuSeconds = (pid: number, withChildren = false) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime + stime (and, for the postmaster, its ended backends' cutime + cstime), in clock ticks (USER_HZ 100)
    const ticks = Number(fields[11]) + Number(fields[12]) + (withChildren ? Number(fields[13]) + Number(fields[14]) : 0);
    return ticks / 100;
  } catch {
    return 0;
  }
};
const childrenOf = (ppid: number) =>
  readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => new RegExp(`PPid:\\s+${ppid}\\n`).test(statusOf(pid)));

/** CPU seconds so far of this process, the Temporal dev server and PostgreSQL (postmaster, backends, ended backends). */
interface Cpu {
  self: number;
  temporal: number;
  postgres: number;
}
function cpuNow(temporalPid: number, postmaster: number): Cpu {
  const own = process.cpuUsage();
  const backends = postmaster ? childrenOf(postmaster).reduce((sum, pid) => sum + cpuSeconds(pid), 0) : 0;
  return {
    self: (own.user + own.system) / 1e6,
    temporal: cpuSeconds(temporalPid),
    postgres: postmaster ? cpuSeconds(postmaster, true) + backends : 0,
  };
}
const cpuSince = (a: Cpu, b: Cpu): Cpu => ({ self: b.self - a.self, temporal: b.temporal - a.temporal, postgres: b.postgres - a.postgres });

/** The requests the Temporal server's frontend has served so far, by operation (its Prometheus counters). */
async function temporalRequests(metricsUrl: string): Promise<Map<string, number>> {
  const text = await (await fetch(metricsUrl)).text();
  const counts = new Map<string, number>();
  // A counter's value may be printed as a float or in exponent form (1.2e+06).
  for (const m of text.matchAll(/^service_requests\{([^}]*)\} (\S+)/gm)) {
    if (!m[1]!.includes('service_name="frontend"')) continue;
    const op = /operation="([^"]+)"/.exec(m[1]!)?.[1] ?? '?';
    counts.set(op, (counts.get(op) ?? 0) + Number(m[2]));
  }
  // None at all is a changed exposition, not a quiet server (a poll is served before any case): said, not printed as zeros.
  if (counts.size === 0) throw new Error(`no frontend service_requests counters at ${metricsUrl}`);
  return counts;
}
const requestsSince = (a: Map<string, number>, b: Map<string, number>) =>
  new Map([...b].map(([op, n]) => [op, n - (a.get(op) ?? 0)] as const).filter(([, n]) => n > 0));

interface Memory {
  self: number;
  temporal: number;
  postgres: number;
  postgresProcesses: number;
}

// PostgreSQL's processes, looked up again at most every 2 s: scanning /proc costs this process CPU.
let pgPidsCache: { at: number; pids: number[] } = { at: 0, pids: [] };
function memoryNow(temporalPid: number, postmaster: number): Memory {
  if (performance.now() - pgPidsCache.at > 2000) pgPidsCache = { at: performance.now(), pids: [postmaster, ...childrenOf(postmaster)] };
  const pgPids = pgPidsCache.pids;
  return {
    self: process.memoryUsage().rss,
    temporal: vmRss(temporalPid),
    postgres: pgPids.reduce((sum, pid) => sum + vmRss(pid), 0),
    postgresProcesses: pgPids.length,
  };
}

/** Samples memory every 250 ms while `run` runs; answers its result and the peaks. */
async function sampled<T>(temporalPid: number, postmaster: number, run: () => Promise<T>): Promise<[T, Memory]> {
  const peak: Memory = memoryNow(temporalPid, postmaster);
  const timer = setInterval(() => {
    const m = memoryNow(temporalPid, postmaster);
    for (const k of Object.keys(peak) as (keyof Memory)[]) peak[k] = Math.max(peak[k], m[k]);
  }, 250);
  try {
    return [await run(), peak];
  } finally {
    clearInterval(timer);
  }
}

// ---- The project: the designation over HTTP.
const STEP_NAMES = [
  'file (POST /api/cases)',
  'approve notice',
  'serve notice (each party)',
  'statement',
  'waiver',
  'review',
  'serve reply (each party)',
  'approve decision',
  'serve decision (each party)',
] as const;
type StepLabel = (typeof STEP_NAMES)[number];

interface Figures {
  seconds: number;
  /** CPU seconds of this process, the Temporal server and PostgreSQL over the run. */
  cpu: Cpu;
  /** The requests Temporal's frontend served meanwhile, by operation. */
  temporal: Map<string, number>;
  /** The HTTP requests made: case page reads and steps posted; the page reads made before each step (or until listed). */
  requests: { get: number; post: number; pagesBefore: Record<string, number> };
  steps: Record<string, number[]>;
  /** Round trips to PostgreSQL during the run. */
  queries: number;
  ids: string[];
}

/** Basis numbers are unique: one active listing per subject, list type and basis. */
let filedSoFar = 0;

/** Per step label: round trips of the page read before it (GET) and of the step itself (POST and what its Update runs). */
const stepQueries = new Map<string, { page: number[]; step: number[] }>();

/** A statement as the project sent it: its text and its arguments. */
interface Sent {
  sql: string;
  args: unknown[];
}
/**
 * One case's statements, as the project sent them while it ran alone (the counted run), for the raw
 * baseline that sends the same ones: per Update, those of the page reads before it, those of the
 * step until it answered (the POST and what its Update ran) and those after (its follow-up); then
 * those until it is listed.
 */
interface CaseStatements {
  steps: { page: Sent[]; step: Sent[]; after: Sent[] }[];
  tail: Sent[];
}
const caseStatements: CaseStatements = { steps: [], tail: [] };
let pageStatements: Sent[] = [];

async function designations(stack: Stack, cases: number, concurrency: number, count = false, postmaster = 0): Promise<Figures> {
  const [caseworker, supervisor, party] = [new Session(stack.baseUrl), new Session(stack.baseUrl), new Session(stack.baseUrl)];
  await caseworker.login('caseworker');
  await supervisor.login('supervisor');
  await party.login('party');
  const t = Object.fromEntries([...STEP_NAMES, 'case page (GET)'].map((n) => [n, [] as number[]])) as Record<string, number[]>;
  const ids: string[] = [];
  const requests = { get: 0, post: 0, pagesBefore: {} as Record<string, number> };

  /** Counts the round trips of `run` (only when counting, one case at a time). */
  async function counted<T>(label: StepLabel, kind: 'page' | 'step', run: () => Promise<T>): Promise<T> {
    requests[kind === 'page' ? 'get' : 'post']++;
    if (kind === 'page') requests.pagesBefore[label] = (requests.pagesBefore[label] ?? 0) + 1;
    if (!count) return run();
    const before = queries;
    const sent: Sent[] = (capture = []);
    const result = await run();
    const answered = sent.length;
    await sleep(30); // what the Update set running settles (its activity's afterCommit sweep)
    const c = stepQueries.get(label) ?? { page: [], step: [] };
    c[kind].push(queries - before);
    stepQueries.set(label, c);
    if (kind === 'page') pageStatements.push(...sent);
    else {
      caseStatements.steps.push({ page: pageStatements, step: sent.slice(0, answered), after: sent.slice(answered) });
      pageStatements = [];
    }
    capture = null;
    return result;
  }

  /**
   * Reads the case page until `step` is open to the user, as the page reads it after a step (asked to
   * settle: answered once the workflow's follow-up has run); answers the page.
   */
  async function opened(s: Session, id: string, label: StepLabel, step: string) {
    for (let i = 0; ; i++) {
      const page = await counted(label, 'page', () => s.request('GET', `/api/cases/${id}?settle=true`));
      const open = (page.body?.procedure?.steps ?? []) as { step: string; matterId?: string }[];
      const found = open.find((o) => o.step === step);
      if (found) return { revision: page.body.procedure.revision as number, matterId: found.matterId };
      if (i === 600) throw new Error(`case ${id}: ${step} never opened: ${JSON.stringify(page.body?.procedure)}`);
      await sleep(20);
    }
  }

  /** One human step as the case page takes it: the form opened on the page, then posted (timed). */
  async function take(s: Session, id: string, label: StepLabel, step: string, path: string, body: Record<string, unknown>) {
    const { revision } = await opened(s, id, label, step);
    const res = await timed(t[label]!, () =>
      counted(label, 'step', () => s.request('POST', `/api/cases/${id}/${path}`, { ...body, revision })),
    );
    if (res.status !== 200) throw new Error(`case ${id}: ${step} refused: ${JSON.stringify(res.body)}`);
  }

  /** Records the service of the documents made on every party, one at a time, as the caseworker. */
  async function serveAll(id: string, label: StepLabel) {
    for (let served = 0; ; served++) {
      const { revision, matterId } = await opened(caseworker, id, label, 'recordService');
      const body = { method: 'ELECTRONIC', receivedOn: shanghaiDate(new Date()), note: '', revision };
      const path = `/api/cases/${id}/documents/${encodeURIComponent(matterId!)}/service`;
      const res = await timed(t[label]!, () => counted(label, 'step', () => caseworker.request('POST', path, body)));
      if (res.status !== 200) throw new Error(`case ${id}: service refused: ${JSON.stringify(res.body)}`);
      const open = ((res.body?.steps ?? []) as { step: string }[]).some((s) => s.step === 'recordService');
      if (!open) return;
    }
  }

  async function until(id: string, state: string) {
    for (let i = 0; i < 600; i++) {
      requests.get++;
      requests.pagesBefore[state] = (requests.pagesBefore[state] ?? 0) + 1;
      if ((await caseworker.request('GET', `/api/cases/${id}?settle=true`)).body?.procedure?.state === state) return;
      await sleep(20);
    }
    throw new Error(`case ${id} never reached ${state}`);
  }

  async function oneCase() {
    const form = designationForm({ basis: { ...designationForm().basis, number: `市税稽罚〔2026〕${10000 + filedSoFar++}号` } });
    const filed = await timed(t['file (POST /api/cases)']!, () =>
      counted('file (POST /api/cases)', 'step', () => caseworker.request('POST', '/api/cases', form)),
    );
    if (filed.status !== 201) throw new Error(`filing refused: ${JSON.stringify(filed.body)}`);
    const id = filed.body.id as string;
    ids.push(id);
    await take(supervisor, id, 'approve notice', 'decideNotice', 'notice-approval', { approved: true, reasons: '' });
    await serveAll(id, 'serve notice (each party)');
    await take(party, id, 'statement', 'fileStatement', 'statements', {
      kind: 'STATEMENT',
      content: '当事人书面陈述：已开始整改，请予考虑。',
    });
    await take(party, id, 'waiver', 'fileStatement', 'statements', { kind: 'WAIVER', content: '当事人书面表示不再补充陈述申辩。' });
    await take(caseworker, id, 'review', 'decideReview', 'review', { accepted: false, reasons: '整改尚未完成，不予采纳。' });
    await serveAll(id, 'serve reply (each party)');
    await take(supervisor, id, 'approve decision', 'decideListing', 'decision-approval', { approved: true, reasons: '' });
    await serveAll(id, 'serve decision (each party)');
    if (count) capture = [];
    await until(id, 'LISTED');
    requests.get++;
    await timed(t['case page (GET)']!, () => caseworker.request('GET', `/api/cases/${id}`));
    if (count) {
      await sleep(30);
      caseStatements.tail = [...pageStatements, ...capture!];
      capture = null;
    }
  }

  const q0 = queries;
  const served0 = await temporalRequests(stack.temporalMetricsUrl);
  const cpu0 = cpuNow(stack.temporalPid, postmaster);
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < cases) await oneCase();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSince(cpu0, cpuNow(stack.temporalPid, postmaster));
  const temporal = requestsSince(served0, await temporalRequests(stack.temporalMetricsUrl));
  return { seconds, cpu, temporal, requests, steps: t, queries: queries - q0, ids };
}

/** The public lookup of a credit code, as a member of the public makes it. */
async function lookup(stack: Stack): Promise<void> {
  const res = await fetch(`${stack.baseUrl}/api/public/listings?q=${designationForm().subjectCode}`);
  if (res.status !== 200) throw new Error(`public lookup: ${res.status}`);
  await res.arrayBuffer();
}

/**
 * Public lookups, one every 200 ms, while `run` runs: what a member of the public waits while the
 * office's cases are being worked (PDFs rendered, documents numbered and stored).
 */
async function lookupsDuring<T>(stack: Stack, run: () => Promise<T>): Promise<[T, number[]]> {
  const took: number[] = [];
  let done = false;
  const sampling = (async () => {
    while (!done) {
      await timed(took, () => lookup(stack));
      await sleep(200);
    }
  })();
  try {
    return [await run(), took];
  } finally {
    done = true;
    await sampling;
  }
}

/**
 * The shape of a real case from its history (the designation's run and the listing's after it):
 * per Update, the activities scheduled while its handler ran and those scheduled after it answered.
 */
async function shapeOf(stack: Stack, caseId: string): Promise<RawShape & { local: number }> {
  const steps: RawShape['steps'] = [];
  let local = 0;
  const open = new Map<string, number>();
  let last = -1;
  for (const history of await historiesOf(stack.temporal, designationWorkflowId(caseId), 2)) {
    for (const e of history.events ?? []) {
      const accepted = e.workflowExecutionUpdateAcceptedEventAttributes;
      const completed = e.workflowExecutionUpdateCompletedEventAttributes;
      if (accepted) {
        steps.push({ inHandler: 0, after: 0 });
        open.set(accepted.acceptedRequest!.meta!.updateId!, steps.length - 1);
      } else if (completed) {
        last = open.get(completed.meta!.updateId!)!;
        open.delete(completed.meta!.updateId!);
      } else if (runsAnActivity(e)) {
        if (e.markerRecordedEventAttributes) local++;
        if (open.size > 0) steps[Math.max(...open.values())]!.inHandler++;
        else if (last >= 0) steps[last]!.after++;
        else if (steps[0]) steps[0].inHandler++;
        else steps.push({ inHandler: 1, after: 0 });
      }
    }
  }
  return { steps, local };
}

/** The histories of a workflow id's runs, oldest first, once `runs` of them are visible. */
async function historiesOf(client: Client, workflowId: string, runs: number) {
  const found: { runId: string; start: number }[] = [];
  for (let i = 0; i < 50 && found.length < runs; i++) {
    found.length = 0;
    for await (const w of client.workflow.list({ query: `WorkflowId = '${workflowId}'` }))
      found.push({ runId: w.runId, start: w.startTime.getTime() });
    if (found.length < runs) await sleep(100);
  }
  found.sort((a, b) => a.start - b.start);
  return Promise.all(found.map(({ runId }) => client.workflow.getHandle(workflowId, runId).fetchHistory()));
}

/** A workflow's history events over its runs: how many of each kind, and their size as stored. */
async function historyFigures(client: Client, workflowId: string, runs: number) {
  const kinds: Record<string, number> = {};
  let events = 0;
  let bytes = 0;
  for (const history of await historiesOf(client, workflowId, runs)) {
    for (const e of history.events ?? []) {
      const kind = Object.keys(e).find((k) => k.endsWith('EventAttributes') && e[k as keyof typeof e]);
      const name = (kind ?? 'unknown').replace(/^workflowExecution|EventAttributes$/g, '');
      kinds[name] = (kinds[name] ?? 0) + 1;
      events++;
      bytes += proto.temporal.api.history.v1.HistoryEvent.encode(e).finish().length;
    }
  }
  return { events, bytes, kinds };
}

interface RawFigures {
  seconds: number;
  cpu: Cpu;
  /** Queries made while waiting for each step to open. */
  queries: number;
  /** The requests Temporal's frontend served meanwhile, by operation. */
  temporal: Map<string, number>;
  ids: string[];
  start: number[];
  updates: number[];
  /** Statements the raw cases sent to PostgreSQL (raw Temporal + PostgreSQL). */
  sent: number;
}

/**
 * Raw Temporal: the same number of cases of the same shape, `concurrency` at a time, each Update
 * awaited. With `replay`, raw Temporal + PostgreSQL: each raw case sends a copy of the project's
 * statements (ids of its own, made before the run is measured): the page reads' before each Update
 * from the client, the step's from the Update's first activity, its follow-up's from the first
 * activity after it (or from the client once the Update has answered, where the shape has none),
 * the rest once its last Update has answered.
 */
async function rawCases(
  client: Client,
  temporalPid: number,
  shape: RawShape,
  cases: number,
  concurrency: number,
  postmaster = 0,
  metricsUrl?: string,
  replay?: Replay,
): Promise<RawFigures> {
  const start: number[] = [];
  const updates: number[] = [];
  const ids: string[] = [];
  let queries = 0;
  const run = Math.random().toString(36).slice(2, 8);
  async function oneCase(i: number) {
    const workflowId = `bench-raw-${run}-${i}`;
    ids.push(workflowId);
    replay?.take(workflowId);
    await replay?.beforeUpdate(workflowId, 0);
    await timed(start, () =>
      client.workflow.executeUpdateWithStart(rawStep, {
        args: [0],
        startWorkflowOperation: new WithStartWorkflowOperation(rawCaseWorkflow, {
          workflowId,
          taskQueue: RAW_TASK_QUEUE,
          args: [shape],
          workflowIdConflictPolicy: 'FAIL',
        }),
      }),
    );
    await replay?.afterUpdate(workflowId, 0);
    const handle = client.workflow.getHandle<typeof rawCaseWorkflow>(workflowId);
    for (let s = 1; s < shape.steps.length; s++) {
      // The step opens once the previous one's follow-up has run, as the case page waits for it.
      for (let i = 0; ; i++) {
        queries++;
        if ((await handle.query(rawSettled)) >= s) break;
        if (i === 600) throw new Error(`raw case ${workflowId}: step ${s} never opened`);
        await sleep(20);
      }
      await replay?.beforeUpdate(workflowId, s);
      await timed(updates, () => handle.executeUpdate(rawStep, { args: [s] }));
      await replay?.afterUpdate(workflowId, s);
    }
    await replay?.finish(workflowId);
    await handle.result();
  }
  replay?.prepare(cases);
  const sent0 = replay?.sent ?? 0;
  const served0 = metricsUrl ? await temporalRequests(metricsUrl) : new Map<string, number>();
  const cpu0 = cpuNow(temporalPid, postmaster);
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < cases) await oneCase(next++);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSince(cpu0, cpuNow(temporalPid, postmaster));
  const temporal = metricsUrl ? requestsSince(served0, await temporalRequests(metricsUrl)) : new Map<string, number>();
  return { seconds, cpu, queries, temporal, ids, start, updates, sent: replay ? replay.sent - sent0 : 0 };
}

/**
 * Statements sent by the pg driver as the project sent them, one after another on one connection,
 * prepared under a name as the project's are (activities/db.ts). The project sent them on several
 * connections at once, so a BEGIN may come while one is open, or a COMMIT with none: those are not
 * sent; and the connection goes back to the pool with no transaction open. Answers how many were sent.
 */
async function rawReplay(client: pg.ClientBase, statements: Sent[]): Promise<number> {
  let open = false;
  let sent = 0;
  for (const s of statements) {
    const ends = s.sql === 'COMMIT' || s.sql === 'ROLLBACK';
    if (s.sql === 'BEGIN' ? open : ends && !open) continue;
    await client.query({ name: rawNamer(s), text: s.sql, values: s.args });
    sent++;
    if (s.sql === 'BEGIN') open = true;
    else if (ends) open = false;
  }
  if (open) await client.query('COMMIT');
  return sent + (open ? 1 : 0);
}
const rawNamer = statementNamer();

/** Columns whose values are unique to a case (its numbers and keys): a copy has values of its own. */
const UNIQUE_TO_A_CASE = ['caseNumber', 'basisNumber', 'activeListingKey', 'number', 'reference', 'workflowId'];

/**
 * The values `statements` made their own, to be replaced in a copy: the ids of the rows they insert
 * (an INSERT's "id" column, every row of a multi-row INSERT's) and the case's numbers and keys.
 */
function ownValues(statements: Sent[]): Map<string, 'id' | 'number'> {
  const own = new Map<string, 'id' | 'number'>();
  for (const s of statements) {
    const columns = /^\s*INSERT INTO (?:"public"\.)?"\w+"\s*\(([^)]*)\)/
      .exec(s.sql)?.[1]
      ?.split(',')
      .map((c) => c.trim().replaceAll('"', ''));
    if (!columns) continue;
    s.args.forEach((value, i) => {
      const column = columns[i % columns.length]!;
      if (typeof value !== 'string' || value === '') return;
      if (column === 'id') own.set(value, 'id');
      else if (UNIQUE_TO_A_CASE.includes(column) && !own.has(value)) own.set(value, 'number');
    });
  }
  return own;
}

/** A copier of statements for copy `n`: each own value replaced, wherever it occurs in an argument, by a fresh one. */
function copier(own: Map<string, 'id' | 'number'>, n: number) {
  const fresh = new Map(
    [...own].sort(([a], [b]) => b.length - a.length).map(([value, kind]) => [value, kind === 'id' ? randomUUID() : `${value}·${n}`]),
  );
  const swap = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(swap);
    if (typeof v !== 'string') return v;
    let out = v;
    for (const [from, to] of fresh) if (out.includes(from)) out = out.replaceAll(from, to);
    return out;
  };
  return { fresh, copy: (list: Sent[]): Sent[] => list.map((s) => ({ sql: s.sql, args: s.args.map(swap) })) };
}

/**
 * Raw Temporal + PostgreSQL: copies of the captured case's statements, one per raw case, made ahead
 * of the measured run and sent by the pg driver on a pool as large as the project's.
 */
class Replay {
  private readonly captured: CaseStatements;
  private readonly own: Map<string, 'id' | 'number'>;
  private readonly ready: { copy: CaseStatements; caseId: string }[] = [];
  private readonly copies = new Map<string, CaseStatements>();
  /** The copy of the captured case's id, per raw case. */
  readonly caseIds = new Map<string, string>();
  private n = 0;
  /** Statements sent so far. */
  sent = 0;

  constructor(
    private readonly pool: pg.Pool,
    captured: CaseStatements,
    private readonly capturedCaseId: string,
    private readonly shape: RawShape,
  ) {
    // A transaction the capture cut (its COMMIT came in the next window) is sent whole with the next list.
    const lists = [...captured.steps.flatMap((s) => [s.page, s.step, s.after]), captured.tail].map((l) => [...l]);
    for (let i = 0; i < lists.length - 1; i++) {
      let begun = -1; // where the transaction still open at the list's end began
      for (const [j, s] of lists[i]!.entries()) {
        if (s.sql === 'BEGIN') begun = j;
        else if (s.sql === 'COMMIT' || s.sql === 'ROLLBACK') begun = -1;
      }
      if (begun >= 0) lists[i + 1]!.unshift(...lists[i]!.splice(begun));
    }
    this.captured = {
      steps: captured.steps.map((_s, i) => ({ page: lists[3 * i]!, step: lists[3 * i + 1]!, after: lists[3 * i + 2]! })),
      tail: lists.at(-1)!,
    };
    this.own = ownValues(lists.flat());
    if (!this.own.has(capturedCaseId)) throw new Error(`the captured statements do not insert case ${capturedCaseId}`);
  }

  /** Makes `count` copies ahead, so that making them is not measured. */
  prepare(count: number) {
    while (this.ready.length < count) {
      const { fresh, copy } = copier(this.own, ++this.n);
      const c = this.captured;
      this.ready.push({
        copy: { steps: c.steps.map((s) => ({ page: copy(s.page), step: copy(s.step), after: copy(s.after) })), tail: copy(c.tail) },
        caseId: fresh.get(this.capturedCaseId)!,
      });
    }
  }

  /** Gives raw case `workflowId` its copy, kept until `finish`. */
  take(workflowId: string) {
    this.prepare(1);
    const { copy, caseId } = this.ready.shift()!;
    this.copies.set(workflowId, copy);
    this.caseIds.set(workflowId, caseId);
  }

  /** What the client sends before Update `step`: the page reads', and the step's own where no activity runs in its handler. */
  async beforeUpdate(workflowId: string, step: number) {
    const { page, step: own } = this.copies.get(workflowId)!.steps[step]!;
    await this.send(this.shape.steps[step]!.inHandler === 0 ? [...page, ...own] : page);
  }

  /** What the client sends once Update `step` has answered: its follow-up's, where no activity runs after it. */
  async afterUpdate(workflowId: string, step: number) {
    if (this.shape.steps[step]!.after === 0) await this.send(this.copies.get(workflowId)!.steps[step]!.after);
  }

  /** What the client sends after the last Update (until the case is listed); the copy is then let go. */
  async finish(workflowId: string) {
    await this.send(this.copies.get(workflowId)!.tail);
    this.copies.delete(workflowId);
  }

  /**
   * The raw activity's part: a step's statements from its first activity, its follow-up's from the
   * first after the Update (a statement refused fails the run, not retried). Where the shape has no
   * such activity, the client sends them (beforeUpdate, afterUpdate).
   */
  readonly activity = async (workflowId: string, step: number, k: number) => {
    const copy = this.copies.get(workflowId);
    if (!copy) return;
    const { inHandler, after } = this.shape.steps[step]!;
    const part = k === 0 && inHandler > 0 ? copy.steps[step]!.step : k === inHandler && after > 0 ? copy.steps[step]!.after : [];
    await this.send(part).catch((err: unknown) => {
      throw ApplicationFailure.nonRetryable(`raw case ${workflowId}, step ${step}: ${String(err)}`);
    });
  };

  async send(statements: Sent[]) {
    if (statements.length === 0) return;
    const client = await this.pool.connect();
    try {
      const sent = await rawReplay(client, statements); // (not `this.sent += await …`: that reads the count before the await)
      this.sent += sent;
      client.release();
    } catch (err) {
      client.release(err as Error); // not back to the pool inside a failed transaction
      throw err;
    }
  }
}

// ---------------------------------------------------------------------------------------------
await prepareTemplate();
const dir = mkdtempSync(join(tmpdir(), 'bench-temporal-'));
const stack = await startStack('bench', { dbFile: join(dir, 'wal.sqlite'), journal: 'wal' }, {}, { onStatement });
// The raw worker's activities send a raw case's statements once the raw baseline with PostgreSQL runs.
let replaying: Replay | undefined;
const { client: rawClient, stop: stopRaw } = await startRawTemporal(stack.temporalAddress, (workflowId, step, k) =>
  replaying ? replaying.activity(workflowId, step, k) : Promise.resolve(),
);
const rawPool = new pg.Pool({ connectionString: stack.databaseUrl, max: poolSize() });
rawPool.on('error', (err) => console.warn(`bench: an idle raw connection failed: ${err.message}`));
const admin = new pg.Client({ connectionString: stack.databaseUrl });
await admin.connect();
const backend = (await admin.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
const postmaster = Number(/PPid:\s+(\d+)/.exec(statusOf(backend))?.[1] ?? 0);

try {
  // One case alone first: it warms every path up, counts each step's round trips, and its history
  // gives the raw workflow its shape.
  const warm = await designations(stack, 1, 1, true);
  const shape = await shapeOf(stack, warm.ids[0]!);
  const activities = shape.steps.reduce((n, s) => n + s.inHandler + s.after, 0);
  const warmRaw = await rawCases(rawClient, stack.temporalPid, shape, 1, 1);
  if (caseStatements.steps.length !== shape.steps.length)
    throw new Error(`captured ${caseStatements.steps.length} steps' statements for ${shape.steps.length} Updates`);
  replaying = new Replay(rawPool, caseStatements, warm.ids[0]!, shape);
  const warmWithPg = await rawCases(rawClient, stack.temporalPid, shape, 2, 1, 0, undefined, replaying); // warms the pool and its statements
  // Each copy made the rows the captured case made: none skipped as a duplicate of the original's.
  const rowsOf = async (caseId: string) =>
    (
      await admin.query<{ rows: string }>(
        `SELECT concat_ws(' ', (SELECT count(*) FROM "CaseEvent" WHERE "caseId" = $1), (SELECT count(*) FROM "Document" WHERE "caseId" = $1),
           (SELECT count(*) FROM "Statement" WHERE "caseId" = $1), (SELECT count(*) FROM "CaseDeadline" WHERE "caseId" = $1),
           (SELECT count(*) FROM "Push" WHERE "caseId" = $1), (SELECT count(*) FROM "DocumentService" s JOIN "Document" d ON d.id = s."documentId" WHERE d."caseId" = $1)) AS rows`,
        [caseId],
      )
    ).rows[0]!.rows;
  const original = await rowsOf(warm.ids[0]!);
  for (const id of warmWithPg.ids) {
    const copied = await rowsOf(replaying.caseIds.get(id)!);
    if (copied !== original)
      throw new Error(
        `raw case ${id} made rows ${copied} (events, documents, statements, deadlines, pushes, services), the project's case ${original}`,
      );
  }
  const histories = {
    project: await historyFigures(stack.temporal, designationWorkflowId(warm.ids[0]!), 2),
    raw: await historyFigures(rawClient, warmRaw.ids[0]!, 1),
  };
  const atRest = memoryNow(stack.temporalPid, postmaster);
  const idleLookups: number[] = [];
  for (let i = 0; i < 50; i++) await timed(idleLookups, () => lookup(stack));

  console.log(
    `\nA designation case, from its history: ${shape.steps.length} Updates (filing and every human step) and ${activities} activities` +
      ` (${shape.steps.map((s) => `${s.inHandler}+${s.after}`).join(' ')}: per Update, run in its handler + after it);` +
      ` ${shape.local} of them local activities (the recording, run by the worker of the workflow task), the others ordinary ones.`,
  );
  console.log(
    `Raw Temporal runs the same: ${shape.steps.length} Updates, ${activities} no-op activities (all ordinary), on the same server.`,
  );
  const kinds = (h: typeof histories.project) =>
    Object.entries(h.kinds)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
  console.log(
    `History events per case: project ${histories.project.events} (${(histories.project.bytes / 1024).toFixed(0)} KiB), ` +
      `raw ${histories.raw.events} (${(histories.raw.bytes / 1024).toFixed(0)} KiB), × ${(histories.project.events / histories.raw.events).toFixed(2)}` +
      `\n  project: ${kinds(histories.project)}\n  raw:     ${kinds(histories.raw)}`,
  );

  const results: {
    concurrency: number;
    project: Figures;
    raw: RawFigures;
    /** Raw Temporal + PostgreSQL: the raw cases sending the project's statements. */
    withPg: RawFigures;
    peak: { project: Memory; raw: Memory };
    lookups: number[];
  }[] = [];
  for (const concurrency of CONCURRENCIES) {
    const [[project, projectPeak], lookups] = await lookupsDuring(stack, () =>
      sampled(stack.temporalPid, postmaster, () => designations(stack, CASES, concurrency, false, postmaster)),
    );
    // The raw runs under the same public lookups, so that each side's CPU carries them.
    const [[raw, rawPeak]] = await lookupsDuring(stack, () =>
      sampled(stack.temporalPid, postmaster, () =>
        rawCases(rawClient, stack.temporalPid, shape, CASES, concurrency, postmaster, stack.temporalMetricsUrl),
      ),
    );
    const [withPg] = await lookupsDuring(stack, () =>
      rawCases(rawClient, stack.temporalPid, shape, CASES, concurrency, postmaster, stack.temporalMetricsUrl, replaying),
    );
    results.push({ concurrency, project, raw, withPg, peak: { project: projectPeak, raw: rawPeak }, lookups });
  }

  for (const { concurrency, project, raw, withPg, lookups } of results) {
    const humanSteps = STEP_NAMES.slice(1).flatMap((n) => project.steps[n]!);
    const perSecond = (seconds: number) => CASES / seconds;
    const perCase = (x: number) => `${((x / CASES) * 1000).toFixed(0)} ms`;
    const all = (c: Cpu) => c.self + c.temporal + c.postgres;
    console.log(`\nDesignation over HTTP, ${CASES} cases, ${concurrency} at a time (Temporal on a SQLite file, WAL, as npm start):`);
    console.log(
      `  raw Temporal: no-op activities; raw Temporal + PostgreSQL: the same, the project's statements sent by pg (the step's from its first activity, the page reads' from the client)`,
    );
    /** A figure of the project, of raw Temporal and of raw Temporal + PostgreSQL, and how the project compares with each. */
    const line = (name: string, a: string, b: string, c: string, ratio: string) =>
      console.log(`  ${name.padEnd(30)} ${a.padEnd(40)} ${b.padEnd(40)} ${c.padEnd(40)} ${ratio}`);
    line('', 'project', 'raw Temporal', 'raw Temporal + PostgreSQL', 'project ÷ raw Temporal | ÷ raw Temporal + PostgreSQL');
    line(
      'throughput',
      `${perSecond(project.seconds).toFixed(2)} cases/s (${project.seconds.toFixed(1)} s)`,
      `${perSecond(raw.seconds).toFixed(2)} cases/s (${raw.seconds.toFixed(1)} s)`,
      `${perSecond(withPg.seconds).toFixed(2)} cases/s (${withPg.seconds.toFixed(1)} s)`,
      `${(raw.seconds / project.seconds).toFixed(2)} | ${(withPg.seconds / project.seconds).toFixed(2)} of raw (goal ≥ 0.7)`,
    );
    const p50s = (xs: number[], r: number[], q: number[]) => `p50 × ${(p50(xs) / p50(r)).toFixed(2)} | × ${(p50(xs) / p50(q)).toFixed(2)}`;
    const filing = project.steps['file (POST /api/cases)']!;
    line('file (update-with-start)', latency(filing), latency(raw.start), latency(withPg.start), p50s(filing, raw.start, withPg.start));
    line(
      'a human step (Update)',
      latency(humanSteps),
      latency(raw.updates),
      latency(withPg.updates),
      `${p50s(humanSteps, raw.updates, withPg.updates)} (goal ≤ 1.5)`,
    );
    line(
      'CPU per case: this process',
      perCase(project.cpu.self),
      perCase(raw.cpu.self),
      perCase(withPg.cpu.self),
      `+${perCase(project.cpu.self - raw.cpu.self)} | +${perCase(project.cpu.self - withPg.cpu.self)} the project's own`,
    );
    line(
      'CPU per case: Temporal server',
      perCase(project.cpu.temporal),
      perCase(raw.cpu.temporal),
      perCase(withPg.cpu.temporal),
      `× ${(project.cpu.temporal / Math.max(raw.cpu.temporal, 1e-9)).toFixed(2)} | × ${(project.cpu.temporal / Math.max(withPg.cpu.temporal, 1e-9)).toFixed(2)}`,
    );
    line(
      'CPU per case: PostgreSQL',
      perCase(project.cpu.postgres),
      perCase(raw.cpu.postgres),
      perCase(withPg.cpu.postgres),
      `| × ${(project.cpu.postgres / Math.max(withPg.cpu.postgres, 1e-9)).toFixed(2)}`,
    );
    const busy = (f: { cpu: Cpu; seconds: number }) => (all(f.cpu) / f.seconds).toFixed(2);
    line(
      'CPU per case: all three',
      perCase(all(project.cpu)),
      perCase(all(raw.cpu)),
      perCase(all(withPg.cpu)),
      `× ${(all(project.cpu) / all(raw.cpu)).toFixed(2)} | × ${(all(project.cpu) / all(withPg.cpu)).toFixed(2)} (machine busy: ${busy(project)} / ${busy(raw)} / ${busy(withPg)} cores)`,
    );
    line(
      'reads while waiting for a step',
      `${(project.requests.get / CASES).toFixed(1)} page GETs per case`,
      `${(raw.queries / CASES).toFixed(1)} queries per case`,
      `${(withPg.queries / CASES).toFixed(1)} queries per case`,
      `(${(project.requests.post / CASES).toFixed(1)} steps posted per case)`,
    );
    // The requests each side made of Temporal, per case (the workers' polls and task answers included).
    const ops = [...new Set([...project.temporal.keys(), ...raw.temporal.keys()])]
      .map((op) => ({ op, p: (project.temporal.get(op) ?? 0) / CASES, r: (raw.temporal.get(op) ?? 0) / CASES }))
      .filter(({ p, r }) => p >= 0.5 || r >= 0.5)
      .sort((a, b) => b.p - a.p);
    const sum = (k: 'p' | 'r') => ops.reduce((n, o) => n + o[k], 0);
    console.log(`  Temporal requests per case: project ${sum('p').toFixed(0)}, raw ${sum('r').toFixed(0)}`);
    for (const { op, p, r } of ops) console.log(`    ${op.padEnd(44)} ${p.toFixed(1).padStart(6)} ${r.toFixed(1).padStart(6)}`);
    console.log(
      `  PostgreSQL round trips per case (HTTP reads and polling included): project ${(project.queries / CASES).toFixed(0)}, ` +
        `the case captured alone ${warm.queries}, each raw Temporal + PostgreSQL case ${(withPg.sent / CASES).toFixed(0)} (sent from the capture)`,
    );
    console.log(
      `  a public lookup meanwhile (one every 200 ms, ${lookups.length}): ${latency(lookups)}` +
        `   — idle: ${latency(idleLookups)}   p50 × ${(p50(lookups) / p50(idleLookups)).toFixed(2)}`,
    );
    console.log(`  the project's steps:`);
    const pages = (label: string) => `   ${((project.requests.pagesBefore[label] ?? 0) / CASES).toFixed(1)} page reads before it`;
    for (const name of STEP_NAMES) console.log(`    ${name.padEnd(28)} ${latency(project.steps[name]!)}${pages(name)}`);
    console.log(`    ${'(until listed)'.padEnd(28)} ${''.padEnd(39)}${pages('LISTED')}`);
    console.log(`    ${'case page (GET)'.padEnd(28)} ${latency(project.steps['case page (GET)']!)}`);
  }

  // PostgreSQL: each step's round trips, then one step's recording — the statement — through
  // Prisma as the worker runs it (the activity; it pushes nothing, so no outbox is read after it) beside
  // the same statements sent by the pg driver, one after another on one connection.
  console.log(
    `\nPostgreSQL round trips of each human step (one case alone; page = the GET that opens the form, step = the POST and what its Update runs):`,
  );
  for (const [label, c] of stepQueries) console.log(`  ${label.padEnd(30)} page ${c.page[0] ?? 0}   step ${c.step.join(' + ')}`);
  const acts = createActivities(stack.db);
  const caseId = warm.ids[0]!;
  const record = async (statementId: string) => {
    await acts.recordStatement({
      caseId,
      statementId,
      at: new Date().toISOString(),
      state: 'NOTICE_PERIOD',
      request: {
        kind: 'STATEMENT',
        content: '当事人书面陈述：已开始整改。',
        attachments: [],
        actor: { userId: 'bench', name: 'bench', role: 'PARTY', departmentId: null },
      } as never,
    });
  };
  for (let i = 0; i < 5; i++) await record(randomUUID()); // warm
  capture = [];
  await record(randomUUID());
  const statements = capture;
  capture = null;
  const N = 200;
  const prismaTimes: number[] = [];
  for (let i = 0; i < N; i++) await timed(prismaTimes, () => record(randomUUID()));
  const raw = new pg.Client({ connectionString: stack.databaseUrl });
  await raw.connect();
  const rawTimes: number[] = [];
  try {
    // Each time with rows of its own (the statement's id and its audit entry's), as the project's.
    const own = ownValues(statements);
    const copies = Array.from({ length: N }, (_x, i) => copier(own, i + 1).copy(statements));
    for (const copy of copies) await timed(rawTimes, () => rawReplay(raw, copy));
  } finally {
    await raw.end();
  }
  console.log(
    `\nA statement's recording (recordStatement), ${N} times: ${statements.length} round trips (${statements.map((s) => s.sql.trim().split(/\s/)[0]).join(', ')})`,
  );
  console.log(`  ${''.padEnd(30)} ${'project (Prisma)'.padEnd(40)} ${'raw PostgreSQL (pg)'.padEnd(40)} project ÷ raw`);
  console.log(
    `  ${'latency'.padEnd(30)} ${latency(prismaTimes).padEnd(40)} ${latency(rawTimes).padEnd(40)} p50 × ${(p50(prismaTimes) / p50(rawTimes)).toFixed(2)}`,
  );

  console.log(`\nMemory (RSS; PostgreSQL: the postmaster and its backends summed, shared buffers counted in each):`);
  console.log(
    `  ${''.padEnd(30)} ${'at rest'.padEnd(12)} ${`peak, project ${PEAK_AT} at a time`.padEnd(30)} peak, raw ${PEAK_AT} at a time`,
  );
  const peak = results.find((r) => r.concurrency === PEAK_AT)!.peak;
  const memLine = (name: string, k: keyof Memory, f: (x: number) => string = mib) =>
    console.log(`  ${name.padEnd(30)} ${f(atRest[k]).padEnd(12)} ${f(peak.project[k]).padEnd(30)} ${f(peak.raw[k])}`);
  memLine('this process (API + workers)', 'self');
  memLine('Temporal dev server', 'temporal');
  memLine('PostgreSQL', 'postgres');
  memLine('PostgreSQL processes', 'postgresProcesses', (x) => String(x).padStart(5));
} finally {
  await admin.end();
  await stopRaw();
  await rawPool.end();
  await stack.stop();
}

if (process.env.BENCH_JOURNALS) {
  // SQLite's default journal beside WAL, as the dev server's storage (the choice npm start makes).
  const figures: Figures[] = [];
  for (const journal of ['wal', 'sqlite-default'] as const) {
    const s = await startStack(`bench_${journal}`, { dbFile: join(dir, `${journal}-j.sqlite`), journal });
    try {
      figures.push(await designations(s, CASES, CONCURRENCIES[0]!));
    } finally {
      await s.stop();
    }
  }
  console.log(
    `\nSQLite journal, ${CASES} cases ${CONCURRENCIES[0]} at a time: WAL ${(CASES / figures[0]!.seconds).toFixed(2)} cases/s, default journal ${(CASES / figures[1]!.seconds).toFixed(2)} cases/s`,
  );
}

/** The import of IMPORT_ROWS rows: preview, confirm, and the wait until every notice is pending approval. */
async function bulkImport(stack: Stack): Promise<void> {
  const caseworker = new Session(stack.baseUrl);
  await caseworker.login('caseworker');
  const t0 = performance.now();
  const file = await importXlsx(Array.from({ length: IMPORT_ROWS }, (_, i) => enterpriseRow(10_000 + i)));
  const made = performance.now();
  const preview = await caseworker.upload(file, 'bench.xlsx', 'file', '/api/imports/preview');
  if (preview.status !== 200 || preview.body.valid !== IMPORT_ROWS)
    throw new Error(`preview: ${preview.status} ${JSON.stringify(preview.body).slice(0, 500)}`);
  const previewed = performance.now();
  const batch = await caseworker.upload(file, 'bench.xlsx', 'file', `/api/imports?sha256=${preview.body.sha256 as string}`);
  if (batch.status !== 201) throw new Error(`import: ${batch.status} ${JSON.stringify(batch.body).slice(0, 500)}`);
  const confirmed = performance.now();
  const id = batch.body.id as string;
  let last = 0;
  for (;;) {
    const b = (await caseworker.request('GET', `/api/imports/${id}?pageSize=1`)).body;
    if (b.status === 'FINISHED' && b.awaitingApproval + b.failed === b.total) {
      if (b.failed) console.log(`  (${b.failed} rows failed)`);
      break;
    }
    if (performance.now() - last > 30_000) {
      last = performance.now();
      console.log(`  … ${b.done + b.failed}/${b.total} after ${((performance.now() - confirmed) / 1000).toFixed(0)} s`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const done = performance.now();
  const s = (a: number, b: number) => `${((b - a) / 1000).toFixed(1)} s`;
  console.log(
    `\nBulk import of ${IMPORT_ROWS} rows (.xlsx ${(file.byteLength / 2 ** 20).toFixed(1)} MiB), Temporal on a SQLite file (WAL):`,
  );
  console.log(`  file made (test side)        ${s(t0, made)}`);
  console.log(`  preview (upload, every row checked)  ${s(made, previewed)}`);
  console.log(`  confirm (batch and rows stored)      ${s(previewed, confirmed)}`);
  console.log(
    `  filed, every notice pending approval ${s(confirmed, done)} after confirming — ${(IMPORT_ROWS / ((done - confirmed) / 1000)).toFixed(1)} rows/s`,
  );
  console.log(
    `  upload to the last notice pending    ${s(made, done)} — ${(IMPORT_ROWS / ((done - made) / 1000)).toFixed(1)} rows/s overall`,
  );
}

if (IMPORT_ROWS > 0) {
  const stack = await startStack('bench_import', { dbFile: join(dir, 'import.sqlite'), journal: 'wal' });
  try {
    await bulkImport(stack);
  } finally {
    await stack.stop();
  }
}

const db = createDb(databaseUrl(TEMPLATE));
try {
  const calendar = await loadCalendar(db, 2024);
  const N = 100_000;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) addWorkingDays(calendar, addCalendarDays('2024-01-01', i % 900), 1 + (i % 20));
  const perCall = ((performance.now() - t0) * 1e6) / N;
  console.log(`\nWorking days: addWorkingDays(1–20 days) over 2024–2026, ${N} calls: ${(perCall / 1000).toFixed(1)} µs per call\n`);
} finally {
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
}
