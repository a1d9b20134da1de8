// Cooperating units on the real stack: execution feedback from the inbox and from the unit's own
// system by API key, the units' deadlines and their overdue marks, the party's view of its
// measures, and a webhook receiver that fails twice, then accepts, dropping the repeat.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, fileListed, startStack, type Stack } from '../tests/support/stack';
import { designationForm } from '../tests/support/fixtures';
import { loadCalendar } from '../activities/calendar';
import { WorkflowNotFoundError } from '@temporalio/client';
import {
  pushFollowUpWorkflowId,
  startPendingWorkflows,
  sweepOutbox,
  unitDeadlinesWorkflowId,
  webhookWorkflowId,
} from '../activities/units';
import { addWorkingDays, shanghaiDate } from '../domain/workdays';
import type { Prisma } from '../generated/prisma/client';

const COMPANY = '91350100M000100Y43';
const PERSON = '11010519491231002X';

/** A unit's receiver on 127.0.0.1: checks each signature, refuses the first two attempts, keeps each delivery once. */
class Receiver {
  secret = '';
  requests: { delivery: string; event: string; signed: boolean }[] = [];
  processed = new Map<string, { event: string; body: Record<string, unknown> }>();
  private server!: Server;
  url = '';

  async start() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > 1 << 20)
          req.destroy(); // bounded: a receiver takes no more than 1 MiB
        else chunks.push(c);
      });
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const delivery = String(req.headers['x-credit-delivery']);
        const timestamp = String(req.headers['x-credit-timestamp']);
        const expected = `sha256=${createHmac('sha256', this.secret).update(`${timestamp}.${body}`).digest('hex')}`;
        const given = String(req.headers['x-credit-signature']);
        const signed = given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
        this.requests.push({ delivery, event: String(req.headers['x-credit-event']), signed });
        if (!signed) return res.writeHead(401).end();
        const attempt = this.requests.filter((r) => r.delivery === delivery).length;
        // First attempt: down. Second: stored, then the answer fails (as if lost). Third: a repeat, dropped.
        if (attempt === 1) return res.writeHead(503).end();
        if (!this.processed.has(delivery)) this.processed.set(delivery, { event: JSON.parse(body).event, body: JSON.parse(body) });
        res.writeHead(attempt === 2 ? 500 : 200).end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}/credit-events`;
  }

  stop() {
    return new Promise((r) => this.server.close(r));
  }
}

let stack: Stack;
const receiver = new Receiver();
beforeAll(async () => {
  stack = await startStack('units');
  await receiver.start();
});
afterAll(async () => {
  await receiver.stop();
  await stack?.stop();
});

/**
 * SAMR, the case of its listing push (made by the first test), and a push to SAMR on that case as
 * the tests below write one by hand (a push the system made, or left half-made).
 */
async function samrCase() {
  const samr = await stack.db.department.findUniqueOrThrow({ where: { code: 'SAMR' } });
  const { caseId } = await stack.db.push.findFirstOrThrow({ where: { departmentId: samr.id, kind: 'LISTING' } });
  const push = (p: Omit<Prisma.PushUncheckedCreateInput, 'caseId' | 'departmentId' | 'measureIds'>): Prisma.PushUncheckedCreateInput => ({
    caseId,
    departmentId: samr.id,
    measureIds: [],
    ...p,
  });
  return { samr, caseId, push };
}

/** The administrator saves 2026 as it stands, with the days `added`; answers the response. */
async function save2026(added: { date: string; kind: string; name: string }[] = []) {
  const admin = new Session(stack.baseUrl);
  await admin.login('admin');
  const days = (await admin.request('GET', '/api/calendar/2026')).body.days as { date: string; kind: string; name: string }[];
  return admin.request('PUT', '/api/calendar/2026', { days: [...days, ...added] });
}

const machine = (key: string) => ({ authorization: `Bearer ${key}` });

describe('cooperating units', () => {
  it('takes feedback from the inbox and by key, shows overdue deadlines, signs and retries its webhook, and refuses a revoked key', async () => {
    const admin = new Session(stack.baseUrl);
    await admin.login('admin');
    const units = (await admin.request('GET', '/api/units')).body as { id: string; code: string }[];
    const samr = units.find((u) => u.code === 'SAMR')!;
    const created = await admin.request('POST', `/api/units/${samr.id}/api-keys`, { name: '行政许可系统' });
    expect(created.status).toBe(201);
    const key = created.body.token as string;
    const stored = await stack.db.unitApiKey.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(stored.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.hash).not.toContain(key);
    expect((await admin.request('PUT', `/api/units/${samr.id}/webhook`, { url: 'ftp://x' })).body.errors[0].field).toBe('url');
    const hook = await admin.request('PUT', `/api/units/${samr.id}/webhook`, { url: receiver.url });
    expect(hook.status).toBe(200);
    receiver.secret = hook.body.secret;

    const listed = await fileListed(stack.baseUrl, designationForm());
    const caseNumber = listed.caseNumber;

    // The listing's push carries the unit's deadlines, in working days from the push (policy values).
    const push = await stack.db.push.findFirstOrThrow({ where: { caseId: listed.id, kind: 'LISTING', department: { code: 'SAMR' } } });
    const from = shanghaiDate(push.pushedAt);
    const calendar = await loadCalendar(stack.db, Number(from.slice(0, 4)));
    expect(push.acknowledgeBy).toEqual(addWorkingDays(calendar, from, 3).endsAt);
    expect(push.feedbackBy).toEqual(addWorkingDays(calendar, from, 10).endsAt);

    // The webhook: refused, then stored with its answer lost, then the repeat dropped — delivered once.
    await expect
      .poll(async () => (await stack.db.webhookDelivery.findUnique({ where: { pushId: push.id } }))?.status, { timeout: 30_000 })
      .toBe('DELIVERED');
    const delivery = await stack.db.webhookDelivery.findUniqueOrThrow({ where: { pushId: push.id }, include: { attempts: true } });
    expect(delivery.attempts.map((a) => [a.attempt, a.statusCode])).toEqual([
      [1, 503],
      [2, 500],
      [3, 200],
    ]);
    expect(receiver.requests.filter((r) => r.delivery === delivery.id)).toEqual([
      { delivery: delivery.id, event: 'LISTING', signed: true },
      { delivery: delivery.id, event: 'LISTING', signed: true },
      { delivery: delivery.id, event: 'LISTING', signed: true },
    ]);
    expect(receiver.processed.get(delivery.id)).toMatchObject({ event: 'LISTING', body: { case: { caseNumber, subjectCode: COMPANY } } });
    const seen = await admin.request('GET', `/api/units/${samr.id}/webhook/deliveries`);
    expect(seen.body[0]).toMatchObject({
      id: delivery.id,
      status: 'DELIVERED',
      attempts: [{ statusCode: 503 }, { statusCode: 500 }, { statusCode: 200 }],
    });

    // A lookup by key: listed, on which list, the measures this unit applies, on whom; recorded.
    const lookup = await admin.request('GET', `/api/unit-api/v1/subjects/${COMPANY}`, undefined, machine(key));
    expect(lookup.status).toBe(200);
    expect(lookup.body).toMatchObject({
      subjectCode: COMPANY,
      listed: true,
      listings: [{ caseNumber, listType: 'TAX', role: 'SUBJECT', suspended: false }],
    });
    const measureIds = (lookup.body.listings[0].measures as { measureId: string; subjectCode: string }[]).map((m) => m.measureId);
    expect(measureIds).toContain('M-ADM-03');
    const person = await admin.request('GET', `/api/unit-api/v1/subjects/${PERSON}`, undefined, machine(key));
    expect(person.body.listings[0]).toMatchObject({ role: 'RESPONSIBLE_PERSON', subjectName: '王某某' });
    expect(person.body.listings[0].measures.map((m: { subjectCode: string }) => m.subjectCode)).not.toContain(COMPANY);
    expect(await stack.db.unitAccess.count({ where: { apiKeyId: stored.id } })).toBe(2);
    const unlisted = await admin.request('GET', '/api/unit-api/v1/subjects/91110000100000000A', undefined, machine(key));
    expect(unlisted.status).toBe(400);
    expect(unlisted.body.errors[0]).toMatchObject({ field: 'code', code: 'subjectCode.invalid' });

    // Bad and missing keys: 401 problem+json, nothing read or recorded.
    const bad = await admin.request('GET', `/api/unit-api/v1/subjects/${COMPANY}`, undefined, machine('cuk_not-a-key'));
    expect(bad.status).toBe(401);
    expect(bad.type).toContain('application/problem+json');
    expect(bad.body.title).toBe('接口密钥无效');
    const anonymous = await new Session(stack.baseUrl).request('GET', `/api/unit-api/v1/subjects/${COMPANY}`);
    expect(anonymous.status).toBe(401);
    expect(await stack.db.unitAccess.count()).toBe(2); // the malformed code and the bad keys read nothing

    // Feedback by key: a malformed body and a lifting of a measure in force change nothing.
    const malformed = await admin.request(
      'POST',
      '/api/unit-api/v1/feedback',
      { caseNumber, measureId: 'M-ADM-03', subjectCode: COMPANY, outcome: 'APPLIED', on: from },
      machine(key),
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'matter', code: 'feedback.matter' })]);
    const early = await admin.request(
      'POST',
      '/api/unit-api/v1/feedback',
      { caseNumber, measureId: 'M-ADM-03', subjectCode: COMPANY, outcome: 'LIFTED', on: from },
      machine(key),
    );
    expect(early.status).toBe(409);
    const foreign = await admin.request(
      'POST',
      '/api/unit-api/v1/feedback',
      { caseNumber, measureId: 'M-MKT-02', subjectCode: COMPANY, outcome: 'NOT_APPLICABLE', reason: '本单位不实施该项措施。' },
      machine(key),
    );
    expect(foreign.status).toBe(422);
    expect(await stack.db.executionFeedback.count()).toBe(0);
    // Time passes: the unit's acknowledgement and first feedback fall overdue, on its inbox, the
    // office's case page and its deadline watch.
    const past = new Date(Date.now() - 60_000);
    await stack.db.push.update({ where: { id: push.id }, data: { acknowledgeBy: past, feedbackBy: past } });
    const unit = new Session(stack.baseUrl);
    await unit.login('unit');
    const inbox = (
      (await unit.request('GET', '/api/pushes?pageSize=100')).body.rows as {
        id: string;
        acknowledgementOverdue: boolean;
        feedbackOverdue: boolean;
        targets: { measureId: string; subjectCode: string; latest: unknown }[];
      }[]
    ).find((p) => p.id === push.id)!;
    expect(inbox).toMatchObject({ acknowledgementOverdue: true, feedbackOverdue: true });
    const caseworker = new Session(stack.baseUrl);
    await caseworker.login('caseworker');
    const watch = (await caseworker.request('GET', '/api/deadlines/units?pageSize=100')).body.rows as {
      pushId: string;
      kind: string;
      overdue: boolean;
    }[];
    expect(watch.filter((w) => w.pushId === push.id)).toEqual([
      expect.objectContaining({ kind: 'ACKNOWLEDGEMENT', overdue: true }),
      expect.objectContaining({ kind: 'FIRST_FEEDBACK', overdue: true }),
    ]);

    const applied = await admin.request(
      'POST',
      '/api/unit-api/v1/feedback',
      {
        caseNumber,
        measureId: 'M-ADM-03',
        subjectCode: COMPANY,
        outcome: 'APPLIED',
        on: from,
        matter: '2026年度双随机抽查中列为重点检查对象',
      },
      machine(key),
    );
    expect(applied.status).toBe(201);
    expect(applied.body).toMatchObject({ outcome: 'APPLIED', byApiKey: true });

    // The unit acknowledges and gives feedback on the rest in its inbox: the deadlines are met (late).
    expect((await unit.request('POST', `/api/pushes/${push.id}/acknowledge`)).status).toBe(200);
    for (const t of inbox.targets.filter((t) => !(t.measureId === 'M-ADM-03' && t.subjectCode === COMPANY))) {
      const res = await unit.request('POST', `/api/pushes/${push.id}/feedback`, {
        measureId: t.measureId,
        subjectCode: t.subjectCode,
        outcome: 'NOT_APPLICABLE',
        reason: '本期内该主体未向本单位申请相关事项。',
      });
      expect(res.status).toBe(201);
    }
    expect((await stack.db.push.findUniqueOrThrow({ where: { id: push.id } })).feedbackDoneAt).not.toBeNull();
    expect(
      ((await caseworker.request('GET', '/api/deadlines/units?pageSize=100')).body.rows as { pushId: string }[]).some(
        (w) => w.pushId === push.id,
      ),
    ).toBe(false);
    const execution = (await caseworker.request('GET', `/api/cases/${listed.id}/execution`)).body as {
      department: string;
      pushes: unknown[];
      targets: { measureId: string; subjectCode: string; latest: { outcome: string; matter: string | null } }[];
    }[];
    const samrView = execution.find((u) => u.department === '市市场监督管理局')!;
    expect(samrView.targets.find((t) => t.measureId === 'M-ADM-03' && t.subjectCode === COMPANY)!.latest).toMatchObject({
      outcome: 'APPLIED',
      matter: '2026年度双随机抽查中列为重点检查对象',
    });
    const events = (await caseworker.request('GET', `/api/cases/${listed.id}`)).body.events as { action: string }[];
    expect(events.filter((e) => e.action === 'EXECUTION_FEEDBACK').length).toBe(inbox.targets.length);

    // The party sees the measure on it in force; removed, it sees it lifted, and the unit reports the lifting.
    const party = new Session(stack.baseUrl);
    await party.login('party');
    expect(
      ((await party.request('GET', `/api/cases/${listed.id}/my-measures`)).body as { measureId: string; standing: string }[]).find(
        (m) => m.measureId === 'M-ADM-03',
      ),
    ).toMatchObject({ standing: 'IN_FORCE' });
    const supervisor = new Session(stack.baseUrl);
    await supervisor.login('supervisor');
    expect((await supervisor.step(listed.id, 'removal', { reason: '当事人已履行全部义务，经集体研究决定提前移出。' })).status).toBe(200);
    await expect
      .poll(
        async () => (await stack.db.push.findFirst({ where: { caseId: listed.id, kind: 'REMOVAL', departmentId: samr.id } }))?.feedbackBy,
        { timeout: 20_000 },
      )
      .toBeTruthy();
    const lifted = await admin.request(
      'POST',
      '/api/unit-api/v1/feedback',
      { caseNumber, measureId: 'M-ADM-03', subjectCode: COMPANY, outcome: 'LIFTED', on: shanghaiDate(new Date()) },
      machine(key),
    );
    expect(lifted.status).toBe(201);
    expect(
      (await stack.db.push.findFirstOrThrow({ where: { caseId: listed.id, kind: 'REMOVAL', departmentId: samr.id } })).feedbackDoneAt,
    ).not.toBeNull();
    const mine = (
      (await party.request('GET', `/api/cases/${listed.id}/my-measures`)).body as {
        measureId: string;
        standing: string;
        liftedByUnitOn: string | null;
      }[]
    ).find((m) => m.measureId === 'M-ADM-03');
    expect(mine).toMatchObject({ standing: 'LIFTED' });
    expect(mine!.liftedByUnitOn).not.toBeNull();
    // The removal reached the webhook too.
    await expect.poll(() => [...receiver.processed.values()].some((p) => p.event === 'REMOVAL'), { timeout: 30_000 }).toBe(true);

    // Revoked, the key is refused and changes nothing.
    expect((await admin.request('DELETE', `/api/units/${samr.id}/api-keys/${stored.id}`)).status).toBe(200);
    const before = await stack.db.unitAccess.count();
    const revoked = await admin.request('GET', `/api/unit-api/v1/subjects/${COMPANY}`, undefined, machine(key));
    expect(revoked.status).toBe(401);
    expect(revoked.body.title).toBe('接口密钥已被吊销');
    const revokedPost = await admin.request(
      'POST',
      '/api/unit-api/v1/feedback',
      { caseNumber, measureId: 'M-ADM-03', subjectCode: COMPANY, outcome: 'NOT_APPLICABLE', reason: '吊销后的请求不应被接受。' },
      machine(key),
    );
    expect(revokedPost.status).toBe(401);
    expect(await stack.db.unitAccess.count()).toBe(before);
  }, 180_000);

  it("keeps an overdue unit deadline first on the office's watch, and pages every open one with their total", async () => {
    // On the case filed by the test above (the watch reads pushes on the office's cases, whatever their state).
    const c = await stack.db.case.findFirstOrThrow({ orderBy: { createdAt: 'asc' } });
    const other = await stack.db.department.findFirstOrThrow({ where: { code: { not: 'SAMR' }, measures: { some: {} } } });
    const soon = new Date(Date.now() + 5 * 86_400_000);
    // 600 pushes still within their time, then one pushed long ago whose acknowledgement is overdue.
    await stack.db.push.createMany({
      data: Array.from({ length: 600 }, (_v, i) => ({
        caseId: c.id,
        departmentId: other.id,
        kind: 'LISTING' as const,
        reference: `bulk-${i}`,
        measureIds: [],
        pushedAt: new Date(),
        acknowledgeBy: soon,
      })),
    });
    const old = await stack.db.push.create({
      data: {
        caseId: c.id,
        departmentId: other.id,
        kind: 'LISTING',
        reference: 'overdue',
        measureIds: [],
        pushedAt: new Date(Date.now() - 20 * 86_400_000),
        acknowledgeBy: new Date(Date.now() - 10 * 86_400_000),
      },
    });
    const caseworker = new Session(stack.baseUrl);
    await caseworker.login('caseworker');
    const watch = (await caseworker.request('GET', '/api/deadlines/units?pageSize=100')).body as {
      total: number;
      rows: { pushId: string; overdue: boolean }[];
    };
    expect(watch.rows[0]).toMatchObject({ pushId: old.id, overdue: true });
    // Every open one counted and on a page of its own: none left off unsaid.
    expect(watch.total).toBeGreaterThanOrEqual(601);
    const last = (await caseworker.request('GET', `/api/deadlines/units?pageSize=100&page=${Math.ceil(watch.total / 100)}`)).body;
    expect(last.rows).toHaveLength(watch.total % 100 || 100);
    // Gone again, so that the calendar corrections below hand no made-up pushes to follow-ups.
    await stack.db.push.deleteMany({ where: { caseId: c.id, OR: [{ reference: { startsWith: 'bulk-' } }, { id: old.id }] } });
  });

  it('starts a delivery left unstarted (the worker stopped between the push and its start) when the sweep runs', async () => {
    const { samr, caseId, push: pushed } = await samrCase();
    const push = await stack.db.push.create({ data: pushed({ kind: 'CORRECTION', reference: 'sweep', pushedAt: new Date() }) });
    const body = JSON.stringify({ event: 'CORRECTION', caseId, correction: '补推：信息更正' });
    const delivery = await stack.db.webhookDelivery.create({
      data: { pushId: push.id, departmentId: samr.id, event: 'CORRECTION', url: receiver.url, body, createdAt: new Date() },
    });
    await startPendingWorkflows(stack.db, stack.temporal);
    await expect.poll(() => receiver.processed.has(delivery.id), { timeout: 30_000 }).toBe(true);
    await expect
      .poll(() => stack.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } }).then((d) => d.status), { timeout: 30_000 })
      .toBe('DELIVERED');
  }, 60_000);

  it('hands over a whole backlog in one sweep, page after page, not a page a minute', async () => {
    // 250 pushes whose follow-ups were never started (a worker stopped in a night of removals).
    const { caseId, push } = await samrCase();
    await stack.db.push.createMany({
      data: Array.from({ length: 250 }, (_v, i) => push({ kind: 'CORRECTION', reference: `backlog-${i}`, pushedAt: new Date() })),
    });
    const waiting = () => stack.db.push.count({ where: { reference: { startsWith: 'backlog-' }, watchStartedAt: null } });
    expect(await waiting()).toBe(250);
    await sweepOutbox(stack.db, stack.temporal);
    expect(await waiting()).toBe(0);
    const handle = stack.temporal.workflow.getHandle(pushFollowUpWorkflowId({ caseId, kind: 'CORRECTION', reference: 'backlog-249' }));
    expect((await handle.describe()).type).toBe('pushFollowUpWorkflow');
  }, 120_000);

  it("moves a unit's open deadline when the administrator enters a holiday inside it", async () => {
    const { push: pushed } = await samrCase();
    // A push made on Monday 7 December 2026: acknowledgement in three working days, 24:00 on Thursday 10 December.
    const push = await stack.db.push.create({
      data: pushed({
        kind: 'RESUMPTION',
        reference: 'calendar',
        pushedAt: new Date('2026-12-07T02:00:00Z'),
        acknowledgeBy: new Date('2026-12-10T16:00:00Z'),
      }),
    });
    expect((await save2026([{ date: '2026-12-09', kind: 'HOLIDAY', name: '临时放假' }])).status).toBe(200);
    // Wednesday 9 December is off now: the third working day is Friday 11 December.
    // (Moved by the calendar correction's workflow: the answer waits for it only so long.)
    await expect
      .poll(async () => (await stack.db.push.findUniqueOrThrow({ where: { id: push.id } })).acknowledgeBy, { timeout: 30_000 })
      .toEqual(new Date('2026-12-11T16:00:00Z'));
  }, 60_000);

  it("marks a unit overdue at once when a calendar correction moves its deadline into the past, not when the old deadline's timer fires", async () => {
    const { samr, push: pushed } = await samrCase();
    // A push of Monday 2 November 2026 whose acknowledgement was counted on a calendar that ran
    // far ahead (a long holiday entered by mistake), handed over to its follow-up long since: only
    // the correction can hand it on again.
    const push = await stack.db.push.create({
      data: pushed({
        kind: 'RESUMPTION',
        reference: 'calendar-earlier',
        pushedAt: new Date('2026-11-02T02:00:00Z'),
        acknowledgeBy: new Date('2026-12-31T16:00:00Z'),
        watchStartedAt: new Date(),
      }),
    });
    expect((await save2026()).status).toBe(200);
    // Counted again, the third working day is Thursday 5 November: long past, so the unit is
    // overdue from then, recorded now rather than on 31 December.
    await expect
      .poll(async () => stack.db.push.findUniqueOrThrow({ where: { id: push.id } }), { timeout: 30_000 })
      .toMatchObject({ acknowledgeBy: new Date('2026-11-05T16:00:00Z'), acknowledgementOverdueAt: new Date('2026-11-05T16:00:00Z') });
    const overdue = await stack.db.caseEvent.findFirstOrThrow({ where: { stepKey: `unit-overdue-${push.id}-ACKNOWLEDGEMENT` } });
    expect(overdue).toMatchObject({ action: 'UNIT_DEADLINE_OVERDUE', at: new Date('2026-11-05T16:00:00Z') });
    expect(overdue.detail).toMatchObject({ department: samr.name, deadline: 'ACKNOWLEDGEMENT', due: '2026-11-05' });
  }, 60_000);

  it("delivers a listing to every unit's system by one workflow for the push, a unit whose system is down holding up no other", async () => {
    // Every other unit's system answers at once; SAMR's (the receiver above) is down, then loses an answer.
    const quick = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200).end());
    });
    await new Promise<void>((resolve) => quick.listen(0, '127.0.0.1', resolve));
    try {
      const admin = new Session(stack.baseUrl);
      await admin.login('admin');
      const units = (await admin.request('GET', '/api/units')).body as { id: string; code: string }[];
      for (const u of units.filter((u) => u.code !== 'SAMR')) {
        const url = `http://127.0.0.1:${(quick.address() as { port: number }).port}/credit-events`;
        expect((await admin.request('PUT', `/api/units/${u.id}/webhook`, { url })).status).toBe(200);
      }
      const listed = await fileListed(
        stack.baseUrl,
        designationForm({ basis: { ...designationForm().basis, number: '市税稽罚〔2026〕99号' } }),
      );
      const pushes = await stack.db.push.findMany({ where: { caseId: listed.id, kind: 'LISTING' }, include: { department: true } });
      expect(pushes.length).toBeGreaterThan(1);
      const delivered = () =>
        stack.db.webhookDelivery.findMany({
          where: { pushId: { in: pushes.map((p) => p.id) } },
          include: { attempts: true, department: true },
        });
      await expect.poll(async () => (await delivered()).map((d) => d.status), { timeout: 30_000 }).toEqual(pushes.map(() => 'DELIVERED'));
      const deliveries = await delivered();
      const samr = deliveries.find((d) => d.department.code === 'SAMR')!;
      expect(samr.attempts).toHaveLength(3);
      for (const other of deliveries.filter((d) => d !== samr)) {
        expect(other.attempts).toHaveLength(1);
        expect(other.deliveredAt!.getTime()).toBeLessThan(samr.deliveredAt!.getTime());
      }
      // One workflow for the push and all its units; none of its own per delivery or per unit.
      const followUp = stack.temporal.workflow.getHandle(pushFollowUpWorkflowId({ caseId: listed.id, kind: 'LISTING', reference: '' }));
      expect((await followUp.describe()).type).toBe('pushFollowUpWorkflow');
      await expect(stack.temporal.workflow.getHandle(webhookWorkflowId(samr.id)).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
      await expect(stack.temporal.workflow.getHandle(unitDeadlinesWorkflowId(pushes[0]!.id)).describe()).rejects.toBeInstanceOf(
        WorkflowNotFoundError,
      );
    } finally {
      await new Promise((r) => quick.close(r));
    }
  }, 60_000);
});
