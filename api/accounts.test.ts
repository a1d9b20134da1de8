// Accounts as a level-3 protected system (等保 2.0 三级) needs them, on the real API and PostgreSQL:
// a user name locked after repeated wrong passwords (its right password refused too), an address
// refused after too many failures while others sign in, sessions ended when idle, a password change
// by the policy (each broken rule beside its field) that ends the user's other sessions, and seeded
// accounts made to change their password first where the API is reachable beyond loopback.
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app';
import { SESSION_COOKIE } from './auth';
import { createDb } from '../activities/db';
import { referenceCacheOf } from '../activities/reference-data';
import { Session, startStack, type Stack } from '../tests/support/stack';

const DEMO = 'Xinyong@2026';
const NEW = 'Qingshui-Hepan-2027';

let stack: Stack;
/** The same API behind a proxy (trusting X-Forwarded-For from loopback), and one bound beyond loopback. */
let proxied: string;
let exposed: string;
const servers: Server[] = [];

async function serve(options: Partial<Parameters<typeof createApp>[0]>): Promise<string> {
  const app = createApp({ db: stack.db, temporal: stack.temporal, ...options });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

beforeAll(async () => {
  stack = await startStack('accounts');
  proxied = await serve({ trustProxy: 'loopback' });
  exposed = await serve({ host: '0.0.0.0' });
});
afterAll(async () => {
  for (const s of servers) await new Promise((r) => s.close(r));
  await stack?.stop();
});

/** A sign-in from a given client address (as the proxy names it). */
const signIn = (username: string, password: string, address: string) =>
  new Session(proxied).request('POST', '/api/session', { username, password }, { 'x-forwarded-for': address });

/** Moves every sign-in attempt and account event of a user name `minutes` into the past. */
async function age(username: string, minutes: number) {
  const ms = minutes * 60_000;
  for (const a of await stack.db.loginAttempt.findMany({ where: { username } })) {
    await stack.db.loginAttempt.update({ where: { id: a.id }, data: { at: new Date(a.at.getTime() - ms) } });
  }
  const user = await stack.db.user.findUnique({ where: { username } });
  for (const e of await stack.db.accountEvent.findMany({ where: { userId: user?.id ?? '' } })) {
    const detail = e.detail as { until?: string };
    await stack.db.accountEvent.update({
      where: { id: e.id },
      data: {
        at: new Date(e.at.getTime() - ms),
        detail: detail.until ? { ...detail, until: new Date(new Date(detail.until).getTime() - ms).toISOString() } : detail,
      },
    });
  }
}

describe('sign-in limits', () => {
  it('locks a user name after 5 wrong passwords in 15 minutes: the right one is refused too, with Retry-After, until the lock ends', async () => {
    const from = '192.0.2.10';
    for (let i = 1; i <= 4; i++) {
      const res = await signIn('tax-caseworker', `wrong-${i}`, from);
      expect(res.status, `attempt ${i}`).toBe(401);
    }
    // The fifth failure locks the account and says so.
    const fifth = await signIn('tax-caseworker', 'wrong-5', from);
    expect(fifth.status).toBe(423);
    expect(fifth.type).toContain('application/problem+json');
    expect(fifth.body).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect(fifth.body.title).toBe('密码连续错误次数过多，该账户已被锁定，请 15 分钟后再试');
    // The sixth, and the right password, are refused before any password is checked.
    for (const password of ['wrong-6', DEMO]) {
      const res = await signIn('tax-caseworker', password, from);
      expect(res.status).toBe(423);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
      expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
    }
    const attempts = await stack.db.loginAttempt.findMany({ where: { username: 'tax-caseworker' }, orderBy: { at: 'asc' } });
    expect(attempts.map((a) => a.outcome)).toEqual(['FAILED', 'FAILED', 'FAILED', 'FAILED', 'FAILED', 'ACCOUNT_LOCKED', 'ACCOUNT_LOCKED']);
    expect(attempts.every((a) => a.address === from && a.userId)).toBe(true);
    const user = await stack.db.user.findUniqueOrThrow({ where: { username: 'tax-caseworker' } });
    expect((await stack.db.accountEvent.findMany({ where: { userId: user.id } })).map((e) => e.kind)).toEqual(['LOCKED']);

    // Fifteen minutes on, the lock has ended: the right password signs in, and the unlock is recorded.
    await age('tax-caseworker', 15);
    expect((await signIn('tax-caseworker', DEMO, from)).status).toBe(201);
    const events = await stack.db.accountEvent.findMany({ where: { userId: user.id }, orderBy: { at: 'asc' } });
    expect(events.map((e) => e.kind)).toEqual(['LOCKED', 'UNLOCKED']);
  });

  it('tells the last tries how many are left, and locks an unknown user name alike (a lock reveals no account)', async () => {
    const from = '192.0.2.11';
    const titles: string[] = [];
    for (let i = 1; i <= 5; i++) titles.push((await signIn('no-such-user', `guess-${i}`, from)).body.title);
    expect(titles).toEqual([
      '用户名或密码错误',
      '用户名或密码错误',
      '用户名或密码错误；再错 2 次，该账户将被锁定 15 分钟',
      '用户名或密码错误；再错 1 次，该账户将被锁定 15 分钟',
      '密码连续错误次数过多，该账户已被锁定，请 15 分钟后再试',
    ]);
    expect((await signIn('no-such-user', 'guess-6', from)).status).toBe(423);
  });

  it('a success clears the failures before it', async () => {
    const from = '192.0.2.12';
    for (let i = 0; i < 4; i++) expect((await signIn('supervisor', 'wrong', from)).status).toBe(401);
    expect((await signIn('supervisor', DEMO, from)).status).toBe(201);
    for (let i = 0; i < 4; i++) expect((await signIn('supervisor', 'wrong', from)).status).toBe(401);
    expect((await signIn('supervisor', DEMO, from)).status).toBe(201);
  });

  it('refuses an address after 20 failures in 15 minutes (429, Retry-After) while another address signs in', async () => {
    const flood = '203.0.113.7';
    // Four wrong guesses at each of five names: no name is locked, but the address has failed 20 times.
    for (let i = 0; i < 20; i++) expect((await signIn(`guess-${i % 5}`, 'wrong', flood)).status).toBe(401);
    for (const [username, password] of [
      ['someone-else', 'wrong'],
      ['unit', DEMO],
    ]) {
      const res = await signIn(username!, password!, flood);
      expect(res.status).toBe(429);
      expect(res.body).toMatchObject({ code: 'TOO_MANY_SIGN_IN_FAILURES', title: '您所在地址的登录失败次数过多，请 15 分钟后再试' });
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    }
    expect((await signIn('unit', DEMO, '198.51.100.9')).status).toBe(201);
    expect(await stack.db.loginAttempt.count({ where: { address: flood, outcome: 'ADDRESS_THROTTLED' } })).toBe(2);
    // Once the failures are 15 minutes old, the address may try again.
    for (const a of await stack.db.loginAttempt.findMany({ where: { address: flood } })) {
      await stack.db.loginAttempt.update({ where: { id: a.id }, data: { at: new Date(a.at.getTime() - 15 * 60_000) } });
    }
    expect((await signIn('unit', DEMO, flood)).status).toBe(201);
  });

  it('takes the address from the connection, not from X-Forwarded-For, unless a proxy is trusted', async () => {
    const res = await new Session(stack.baseUrl).request(
      'POST',
      '/api/session',
      { username: 'forwarded-name', password: 'x' },
      { 'x-forwarded-for': '203.0.113.99' },
    );
    expect(res.status).toBe(401);
    const attempt = await stack.db.loginAttempt.findFirstOrThrow({ where: { username: 'forwarded-name' } });
    expect(attempt.address).toMatch(/127\.0\.0\.1$/);
  });
});

describe('sessions', () => {
  it('ends a session after 30 minutes without a request; a request before then keeps it alive', async () => {
    const s = new Session(stack.baseUrl);
    await s.login('party');
    const [session] = await stack.db.session.findMany({ where: { user: { username: 'party' } } });
    // 29 minutes idle: still signed in, and the request moves its last-seen time on.
    await stack.db.session.update({ where: { id: session!.id }, data: { lastSeenAt: new Date(Date.now() - 29 * 60_000) } });
    expect((await s.request('GET', '/api/cases')).status).toBe(200);
    const seen = await stack.db.session.findUniqueOrThrow({ where: { id: session!.id } });
    expect(Date.now() - seen.lastSeenAt.getTime()).toBeLessThan(60_000);
    // 31 minutes idle: ended, and the answer says why.
    await stack.db.session.update({ where: { id: session!.id }, data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) } });
    const res = await s.request('GET', '/api/cases');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'SESSION_IDLE', title: '超过 30 分钟未操作，登录已失效，请重新登录' });
    expect(await stack.db.session.count({ where: { id: session!.id } })).toBe(0);
  });

  it('is kept in memory by each API process, and ends in all of them the moment it ends in one', async () => {
    // A second API process of its own (its own Db, listener and memory), as behind a load balancer.
    let sessionReads = 0;
    const db = createDb(stack.databaseUrl, { onStatement: (s) => void (/"Session" AS/.test(s.sql) && sessionReads++) });
    const other = await serve({ db });
    const within = async (ms: number, check: () => Promise<boolean>) => {
      for (const end = Date.now() + ms; !(await check());) {
        if (Date.now() > end) return false;
        await new Promise((r) => setTimeout(r, 10));
      }
      return true;
    };
    try {
      const here = new Session(stack.baseUrl);
      await here.login('party');
      const there = here.at(other);
      expect((await there.request('GET', '/api/session')).status).toBe(200);
      expect(await within(10_000, async () => referenceCacheOf(db)!.active)).toBe(true);
      await there.request('GET', '/api/session');
      const before = sessionReads;
      expect(before).toBeGreaterThan(0); // (the reads are seen: the first requests made them)
      expect((await there.request('GET', '/api/session')).status).toBe(200);
      expect(sessionReads).toBe(before); // kept: not read again

      // A sign-out naming no session (anyone may send one) ends nothing and drops nothing kept.
      const junk = await fetch(`${stack.baseUrl}/api/session`, {
        method: 'DELETE',
        headers: { cookie: `${SESSION_COOKIE}=not-a-session` },
      });
      expect(junk.status).toBe(204);
      await new Promise((r) => setTimeout(r, 200));
      expect((await there.request('GET', '/api/session')).status).toBe(200);
      expect(sessionReads).toBe(before);

      // Signed out through the first process: the other refuses it at once, not a minute later.
      expect((await here.request('DELETE', '/api/session')).status).toBe(204);
      expect(await within(1_000, async () => (await there.request('GET', '/api/session')).status === 401)).toBe(true);

      // A user disabled by anyone (here psql's way, a plain UPDATE): their kept session goes too.
      const again = new Session(stack.baseUrl);
      await again.login('party');
      const elsewhere = again.at(other);
      await elsewhere.request('GET', '/api/session');
      await elsewhere.request('GET', '/api/session');
      try {
        await stack.db.$executeRaw`UPDATE "User" SET active = false WHERE username = 'party'`;
        expect(await within(1_000, async () => (await elsewhere.request('GET', '/api/session')).status === 401)).toBe(true);
      } finally {
        await stack.db.$executeRaw`UPDATE "User" SET active = true WHERE username = 'party'`;
      }
    } finally {
      await db.$disconnect();
    }
  });

  it('keeps the absolute life of 8 hours however busy the session', async () => {
    const s = new Session(stack.baseUrl);
    await s.login('party');
    await stack.db.session.updateMany({ where: { user: { username: 'party' } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await s.request('GET', '/api/session')).status).toBe(401);
  });
});

