// Every route of the API is declared once, with who may call it, what it takes and what it answers
// (zod schemas from domain/): `endpoint()` mounts it on a router and records it, and the OpenAPI
// 3.1 document (GET /api/openapi.json, read at /api/docs) is generated from the records. Every
// answer goes out through its schema: only documented fields leave the server, and an answer that
// does not match its schema is a server error the tests catch.
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { problemSchema } from '../domain/api';
import { ATTACHMENT_TYPES } from '../domain/schemas';
import type { Role } from '../domain/vocabulary';
import { requireRole } from './auth';
import { accessLogged, type AccessSpec } from './access-log';
import { PURPOSE_HEADER } from '../domain/access';

export interface Endpoint {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Express path under /api, e.g. /cases/:id. */
  path: string;
  /** [zh-CN, en]. */
  summary: readonly [string, string];
  tag: string;
  /**
   * Who may call it; 'public' needs no sign-in, 'session' answers for whoever is signed in, 'unitKey'
   * a cooperating unit's system with its API key (the `auth` handlers check it and limit its rate).
   */
  roles: readonly Role[] | 'public' | 'session' | 'unitKey';
  /** Handlers run before the endpoint's own: a unit key's check, a rate limit. */
  auth?: readonly RequestHandler[];
  /** Requests are limited (per API key, or per client address): 429 with Retry-After beyond. */
  limited?: true;
  /**
   * 查询使用登记: what the route reads of a subject's record, written to the access log for every
   * call, answered or refused (api/access-log.ts); `false` for a route that reads no one's record.
   * Every GET route declares it: `endpoint()` refuses to mount one that does not.
   */
  access?: AccessSpec | false;
  body?: z.ZodType;
  /** The body is one file, sent as multipart/form-data in the field `file`. */
  upload?: true;
  /** The files an upload takes, as the API description says (by default the evidence files' types). */
  uploadTypes?: string;
  query?: z.ZodObject;
  /** The success status and its body (null: no body; 'pdf': a document; 'file': an evidence file; 'xlsx': a list exported). */
  status?: number;
  response: z.ZodType | null | 'pdf' | 'file' | 'xlsx' | 'csv';
  /** Further problem statuses it may answer (e.g. 423 and 429 of a sign-in). */
  problems?: readonly number[];
}

/** Every endpoint mounted, in order: the OpenAPI document's source. */
const mounted: Endpoint[] = [];
/** Every endpoint mounted, as declared (for the tests that check their declarations). */
export const mountedEndpoints = (): readonly Endpoint[] => mounted;

export function endpoint(router: Router, e: Endpoint, handler: (req: Request, res: Response) => Promise<void> | void): void {
  if (e.method === 'get' && e.access === undefined) throw new Error(`${e.path}: a GET endpoint declares its access logging (access)`);
  if (!mounted.some((m) => m.method === e.method && m.path === e.path)) mounted.push(e);
  if (e.roles === 'unitKey' && !e.auth?.length) throw new Error(`${e.path}: a unitKey endpoint needs its auth handlers`);
  // The access log's middleware first: a refusal by role, key or rate is recorded as a read is.
  const logged: RequestHandler[] = e.access ? [accessLogged(e.access)] : [];
  const guard: RequestHandler[] = [...(Array.isArray(e.roles) ? [requireRole(...e.roles)] : []), ...(e.auth ?? [])];
  const schema = e.response;
  const checked = (req: Request, res: Response, next: NextFunction) => {
    if (schema instanceof z.ZodType) {
      const send = res.json.bind(res);
      // Dates and the like as the client receives them, then only what the schema documents.
      res.json = (body: unknown) => send(res.statusCode < 300 ? schema.parse(JSON.parse(JSON.stringify(body))) : body);
    }
    return Promise.resolve(handler(req, res)).catch(next);
  };
  router[e.method](e.path, ...logged, ...guard, checked);
}

const ROLE_NAMES: Record<Role, string> = {
  CASEWORKER: '经办人 caseworker',
  SUPERVISOR: '审核人 supervisor',
  COOPERATING_UNIT: '配合单位 cooperating unit',
  PARTY: '当事人 party',
  ADMINISTRATOR: '系统管理员 administrator',
  AUDITOR: '审计员 auditor',
};

const problems = (codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [
      String(c),
      { description: PROBLEM_TEXT[c] ?? 'Error', content: { 'application/problem+json': { schema: problemSchema } } },
    ]),
  );
const PROBLEM_TEXT: Record<number, string> = {
  400: "The request is not valid: each field named with its reason (a read of a person's record without its purpose: code PURPOSE_REQUIRED); nothing was changed",
  401: 'Not signed in',
  403: 'Not allowed for this role, department or party',
  404: 'No such resource, or not yours to see',
  409: 'Not possible now (the case has moved on, the form is stale, the step is being taken): nothing was changed',
  413: 'The request body is too large',
  415: 'The file is not of a type taken (PDF, JPEG, PNG, TIFF, OFD, as its content shows): nothing was stored',
  423: 'The account is locked after too many wrong passwords (code ACCOUNT_LOCKED): wait as Retry-After says',
  429: 'Too many requests (per API key, per client address on the public lookup, or failed sign-ins from this address): wait as Retry-After says',
  422: 'The step could not be recorded (or names evidence files that are not yours to file): nothing was changed',
  500: 'Internal error; on a change, code OUTCOME_UNKNOWN says it may have been carried out',
  503: 'The access log cannot be written just now: no read goes unrecorded, so none is answered',
};

