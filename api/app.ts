// The HTTP API (Express 5). Every input is parsed with the shared zod schemas; every error is
// application/problem+json; every route names the roles it admits.
import { refuseUnstorableText } from './input-guard';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import type { Client } from '@temporalio/client';
import type { Db } from '../activities/db';
import { z } from 'zod';
import { configSchema, healthSchema } from '../domain/api';
import { sessionMiddleware } from './auth';
import { AccessLogWriter } from './access-log';
import { accessLogRoutes } from './routes/access-log';
import { apiReference } from './docs';
import { endpoint, openApiDocument } from './endpoints';
import { Problem, sendProblem, say } from './problem';
import { attachmentRoutes } from './routes/attachments';
import { calendarRoutes } from './routes/calendar';
import { caseRoutes } from './routes/cases';
import { importRoutes } from './routes/imports';
import { deadlineRoutes } from './routes/deadlines';
import { workbenchRoutes } from './routes/workbench';
import { dashboardRoutes } from './routes/dashboard';
import { subjectRoutes } from './routes/subjects';
import { policyRoutes } from './routes/policies';
import { PUBLIC_RATE_LIMIT, publicRoutes } from './routes/public';
import { pushRoutes } from './routes/pushes';
import { auditRoutes } from './routes/audit';
import { machineRoutes } from './routes/machine';
import { unitRoutes } from './routes/units';
import { sessionRoutes } from './routes/session';
import { secondFactorRoutes } from './routes/second-factor';
import { adminRoutes } from './routes/admin';

export interface AppOptions {
  db: Db;
  temporal: Client;
  /** Link to the Temporal Web UI, shown in the app. */
  temporalUiUrl?: string;
  /** Built web app to serve at /, if any. */
  webDist?: string;
  /**
   * Served over HTTPS (directly or behind a proxy that ends TLS): session cookies are Secure, and
   * browsers are told to keep to HTTPS (Strict-Transport-Security, upgrade-insecure-requests).
   */
  secureCookies?: boolean;
  /**
   * The address the API is bound to (HOST). Off loopback, the seeded accounts flagged
   * mustChangePassword must change their password before anything else; on loopback (npm start's
   * default, the tests) they work as they are.
   */
  host?: string;
  /** Express's `trust proxy` (TRUST_PROXY): which proxies' X-Forwarded-For names the client's address. None by default. */
  trustProxy?: boolean | number | string;
  /** Public lookups per client address per minute (default 30). */
  publicRateLimit?: number;
}

/** 127.0.0.0/8, ::1 and localhost: reachable from this machine only. */
export const isLoopback = (host: string) => /^(127\.\d+\.\d+\.\d+|::1|\[::1\]|localhost)$/i.test(host);

/** What an account that must change its password may still call: who it is, the configuration, the change itself. */
const OPEN_BEFORE_FIRST_CHANGE = /^\/(session(\/password)?|config|health)\/?$/;

/**
 * Security headers (helmet): the built web app and the API reference load their scripts from this
 * server only; antd's CSS-in-JS writes <style> elements and Swagger UI style attributes, hence
 * 'unsafe-inline' for styles (not scripts). No page may be framed (clickjacking), nothing is
 * sniffed into another type, no address (a subject's code is in some) leaves in a Referer.
 */
function securityHeaders(https: boolean) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // Only where the app is served over HTTPS: sent over plain HTTP it would lock browsers out.
    strictTransportSecurity: https ? { maxAge: 365 * 86_400 } : false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}

/**
 * Whether session cookies are Secure (and HSTS sent): SECURE_COOKIES=1 or 0 says so; unset, they are
 * unless the API listens on loopback only — where the embedded defaults serve plain
 * http://127.0.0.1 — since anywhere else it is expected behind HTTPS, and a session cookie must
 * never travel in clear.
 */
export function secureCookiesFor(host: string, setting: string | undefined): boolean {
  if (setting === '1' || setting === '0') return setting === '1';
  return !isLoopback(host);
}

/** The API's own descriptions, the same for everyone: the only answers a browser or proxy may keep. */
const CACHEABLE = /^\/(health|config|openapi\.json|docs)(\/|$)/;

/** A request body the server cannot read (body-parser's errors): too large, wrong encoding, broken. */
function requestBodyProblem(req: Request, err: unknown): { status: number; title: string } | null {
  const e = err as { type?: string; status?: number; expose?: boolean };
  switch (e.type) {
    case 'entity.parse.failed':
      return { status: 400, title: say(req, 'bodyNotJson') };
    case 'entity.too.large':
      return { status: 413, title: say(req, 'bodyTooLarge') };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, title: say(req, 'bodyEncoding') };
  }
  if (e.expose && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    return {
      status: e.status,
      title: say(req, 'bodyUnreadable'),
    };
  }
  return null;
}

