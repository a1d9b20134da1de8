// Security headers on every answer (helmet): a Content-Security-Policy that admits this server's
// own scripts only and no framing, nosniff, no Referer; nothing personal kept in a cache; session
// cookies Secure and HSTS where the app is served over HTTPS; and the public lookup limited per
// client address (429 in Chinese with Retry-After), on the real stack.
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, secureCookiesFor } from './app';
import { PUBLIC_RATE_LIMIT } from './routes/public';
import { Session, fileListed, startStack, type Stack } from '../tests/support/stack';
import { designationForm } from '../tests/support/fixtures';

let stack: Stack;
let caseworker: Session;
let listed: { id: string; caseNumber: string };
beforeAll(async () => {
  // The public lookup's limit as in production: this file alone reaches it.
  stack = await startStack('security', {}, { publicRateLimit: PUBLIC_RATE_LIMIT });
  caseworker = new Session(stack.baseUrl);
  await caseworker.login('caseworker');
  listed = await fileListed(stack.baseUrl, designationForm());
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

/** The policy's directives by name. */
const directives = (csp: string | null) =>
  Object.fromEntries(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values.join(' ')]),
  );

/** What every answer carries, whoever asks. */
function expectSecurityHeaders(headers: Headers) {
  const csp = directives(headers.get('content-security-policy'));
  expect(csp).toMatchObject({
    'default-src': "'self'",
    'script-src': "'self'",
    'style-src': "'self' 'unsafe-inline'",
    'object-src': "'none'",
    'frame-ancestors': "'none'",
  });
  expect(JSON.stringify(csp)).not.toContain('unsafe-eval');
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  // Served over plain HTTP on loopback: no HSTS, no upgrade of requests.
  expect(headers.get('strict-transport-security')).toBeNull();
  expect(csp['upgrade-insecure-requests']).toBeUndefined();
  expect(headers.get('x-powered-by')).toBeNull();
}

describe('security headers', () => {
  it('on the web app, which may be cached, and the API reference page', async () => {
    for (const path of ['/', '/public', '/cases/abc']) {
      const page = await fetch(stack.baseUrl + path);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      expectSecurityHeaders(page.headers);
      expect(page.headers.get('cache-control')).not.toContain('no-store');
    }
    const docs = await fetch(`${stack.baseUrl}/api/docs/`);
    expect(await docs.text()).toContain('swagger-ui-bundle.js');
    expectSecurityHeaders(docs.headers);
    for (const path of ['/api/health', '/api/config', '/api/openapi.json', '/api/docs/swagger-ui-bundle.js']) {
      const res = await fetch(stack.baseUrl + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control') ?? '', path).not.toContain('no-store');
    }
  });

  it('on API answers, none of them kept in a cache: a case, a list, the session, a refusal', async () => {
    for (const path of [`/api/cases/${listed.id}`, '/api/cases', '/api/session', '/api/deadlines', '/api/nothing-here']) {
      const res = await caseworker.request('GET', path);
      expect(res.status, path).toBe(path === '/api/nothing-here' ? 404 : 200);
      expectSecurityHeaders(res.headers);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
    const anyone = await new Session(stack.baseUrl).request('GET', `/api/cases/${listed.id}`);
    expect(anyone.status).toBe(401);
    expect(anyone.headers.get('cache-control')).toBe('no-store');
  });

  it('on a document downloaded', async () => {
    const { documents } = (await caseworker.request('GET', `/api/cases/${listed.id}`)).body as { documents: { id: string }[] };
    expect(documents.length).toBeGreaterThan(0);
    const pdf = await caseworker.download(`/api/cases/${listed.id}/documents/${documents[0]!.id}`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expectSecurityHeaders(pdf.headers);
    expect(pdf.headers.get('cache-control')).toBe('no-store');
  });

  it('served over HTTPS: session cookies Secure, HSTS, requests upgraded', async () => {
    const app = createApp({ db: stack.db, temporal: stack.temporal, secureCookies: true });
    const http: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const { port } = http.address() as { port: number };
      const login = await new Session(`http://127.0.0.1:${port}`).login('caseworker');
      expect(login.headers.get('set-cookie')).toMatch(/; Secure/i);
      expect(login.headers.get('strict-transport-security')).toMatch(/^max-age=31536000/);
      expect(login.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    } finally {
      await new Promise((r) => http.close(r));
    }
    // And on plain HTTP on loopback, not Secure (the browser would never send it back).
    const plain = await new Session(stack.baseUrl).login('caseworker');
    expect(plain.headers.get('set-cookie')).not.toMatch(/; Secure/i);
  });

  it('makes session cookies Secure unless the API listens on loopback only, or SECURE_COOKIES says otherwise', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1']) expect(secureCookiesFor(host, undefined), host).toBe(false);
    for (const host of ['0.0.0.0', '::', '10.1.2.3', 'credit.example.gov.cn', '127.0.0.1.example.com'])
      expect(secureCookiesFor(host, undefined), host).toBe(true);
    expect(secureCookiesFor('0.0.0.0', '0')).toBe(false);
    expect(secureCookiesFor('127.0.0.1', '1')).toBe(true);
  });
});

describe('the public lookup is limited per client address', () => {
  it(`answers ${PUBLIC_RATE_LIMIT} lookups and exports a minute, then 429 in Chinese with Retry-After`, async () => {
    expect(PUBLIC_RATE_LIMIT).toBe(30);
    const anyone = new Session(stack.baseUrl);
    const q = `q=${encodeURIComponent('某某建设')}`;
    // The page and its export count together.
    for (let i = 1; i < PUBLIC_RATE_LIMIT; i++)
      expect((await anyone.request('GET', `/api/public/listings?${q}`)).status, `#${i}`).toBe(200);
    expect((await anyone.download(`/api/public/listings/export.xlsx?${q}`)).status).toBe(200);

    const refused = await anyone.request('GET', `/api/public/listings?${q}`);
    expect(refused.status).toBe(429);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.body).toMatchObject({
      status: 429,
      title: `查询过于频繁，请稍后再试（每个网络地址每分钟最多 ${PUBLIC_RATE_LIMIT} 次）`,
    });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expectSecurityHeaders(refused.headers);
    const exported = await anyone.download(`/api/public/listings/export.xlsx?${q}`);
    expect(exported.status).toBe(429);
    expect(exported.headers.get('retry-after')).toBeTruthy();
    const english = await new Session(stack.baseUrl, 'en').request('GET', `/api/public/listings?${q}`);
    expect(english.status).toBe(429);
    expect(english.body.title).toBe(`Too many lookups: try again later (at most ${PUBLIC_RATE_LIMIT} a minute from one network address)`);
    // Signed-in work is not limited by it.
    expect((await caseworker.request('GET', '/api/cases')).status).toBe(200);
  });
});
