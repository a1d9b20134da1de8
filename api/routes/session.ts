import { Router, type Request, type Response } from 'express';
import type { Db } from '../../activities/db';
import { loginSchema, passwordChangeSchema } from '../../domain/schemas';
import { translateMessage } from '../../domain/messages';
import {
  LOCKOUT,
  SESSION_COOKIE,
  checkPassword,
  clientAddress,
  cookieOptions,
  endOtherSessions,
  login,
  logout,
  signInProblem,
  type Refusal,
} from '../auth';
import { hashPassword } from '../passwords';
import { Problem, localeOf, say, zodProblem } from '../problem';
import { meSchema } from '../../domain/api';
import { endpoint } from '../endpoints';

/** An attempt refused before its password was checked: 423 for a locked account, 429 for an address, with Retry-After. */
function refused(req: Request, res: Response, refusal: Refusal): Problem {
  res.set('Retry-After', String(refusal.retryAfter));
  const minutes = Math.ceil(refusal.retryAfter / 60);
  return refusal.kind === 'locked'
    ? new Problem(423, say(req, 'accountLocked', minutes), undefined, { code: 'ACCOUNT_LOCKED', retryAfter: refusal.retryAfter })
    : new Problem(429, say(req, 'addressThrottled', minutes), undefined, {
        code: 'TOO_MANY_SIGN_IN_FAILURES',
        retryAfter: refusal.retryAfter,
      });
}

export function sessionRoutes(db: Db, secureCookies: boolean, enforceFirstChange = false): Router {
  const r = Router();

  const signIn = {
    method: 'post',
    path: '/session',
    tag: 'session',
    roles: 'public',
    body: loginSchema,
    status: 201,
    response: meSchema,
    problems: [423, 429],
  } as const;
  endpoint(
    r,
    {
      ...signIn,
      summary: [
        '登录（已启用双因素的账户另需验证码）',
        'Sign in (sets the session cookie); an account with a second factor sends its 6-digit code too (401 SECOND_FACTOR_REQUIRED asks for it)',
      ],
    },
    async (req, res) => {
      const parsed = loginSchema.safeParse(req.body);
      if (!parsed.success) throw zodProblem(req, parsed.error);
      const { username, password, code } = parsed.data;
      const result = await login(db, username, password, clientAddress(req), enforceFirstChange, code);
      if (!result.ok && result.refusal) throw refused(req, res, result.refusal);
      // The password was right; the second factor's code is asked next (the form sends both again).
      if (!result.ok && result.secondFactor === 'REQUIRED')
        throw new Problem(401, say(req, 'secondFactorRequired'), undefined, { code: 'SECOND_FACTOR_REQUIRED' });
      if (!result.ok && result.secondFactor === 'WRONG') {
        const message = translateMessage('totp.wrong', localeOf(req));
        throw new Problem(401, result.left <= 2 ? say(req, 'wrongCodeLeft', result.left, LOCKOUT.lockMinutes) : message, undefined, {
          code: 'SECOND_FACTOR_WRONG',
          errors: [{ field: 'code', code: 'totp.wrong', message }],
        });
      }
      if (!result.ok) {
        // The last tries before a lock say how many are left (alike for every name, known or not).
        throw new Problem(401, result.left <= 2 ? say(req, 'wrongLoginLeft', result.left, LOCKOUT.lockMinutes) : say(req, 'wrongLogin'));
      }
      res.cookie(SESSION_COOKIE, result.token, cookieOptions(secureCookies));
      res.status(201).json(result.user);
    },
  );

  endpoint(
    r,
    {
      method: 'get',
      path: '/session',
      tag: 'session',
      roles: 'session',
      access: false,
      response: meSchema,
      summary: ['当前用户', 'Who is signed in'],
    },
    (req, res) => {
      if (!req.user) throw signInProblem(req);
      res.json(req.user);
    },
  );

  const change = {
    method: 'post',
    path: '/session/password',
    tag: 'session',
    roles: 'session',
    body: passwordChangeSchema,
    response: meSchema,
    problems: [423, 429],
  } as const;
  endpoint(
    r,
    {
      ...change,
      summary: [
        '修改本人密码（其他登录随之退出）',
        "Change one's own password (every other session ends); the password policy as the schema says",
      ],
    },
    async (req, res) => {
      const user = req.user;
      if (!user) throw signInProblem(req);
      const parsed = passwordChangeSchema.safeParse({ ...req.body, username: user.username });
      if (!parsed.success) throw zodProblem(req, parsed.error);
      const address = clientAddress(req);
      const checked = await checkPassword(db, user.username, parsed.data.currentPassword, address);
      if (!checked.ok && checked.refusal) throw refused(req, res, checked.refusal);
      if (!checked.ok) {
        const message = translateMessage('password.currentWrong', localeOf(req));
        throw new Problem(400, say(req, 'formErrors'), `currentPassword: ${message}`, {
          errors: [{ field: 'currentPassword', code: 'password.currentWrong', message }],
        });
      }
      const passwordHash = await hashPassword(parsed.data.newPassword);
      await db.$transaction([
        db.user.update({
          where: { id: user.userId },
          data: { passwordHash, mustChangePassword: false, adminSetPassword: false, passwordChangedAt: new Date() },
        }),
        db.accountEvent.create({ data: { userId: user.userId, kind: 'PASSWORD_CHANGED', address } }),
      ]);
      await endOtherSessions(db, user.userId, req.sessionId);
      res.json({ ...user, mustChangePassword: false });
    },
  );

  endpoint(
    r,
    { method: 'delete', path: '/session', tag: 'session', roles: 'public', status: 204, response: null, summary: ['退出登录', 'Sign out'] },
    async (req, res) => {
      await logout(db, req.cookies?.[SESSION_COOKIE]);
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      res.status(204).end();
    },
  );

  return r;
}
