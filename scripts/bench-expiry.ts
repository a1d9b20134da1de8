// Mass expiry (issue 14 §4), part of `npm run bench`: BENCH_EXPIRY listings (10,000 unless set)
// whose publication period ends at the same instant, each kept by its own listing workflow's timer
// as production keeps it. From that instant: how long until every subject is off the list, every
// unit told (its inbox, and its webhook — here a receiver on 127.0.0.1 that answers 200), and every
// removal notice made — beside raw Temporal firing as many timers at one instant on the same server,
// each followed by as many no-op activities as a listing's removal runs. Figures printed, not
// asserted.
import { createServer, type Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { defaultPayloadConverter } from '@temporalio/common';
import { designationWorkflowId, TASK_QUEUE, type ListingWorkflowInput } from '../domain/procedure';
import { newKeyEntry, payloadDataConverter } from '../activities/payload-codec';
import { prepareTemplate } from '../tests/support/database';
import { designationForm } from '../tests/support/fixtures';
import { Session, fileListed, startStack } from '../tests/support/stack';
import { RAW_TASK_QUEUE, rawExpiryWorkflow } from './bench-raw-workflow';
import { runsAnActivity, startRawTemporal } from './bench-raw-temporal';

process.env.PAYLOAD_KEYS ??= newKeyEntry();

const LISTINGS = Number(process.env.BENCH_EXPIRY ?? 10_000);
const LIMIT_S = Number(process.env.BENCH_EXPIRY_LIMIT_S ?? 3600);
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));
const s = (ms: number) => `${(ms / 1000).toFixed(1).padStart(7)} s`;

/** `count` calls of `run`, `width` at a time. */
async function inParallel(count: number, width: number, run: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await run(next++);
    }),
  );
}

/**
 * Copies a table's rows of the template case `count` times in one statement (i from 1), with the
 * columns named in `set` given anew (SQL over the copied row `t` and `i`).
 */
async function copyRows(c: pg.Client, table: string, where: string, set: Record<string, string>, count: number, params: unknown[]) {
  const columns = (
    await c.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
      [table],
    )
  ).rows.map((r) => r.column_name);
  const values = columns.map((col) => set[col] ?? `t."${col}"`);
  await c.query(
    `INSERT INTO "${table}" (${columns.map((col) => `"${col}"`).join(', ')})
     SELECT ${values.join(', ')} FROM "${table}" t, generate_series(1, $1::int) i WHERE ${where}`,
    [count, ...params],
  );
}

