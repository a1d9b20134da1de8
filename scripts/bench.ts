// Benchmarks (`npm run bench`): figures printed, not asserted.
//   1. The whole designation over HTTP on the real stack (Temporal dev server, worker, API,
//      PostgreSQL): 40 cases, 4 at a time — file, approve the notice, statement, review, approve
//      the decision — the latency of each human step as the user waits for it, and cases per second;
//      run on Temporal's SQLite file as `npm start` keeps it (WAL, synchronous=normal) and, for
//      comparison in the same run, on SQLite's default journal.
//   2. Bulk import: an .xlsx of BENCH_IMPORT_ROWS rows (default 10,000) previewed, confirmed and filed
//      by its import batch workflow, on the same stack as npm start keeps Temporal (SQLite, WAL): the
//      time until every row's case is a draft with its notice pending approval, and rows per second.
//   3. Working-day arithmetic: addWorkingDays over the seeded calendar.
// Traffic goes only to 127.0.0.1 and is bounded in count.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCalendar } from '../activities/calendar';
import { addWorkingDays, addCalendarDays, shanghaiDate } from '../domain/workdays';
import { createDb } from '../activities/db';
import { TEMPLATE, databaseUrl, prepareTemplate } from '../tests/support/database';
import { designationForm } from '../tests/support/fixtures';
import { Session, startStack, type Stack } from '../tests/support/stack';
import { enterpriseRow, importXlsx } from '../tests/support/import';
import { newKeyEntry } from '../activities/payload-codec';

// The stack seals Temporal payloads as the product does; a throwaway key for the run.
process.env.PAYLOAD_KEYS ??= newKeyEntry();

const CASES = Number(process.env.BENCH_CASES ?? 40);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
/** BENCH_ONLY=import runs the import alone (a smaller machine's quick check). */
const ONLY = process.env.BENCH_ONLY;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const ms = (x: number) => `${x.toFixed(0).padStart(5)} ms`;
const latency = (xs: number[]) => `p50 ${ms(quantile(xs, 0.5))}  p95 ${ms(quantile(xs, 0.95))}  max ${ms(Math.max(...xs))}`;
/** One step's latency beside the same step's in the comparison run. */
const row = (name: string, xs: number[], raw: number[]) => console.log(`  ${name.padEnd(28)} ${latency(xs).padEnd(34)} ${latency(raw)}`);

async function timed<T>(into: number[], run: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const result = await run();
  into.push(performance.now() - t);
  return result;
}

async function until(s: Session, id: string, state: string) {
  for (let i = 0; i < 300; i++) {
    if ((await s.request('GET', `/api/cases/${id}`)).body?.procedure?.state === state) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`case ${id} never reached ${state}`);
}

interface Figures {
  seconds: number;
  steps: Record<string, number[]>;
}

