// What a push asks of a cooperating unit, and how its own system hears of it. Each push carries the
// unit's deadlines (acknowledgement; first feedback on a listing; lifting after a suspension or
// removal — policy values in working days from the push), and, where the unit has a webhook, a
// delivery written in the same transaction (an outbox): after the commit, one workflow per push
// (workflows/push-follow-up.ts) sends each unit's, with retries of its own, so a unit's system
// being down never holds up the case, and keeps the units' deadlines.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHmac, randomUUID } from 'node:crypto';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { TASK_QUEUE } from '../domain/procedure';
import { pushesRecorded } from '../workflows/messages';
import { addWorkingDays, shanghaiDate, type WorkingDayCalendar } from '../domain/workdays';
import { recordSystemEvent } from './audit';
import { loadCalendar, withYearReplaced } from './calendar';
import type { CalendarYearInput } from '../domain/schemas';
import type { Db } from './db';
import type { PushKind, Prisma } from '../generated/prisma/client';

/** The deadline a push sets for feedback: the first feedback on a listing, the lifting after a suspension or removal. */
export const FEEDBACK_DUE: Partial<Record<PushKind, 'unitFeedbackWorkingDays' | 'unitLiftingWorkingDays'>> = {
  LISTING: 'unitFeedbackWorkingDays',
  SUSPENSION: 'unitLiftingWorkingDays',
  REMOVAL: 'unitLiftingWorkingDays',
};

/**
 * The pushes an activity's transactions recorded (or, on a retry, found recorded): their deadline
 * watches and webhook deliveries are started once it has committed.
 */
export interface Outbox {
  pushes: string[];
}
/**
 * The outbox of the activity running now (activities/index.ts): after it commits, only what it wrote
 * is started — not a look through the whole outbox after every activity (three queries each, most
 * finding nothing). What a crash left unstarted is the worker's sweep's.
 */
export const collectingOutbox = new AsyncLocalStorage<Outbox>();

/**
 * The working-day calendar from a year on, read once per year however many pushes ask for it;
 * with `proposed` (a year not yet saved), as it would be were that saved.
 */
function calendarsOf(db: Db | Prisma.TransactionClient, proposed?: CalendarYearInput) {
  const years = new Map<number, Promise<WorkingDayCalendar>>();
  return (year: number) => {
    let calendar = years.get(year);
    if (!calendar) {
      const stored = loadCalendar(db as Db, year);
      years.set(year, (calendar = proposed ? stored.then((c) => withYearReplaced(c, proposed)) : stored));
    }
    return calendar;
  };
}

/** The same, once per transaction however many pushes it records. */
const calendarsOfTx = new WeakMap<object, ReturnType<typeof calendarsOf>>();
function calendarIn(tx: Prisma.TransactionClient, year: number) {
  let read = calendarsOfTx.get(tx);
  if (!read) calendarsOfTx.set(tx, (read = calendarsOf(tx)));
  return read(year);
}

/** What one push tells one unit (each unit once in a call): the measures of the listing it implements. */
export interface PushTo {
  departmentId: string;
  measureIds: string[];
}

/**
 * Records a push to each of the units (idempotent by case, unit, kind and reference) with the unit's
 * deadlines, and its webhook delivery where it has one. One query per kind of row for all the units,
 * not one per unit: a removal tells every unit in a handful of round trips.
 */