async function main() {
  await prepareTemplate();
  const stack = await startStack('bench_expiry');
  // Each unit's own system, told by webhook: counts the removals it hears of.
  const heard = new Set<string>();
  const receiver: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { event: string; pushId: string };
      if (body.event === 'REMOVAL') heard.add(body.pushId);
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
  const { client: rawClient, stop: stopRaw } = await startRawTemporal(stack.temporalAddress);
  const sql = new pg.Client({ connectionString: stack.databaseUrl });
  await sql.connect();
  try {
    const admin = new Session(stack.baseUrl);
    await admin.login('admin');
    const units = (await admin.request('GET', '/api/units')).body as { id: string }[];
    for (const u of units) {
      const hook = await admin.request('PUT', `/api/units/${u.id}/webhook`, { url: hookUrl });
      if (hook.status !== 200) throw new Error(`webhook: ${hook.status} ${JSON.stringify(hook.body)}`);
    }

    // One case taken to its listing through the API; its rows are the template of the others.
    const template = await fileListed(stack.baseUrl, designationForm());
    const history = await stack.temporal.workflow.getHandle(designationWorkflowId(template.id)).fetchHistory();
    const started = history.events![0]!.workflowExecutionStartedEventAttributes!;
    if (started.workflowType?.name !== 'listingWorkflow') throw new Error(`template: ${started.workflowType?.name}`);
    const [payload] = await payloadDataConverter().payloadCodecs[0]!.decode(started.input!.payloads!);
    const input = defaultPayloadConverter.fromPayload<ListingWorkflowInput>(payload!);
    const code = (i: number) => `9X${String(i).padStart(16, '0')}`;
    const id = (i: number) => `expiry-${i}`;

    let t = performance.now();
    const subjectCode = `'9X' || lpad(i::text, 16, '0')`;
    const byTemplate = `t."caseId" = $2`;
    await sql.query('BEGIN');
    await copyRows(sql, 'Subject', 't.code = $2', { code: subjectCode, name: `t.name || i` }, LISTINGS, [input.subjectCode]);
    await copyRows(
      sql,
      'Case',
      't.id = $2',
      {
        id: `'expiry-' || i`,
        caseNumber: `t."caseNumber" || '-' || i`,
        workflowId: `'designation-expiry-' || i`,
        activeListingKey: `t."activeListingKey" || '-' || i`,
        noticeNumber: `t."noticeNumber" || '-' || i`,
        subjectCode,
        subjectName: `t."subjectName" || i`,
      },
      LISTINGS,
      [template.id],
    );
    await copyRows(sql, 'CaseResponsiblePerson', byTemplate, { id: 'gen_random_uuid()::text', caseId: `'expiry-' || i` }, LISTINGS, [
      template.id,
    ]);
    await copyRows(
      sql,
      'CaseMeasure',
      byTemplate,
      { caseId: `'expiry-' || i`, subjectCode: `CASE WHEN t."subjectCode" = $3 THEN ${subjectCode} ELSE t."subjectCode" END` },
      LISTINGS,
      [template.id, input.subjectCode],
    );
    // The units were told of each listing (their deadline watches are not the matter here).
    await copyRows(
      sql,
      'Push',
      `${byTemplate} AND t.kind = 'LISTING'`,
      { id: 'gen_random_uuid()::text', caseId: `'expiry-' || i`, watchStartedAt: 'now()' },
      LISTINGS,
      [template.id],
    );
    // The listing decision the removal notice cites (its PDF is not read again).
    await copyRows(
      sql,
      'Document',
      `${byTemplate} AND t.kind = 'LISTING_DECISION'`,
      { id: 'gen_random_uuid()::text', caseId: `'expiry-' || i`, number: `t.number || '-' || i`, content: `''::bytea` },
      LISTINGS,
      [template.id],
    );
    await sql.query('COMMIT');
    await sql.query('ANALYZE');
    const unitsPerCase = Number(
      (await sql.query(`SELECT count(*) FROM "Push" WHERE "caseId" = $1 AND kind = 'LISTING'`, [template.id])).rows[0].count,
    );
    console.log(`\nMass expiry: ${LISTINGS.toLocaleString('en')} listings, each pushed to ${unitsPerCase} units with a webhook`);
    console.log(`  rows copied from one listed case: ${s(performance.now() - t)}`);

    // Their workflows, each keeping its own removal timer; the instant leaves time to start them all.
    const instant = new Date(Date.now() + 30_000 + LISTINGS * 12);
    t = performance.now();
    await inParallel(LISTINGS, 32, async (i) => {
      await stack.temporal.workflow.start('listingWorkflow', {
        taskQueue: TASK_QUEUE,
        workflowId: designationWorkflowId(id(i + 1)),
        args: [{ ...input, caseId: id(i + 1), subjectCode: code(i + 1), removalAt: instant.toISOString() }],
      });
    });
    console.log(`  listing workflows started: ${s(performance.now() - t)} (the instant ${s(instant.getTime() - Date.now())} on)`);
    if (Date.now() > instant.getTime())
      console.log('  (the instant passed before every workflow was started: the figures count from it all the same)');

    await sleep(Math.max(0, instant.getTime() - Date.now()));
    const count = async (query: string) => Number((await sql.query(query)).rows[0].count);
    const goals = {
      'every subject removed': {
        target: LISTINGS,
        now: () => count(`SELECT count(*) FROM "Case" WHERE id LIKE 'expiry-%' AND state = 'REMOVED'`),
      },
      'every unit told (inbox)': {
        target: LISTINGS * unitsPerCase,
        now: () => count(`SELECT count(*) FROM "Push" WHERE "caseId" LIKE 'expiry-%' AND kind = 'REMOVAL'`),
      },
      "every unit's webhook delivered": { target: LISTINGS * unitsPerCase, now: async () => heard.size },
      'every removal notice made': {
        target: LISTINGS,
        now: () => count(`SELECT count(*) FROM "Document" WHERE "caseId" LIKE 'expiry-%' AND kind = 'REMOVAL_NOTICE'`),
      },
    };
    // When the first tenth, half and all of each were done: a long tail shows as all ≫ half.
    const reached = new Map<string, number>();
    const passed = new Map<string, number>();
    const until = instant.getTime() + LIMIT_S * 1000;
    while (reached.size < Object.keys(goals).length && Date.now() < until) {
      for (const [name, g] of Object.entries(goals)) {
        if (reached.has(name)) continue;
        const now = await g.now();
        for (const share of [0.1, 0.5]) {
          if (!passed.has(name + share) && now >= g.target * share) passed.set(name + share, Date.now() - instant.getTime());
        }
        if (now >= g.target) reached.set(name, Date.now() - instant.getTime());
      }
      await sleep(1000);
    }
    console.log(`  ${''.padEnd(34)} ${'a tenth'.padStart(9)} ${'half'.padStart(9)} ${'all'.padStart(9)}`);
    for (const [name, g] of Object.entries(goals)) {
      const at = reached.get(name);
      const part = (share: number) => (passed.has(name + share) ? s(passed.get(name + share)!) : '—'.padStart(9));
      console.log(
        `  ${name.padEnd(34)} ${part(0.1)} ${part(0.5)} ${at === undefined ? `not in ${LIMIT_S} s (${await g.now()} of ${g.target})` : s(at)}`,
      );
    }

    // Raw Temporal: as many timers at one instant, each then the activities a removal ran.
    const one = await stack.temporal.workflow.getHandle(designationWorkflowId(id(1))).fetchHistory();
    const activities = one.events!.filter(runsAnActivity).length;
    const rawInstant = new Date(Date.now() + 30_000 + LISTINGS * 5);
    const run = Math.random().toString(36).slice(2, 8);
    await inParallel(LISTINGS, 32, async (i) => {
      await rawClient.workflow.start(rawExpiryWorkflow, {
        taskQueue: RAW_TASK_QUEUE,
        workflowId: `bench-expiry-${run}-${i}`,
        args: [rawInstant.toISOString(), activities],
      });
    });
    await sleep(Math.max(0, rawInstant.getTime() - Date.now()));
    await inParallel(LISTINGS, 32, async (i) => {
      await rawClient.workflow.getHandle(`bench-expiry-${run}-${i}`).result();
    });
    const rawTook = Date.now() - rawInstant.getTime();
    const told = reached.get('every unit told (inbox)');
    console.log(
      `  raw Temporal: ${LISTINGS.toLocaleString('en')} timers at one instant, each then ${activities} no-op activities: ${s(rawTook)}`,
    );
    if (told !== undefined) {
      console.log(`  ratio (raw ÷ project, every subject removed and every unit told): ${(rawTook / Math.max(told, 1)).toFixed(2)}`);
    }
  } finally {
    await sql.end();
    await stopRaw();
    receiver.closeAllConnections();
    await new Promise((r) => receiver.close(r));
    await stack.stop();
  }
}

await main();
