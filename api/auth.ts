// Login sessions: a random token in an HttpOnly cookie; the database keeps only its SHA-256.
// Every route states the roles it admits; department checks sit with the data they guard.
// Sign-in attempts are counted from the LoginAttempt table (so the limits hold across API
// processes): a user name is locked after repeated failures, an address that fails too often is
// refused, both before any password is hashed (each check costs a 32 MiB scrypt).
import { createHash, randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Db } from '../activities/db';
import { forgetSession, keptSession, sessionsChanged } from '../activities/reference-data';
import type { Actor, Role } from '../domain/vocabulary';
import { Problem, say } from './problem';
import { verifyPassword } from './passwords';
import { openSecret } from './secrets';
import { totpStep } from './totp';

export const SESSION_COOKIE = 'credit_sid';
/** A session's absolute life from sign-in, however busy. */
const SESSION_HOURS = 8;
/**
 * A session unused for this long ends (GB/T 22239-2019 网络安全等级保护 2.0, 三级, 身份鉴别:
 * 应具有登录失败处理功能，应配置并启用结束会话、限制非法登录次数和当登录连接超时自动退出等相关措施).
 * The standard names no figure; 30 minutes is our choice.
 */
export const SESSION_IDLE_MINUTES = 30;
/** How often a session's last-seen time is written (not on every request). */
const LAST_SEEN_PRECISION_MS = 60_000;
/** 等保 2.0 三级 (限制非法登录次数): this many failures for one user name within the window lock it. */
export const LOCKOUT = { failures: 5, windowMinutes: 15, lockMinutes: 15 } as const;
/** More failures than this from one address within the window: the address is refused until they age out. */
export const ADDRESS_LIMIT = { failures: 20, windowMinutes: 15 } as const;

export interface SessionUser extends Actor {
  username: string;
  subjectCode: string | null;
  departmentName: string | null;
  /** Must choose a password of their own before anything else (seeded accounts, off loopback). */
  mustChangePassword: boolean;
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: SessionUser;
    /** The cookie named a session that ended for being idle. */
    sessionIdle?: boolean;
    /** The hash of the session's token (to keep this session when the others end). */
    sessionId?: string;
  }
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex');
const MINUTE = 60_000;

/** Where a request comes from: the socket's address, or the proxy's X-Forwarded-For where the app trusts it (`trust proxy`). */
export const clientAddress = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/** Whether an attempt is refused before its password is checked, and for how many seconds. */
export type Refusal = { kind: 'locked' | 'throttled'; retryAfter: number };

/**
 * The lock on a user name at `now`, from its recent attempts: LOCKOUT.failures failures within
 * LOCKOUT.windowMinutes (none counted from before a success, nor from before an earlier lock) lock
 * it for LOCKOUT.lockMinutes from the last of them. A password being checked counts as a failure
 * until it is known, so parallel guesses cannot pass the limit together.
 */
export async function accountLock(db: Db, username: string, now = new Date()): Promise<{ until: Date | null; left: number }> {
  const window = new Date(now.getTime() - (LOCKOUT.windowMinutes + LOCKOUT.lockMinutes) * MINUTE);
  // An administrator's unlock: no attempt before it counts any more.
  const unlocked = await db.accountEvent.findFirst({
    where: { user: { username }, kind: 'UNLOCKED', detail: { path: ['reason'], equals: 'ADMINISTRATOR' } },
    orderBy: { at: 'desc' },
    select: { at: true },
  });
  const since = unlocked && unlocked.at > window ? unlocked.at : window;
  const attempts = await db.loginAttempt.findMany({
    where: { username, at: { gt: since }, outcome: { in: ['CHECKING', 'FAILED', 'SUCCEEDED'] } },
    orderBy: { at: 'asc' },
    select: { at: true, outcome: true },
  });
  let failures: Date[] = [];
  let until: Date | null = null;
  for (const a of attempts) {
    if (a.outcome === 'SUCCEEDED') {
      failures = [];
      continue;
    }
    failures = [...failures.filter((f) => f.getTime() > a.at.getTime() - LOCKOUT.windowMinutes * MINUTE), a.at];
    if (failures.length >= LOCKOUT.failures) {
      until = new Date(a.at.getTime() + LOCKOUT.lockMinutes * MINUTE);
      failures = [];
    }
  }
  const recent = failures.filter((f) => f.getTime() > now.getTime() - LOCKOUT.windowMinutes * MINUTE).length;
  return until && until > now ? { until, left: 0 } : { until: null, left: LOCKOUT.failures - recent };
}

