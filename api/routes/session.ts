import { Router } from 'express';
import type { Db } from '../../activities/db';
import { loginSchema } from '../../domain/schemas';
import { SESSION_COOKIE, cookieOptions, login, logout } from '../auth';
import { Problem, say, zodProblem } from '../problem';

export function sessionRoutes(db: Db, secureCookies: boolean): Router {
  const r = Router();

  r.post('/session', async (req, res) => {
    const parsed = loginSchema.safeParse(req.body);
    if (!parsed.success) throw zodProblem(req, parsed.error);
    const result = await login(db, parsed.data.username, parsed.data.password);
    if (!result) throw new Problem(401, say(req, '用户名或密码错误', 'Wrong username or password'));
    res.cookie(SESSION_COOKIE, result.token, cookieOptions(secureCookies));
    res.status(201).json(result.user);
  });

  r.get('/session', (req, res) => {
    if (!req.user) throw new Problem(401, say(req, '请先登录', 'Please sign in'));
    res.json(req.user);
  });

  r.delete('/session', async (req, res) => {
    await logout(db, req.cookies?.[SESSION_COOKIE]);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  return r;
}
