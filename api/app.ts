// The HTTP API (Express 5). Every input is parsed with the shared zod schemas; every error is
// application/problem+json; every route names the roles it admits.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import cookieParser from 'cookie-parser';
import type { Client } from '@temporalio/client';
import type { Db } from '../activities/db';
import { sessionMiddleware } from './auth';
import { Problem, sendProblem, say } from './problem';
import { calendarRoutes } from './routes/calendar';
import { caseRoutes } from './routes/cases';
import { deadlineRoutes } from './routes/deadlines';
import { policyRoutes } from './routes/policies';
import { publicRoutes } from './routes/public';
import { pushRoutes } from './routes/pushes';
import { sessionRoutes } from './routes/session';

export interface AppOptions {
  db: Db;
  temporal: Client;
  /** Link to the Temporal Web UI, shown in the app. */
  temporalUiUrl?: string;
  /** Built web app to serve at /, if any. */
  webDist?: string;
  secureCookies?: boolean;
}

export function createApp({ db, temporal, temporalUiUrl, webDist, secureCookies = false }: AppOptions) {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '256kb' }));
  app.use(cookieParser());

  const api = express.Router();
  api.use(sessionMiddleware(db));
  api.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  api.get('/config', (_req, res) => {
    res.json({ temporalUiUrl: temporalUiUrl ?? null, namespace: temporal.options.namespace });
  });
  api.use(publicRoutes(db));
  api.use(sessionRoutes(db, secureCookies));
  api.use(caseRoutes(db, temporal));
  api.use(deadlineRoutes(db));
  api.use(calendarRoutes(db, temporal));
  api.use(policyRoutes(db));
  api.use(pushRoutes(db));
  api.use((req, _res, next) => next(new Problem(404, say(req, '接口不存在', 'No such endpoint'))));
  app.use('/api', api);

  if (webDist && existsSync(join(webDist, 'index.html'))) {
    app.use(express.static(webDist, { index: false, maxAge: '1h' }));
    app.get(/^(?!\/api\/).*/, (_req, res) => res.sendFile(join(webDist, 'index.html')));
  }

  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof Problem) return sendProblem(res, err.status, err.title, err.detail, err.extra);
    if ((err as { type?: string }).type === 'entity.parse.failed') {
      return sendProblem(res, 400, say(req, '请求体不是有效的 JSON', 'The request body is not valid JSON'));
    }
    console.error(err);
    sendProblem(res, 500, say(req, '服务器内部错误，操作未完成', 'Internal error; nothing was changed'));
  });
  return app;
}