describe('password change', () => {
  it('refuses a new password against the policy, field by field, and a wrong current password', async () => {
    const s = new Session(stack.baseUrl);
    await s.login('admin');
    const cases: [Record<string, string>, string, string][] = [
      [{ newPassword: 'Short-1a' }, 'newPassword', 'password.length:12'],
      [{ newPassword: 'only-lower-case-and-symbols' }, 'newPassword', 'password.classes'],
      [{ newPassword: 'My-Admin-Password-1' }, 'newPassword', 'password.username'],
      [{ newPassword: DEMO }, 'newPassword', 'password.sameAsCurrent'],
      [{ confirmPassword: 'Something-Else-2027' }, 'confirmPassword', 'password.confirm'],
      [{ currentPassword: 'Not-The-Password-1' }, 'currentPassword', 'password.currentWrong'],
    ];
    for (const [change, field, code] of cases) {
      const body = { currentPassword: DEMO, newPassword: NEW, confirmPassword: change.newPassword ?? NEW, ...change };
      const res = await s.request('POST', '/api/session/password', body);
      expect(res.status, code).toBe(400);
      expect(res.body.errors, code).toEqual([expect.objectContaining({ field, code })]);
    }
    const chinese = await s.request('POST', '/api/session/password', { currentPassword: DEMO, newPassword: 'abc', confirmPassword: 'abc' });
    expect(chinese.body.errors[0].message).toBe('密码至少 12 个字符');
    // Nothing changed: the demo password still signs in.
    expect((await new Session(stack.baseUrl).login('admin')).status).toBe(201);
  });

  it('changes the password, ends the other sessions (this one stays), and records it', async () => {
    const here = new Session(stack.baseUrl);
    const elsewhere = new Session(stack.baseUrl);
    await here.login('admin');
    await elsewhere.login('admin');
    const res = await here.request('POST', '/api/session/password', { currentPassword: DEMO, newPassword: NEW, confirmPassword: NEW });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ username: 'admin', mustChangePassword: false });
    expect((await here.request('GET', '/api/workbench')).status).toBe(200);
    expect((await elsewhere.request('GET', '/api/workbench')).status).toBe(401);
    expect((await new Session(stack.baseUrl).request('POST', '/api/session', { username: 'admin', password: DEMO })).status).toBe(401);
    expect((await new Session(stack.baseUrl).login('admin', NEW)).status).toBe(201);
    const user = await stack.db.user.findUniqueOrThrow({ where: { username: 'admin' } });
    expect(user.passwordChangedAt).not.toBeNull();
    const events = await stack.db.accountEvent.findMany({ where: { userId: user.id } });
    expect(events).toEqual([expect.objectContaining({ kind: 'PASSWORD_CHANGED', address: expect.stringMatching(/127\.0\.0\.1$/) })]);
  });

  it('needs a session', async () => {
    const res = await new Session(stack.baseUrl).request('POST', '/api/session/password', {
      currentPassword: DEMO,
      newPassword: NEW,
      confirmPassword: NEW,
    });
    expect(res.status).toBe(401);
  });
});

