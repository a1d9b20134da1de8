// 查询使用登记 (001 §(八)2): every read of a subject's record is written to the access log — who (a
// user with their role and department, a unit's API key, or the public), what (the route's kind and
// the case, subject or document read, or the list and its query), why (查询事由), from which address,
// when, and whether it was answered or refused. One mechanism for every reading route: `endpoint()`
// mounts `accessLogged()` before the route's own checks wherever the route declares `access`, so a
// refusal by role, department, key or rate is recorded as a read is. The entry is written after the
// answer has gone (one insert a batch), retried until it is written, and said on stderr while it
// cannot be; the database chains it (prisma/migrations/20270103000000_access_log).
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Db } from '../activities/db';
import { PURPOSE_HEADER, PURPOSE_ROLES, parsePurposeHeader, type AccessActor, type AccessKind, type GivenPurpose } from '../domain/access';
import type { Prisma } from '../generated/prisma/client';
import { Problem, say } from './problem';

/** What a reading route declares: what it reads, which of its parameters name it, and whether it may be a person's record. */
export interface AccessSpec {
  kind: AccessKind;
  /** The route's parameters that name the case, the subject and the document read (e.g. { case: 'id' }). */
  target?: { case?: string; subject?: string; document?: string };
  /** The record may be a natural person's: the handler asks `requirePurpose` once it knows. */
  personal?: true;
}

/** What the handler learnt of the record read: the case and its subject. */
export interface AccessNoted {
  caseId?: string;
  caseNumber?: string;
  subjectCode?: string;
  subjectName?: string;
  subjectType?: string;
}

/** Notes what was read, for the log: the case's number, the subject's code, name and type. */
export function noteAccess(res: Response, noted: AccessNoted): void {
  res.locals.accessNoted = { ...(res.locals.accessNoted as AccessNoted | undefined), ...noted };
}

/** The purpose given with this read (X-Access-Purpose), if any. */
export const purposeOf = (res: Response): GivenPurpose | undefined => res.locals.accessPurpose as GivenPurpose | undefined;

/**
 * Refuses a staff read of a natural person's record that does not say why (400, code
 * PURPOSE_REQUIRED, the header named as the missing field): nothing of the record is answered.
 */
export function requirePurpose(req: Request, res: Response, person: boolean): void {
  const user = req.user;
  if (!person || !user || !PURPOSE_ROLES.includes(user.role) || purposeOf(res)) return;
  // The record named as the user asked for it: a case by its number (not its subject's ID number).
  const noted = (res.locals.accessNoted as AccessNoted | undefined) ?? {};
  throw new Problem(400, say(req, 'purposeRequired'), say(req, 'purposeRequiredDetail'), {
    code: 'PURPOSE_REQUIRED',
    record: noted.caseNumber ? { caseNumber: noted.caseNumber } : { subjectCode: noted.subjectCode },
    errors: [{ field: PURPOSE_HEADER, code: 'purpose.required', message: say(req, 'purposeRequired') }],
  });
}

const PURPOSE_PROBLEMS = {
  'purpose.noteRequired': 'purposeNoteRequired',
  'purpose.tooLong': 'purposeTooLong',
} as const;

type Entry = Prisma.AccessLogCreateManyInput;

