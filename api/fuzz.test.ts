// Bad input gets a clear error and changes nothing: property-based (fast-check) requests to every
// route the API documents, as every role and as no one, with malformed path parameters (NUL bytes,
// 1e21, -1, very long, traversal), query strings and bodies (any JSON value, broken JSON). No answer
// may be a 5xx, and no table of the procedure may change.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { designationForm } from '../tests/support/fixtures';
import { Session, fileListed, startStack, type Stack } from '../tests/support/stack';
import { tableDigests } from '../tests/support/database';

let stack: Stack;
let sessions: Record<string, Session>;
let routes: { method: string; path: string }[];
let listed: { id: string };

beforeAll(async () => {
  stack = await startStack('fuzz');
  listed = await fileListed(stack.baseUrl, designationForm());
  sessions = { anonymous: new Session(stack.baseUrl) };
  for (const user of ['caseworker', 'supervisor', 'admin', 'unit', 'party']) {
    sessions[user] = new Session(stack.baseUrl);
    await sessions[user].login(user);
  }
  const doc = (await sessions.anonymous!.request('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  routes = Object.entries(doc.paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })))
    // Signing out ends the session the next requests would be made in.
    .filter((r) => !(r.method === 'DELETE' && r.path === '/api/session'));
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

const param = fc.oneof(
  fc.constantFrom(
    '1e21',
    '-1',
    '0',
    '%00',
    'ab%00cd',
    '..%2F..%2Fetc%2Fpasswd',
    '%E4%B8%AD',
    'null',
    'undefined',
    '2026-02-30',
    '9'.repeat(400),
  ),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
  fc.uuid(),
);
const body = fc.oneof(
  fc.anything(),
  fc.object(),
  fc.constant('{"broken": '),
  fc.array(fc.string()),
  fc.record({ days: fc.array(fc.record({ date: fc.string(), kind: fc.string(), name: fc.string() })) }),
);
const query = fc.dictionary(
  fc.constantFrom('q', 'page', 'pageSize', 'sort', 'order', 'state', 'listType', 'from', 'to', 'days', 'code', 'name', 'idNumber', 'x'),
  fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('%00', '-1', '1e21', '999999999999', '2026-02-30', '%_', '\u0000')),
  { maxKeys: 4 },
);

describe('malformed requests to every route', () => {
  it('answers each with a 4xx (never a 5xx) and changes nothing', async () => {
    const before = await tableDigests(stack.db);
    const failures: string[] = [];
    await fc
      .assert(
        fc.asyncProperty(
          fc.constantFrom(...routes),
          fc.constantFrom(...Object.keys(sessions)),
          fc.array(param, { minLength: 3, maxLength: 3 }),
          fc.boolean(),
          query,
          body,
          async (route, who, params, useRealCase, q, b) => {
            // Reads may name a real case; what could change something names only what does not exist.
            const real = useRealCase && route.method === 'GET';
            let i = 0;
            const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => (real && name === 'id' ? listed.id : params[i++ % 3]!));
            const search = new URLSearchParams(q).toString();
            const url = `${path}${search ? `?${search}` : ''}`;
            const res = await sessions[who]!.raw(route.method, url, b);
            if (res.status >= 500) failures.push(`${route.method} ${url} as ${who} → ${res.status}`);
            return res.status < 500;
          },
        ),
        { numRuns: 1_200, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31), endOnFailure: true },
      )
      .catch((err: unknown) => {
        throw new Error(`${failures.join('\n')}\n${String(err)}`);
      });
    expect(failures).toEqual([]);
    expect(await tableDigests(stack.db)).toEqual(before);
  }, 600_000);
});
