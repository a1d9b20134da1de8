// Login sessions: a random token in an HttpOnly cookie; the database keeps only its SHA-256.
// Every route states the roles it admits; department checks sit with the data they guard.
import { createHash, randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Db } from '../activities/db';
import type { Actor, Role } from '../domain/vocabulary';
import { Problem, say } from './problem';
import { verifyPassword } from './passwords';

export const SESSION_COOKIE = 'credit_sid';
const SESSION_HOURS = 8;

export interface SessionUser extends Actor {
  username: string;
  subjectCode: string | null;
  departmentName: string | null;
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: SessionUser;
  }
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export async function login(db: Db, username: string, password: string): Promise<{ token: string; user: SessionUser } | null> {
  const u = await db.user.findUnique({ where: { username }, include: { department: true } });
  // Verify against a dummy hash when the user is unknown, so timing does not reveal usernames.
  const ok = await verifyPassword(password, u?.passwordHash ?? DUMMY_HASH);
  if (!u || !u.active || !ok) return null;
  const token = randomBytes(32).toString('base64url');
  await db.session.create({ data: { id: digest(token), userId: u.id, expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000) } });
  return { token, user: toSessionUser(u) };
}

export async function logout(db: Db, token: string | undefined) {
  if (token) await db.session.deleteMany({ where: { id: digest(token) } });
}

function toSessionUser(u: {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
  subjectCode: string | null;
  department: { name: string } | null;
}): SessionUser {
  return {
    userId: u.id,
    username: u.username,
    name: u.displayName,
    role: u.role,
    departmentId: u.departmentId,
    departmentName: u.department?.name ?? null,
    subjectCode: u.subjectCode,
  };
}

export function sessionMiddleware(db: Db) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const token = req.cookies?.[SESSION_COOKIE] as string | undefined;
    if (token) {
      const s = await db.session.findUnique({ where: { id: digest(token) }, include: { user: { include: { department: true } } } });
      if (s && s.expiresAt > new Date() && s.user.active) req.user = toSessionUser(s.user);
    }
    next();
  };
}

/** Admits signed-in users of the given roles; everyone else gets 401 or 403 with the reason. */
export function requireRole(...roles: Role[]) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!req.user) return next(new Problem(401, say(req, 'signIn')));
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