/** The client's address as its socket (or a trusted proxy, with Express's `trust proxy`) gives it. */
const addressOf = (req: Request) => (req.ip ?? req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');

/** The middleware of one reading route: it records the request once it has been answered or refused. */
export function accessLogged(spec: AccessSpec): RequestHandler {
  const logged = (req: Request, res: Response, next: NextFunction) => {
    const writer = req.app.locals.accessLog as AccessLogWriter | undefined;
    if (!writer) return next(new Error('no access log writer: createApp installs one'));
    // What was asked, as the route saw it (a refusal leaves the route: Express forgets its parameters).
    const asked: Asked = { at: new Date(), path: req.baseUrl + req.path, params: { ...req.params } as Record<string, string> };
    let written = false;
    const write = () => {
      if (written) return;
      written = true;
      writer.record(entryOf(req, res, spec, asked));
    };
    res.once('finish', write);
    // A client gone before the answer ended: recorded all the same, with the status it was being sent.
    res.once('close', write);
    if (writer.backlog > MAX_BACKLOG) return next(new Problem(503, say(req, 'accessLogUnavailable')));
    const raw = req.get(PURPOSE_HEADER);
    if (raw !== undefined) {
      const p = parsePurposeHeader(raw);
      if (!p.ok) {
        const key = PURPOSE_PROBLEMS[p.code as keyof typeof PURPOSE_PROBLEMS] ?? 'purposeUnreadable';
        return next(
          new Problem(400, say(req, 'formErrors'), undefined, {
            code: 'PURPOSE_UNREADABLE',
            errors: [{ field: PURPOSE_HEADER, code: p.code, message: say(req, key) }],
          }),
        );
      }
      res.locals.accessPurpose = p.value;
    }
    next();
  };
  return Object.assign(logged, { accessKind: spec.kind });
}

type Asked = { at: Date; path: string; params: Record<string, string> };

function entryOf(req: Request, res: Response, spec: AccessSpec, { at, path, params }: Asked): Entry {
  const user = req.user;
  const key = req.unitKey;
  const actorKind: AccessActor = user ? 'USER' : key ? 'UNIT_KEY' : 'PUBLIC';
  const param = (name?: string) => (name && typeof params[name] === 'string' ? params[name] : undefined);
  const noted = (res.locals.accessNoted as AccessNoted | undefined) ?? {};
  const purpose = purposeOf(res);
  const query = Object.keys(req.query).length > 0 ? (req.query as Prisma.InputJsonValue) : undefined;
  const subject = param(spec.target?.subject)?.trim().toUpperCase();
  return {
    at,
    actorKind,
    userId: user?.userId ?? null,
    username: user?.username ?? null,
    actorName: user?.name ?? key?.name ?? null,
    role: user?.role ?? (key ? 'COOPERATING_UNIT' : null),
    departmentId: user?.departmentId ?? key?.departmentId ?? null,
    departmentName: user?.departmentName ?? key?.departmentName ?? null,
    apiKeyId: key?.id ?? null,
    kind: spec.kind,
    method: req.method,
    path,
    caseId: noted.caseId ?? param(spec.target?.case) ?? null,
    caseNumber: noted.caseNumber ?? null,
    subjectCode: noted.subjectCode ?? subject ?? null,
    subjectName: noted.subjectName ?? null,
    subjectType: noted.subjectType ?? null,
    documentId: param(spec.target?.document) ?? null,
    query,
    purpose: purpose?.purpose ?? null,
    purposeNote: purpose?.note ?? null,
    address: addressOf(req),
    status: res.statusCode,
    outcome: res.statusCode < 400 ? 'ALLOWED' : 'REFUSED',
  };
}

/** Reads are refused (503) while this many entries wait to be written: no read goes unregistered. */
const MAX_BACKLOG = 5_000;
const BATCH = 500;

/**
 * Writes the log's entries after the answers have gone: those recorded in the same moment in one
 * insert, in the order recorded. A failed insert is retried (0.1 s, doubling to 30 s) and said on
 * stderr each time; `flush()` waits until every entry recorded so far is written.
 */
export class AccessLogWriter {
  private queue: Entry[] = [];
  private running: Promise<void> | null = null;
  constructor(private readonly db: Db) {}

  get backlog(): number {
    return this.queue.length;
  }

  record(entry: Entry): void {
    this.queue.push(entry);
    this.start();
  }

  private start(): void {
    this.running ??= this.drain().finally(() => {
      this.running = null;
      // (Entries recorded while the last insert was finishing.)
      if (this.queue.length) this.start();
    });
  }

  /** Resolves once every entry recorded before it is written. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Entries not written (at shutdown): said in full on stderr, so that none is lost unsaid. */
  unwritten(): Entry[] {
    return [...this.queue];
  }

  private async drain(): Promise<void> {
    // Entries of requests answered in the same moment go in one insert.
    await new Promise((resolve) => setImmediate(resolve));
    let delay = 100;
    while (this.queue.length) {
      const batch = this.queue.slice(0, BATCH);
      try {
        await this.write(batch);
        this.queue.splice(0, batch.length);
        delay = 100;
      } catch (err) {
        console.error(`access log: ${this.queue.length} entries not yet written (${String(err)}); retrying in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 30_000);
      }
    }
  }

  /** One insert; a refused read names only the case id or code asked for: its number and name are looked up here, off the read's path. */
  private async write(batch: Entry[]): Promise<void> {
    const caseIds = [...new Set(batch.filter((e) => e.caseId && !e.caseNumber).map((e) => e.caseId!))];
    const codes = [...new Set(batch.filter((e) => e.subjectCode && !e.subjectName && !e.caseId).map((e) => e.subjectCode!))];
    const [cases, subjects] = await Promise.all([
      caseIds.length
        ? this.db.case.findMany({
            where: { id: { in: caseIds } },
            select: { id: true, caseNumber: true, subjectCode: true, subjectName: true, subjectType: true },
          })
        : [],
      codes.length ? this.db.subject.findMany({ where: { code: { in: codes } }, select: { code: true, name: true, type: true } }) : [],
    ]);
    const caseOf = new Map(cases.map((c) => [c.id, c]));
    const subjectOf = new Map(subjects.map((s) => [s.code, s]));
    const data = batch.map((e) => {
      const c = e.caseId && !e.caseNumber ? caseOf.get(e.caseId) : undefined;
      const s = e.subjectCode && !e.subjectName ? subjectOf.get(e.subjectCode) : undefined;
      return {
        ...e,
        ...(c ? { caseNumber: c.caseNumber, subjectCode: c.subjectCode, subjectName: c.subjectName, subjectType: c.subjectType } : {}),
        ...(s ? { subjectName: s.name, subjectType: s.type } : {}),
      };
    });
    // One entry (the usual batch) by create, whose query plan Prisma keeps; a createMany's it
    // compiles afresh every time (its query compiler, in WebAssembly, was 4% of a busy API's time).
    if (data.length === 1) await this.db.accessLog.create({ data: data[0]!, select: { id: true } });
    else await this.db.accessLog.createMany({ data });
  }
}