export async function recordPushes(
  tx: Prisma.TransactionClient,
  p: { caseId: string; kind: PushKind; reference: string; at: Date; units: readonly PushTo[] },
): Promise<void> {
  const outbox = collectingOutbox.getStore();
  const key = { caseId: p.caseId, kind: p.kind, reference: p.reference };
  const recorded = await tx.push.findMany({
    where: { ...key, departmentId: { in: p.units.map((u) => u.departmentId) } },
    select: { id: true, departmentId: true },
  });
  // A retry after a commit whose workflows were never started (a crash between): started now.
  for (const r of recorded) outbox?.pushes.push(r.id);
  const done = new Set(recorded.map((r) => r.departmentId));
  const units = p.units.filter((u) => !done.has(u.departmentId));
  if (units.length === 0) return;
  const { policy, ...kase } = await tx.case.findUniqueOrThrow({
    where: { id: p.caseId },
    select: { policy: true, caseNumber: true, subjectCode: true, subjectName: true, subjectType: true, listType: true, tier: true },
  });
  const from = shanghaiDate(p.at);
  const calendar = await calendarIn(tx, Number(from.slice(0, 4)));
  const due = (days: number) => addWorkingDays(calendar, from, days).endsAt;
  const feedbackTerm = FEEDBACK_DUE[p.kind];
  // A lifting is due only where the unit has applied something to lift.
  const applied =
    feedbackTerm === 'unitLiftingWorkingDays'
      ? await appliedByUnit(
          tx,
          p.caseId,
          units.map((u) => u.departmentId),
        )
      : null;
  const pushes = await tx.push.createManyAndReturn({
    data: units.map((u) => ({
      ...key,
      departmentId: u.departmentId,
      measureIds: u.measureIds,
      pushedAt: p.at,
      acknowledgeBy: due(policy.unitAcknowledgementWorkingDays),
      feedbackBy: feedbackTerm && (!applied || applied.get(u.departmentId)?.length) ? due(policy[feedbackTerm]) : null,
    })),
    select: { id: true, departmentId: true },
  });
  for (const push of pushes) outbox?.pushes.push(push.id);
  const hooks = await tx.unitWebhook.findMany({ where: { departmentId: { in: units.map((u) => u.departmentId) }, active: true } });
  if (hooks.length === 0) return;
  const measures = await tx.caseMeasure.findMany({
    where: { caseId: p.caseId, measureId: { in: [...new Set(units.flatMap((u) => u.measureIds))] } },
    include: { measure: { select: { content: true } } },
  });
  await tx.webhookDelivery.createMany({
    data: hooks.map((hook) => {
      const unit = units.find((u) => u.departmentId === hook.departmentId)!;
      const push = pushes.find((x) => x.departmentId === hook.departmentId)!;
      const id = randomUUID();
      const body = JSON.stringify({
        deliveryId: id,
        event: p.kind,
        occurredAt: p.at.toISOString(),
        pushId: push.id,
        reference: p.reference,
        case: kase,
        measures: measures
          .filter((m) => unit.measureIds.includes(m.measureId))
          .map((m) => ({
            measureId: m.measureId,
            content: m.measure.content,
            subjectCode: m.subjectCode,
            liftedAt: m.liftedAt,
          })),
      });
      return { id, pushId: push.id, departmentId: hook.departmentId, event: p.kind, url: hook.url, body, createdAt: p.at };
    }),
  });
}

/** For each unit, the (measure, subject) pairs whose latest feedback from it says the measure is applied. */
async function appliedByUnit(tx: Prisma.TransactionClient, caseId: string, departmentIds: readonly string[]) {
  const rows = await tx.executionFeedback.findMany({
    where: { caseId, departmentId: { in: [...departmentIds] } },
    orderBy: { recordedAt: 'asc' },
  });
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) latest.set(`${r.departmentId}|${r.measureId}|${r.subjectCode}`, r);
  const applied = new Map<string, (typeof rows)[number][]>(departmentIds.map((d) => [d, []]));
  for (const r of latest.values()) if (r.outcome === 'APPLIED') applied.get(r.departmentId)!.push(r);
  return applied;
}

/** The (measure, subject) pairs whose latest feedback from the unit says the measure is applied. */
export async function appliedNow(tx: Prisma.TransactionClient, caseId: string, departmentId: string) {
  return (await appliedByUnit(tx, caseId, [departmentId])).get(departmentId)!;
}

/**
 * Marks the unit's feedback deadlines on a case met once what they ask is done: on a listing, every
 * measure it implements has feedback on everyone it restrains (applied or not applicable); after a
 * suspension or removal, nothing it applied is left unlifted.
 */
export async function settleFeedback(tx: Prisma.TransactionClient, caseId: string, departmentId: string, at: Date): Promise<void> {
  const open = await tx.push.findMany({ where: { caseId, departmentId, feedbackBy: { not: null }, feedbackDoneAt: null } });
  if (open.length === 0) return;
  const feedback = await tx.executionFeedback.findMany({ where: { caseId, departmentId } });
  const applied = await appliedNow(tx, caseId, departmentId);
  for (const push of open) {
    let done: boolean;
    if (push.kind === 'LISTING') {
      const owed = await tx.caseMeasure.findMany({ where: { caseId, measureId: { in: push.measureIds } } });
      done = owed.every((m) =>
        feedback.some((f) => f.measureId === m.measureId && f.subjectCode === m.subjectCode && f.outcome !== 'LIFTED'),
      );
    } else {
      done = applied.length === 0;
    }
    if (done) await tx.push.update({ where: { id: push.id }, data: { feedbackDoneAt: at } });
  }
}