const binary = z.string().meta({ format: 'binary' });
/** The media type of an exported list (.xlsx). */
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FILE_TYPES = Object.keys(ATTACHMENT_TYPES);

/** The OpenAPI 3.1 document of every mounted endpoint. */
export function openApiDocument(): ReturnType<typeof createDocument> {
  const paths: ZodOpenApiPathsObject = {};
  for (const e of mounted) {
    const path = `/api${e.path.replace(/:(\w+)/g, '{$1}')}`;
    const params = [...e.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    const who =
      e.roles === 'public'
        ? `Public: no sign-in.${e.limited ? ' Requests per client address are rate-limited (429).' : ''}`
        : e.roles === 'session'
          ? 'Any signed-in user.'
          : e.roles === 'unitKey'
            ? "A cooperating unit's own system: Authorization: Bearer <the unit's API key>; requests per key are rate-limited (429)."
            : `Roles: ${e.roles.map((r) => ROLE_NAMES[r]).join(', ')}.`;
    const logged = !e.access
      ? ''
      : ` Every call, answered or refused, is recorded in the access log (查询使用登记: who, what, address, time${
          e.access.personal
            ? `; a staff read of a natural person's record must say why in ${PURPOSE_HEADER}, else 400 with code PURPOSE_REQUIRED`
            : ''
        }).`;
    const success =
      e.response === null
        ? { description: 'Done' }
        : e.response === 'pdf'
          ? { description: 'The document', content: { 'application/pdf': { schema: binary } } }
          : e.response === 'xlsx'
            ? { description: 'Every row the search finds, as a spreadsheet (an attachment)', content: { [XLSX]: { schema: binary } } }
            : e.response === 'csv'
              ? { description: 'A CSV file (UTF-8 with a byte-order mark), as an attachment', content: { 'text/csv': { schema: binary } } }
              : e.response === 'file'
                ? {
                    description: 'The file, as an attachment (never inline), of the type its content was detected as',
                    content: Object.fromEntries(FILE_TYPES.map((t) => [t, { schema: binary }])),
                  }
                : { description: 'OK', content: { 'application/json': { schema: e.response } } };
    const operation: ZodOpenApiOperationObject = {
      summary: `${e.summary[0]} · ${e.summary[1]}`,
      description: who + logged,
      tags: [e.tag],
      ...(e.roles === 'public' ? { security: [] } : e.roles === 'unitKey' ? { security: [{ unitKey: [] }] } : {}),
      requestParams: {
        ...(params.length ? { path: z.object(Object.fromEntries(params.map((p) => [p, z.string()]))) } : {}),
        ...(e.query ? { query: e.query } : {}),
        header: z.object({
          'accept-language': z.string().optional().meta({ description: 'zh-CN (default) or en' }),
          ...(e.access
            ? {
                [PURPOSE_HEADER.toLowerCase()]: z.string().optional().meta({
                  description:
                    '查询事由, the purpose of the read: CASE_HANDLING, CREDIT_REVIEW, OBJECTION_CHECK or OTHER, optionally followed by ":" and words (URL-encoded; required with OTHER)',
                }),
              }
            : {}),
        }),
      },
      ...(e.body ? { requestBody: { content: { 'application/json': { schema: e.body } } } } : {}),
      ...(e.upload
        ? {
            requestBody: {
              content: {
                'multipart/form-data': { schema: z.object({ file: binary.meta({ description: e.uploadTypes ?? FILE_TYPES.join(', ') }) }) },
              },
            },
          }
        : {}),
      responses: {
        [String(e.status ?? 200)]: success,
        ...problems([
          ...(e.body || e.query || e.upload || e.access ? [400] : []),
          ...(e.roles === 'public' ? [] : [401, 403]),
          ...(params.length ? [404] : []),
          ...(e.method === 'get' ? [] : [409]),
          ...(e.upload ? [413, 415] : []),
          ...(e.roles === 'unitKey' || e.limited ? [429] : []),
          ...(e.body && e.method !== 'get' ? [422] : []),
          ...(e.problems ?? []),
          500,
          ...(e.access ? [503] : []),
        ]),
      },
    };
    paths[path] = { ...paths[path], [e.method]: operation };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: '公共信用失信惩戒与信用修复办理系统 API',
      version: '1',
      description:
        'Designation, listing, objection, credit repair and removal, as the office, the cooperating units and the parties use them. ' +
        'Sign in with POST /api/session; the session cookie (credit_sid) then carries every call. Errors are application/problem+json in the language of Accept-Language.',
    },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'credit_sid' },
        unitKey: { type: 'http', scheme: 'bearer', description: "A cooperating unit's API key, made by an administrator" },
      },
    },
    security: [{ session: [] }],
    paths,
  });
}
