import { Router } from 'express';
import type { Db } from '../../activities/db';
import { loginSchema } from '../../domain/schemas';
import { SESSION_COOKIE, cookieOptions, login, logout } from '../auth';
import { Problem, say, zodProblem } from '../problem';
import { meSchema } from '../../domain/api';
import { endpoint } from '../endpoints';

export function sessionRoutes(db: Db, secureCookies: boolean): Router {
  const r = Router();

  const signIn = {
    method: 'post',
    path: '/session',
    tag: 'session',
    roles: 'public',
    body: loginSchema,
    status: 201,
    response: meSchema,
  } as const;
  endpoint(r, { ...signIn, summary: ['登录', 'Sign in (sets the session cookie)'] }, async (req, res) => {
    const parsed = loginSchema.safeParse(req.body);
    if (!parsed.success) throw zodProblem(req, parsed.error);
    const result = await login(db, parsed.data.username, parsed.data.password);
    if (!result) throw new Problem(401, say(req, 'wrongLogin'));
    res.cookie(SESSION_COOKIE, result.token, cookieOptions(secureCookies));
    res.status(201).json(result.user);
  });

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
      if (!req.user) throw new Problem(401, say(req, 'signIn'));
      res.json(req.user);
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