/**
 * The units' open deadlines counted again on the calendar as it now is (after an administrator
 * enters or corrects a year whose days they span): a deadline in working days follows the calendar,
 * as the office's own do. Answers the pushes moved (their ids). With `proposed` (a year not yet
 * saved), nothing is written: the answer is those that would move were it saved.
 */
export async function recomputeUnitDeadlines(db: Db, year: number, proposed?: CalendarYearInput): Promise<string[]> {
  const start = new Date(Date.UTC(year, 0, 1));
  const end = new Date(Date.UTC(year + 1, 0, 1));
  const open = await db.push.findMany({
    where: {
      pushedAt: { lt: end },
      OR: [
        { acknowledgedAt: null, acknowledgeBy: { gte: start } },
        { feedbackDoneAt: null, feedbackBy: { gte: start } },
      ],
    },
    include: { case: { select: { policy: true } } },
  });
  const moved: string[] = [];
  const calendarFrom = calendarsOf(db, proposed);
  for (const p of open) {
    const from = shanghaiDate(p.pushedAt);
    const calendar = await calendarFrom(Number(from.slice(0, 4)));
    const due = (days: number) => new Date(addWorkingDays(calendar, from, days).endsAt);
    const term = FEEDBACK_DUE[p.kind];
    const acknowledgeBy = p.acknowledgeBy && due(p.case.policy.unitAcknowledgementWorkingDays);
    const feedbackBy = p.feedbackBy && term ? due(p.case.policy[term]) : p.feedbackBy;
    if (acknowledgeBy?.getTime() === p.acknowledgeBy?.getTime() && feedbackBy?.getTime() === p.feedbackBy?.getTime()) continue;
    // Handed to its follow-up again (the outbox), which looks at its deadlines anew: one moved
    // earlier is kept at its new time, or marked overdue at once if that has passed, rather than
    // when the timer set for the old one fires.
    if (!proposed) await db.push.update({ where: { id: p.id }, data: { acknowledgeBy, feedbackBy, watchStartedAt: null } });
    moved.push(p.id);
  }
  return moved;
}

/**
 * A push as its units hear of it: a listing, suspension, resumption, correction or removal of one
 * case (and the matter it concerns), told to every unit concerned at once (recordPushes).
 */
export interface PushEvent {
  caseId: string;
  kind: PushKind;
  reference: string;
}
/** The workflow that delivers a push's webhooks and keeps its units' deadlines (workflows/push-follow-up.ts). */
export const pushFollowUpWorkflowId = (p: PushEvent) => `push-${p.kind}-${p.caseId}${p.reference ? `-${p.reference}` : ''}`;
/** The workflow that delivers one webhook (workflows/webhook.ts), as deliveries were started before. */
export const webhookWorkflowId = (deliveryId: string) => `webhook-${deliveryId}`;
/** The workflow that kept one push's deadlines (workflows/unit-deadlines.ts), as they were started before. */
export const unitDeadlinesWorkflowId = (pushId: string) => `unit-deadlines-${pushId}`;
/** The workflow that delivers one calendar change to the running cases (workflows/calendar-correction.ts). */
export const calendarCorrectionWorkflowId = (changeId: string) => `calendar-change-${changeId}`;

/** How many pushes (and calendar changes) startPendingWorkflows hands over in one call. */
const OUTBOX_PAGE = 100;

/**
 * Starts the follow-up of every push whose webhook deliveries or deadline watch were written but
 * not yet started, and every calendar change not yet started — or, with `only`, of the pushes an
 * activity wrote (after it commits). One workflow per push, for all its units: signalled with the
 * deliveries to make and to look at the deadlines again if it is already running (a unit added to
 * the push later), started anew if it has ended.
 * The worker's sweep (with its own client) looks through the whole outbox when it starts and every
 * minute: one left unstarted by a crash is started then.
 */
