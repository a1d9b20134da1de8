// The operator's account bootstrap: a real KDF hash, clear refusals, nothing half-made.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../activities/db';
import { verifyPassword } from '../api/passwords';
import { createTestDatabase, dropTestDatabase } from '../tests/support/database';
import { createUser } from './create-user';

let db: Db;
let url: string;
beforeAll(async () => {
  url = await createTestDatabase('create_user');
  db = createDb(url);
});
afterAll(async () => {
  await db?.$disconnect();
  if (url) await dropTestDatabase(url);
});

describe('create-user', () => {
  it('creates an administrator whose password verifies against the stored scrypt hash', async () => {
    await createUser(db, {
      username: 'ops-admin',
      role: 'ADMINISTRATOR',
      password: 'a-long-passphrase-2026',
      departmentCode: 'CREDIT',
      displayName: '运维管理员',
    });
    const u = await db.user.findUniqueOrThrow({ where: { username: 'ops-admin' }, include: { department: true } });
    expect(u).toMatchObject({ role: 'ADMINISTRATOR', displayName: '运维管理员', department: { code: 'CREDIT' } });
    expect(await verifyPassword('a-long-passphrase-2026', u.passwordHash)).toBe(true);
    expect(await verifyPassword('wrong', u.passwordHash)).toBe(false);
  });

  it('creates a first administrator outside any department, as an empty database needs', async () => {
    await createUser(db, { username: 'first-admin', role: 'ADMINISTRATOR', password: 'a-long-passphrase-2026' });
    expect(await db.user.findUniqueOrThrow({ where: { username: 'first-admin' } })).toMatchObject({ departmentId: null });
  });

  it.each([
    [{ username: 'x', role: 'ADMINISTRATOR', password: 'a-long-passphrase-2026', departmentCode: 'CREDIT' }, /username/],
    [{ username: 'short-pass', role: 'CASEWORKER', password: 'short', departmentCode: 'CREDIT' }, /password/],
    [
      { username: 'weak-pass', role: 'CASEWORKER', password: 'onlylowercaseletters', departmentCode: 'CREDIT' },
      /password: Use at least three/,
    ],
    [
      { username: 'named-pass', role: 'CASEWORKER', password: 'Named-Pass-2026', departmentCode: 'CREDIT' },
      /must not contain the user name/,
    ],
    [{ username: 'no-dept', role: 'CASEWORKER', password: 'a-long-passphrase-2026' }, /department: required/],
    [{ username: 'bad-dept', role: 'CASEWORKER', password: 'a-long-passphrase-2026', departmentCode: 'NOPE' }, /NOPE does not exist/],
    [{ username: 'ops-admin', role: 'ADMINISTRATOR', password: 'a-long-passphrase-2026', departmentCode: 'CREDIT' }, /exists already/],
  ] as const)('refuses %j with a clear reason and creates nothing', async (input, reason) => {
    const before = await db.user.count();
    await expect(createUser(db, { ...input })).rejects.toThrow(reason);
    expect(await db.user.count()).toBe(before);
  });
});
