// The audit trail is append-only and hash-chained: the database refuses to change or remove an
// entry, whoever asks; and an entry altered behind the database's back (its triggers switched off,
// as only a superuser can) is named by `npm run audit:verify`.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileListed, startStack, type Stack } from '../tests/support/stack';
import { designationForm } from '../tests/support/fixtures';
import { verifyAuditTrail } from '../scripts/audit-verify';
import { recordEvent } from '../activities/audit';

let stack: Stack;
let listed: { id: string; caseNumber: string };
beforeAll(async () => {
  stack = await startStack('audit_chain');
  listed = await fileListed(stack.baseUrl, designationForm());
});
afterAll(async () => {
  await stack?.stop();
});

/** `npm run audit:verify` against the stack's database, as an operator runs it. */
async function verifyCommand(): Promise<{ code: number; out: string }> {
  return promisify(execFile)('npm', ['run', '--silent', 'audit:verify'], { env: { ...process.env, DATABASE_URL: stack.databaseUrl } }).then(
    ({ stdout }) => ({ code: 0, out: stdout }),
    (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, out: err.stdout + err.stderr }),
  );
}

describe('the audit trail', () => {
  it('chains every entry of a case to the one before it, and the chain verifies', async () => {
    const trail = await stack.db.caseEvent.findMany({ where: { caseId: listed.id }, orderBy: { position: 'asc' } });
    expect(trail.length).toBeGreaterThan(20);
    expect(trail.map((e) => e.position)).toEqual(trail.map((_e, i) => i + 1));
    expect(trail[0]!.prevHash).toBeNull();
    for (let i = 1; i < trail.length; i++) expect(trail[i]!.prevHash).toBe(trail[i - 1]!.hash);
    expect(trail.every((e) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
    expect(await verifyAuditTrail(stack.db)).toEqual([]);
    const ok = await verifyCommand();
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.out).toMatch(/audit: \d+ entries, the chain intact/);
  });

  it('records an entry once per step, as it was said: a retried step adds nothing, and the chain still verifies', async () => {
    const at = new Date('2026-12-03T08:12:43.262Z');
    const actor = { userId: 'system', name: '系统（定时任务）', role: 'ADMINISTRATOR' as const, departmentId: null };
    const overdue = { deadline: 'STATEMENT_REVIEW' as const, deadlineDate: '2026-12-17', workingDays: 10 };
    const record = (reason: string) =>
      stack.db.$transaction((tx) => recordEvent(tx, listed.id, 'overdue-retried', at, actor, 'STEP_OVERDUE', overdue, reason));
    await record('首次记录');
    await record('重试时的记录'); // the activity run again after its commit: the first entry stands
    const entries = await stack.db.caseEvent.findMany({ where: { caseId: listed.id, stepKey: 'overdue-retried' } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      at,
      actorId: null,
      actorName: '系统（定时任务）',
      actorRole: 'ADMINISTRATOR',
      action: 'STEP_OVERDUE',
    });
    expect(entries[0]).toMatchObject({ detail: overdue, reason: '首次记录' });
    const last = await stack.db.caseEvent.findFirstOrThrow({ where: { caseId: listed.id }, orderBy: { position: 'desc' } });
    expect(last.id).toBe(entries[0]!.id);
    expect(await verifyAuditTrail(stack.db)).toEqual([]);
  });

  it('refuses to change, remove or empty an entry, even for the database owner', async () => {
    const entry = await stack.db.caseEvent.findFirstOrThrow({ where: { caseId: listed.id, action: 'LISTED' } });
    await expect(stack.db.$executeRaw`UPDATE "CaseEvent" SET "reason" = 'changed' WHERE "id" = ${entry.id}`).rejects.toThrow(/append-only/);
    await expect(stack.db.$executeRaw`DELETE FROM "CaseEvent" WHERE "id" = ${entry.id}`).rejects.toThrow(/append-only/);
    await expect(stack.db.$executeRawUnsafe('TRUNCATE "CaseEvent" CASCADE')).rejects.toThrow(/append-only/);
    expect(await stack.db.caseEvent.findUniqueOrThrow({ where: { id: entry.id } })).toEqual(entry);
  });

  it('names the entry altered behind the database’s back: its case, its place and its action', async () => {
    const entry = await stack.db.caseEvent.findFirstOrThrow({ where: { caseId: listed.id, action: 'DECISION_APPROVED' } });
    // Only a superuser can switch the triggers off for a session; the hash then gives it away.
    await stack.db.$transaction([
      stack.db.$executeRaw`SET LOCAL session_replication_role = replica`,
      stack.db.$executeRaw`UPDATE "CaseEvent" SET "actorName" = '王某' WHERE "id" = ${entry.id}`,
    ]);
    expect(await verifyAuditTrail(stack.db)).toEqual([
      expect.objectContaining({ caseNumber: listed.caseNumber, position: entry.position, eventId: entry.id, problem: 'ALTERED' }),
    ]);
    const failed = await verifyCommand();
    expect(failed.code).toBe(1);
    expect(failed.out).toContain(`case ${listed.caseNumber}, entry ${entry.position} (DECISION_APPROVED`);

    // An entry removed is found too: the next one says an entry before it is missing.
    const next = await stack.db.caseEvent.findFirstOrThrow({ where: { caseId: listed.id, position: entry.position + 2 } });
    await stack.db.$transaction([
      stack.db.$executeRaw`SET LOCAL session_replication_role = replica`,
      stack.db.$executeRaw`DELETE FROM "CaseEvent" WHERE "caseId" = ${listed.id} AND "position" = ${entry.position + 1}`,
    ]);
    expect((await verifyAuditTrail(stack.db)).map((b) => [b.position, b.problem])).toEqual([
      [entry.position, 'ALTERED'],
      [next.position, 'MISSING_BEFORE'],
    ]);
  });
});