export async function startPendingWorkflows(db: Db, given?: Client, only?: Outbox): Promise<{ full: boolean }> {
  const none = { full: false };
  if (only?.pushes.length === 0) return none;
  let client: Client;
  try {
    client = given ?? (Context.current().client as Client);
  } catch {
    return none; // not inside a worker's activity (a test calling an activity directly)
  }
  const event = { select: { caseId: true, kind: true, reference: true } } as const;
  const [deliveries, watches] = await Promise.all([
    db.webhookDelivery.findMany({
      where: { startedAt: null, ...(only && { pushId: { in: only.pushes } }) },
      take: OUTBOX_PAGE,
      select: { id: true, push: event },
    }),
    db.push.findMany({
      where: { watchStartedAt: null, ...(only && { id: { in: only.pushes } }) },
      take: OUTBOX_PAGE,
      select: { id: true, caseId: true, kind: true, reference: true },
    }),
  ]);
  const events = new Map<string, { push: PushEvent; deliveries: string[]; watches: string[] }>();
  const of = (push: PushEvent) => {
    const id = pushFollowUpWorkflowId(push);
    let e = events.get(id);
    if (!e)
      events.set(id, (e = { push: { caseId: push.caseId, kind: push.kind, reference: push.reference }, deliveries: [], watches: [] }));
    return e;
  };
  for (const d of deliveries) of(d.push).deliveries.push(d.id);
  for (const w of watches) of(w).watches.push(w.id);
  for (const [workflowId, e] of events) {
    await client.workflow.signalWithStart('pushFollowUpWorkflow', {
      taskQueue: TASK_QUEUE,
      workflowId,
      args: [e.push],
      signal: pushesRecorded,
      signalArgs: [e.deliveries],
    });
    const now = new Date();
    if (e.deliveries.length) await db.webhookDelivery.updateMany({ where: { id: { in: e.deliveries } }, data: { startedAt: now } });
    if (e.watches.length) await db.push.updateMany({ where: { id: { in: e.watches } }, data: { watchStartedAt: now } });
  }
  const full = deliveries.length === OUTBOX_PAGE || watches.length === OUTBOX_PAGE;
  if (only) return { full }; // a calendar change is written by the API, which starts it
  const changes = await db.calendarChange.findMany({ where: { startedAt: null }, take: OUTBOX_PAGE, select: { id: true, year: true } });
  for (const { id, year } of changes) {
    try {
      await client.workflow.start('calendarCorrectionWorkflow', {
        taskQueue: TASK_QUEUE,
        workflowId: calendarCorrectionWorkflowId(id),
        args: [{ changeId: id, year }],
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err; // started once: one workflow id each
    }
    await db.calendarChange.update({ where: { id }, data: { startedAt: new Date() } });
  }
  return { full: full || changes.length === OUTBOX_PAGE };
}

/**
 * startPendingWorkflows page after page while pages come back full, for up to `budgetMs` (the
 * worker's next sweep takes up the rest): the worker's sweep of the whole outbox — not one page a
 * sweep, which after a worker stopped in a night of removals would have handed 40,000 deliveries
 * over at 100 a minute — or, with `only`, every push a calendar correction moved.
 */
export async function sweepOutbox(db: Db, client?: Client, only?: Outbox, budgetMs = 50_000): Promise<void> {
  const until = Date.now() + budgetMs;
  for (let more = true; more && Date.now() < until;) more = (await startPendingWorkflows(db, client, only)).full;
}

/**
 * The deadlines of the pushes `where` finds, as of `at`: each passed undone recorded as overdue, once,
 * as of the instant it passed (24:00 of its last day), not the moment the timer woke. Answers the
 * next one still to come, or null.
 */
async function keepDeadlines(db: Db, where: Prisma.PushWhereInput, at: Date): Promise<{ nextAt: string } | null> {
  const pushes = await db.push.findMany({ where, include: { department: { select: { name: true } } } });
  let next: Date | null = null;
  for (const p of pushes) {
    const open = [
      p.status === 'PENDING' && p.acknowledgeBy && !p.acknowledgementOverdueAt
        ? { kind: 'ACKNOWLEDGEMENT' as const, due: p.acknowledgeBy, field: 'acknowledgementOverdueAt' as const }
        : null,
      !p.feedbackDoneAt && p.feedbackBy && !p.feedbackOverdueAt
        ? {
            kind: p.kind === 'LISTING' ? ('FIRST_FEEDBACK' as const) : ('LIFTING' as const),
            due: p.feedbackBy,
            field: 'feedbackOverdueAt' as const,
          }
        : null,
    ].filter((d) => d !== null);
    const passed = open.filter((d) => d.due <= at);
    // Each unit's marks in a transaction of its own: one unit's trouble holds up no other's.
    if (passed.length) {
      await db.$transaction(async (tx) => {
        for (const d of passed) {
          await tx.push.update({ where: { id: p.id }, data: { [d.field]: d.due } });
          await recordSystemEvent(tx, p.caseId, `unit-overdue-${p.id}-${d.kind}`, d.due, 'UNIT_DEADLINE_OVERDUE', {
            department: p.department.name,
            deadline: d.kind,
            due: shanghaiDate(new Date(d.due.getTime() - 1)), // the last day: the deadline is 24:00 of it
            pushKind: p.kind,
          });
        }
      });
    }
    for (const d of open) if (d.due > at && (!next || d.due < next)) next = d.due;
  }
  return next ? { nextAt: next.toISOString() } : null;
}

/**
 * The pushes of one push event, named field by field: a workflow's input that lacked one would
 * otherwise widen the filter to every case (Prisma drops an undefined condition).
 */
function pushWhere(p: PushEvent): Prisma.PushWhereInput {
  for (const field of ['caseId', 'kind', 'reference'] as const) {
    if (typeof p[field] !== 'string') {
      throw ApplicationFailure.create({ type: 'BAD_PUSH_EVENT', message: `push event without ${field}`, nonRetryable: true });
    }
  }
  return { caseId: p.caseId, kind: p.kind, reference: p.reference };
}

export function createUnitDeadlineActivities(db: Db) {
  return {
    /**
     * A push's deadlines as of `at` (the workflow's clock): each passed undone is recorded as
     * overdue, once, on the push and in the case's timeline. Answers the next one still to come —
     * read again each time, so a deadline the calendar moved is kept where it now is — or null.
     * (The workflow of one push, started before a push's units shared one: workflows/unit-deadlines.ts.)
     */
    keepUnitDeadlines: (args: { pushId: string; at: string }) => keepDeadlines(db, { id: args.pushId }, new Date(args.at)),

    /** The same for every unit a push told (workflows/push-follow-up.ts). */
    keepPushDeadlines: (args: { push: PushEvent; at: string }) => keepDeadlines(db, pushWhere(args.push), new Date(args.at)),
  };
}

/** The signature a receiver checks: HMAC-SHA256 under the unit's secret over `${timestamp}.${body}`. */
export const signWebhook = (secret: string, timestamp: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

const DELIVERY_TIMEOUT_MS = 10_000;

export function createWebhookActivities(db: Db) {
  return {
    /**
     * One attempt at a delivery, recorded whatever its outcome; a refusal or failure throws, and the
     * workflow's retry policy tries again later with the same delivery id.
     */
    async deliverWebhook(deliveryId: string): Promise<void> {
      // The delivery and its unit's webhook as it stands now (a secret rotated since is the one signed with), in one query.
      const { department, ...delivery } = await db.webhookDelivery.findUniqueOrThrow({
        where: { id: deliveryId },
        include: { department: { select: { webhook: true } } },
      });
      if (delivery.status === 'DELIVERED') return;
      const hook = department.webhook;
      let attempt = 1;
      try {
        attempt = Context.current().info.attempt;
      } catch {
        // outside a worker
      }
      const started = Date.now();
      const timestamp = String(Math.floor(started / 1000));
      let statusCode: number | null = null;
      let error: string | null = null;
      if (!hook?.active) {
        error = 'the unit has no active webhook';
      } else {
        try {
          const res = await fetch(hook.url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-credit-delivery': delivery.id,
              'x-credit-event': delivery.event,
              'x-credit-timestamp': timestamp,
              'x-credit-signature': signWebhook(hook.secret, timestamp, delivery.body),
            },
            body: delivery.body,
            redirect: 'manual',
            signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
          });
          statusCode = res.status;
          await res.body?.cancel();
          if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
        } catch (err) {
          error = String((err as Error)?.cause ?? (err as Error)?.message ?? err).slice(0, 500);
        }
      }
      const at = new Date();
      const durationMs = Date.now() - started;
      const recorded = db.webhookAttempt.upsert({
        where: { deliveryId_attempt: { deliveryId, attempt } },
        create: { deliveryId, attempt, at, statusCode, error, durationMs },
        update: { at, statusCode, error, durationMs },
      });
      if (error) {
        await recorded;
        throw ApplicationFailure.retryable(`delivery ${deliveryId} attempt ${attempt}: ${error}`, 'WEBHOOK_REFUSED');
      }
      // Delivered: the attempt and the delivery's mark in one transaction.
      await db.$transaction([
        recorded,
        db.webhookDelivery.update({ where: { id: deliveryId }, data: { status: 'DELIVERED', deliveredAt: at } }),
      ]);
    },

    /** The retries are spent: the delivery stays on record as failed, for the administrator to see. */
    async markWebhookFailed(deliveryId: string): Promise<void> {
      await db.webhookDelivery.updateMany({ where: { id: deliveryId, status: 'PENDING' }, data: { status: 'FAILED' } });
    },
  };
}