/** The address's failures within the window; over the limit, until the oldest of them ages out. */
export async function addressThrottle(db: Db, address: string, now = new Date()): Promise<Date | null> {
  const since = new Date(now.getTime() - ADDRESS_LIMIT.windowMinutes * MINUTE);
  const failures = await db.loginAttempt.findMany({
    where: { address, at: { gt: since }, outcome: { in: ['CHECKING', 'FAILED'] } },
    orderBy: { at: 'desc' },
    take: ADDRESS_LIMIT.failures,
    select: { at: true },
  });
  if (failures.length < ADDRESS_LIMIT.failures) return null;
  return new Date(failures.at(-1)!.at.getTime() + ADDRESS_LIMIT.windowMinutes * MINUTE);
}

const seconds = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

/**
 * Checks a password for a user name, from an address, as every sign-in and password change does:
 * refused unhashed while the address or the name is over its limit; otherwise recorded as being
 * checked, then as its outcome; the failure that completes a lock records the lock on the account.
 */
export async function checkPassword(
  db: Db,
  username: string,
  password: string,
  address: string,
  /**
   * At sign-in: the second factor's code, for an account that has enrolled one. Without a code, a
   * right password is recorded as SECOND_FACTOR_REQUIRED (clearing no failure); a wrong code is a
   * failure like a wrong password, counted toward the lock. (A password change, by a user already
   * signed in, asks none.)
   */
  secondFactor?: { code: string | undefined },
): Promise<
  | { ok: true; user: NonNullable<Awaited<ReturnType<typeof findUser>>> }
  | { ok: false; refusal: Refusal }
  | { ok: false; refusal: null; left: number; secondFactor?: 'REQUIRED' | 'WRONG' }
