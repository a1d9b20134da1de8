// Benchmarks (`npm run bench`): figures printed, not asserted.
//   1. The whole designation over HTTP on the real stack (Temporal dev server, worker, API,
//      PostgreSQL): 40 cases, 4 at a time — file, approve the notice, statement, review, approve
//      the decision — the latency of each human step as the user waits for it, and cases per second.
//   2. Working-day arithmetic: addWorkingDays over the seeded calendar.
// Traffic goes only to 127.0.0.1 and is bounded in count.
import { performance } from 'node:perf_hooks';
import { loadCalendar } from '../activities/calendar';
import { addWorkingDays, addCalendarDays } from '../domain/workdays';
import { prepareTemplate } from '../tests/support/database';
import { designationForm } from '../tests/support/fixtures';
import { Session, startStack } from '../tests/support/stack';

const CASES = Number(process.env.BENCH_CASES ?? 40);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const row = (name: string, xs: number[]) =>
  console.log(
    `  ${name.padEnd(28)} p50 ${quantile(xs, 0.5).toFixed(0).padStart(5)} ms   p95 ${quantile(xs, 0.95).toFixed(0).padStart(5)} ms   max ${Math.max(
      ...xs,
    )
      .toFixed(0)
      .padStart(5)} ms`,
  );

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

await prepareTemplate();
const stack = await startStack('bench');
try {
  const [caseworker, supervisor, party] = [new Session(stack.baseUrl), new Session(stack.baseUrl), new Session(stack.baseUrl)];
  await caseworker.login('caseworker');
  await supervisor.login('supervisor');
  await party.login('party');
  const t: Record<string, number[]> = { file: [], approveNotice: [], statement: [], review: [], approveDecision: [], casePage: [] };

  async function oneCase(i: number) {
    const form = designationForm({ basis: { ...designationForm().basis, number: `市税稽罚〔2026〕${1000 + i}号` } });
    const filed = await timed(t.file!, () => caseworker.request('POST', '/api/cases', form));
    const id = filed.body.id as string;
    await until(caseworker, id, 'AWAITING_NOTICE_APPROVAL');
    await timed(t.approveNotice!, () => supervisor.step(id, 'notice-approval', { approved: true, reasons: '' }));
    await timed(t.statement!, () => party.step(id, 'statements', { kind: 'STATEMENT', content: '当事人书面陈述：已开始整改。' }));
    await timed(t.review!, () => caseworker.step(id, 'review', { accepted: false, reasons: '整改尚未完成，不予采纳。' }));
    const approved = await timed(t.approveDecision!, () => supervisor.step(id, 'decision-approval', { approved: true, reasons: '' }));
    if (approved.body?.state !== 'BEING_LISTED') throw new Error(`case ${id}: ${JSON.stringify(approved.body)}`);
    await timed(t.casePage!, () => caseworker.request('GET', `/api/cases/${id}`));
  }

  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < CASES) await oneCase(next++);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `\nDesignation over HTTP, ${CASES} cases, ${CONCURRENCY} at a time: ${seconds.toFixed(1)} s, ${(CASES / seconds).toFixed(2)} cases/s`,
  );
  row('file (POST /api/cases)', t.file!);
  row('approve notice → served', t.approveNotice!);
  row('statement', t.statement!);
  row('review → to supervisor', t.review!);
  row('approve decision → listed', t.approveDecision!);
  row('case page (GET)', t.casePage!);

  const calendar = await loadCalendar(stack.db, 2024);
  const N = 100_000;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) addWorkingDays(calendar, addCalendarDays('2024-01-01', i % 900), 1 + (i % 20));
  const perCall = ((performance.now() - t0) * 1e6) / N;
  console.log(`\nWorking days: addWorkingDays(1–20 days) over 2024–2026, ${N} calls: ${(perCall / 1000).toFixed(1)} µs per call`);
  console.log(`Memory: this process (API, worker and benchmark together) RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB\n`);
} finally {
  await stack.stop();
}
