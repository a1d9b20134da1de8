// Creates an account in an operator's database (where no demo accounts are seeded):
//   DATABASE_URL=… NEW_PASSWORD=… npm run create-user -- <username> <role> [<department code>] [<display name>]
// The password comes from NEW_PASSWORD, never from the command line (it would stay in shell history).
import { fileURLToPath } from 'node:url';
import { createDb, type Db } from '../activities/db';
import { hashPassword } from '../api/passwords';
import { ROLES, type Role } from '../domain/vocabulary';
import { passwordPolicyIssues } from '../domain/schemas';
import { translateMessage } from '../domain/messages';

export async function createUser(
  db: Db,
  input: { username: string; role: Role; password: string; departmentCode?: string; displayName?: string },
): Promise<{ id: string }> {
  if (!/^[A-Za-z0-9_.-]{2,64}$/.test(input.username)) throw new Error('username: 2–64 letters, digits, _ . -');
  if (!ROLES.includes(input.role)) throw new Error(`role: one of ${ROLES.join(', ')}`);
  // The same policy as a password change (domain/schemas.ts), its reasons in English.
  const issues = passwordPolicyIssues(input.username, input.password);
  if (issues.length) throw new Error(`password: ${issues.map((i) => translateMessage(i, 'en')).join('; ')}`);
  if (await db.user.findUnique({ where: { username: input.username } })) throw new Error(`username ${input.username} exists already`);
  const department = input.departmentCode ? await db.department.findUnique({ where: { code: input.departmentCode } }) : null;
  if (input.departmentCode && !department) throw new Error(`department ${input.departmentCode} does not exist`);
  // An administrator may stand outside any department: an empty database has none yet.
  if (input.role !== 'PARTY' && input.role !== 'ADMINISTRATOR' && input.role !== 'AUDITOR' && !department) {
    throw new Error('department: required for every role but PARTY, ADMINISTRATOR and AUDITOR');
  }
  return db.user.create({
    data: {
      username: input.username,
      displayName: input.displayName ?? input.username,
      role: input.role,
      departmentId: department?.id ?? null,
      passwordHash: await hashPassword(input.password),
    },
    select: { id: true },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [username, role, departmentCode, displayName] = process.argv.slice(2);
  const password = process.env.NEW_PASSWORD ?? '';
  if (!username || !role) {
    console.error('usage: NEW_PASSWORD=… npm run create-user -- <username> <role> [<department code>] [<display name>]');
    process.exit(2);
  }
  const db = createDb();
  try {
    const { id } = await createUser(db, { username, role: role as Role, password, departmentCode, displayName });
    console.log(`created ${username} (${role}) ${id}`);
  } catch (err) {
    console.error(`create-user: ${(err as Error).message}`);
    process.exitCode = 1;
  } finally {
    await db.$disconnect();
  }
}