> {
  const now = new Date();
  const throttled = await addressThrottle(db, address, now);
  if (throttled) {
    await db.loginAttempt.create({ data: { username, address, outcome: 'ADDRESS_THROTTLED', at: now } });
    return { ok: false, refusal: { kind: 'throttled', retryAfter: seconds(throttled, now) } };
  }
  const u = await findUser(db, username);
  const lock = await accountLock(db, username, now);
  if (lock.until) {
    await db.loginAttempt.create({ data: { username, userId: u?.id, address, outcome: 'ACCOUNT_LOCKED', at: now } });
    return { ok: false, refusal: { kind: 'locked', retryAfter: seconds(lock.until, now) } };
  }
  if (u) await recordLockEnded(db, u.id, now);
  const attempt = await db.loginAttempt.create({ data: { username, userId: u?.id, address, outcome: 'CHECKING', at: now } });
  // Verify against a dummy hash when the user is unknown, so timing does not reveal usernames.
  let ok = (await verifyPassword(password, u?.passwordHash ?? DUMMY_HASH)) && !!u && u.active;
  let factor: 'REQUIRED' | 'WRONG' | undefined;
  if (ok && secondFactor && u?.totpSecret) {
    if (!secondFactor.code) {
      await db.loginAttempt.update({ where: { id: attempt.id }, data: { outcome: 'SECOND_FACTOR_REQUIRED' } });
      return { ok: false, refusal: null, left: (await accountLock(db, username)).left, secondFactor: 'REQUIRED' };
    }
    const step = totpStep(openSecret(u.totpSecret), secondFactor.code, u.totpLastStep);
    // Each code is taken once: the step is claimed in the database, so two requests cannot both use it.
    const claimed =
      step !== null &&
      (
        await db.user.updateMany({
          where: { id: u.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
          data: { totpLastStep: step },
        })
      ).count === 1;
    if (!claimed) {
      ok = false;
      factor = 'WRONG';
    }
  }
  await db.loginAttempt.update({ where: { id: attempt.id }, data: { outcome: ok ? 'SUCCEEDED' : 'FAILED' } });
  if (ok && u) return { ok: true, user: u };
  const after = await accountLock(db, username);
  if (after.until) {
    if (u) await db.accountEvent.create({ data: { userId: u.id, kind: 'LOCKED', address, detail: { until: after.until.toISOString() } } });
    return { ok: false, refusal: { kind: 'locked', retryAfter: seconds(after.until, new Date()) } };
  }
  return { ok: false, refusal: null, left: after.left, ...(factor ? { secondFactor: factor } : {}) };
}

/** A lock whose time has run out is recorded as ended (UNLOCKED) when the account is next used. */
async function recordLockEnded(db: Db, userId: string, now: Date) {
  const last = await db.accountEvent.findFirst({
    where: { userId, kind: { in: ['LOCKED', 'UNLOCKED'] } },
    orderBy: { at: 'desc' },
  });
  const until = (last?.detail as { until?: string } | undefined)?.until;
  if (last?.kind === 'LOCKED' && until && new Date(until) <= now) {
    await db.accountEvent.create({ data: { userId, kind: 'UNLOCKED', detail: { reason: 'LOCK_EXPIRED', lockedUntil: until } } });
  }
}

const findUser = (db: Db, username: string) => db.user.findUnique({ where: { username }, include: { department: true } });

export type SignIn =
  | { ok: true; token: string; user: SessionUser }
  | { ok: false; refusal: Refusal }
  | { ok: false; refusal: null; left: number; secondFactor?: 'REQUIRED' | 'WRONG' };

export async function login(
  db: Db,
  username: string,
  password: string,
  address: string,
  enforceFirstChange: boolean,
  code?: string,
): Promise<SignIn> {
  const checked = await checkPassword(db, username, password, address, { code: code || undefined });
  if (!checked.ok) return checked;
  const token = randomBytes(32).toString('base64url');
  await db.session.create({
    data: { id: digest(token), userId: checked.user.id, expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000) },
  });
  return { ok: true, token, user: toSessionUser(checked.user, enforceFirstChange) };
}

/** Ends every other session of the user (after a password change), keeping the one given. */
export async function endOtherSessions(db: Db, userId: string, keep: string | undefined) {
  const { count } = await db.session.deleteMany({ where: { userId, ...(keep ? { id: { not: keep } } : {}) } });
  if (count > 0) sessionsChanged(db);
}

export async function logout(db: Db, token: string | undefined) {
  if (!token) return;
  const { count } = await db.session.deleteMany({ where: { id: digest(token) } });
  if (count > 0) sessionsChanged(db);
}

function toSessionUser(
  u: {
    id: string;
    username: string;
    displayName: string;
    role: Role;
    departmentId: string | null;
    subjectCode: string | null;
    department: { name: string } | null;
    mustChangePassword: boolean;
    adminSetPassword: boolean;
  },
  enforceFirstChange: boolean,
): SessionUser {
  return {
    userId: u.id,
    username: u.username,
    name: u.displayName,
    role: u.role,
    departmentId: u.departmentId,
    departmentName: u.department?.name ?? null,
    subjectCode: u.subjectCode,
    // A password an administrator set is changed first wherever the API runs; a seeded one, off loopback.
    mustChangePassword: u.adminSetPassword || (enforceFirstChange && u.mustChangePassword),
  };
}