/** The designation, CONCURRENCY cases at a time, over HTTP against `stack`. */
async function designations(stack: Stack): Promise<Figures> {
  const [caseworker, supervisor, party] = [new Session(stack.baseUrl), new Session(stack.baseUrl), new Session(stack.baseUrl)];
  await caseworker.login('caseworker');
  await supervisor.login('supervisor');
  await party.login('party');
  const t: Record<string, number[]> = {
    'file (POST /api/cases)': [],
    'approve notice → made': [],
    'serve notice → period runs': [],
    statement: [],
    'review (after the waiver)': [],
    'serve reply → to supervisor': [],
    'approve decision → made': [],
    'serve decision → listed': [],
    'case page (GET)': [],
  };
  const [file, approveNotice, serveNotice, statement, review, serveReply, approveDecision, serveDecision, casePage] = Object.values(
    t,
  ) as number[][];
  /** Records service (the step timed alone) once the documents exist and it can be recorded. */
  async function serve(into: number[], id: string, then?: string) {
    for (
      let i = 0;
      !(await caseworker.request('GET', `/api/cases/${id}`)).body.procedure?.steps.some(
        (s: { step: string }) => s.step === 'recordService',
      );
      i++
    ) {
      if (i === 400) throw new Error(`case ${id}: service never opened`);
      await new Promise((r) => setTimeout(r, 25));
    }
    const receivedOn = shanghaiDate(new Date());
    return timed(into, async () => {
      const res = await caseworker.step(id, 'service', { method: 'ELECTRONIC', receivedOn, note: '' });
      if (res.status !== 200) throw new Error(`case ${id}: service refused: ${JSON.stringify(res.body)}`);
      if (then) await until(caseworker, id, then);
      return res;
    });
  }

  async function oneCase(i: number) {
    const form = designationForm({ basis: { ...designationForm().basis, number: `市税稽罚〔2026〕${1000 + i}号` } });
    const filed = await timed(file!, () => caseworker.request('POST', '/api/cases', form));
    const id = filed.body.id as string;
    await until(caseworker, id, 'AWAITING_NOTICE_APPROVAL');
    await timed(approveNotice!, () => supervisor.step(id, 'notice-approval', { approved: true, reasons: '' }));
    await serve(serveNotice!, id);
    await timed(statement!, () => party.step(id, 'statements', { kind: 'STATEMENT', content: '当事人书面陈述：已开始整改。' }));
    await party.step(id, 'statements', { kind: 'WAIVER', content: '不再补充陈述申辩。' });
    await timed(review!, async () => {
      // The waiver ends the period; the review opens once the workflow has moved on.
      for (let i = 0; (await caseworker.step(id, 'review', { accepted: false, reasons: '整改尚未完成，不予采纳。' })).status !== 200; i++) {
        if (i === 400) throw new Error(`case ${id}: review never opened`);
        await new Promise((r) => setTimeout(r, 25));
      }
    });
    await serve(serveReply!, id, 'AWAITING_DECISION_APPROVAL');
    await timed(approveDecision!, () => supervisor.step(id, 'decision-approval', { approved: true, reasons: '' }));
    await serve(serveDecision!, id, 'LISTED');
    await timed(casePage!, () => caseworker.request('GET', `/api/cases/${id}`));
  }

  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < CASES) await oneCase(next++);
    }),
  );
  return { seconds: (performance.now() - started) / 1000, steps: t };
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

await prepareTemplate();
const dir = mkdtempSync(join(tmpdir(), 'bench-temporal-'));
const runs: [string, Figures][] = [];
if (ONLY !== 'import') {
  for (const journal of ['wal', 'sqlite-default'] as const) {
    const stack = await startStack(`bench_${journal}`, { dbFile: join(dir, `${journal}.sqlite`), journal });
    try {
      runs.push([journal === 'wal' ? 'WAL (as npm start)' : 'default journal', await designations(stack)]);
    } finally {
      await stack.stop();
    }
  }
  const [wal, plain] = [runs[0]![1], runs[1]![1]];
  console.log(`\nDesignation over HTTP, ${CASES} cases, ${CONCURRENCY} at a time, Temporal on a SQLite file:`);
  console.log(`  ${''.padEnd(28)} ${'WAL (as npm start)'.padEnd(34)} SQLite default journal`);
  const perSecond = (f: Figures) => `${(CASES / f.seconds).toFixed(2)} cases/s (${f.seconds.toFixed(1)} s)`;
  console.log(
    `  ${'throughput'.padEnd(28)} ${perSecond(wal).padEnd(34)} ${perSecond(plain)}   ratio ${(plain.seconds / wal.seconds).toFixed(2)}`,
  );
  for (const name of Object.keys(wal.steps)) row(name, wal.steps[name]!, plain.steps[name]!);
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
  console.log(`\nWorking days: addWorkingDays(1–20 days) over 2024–2026, ${N} calls: ${(perCall / 1000).toFixed(1)} µs per call`);
  console.log(`Memory: this process (API, worker and benchmark together) RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB\n`);
} finally {
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
}
