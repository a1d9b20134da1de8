// `npm run restore -- <archive> [--data <dir>] [--force]`: puts an archive of `npm run backup`
// (scripts/backup.ts) back as the data directory (data/, or DATA_DIR, or --data), then `npm start`
// carries on every case where the backup left it, timers included.
//
// Nothing in the data directory is touched until the archive has passed every check: each file
// against the manifest's SHA-256 (none missing, none added), Temporal's store, the database cluster
// and the payload key all present, the PostgreSQL major version the same as the embedded server's,
// the migration level one this checkout knows, Temporal's store passing SQLite's check, and the
// cluster starting — which replays the backup's WAL and so brings the database to the instant the
// backup ended — and answering. A data directory that already holds a system is refused unless
// --force, which moves it aside (data.replaced-<time>), never deletes it; a running system, always.
import { execFileSync } from 'node:child_process';
import { chownSync, chmodSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import * as tar from 'tar';
import {
  MANIFEST_FORMAT,
  checkSqlite,
  defaultDataDir,
  filesUnder,
  keyIds,
  option,
  runningPostgresPort,
  sha256,
  storedPassword,
  withServer,
  type Manifest,
} from './backup';
import { binaries, databaseUrl, serverUser } from './embedded-postgres';
import { projectRoot } from './temporal-server';

/** What makes a data directory hold a system (scripts/start.ts): any one of them. */
const SYSTEM_ENTRIES = ['postgres', 'temporal.sqlite', 'temporal.sqlite-wal', 'payload-keys', 'postgres.password'];

export interface RestoreOptions {
  archive: string;
  dataDir?: string;
  force?: boolean;
  log?: (line: string) => void;
}

export interface Restored {
  dataDir: string;
  manifest: Manifest;
  cases: number | null;
  movedAside: string | null;
}

function chownTree(path: string, uid: number, gid: number) {
  chownSync(path, uid, gid);
  if (statSync(path).isDirectory()) for (const name of readdirSync(path)) chownTree(join(path, name), uid, gid);
}

/** Checks the extracted archive in `dir` against its manifest; throws naming what is wrong. */
async function verify(dir: string): Promise<Manifest> {
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error('the archive has no manifest.json: it was not made by npm run backup');
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  if (manifest.format !== MANIFEST_FORMAT) throw new Error(`the archive is of format ${String(manifest.format)}, not ${MANIFEST_FORMAT}`);
  const problems: string[] = [];
  const present = (await filesUnder(dir)).filter((f) => f !== 'manifest.json');
  for (const f of present) {
    const want = manifest.files[f];
    if (!want) problems.push(`${f} is not in the manifest`);
    else if ((await sha256(join(dir, f))) !== want.sha256) problems.push(`${f} does not match its SHA-256`);
  }
  for (const f of Object.keys(manifest.files)) if (!present.includes(f)) problems.push(`${f} is missing`);
  // What a restore cannot do without, whatever a manifest says.
  const required = [
    'temporal.sqlite',
    'postgres/PG_VERSION',
    'postgres/backup_label',
    'postgres/global/pg_control',
    ...manifest.postgres.walSegments.map((w) => `postgres/pg_wal/${w}`),
  ];
  if (manifest.payloadKeys.file) required.push(manifest.payloadKeys.file);
  for (const f of required) if (!present.includes(f) && !problems.includes(`${f} is missing`)) problems.push(`${f} is missing`);
  if (problems.length > 0) {
    throw new Error(
      `the archive is damaged or incomplete: ${problems.slice(0, 8).join('; ')}${problems.length > 8 ? `; and ${problems.length - 8} more` : ''}`,
    );
  }
  return manifest;
}

export async function restoreBackup(opts: RestoreOptions): Promise<Restored> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const archive = resolve(opts.archive);
  const dataDir = resolve(opts.dataDir ?? defaultDataDir());
  if (!existsSync(archive)) throw new Error(`no archive at ${archive}`);
  if (runningPostgresPort(join(dataDir, 'postgres')) !== null) {
    throw new Error(`the system in ${dataDir} is running (its PostgreSQL is): stop it (Ctrl-C in npm start) before restoring`);
  }
  const holding = existsSync(dataDir) ? SYSTEM_ENTRIES.filter((e) => existsSync(join(dataDir, e))) : [];
  if (holding.length > 0 && !opts.force) {
    throw new Error(
      `${dataDir} already holds a system (${holding.join(', ')}). Restore into an empty data directory (--data <dir>, or DATA_DIR), ` +
        'or give --force to move the present one aside (it is kept, not deleted)',
    );
  }

  await mkdir(dirname(dataDir), { recursive: true });
  const work = await mkdtemp(join(dirname(dataDir), `.restore-${basename(dataDir)}-`));
  try {
    const staged = join(work, 'data');
    await mkdir(staged, { mode: 0o700 });
    const refused: string[] = [];
    await tar.extract({
      file: archive,
      cwd: staged,
      strict: true,
      // Files and directories only (no links, devices); node-tar also keeps every path inside cwd.
      filter: (path, entry) => {
        const ok = 'type' in entry && (entry.type === 'File' || entry.type === 'Directory');
        if (!ok) refused.push(path);
        return ok;
      },
    });
    if (refused.length > 0)
      throw new Error(`the archive holds entries that are not files or directories: ${refused.slice(0, 5).join(', ')}`);
    const manifest = await verify(staged);
    log(
      `restore: ${archive}: every file matches the manifest (backup of ${manifest.finishedAt}, ${Object.keys(manifest.files).length} files)`,
    );

    // The payload keys: in the archive, or the operator's PAYLOAD_KEYS must still open the histories.
    if (!manifest.payloadKeys.file) {
      const given = keyIds(process.env.PAYLOAD_KEYS ?? '');
      const lacking = manifest.payloadKeys.keyIds.filter((id) => !given.includes(id));
      if (lacking.length > 0) {
        throw new Error(
          `the archive does not hold the payload keys, which were given by PAYLOAD_KEYS: set PAYLOAD_KEYS with the key(s) ${lacking.join(', ')}`,
        );
      }
    }

    // The same PostgreSQL major version: a cluster's files are read only by the version that wrote them.
    const { postgres } = await binaries();
    const ours = /(\d+)(?:\.\d+)*/.exec(execFileSync(postgres, ['--version'], { encoding: 'utf8' }))?.[1];
    const theirs = readFileSync(join(staged, 'postgres', 'PG_VERSION'), 'utf8').trim();
    if (ours !== theirs)
      throw new Error(`the archive holds a PostgreSQL ${theirs} cluster; the embedded server here is PostgreSQL ${ours}`);
    // A database migrated further than this checkout's code knows would be run by older code.
    const known = readdirSync(`${projectRoot}prisma/migrations`);
    const last = manifest.postgres.migrations.last;
    if (last && !known.includes(last)) {
      throw new Error(
        `the archive's database is at migration ${last}, which this checkout does not have: restore it with the version that made it (${manifest.product.commit ?? manifest.product.version})`,
      );
    }

    checkSqlite(join(staged, 'temporal.sqlite'));

    // The cluster as PostgreSQL wants it: its directory private, owned by the server's user.
    chmodSync(join(staged, 'postgres'), 0o700);
    for (const f of ['payload-keys', 'postgres.password']) if (existsSync(join(staged, f))) chmodSync(join(staged, f), 0o600);
    const user = serverUser();
    if (user) {
      chownTree(join(staged, 'postgres'), user.uid, user.gid);
      for (const d of [work, staged]) chmodSync(d, 0o711); // for it to reach the cluster; nothing listed
    }

    // Started once here: it replays the backup's WAL, which makes the database consistent (as of the
    // backup's end), and is stopped cleanly. A cluster that does not come up fails the restore now.
    const cases = await withServer({ dir: join(staged, 'postgres'), password: storedPassword(staged) }, async (c) => {
      const client = new pg.Client({ connectionString: databaseUrl(c) });
      await client.connect();
      try {
        return (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM "Case"')).rows[0]!.n;
      } catch {
        return null;
      } finally {
        await client.end();
      }
    });
    log(`restore: PostgreSQL recovered to the backup's end (${manifest.postgres.consistentAt}): ${cases ?? 'no'} cases`);

    // Into place.
    let movedAside: string | null = null;
    if (holding.length > 0) {
      movedAside = `${dataDir}.replaced-${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '')}`;
      await rename(dataDir, movedAside);
      log(`restore: the system that was in ${dataDir} is now in ${movedAside}`);
    }
    await rm(join(staged, 'manifest.json'));
    if (!existsSync(dataDir)) {
      await rename(staged, dataDir);
    } else {
      for (const name of await readdir(staged)) await rename(join(staged, name), join(dataDir, name));
      await rmdir(staged);
    }
    return { dataDir, manifest, cases, movedAside };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  try {
    const positional = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--data');
    const unknown = args.filter((a) => a.startsWith('--') && !['--data', '--force'].includes(a));
    if (positional.length !== 1 || unknown.length > 0)
      throw new Error('usage: npm run restore -- <archive.tar.gz> [--data <data dir>] [--force]');
    const t0 = Date.now();
    const r = await restoreBackup({ archive: positional[0]!, dataDir: option(args, '--data'), force: args.includes('--force') });
    const m = r.manifest;
    console.log(
      `restore: done in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${r.dataDir} holds the system of ${m.finishedAt} ` +
        `(Temporal's store as of ${m.temporal.snapshotAt}, the database as of ${m.postgres.consistentAt}, ` +
        `${m.payloadKeys.file ? `payload key(s) ${m.payloadKeys.keyIds.join(', ')}` : 'payload keys from PAYLOAD_KEYS'}). ` +
        `Start it with ${r.dataDir === resolve(`${projectRoot}data`) ? 'npm start' : `DATA_DIR=${r.dataDir} npm start`}.`,
    );
  } catch (err) {
    console.error(`restore failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