export function createApp({
  db,
  temporal,
  temporalUiUrl,
  webDist,
  secureCookies = false,
  host = '127.0.0.1',
  publicRateLimit = PUBLIC_RATE_LIMIT,
  trustProxy,
}: AppOptions) {
  const app = express();
  app.disable('x-powered-by');
  if (trustProxy !== undefined) app.set('trust proxy', trustProxy);
  app.use(securityHeaders(secureCookies));
  const enforceFirstChange = !isLoopback(host);
  app.use(express.json({ limit: '256kb' }));
  app.use(cookieParser());
  // 查询使用登记: every reading route's calls, written after their answers (api/access-log.ts).
  app.locals.accessLog = new AccessLogWriter(db);

  const api = express.Router();
  api.use(refuseUnstorableText);
  // Cases, documents, attachments, lists, a person's record: no answer of the API is stored by a
  // browser or a proxy, save its own descriptions.
  api.use((req, res, next) => {
    if (!CACHEABLE.test(req.path)) res.set('Cache-Control', 'no-store');
    next();
  });
  api.use(sessionMiddleware(db, enforceFirstChange));
  api.use((req, _res, next) => {
    if (!req.user?.mustChangePassword || OPEN_BEFORE_FIRST_CHANGE.test(req.path)) return next();
    next(new Problem(403, say(req, 'passwordChangeRequired'), undefined, { code: 'PASSWORD_CHANGE_REQUIRED' }));
  });
  const about = { method: 'get', tag: 'system', roles: 'public', access: false } as const;
  endpoint(api, { ...about, path: '/health', response: healthSchema, summary: ['健康检查', 'Health check'] }, (_req, res) => {
    res.json({ ok: true });
  });
  endpoint(api, { ...about, path: '/config', response: configSchema, summary: ['前端配置', "The web app's configuration"] }, (req, res) => {
    // The Temporal Web UI can terminate a listing's workflow: it is offered to the operator (the
    // administrator) only, and the embedded one listens on loopback alone.
    const operator = req.user?.role === 'ADMINISTRATOR';
    res.json({ temporalUiUrl: operator ? (temporalUiUrl ?? null) : null, namespace: temporal.options.namespace });
  });
  // The API's own description, generated from the endpoints' schemas, and a page to read it.
  const described = { ...about, path: '/openapi.json', response: z.looseObject({ openapi: z.string() }) } as const;
  endpoint(api, { ...described, summary: ['接口说明（OpenAPI 3.1）', 'This description (OpenAPI 3.1)'] }, (_req, res) => {
    res.json(openApiDocument());
  });
  api.use('/docs', apiReference());
  api.use(publicRoutes(db, publicRateLimit));
  api.use(sessionRoutes(db, secureCookies, enforceFirstChange));
  api.use(secondFactorRoutes(db));
  api.use(importRoutes(db, temporal));
  api.use(caseRoutes(db, temporal));
  api.use(attachmentRoutes(db));
  api.use(deadlineRoutes(db));
  api.use(workbenchRoutes(db));
  api.use(dashboardRoutes(db));
  api.use(subjectRoutes(db));
  api.use(calendarRoutes(db, temporal));
  api.use(policyRoutes(db));
  api.use(pushRoutes(db));
  api.use(auditRoutes(db));
  api.use(accessLogRoutes(db));
  api.use(unitRoutes(db));
  api.use(machineRoutes(db));
  api.use(adminRoutes(db));
  api.use((req, _res, next) => next(new Problem(404, say(req, 'noEndpoint'))));
  app.use('/api', api);

  if (webDist && existsSync(join(webDist, 'index.html'))) {
    app.use(express.static(webDist, { index: false, maxAge: '1h' }));
    app.get(/^(?!\/api\/).*/, (_req, res) => res.sendFile(join(webDist, 'index.html')));
  }

  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof Problem) return sendProblem(res, err.status, err.title, err.detail, err.extra);
    const bodyError = requestBodyProblem(req, err);
    if (bodyError) return sendProblem(res, bodyError.status, bodyError.title);
    console.error(err);
    // The request may have been carried out before the failure (a step recorded, then the reply
    // lost): never tell the user that nothing changed when that is not known.
    const unknown = req.method === 'GET' || req.method === 'HEAD';
    sendProblem(
      res,
      500,
      unknown ? say(req, 'internal') : say(req, 'outcomeUnknown'),
      undefined,
      unknown ? {} : { code: 'OUTCOME_UNKNOWN' },
    );
  });
  return app;
}