/**
 * Reads the session of the cookie: one past its absolute end, or idle for SESSION_IDLE_MINUTES,
 * is ended (deleted); a live one's last-seen time moves on. `enforceFirstChange`: accounts flagged
 * mustChangePassword must change it first (the API is reachable beyond loopback).
 *
 * A live session may come from memory (activities/reference-data.ts: kept up to 10 s, dropped in
 * every process as soon as the notice that any session ended or any user or department changed
 * reaches it — milliseconds). Whether a session has ended is decided only on a fresh read, and
 * after its last-seen time is written the next request reads it afresh.
 */
export function sessionMiddleware(db: Db, enforceFirstChange = false) {
  type Found = Awaited<ReturnType<typeof read>>;
  // Only what deciding and naming the user need: no password hash or second-factor secret kept in memory.
  const read = (id: string) =>
    db.session.findUnique({
      where: { id },
      select: {
        expiresAt: true,
        lastSeenAt: true,
        user: {
          select: {
            id: true,
            username: true,
            displayName: true,
            role: true,
            departmentId: true,
            subjectCode: true,
            mustChangePassword: true,
            adminSetPassword: true,
            active: true,
            department: { select: { name: true } },
          },
        },
      },
    });
  const live = (s: NonNullable<Found>, now: number) =>
    now - s.lastSeenAt.getTime() <= SESSION_IDLE_MINUTES * MINUTE && s.expiresAt.getTime() > now && s.user.active;
  return async (req: Request, _res: Response, next: NextFunction) => {
    const token = req.cookies?.[SESSION_COOKIE] as string | undefined;
    if (token) {
      const id = digest(token);
      const kept = await keptSession(db, id, () => read(id));
      let s = kept.value;
      let now = Date.now(); // (after the read: a request that waited for a connection is judged when it has it)
      if (kept.fromMemory && (!s || !live(s, now))) {
        forgetSession(db, id);
        s = await read(id);
        now = Date.now();
      }
      if (!s) forgetSession(db, id); // an unknown token is not kept
      if (s) {
        if (!live(s, now)) {
          const { count } = await db.session.deleteMany({ where: { id } });
          forgetSession(db, id);
          if (count > 0) sessionsChanged(db);
          req.sessionIdle = now - s.lastSeenAt.getTime() > SESSION_IDLE_MINUTES * MINUTE;
        } else {
          if (now - s.lastSeenAt.getTime() > LAST_SEEN_PRECISION_MS) {
            // Only forward (a slower request's older time never overwrites a newer one).
            await db.session.updateMany({ where: { id, lastSeenAt: { lt: new Date(now) } }, data: { lastSeenAt: new Date(now) } });
            forgetSession(db, id);
          }
          req.user = toSessionUser(s.user, enforceFirstChange);
          req.sessionId = id;
        }
      }
    }
    next();
  };
}

/** Not signed in: 401, saying so when the session ended for being idle. */
export const signInProblem = (req: Request) =>
  req.sessionIdle
    ? new Problem(401, say(req, 'sessionIdle', SESSION_IDLE_MINUTES), undefined, { code: 'SESSION_IDLE' })
    : new Problem(401, say(req, 'signIn'));

/** Admits signed-in users of the given roles; everyone else gets 401 or 403 with the reason. */
export function requireRole(...roles: Role[]) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!req.user) return next(signInProblem(req));
    if (!roles.includes(req.user.role)) {
      return next(new Problem(403, say(req, 'roleNotAllowed'), undefined, { role: req.user.role }));
    }
    next();
  };
}

export const cookieOptions = (secure: boolean) => ({
  httpOnly: true,
  sameSite: 'lax' as const,
  secure,
  path: '/',
  maxAge: SESSION_HOURS * 3600_000,
});

// scrypt of a random password, used only to spend the same time on unknown usernames.
const DUMMY_HASH = 'scrypt$32768$8$1$c2FsdHNhbHRzYWx0c2FsdA==$3q2+7w==';