describe('first sign-in of a seeded account', () => {
  it('on loopback, the demo accounts work as they are', async () => {
    const s = new Session(stack.baseUrl);
    const me = await s.login('caseworker');
    expect(me.body.mustChangePassword).toBe(false);
    expect((await s.request('GET', '/api/cases')).status).toBe(200);
  });

  it('beyond loopback, must change the password first: every other route answers 403 until then', async () => {
    const s = new Session(exposed);
    const me = await s.login('caseworker');
    expect(me.body).toMatchObject({ username: 'caseworker', mustChangePassword: true });
    for (const path of ['/api/cases', '/api/workbench', '/api/deadlines']) {
      const res = await s.request('GET', path);
      expect(res.status, path).toBe(403);
      expect(res.body, path).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED', title: '请先修改初始密码，修改后方可使用系统' });
    }
    expect((await s.request('GET', '/api/session')).body.mustChangePassword).toBe(true);
    expect((await s.request('GET', '/api/config')).status).toBe(200);
    const changed = await s.request('POST', '/api/session/password', { currentPassword: DEMO, newPassword: NEW, confirmPassword: NEW });
    expect(changed.status).toBe(200);
    expect(changed.body.mustChangePassword).toBe(false);
    expect((await s.request('GET', '/api/cases')).status).toBe(200);
    expect((await stack.db.user.findUniqueOrThrow({ where: { username: 'caseworker' } })).mustChangePassword).toBe(false);
  });
});
