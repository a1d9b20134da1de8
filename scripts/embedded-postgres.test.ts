// The embedded default database: a real PostgreSQL cluster from the npm package, created once,
// password-protected, and keeping its data across a stop and start.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clusterPassword, databaseUrl, initCluster, startServer, type Cluster } from './embedded-postgres';
import { query } from '../tests/support/database';
import { freePort } from './temporal-server';

const dataDir = mkdtempSync(join(tmpdir(), 'embedded-postgres-'));
chmodSync(dataDir, 0o755); // as root, the server runs as `postgres`, which must reach its cluster
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the embedded PostgreSQL', () => {
  it('creates a cluster once, asks for its password, and keeps its rows across a stop and start', async () => {
    const password = clusterPassword(dataDir);
    expect(clusterPassword(dataDir)).toBe(password);
    expect(statSync(join(dataDir, 'postgres.password')).mode & 0o077).toBe(0);
    const cluster: Cluster = { dir: join(dataDir, 'postgres'), port: await freePort(), password };
    expect(await initCluster(cluster)).toBe(true);
    expect(await initCluster(cluster)).toBe(false);

    let server = await startServer(cluster, 'ignore');
    const url = databaseUrl(cluster);
    expect((await query(url, 'SHOW server_version'))[0].server_version).toMatch(/^17\./);
    await query(url, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('立案')");
    await expect(query(databaseUrl({ ...cluster, password: 'wrong' }), 'SELECT 1')).rejects.toThrow(/password authentication failed/);

    const stopped = new Promise((r) => server.once('exit', r));
    server.kill('SIGINT');
    await stopped;
    server = await startServer(cluster, 'ignore');
    try {
      expect(await query(url, 'SELECT note FROM kept')).toEqual([{ note: '立案' }]);
    } finally {
      server.kill('SIGINT');
      await new Promise((r) => server.once('exit', r));
    }
  });

  it.runIf(process.getuid?.() === 0)('says what to do when, started by root, the server could not reach its cluster', async () => {
    const hidden = join(dataDir, 'private');
    mkdirSync(hidden, { mode: 0o700 });
    await expect(initCluster({ dir: join(hidden, 'postgres'), port: 1 })).rejects.toThrow(
      `postgres cannot enter ${hidden} (mode 700) on the way to ${join(hidden, 'postgres')}. Put the project under a directory others may enter`,
    );
  });
});
