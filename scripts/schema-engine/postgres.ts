// The database side of the stand-in: a pg driver adapter for the WASM engine, and the calls the
// CLI expects the engine itself to make (can-connect, create and drop database, shadow database).
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

// PostgreSQL's internal "char" (OID 18) appears in the catalogue queries the engine runs; the
// driver adapter knows no such column type, so report it as text (OID 25).
const PG_CHAR = 18;
const PG_TEXT = 25;

function withCatalogueTypes(pool: pg.Pool): pg.Pool {
  const fix = (result: pg.QueryResult | pg.QueryResult[] | undefined) => {
    for (const r of Array.isArray(result) ? result : [result]) {
      for (const f of r?.fields ?? []) if (f.dataTypeID === PG_CHAR) f.dataTypeID = PG_TEXT;
    }
    return result;
  };
  // Every query, pooled or not, runs on a client: patch each client as the pool creates it,
  // for both the promise and the callback form of query().
  pool.on('connect', (client) => {
    const original = client.query.bind(client) as (...a: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const last = args.at(-1);
      if (typeof last === 'function') {
        args[args.length - 1] = (err: unknown, res: pg.QueryResult) => last(err, fix(res));
        return original(...args);
      }
      const out = original(...args);
      return out instanceof Promise ? out.then(fix) : out;
    };
  });
  return pool;
}

function databaseOf(url: string): { admin: string; name: string } {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres';
  u.pathname = '/postgres';
  return { admin: u.toString(), name };
}

const quote = (ident: string) => `"${ident.replaceAll('"', '""')}"`;

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function checkConnection(url: string): Promise<void> {
  try {
    await withClient(url, (c) => c.query('SELECT 1'));
  } catch (err) {
    const e = err as { code?: string; message: string };
    const { name } = databaseOf(url);
    if (e.code === '3D000') throw Object.assign(new Error(`Database \`${name}\` does not exist`), { error_code: 'P1003' });
    throw Object.assign(new Error(`Can't reach database server: ${e.message}`), { error_code: 'P1001' });
  }
}

export async function createDatabase(url: string): Promise<string> {
  const { admin, name } = databaseOf(url);
  await withClient(admin, async (c) => {
    const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await c.query(`CREATE DATABASE ${quote(name)}`);
  });
  return name;
}

export async function dropDatabase(url: string): Promise<void> {
  const { admin, name } = databaseOf(url);
  await withClient(admin, (c) => c.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`));
}

/**
 * A migration script is sent whole, as one multi-statement query — as the native schema engine does
 * — not split at every ';' as the driver adapter would: a function body ($$ … $$) or a comment
 * holds semicolons of its own. PostgreSQL runs it as one implicit transaction.
 */
function wholeScripts<A extends { executeScript(script: string): Promise<void> }>(adapter: A): A {
  const raw = adapter as unknown as { client: pg.Pool; onError(e: unknown): never };
  adapter.executeScript = async (script: string) => {
    try {
      await raw.client.query(script);
    } catch (error) {
      raw.onError(error);
    }
  };
  return adapter;
}

export function createAdapterFactory(url: string, shadowUrl?: string): SqlMigrationAwareDriverAdapterFactory {
  const main = new PrismaPg(withCatalogueTypes(new pg.Pool({ connectionString: url, max: 2 })));
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => wholeScripts(await main.connect()),
    // The shadow database for `migrate dev` and `migrate diff`: the configured one, or a temporary
    // database this process creates and drops itself.
    async connectToShadowDb() {
      let shadow = shadowUrl;
      let temporary: string | undefined;
      if (!shadow) {
        const u = new URL(url);
        temporary = `prisma_shadow_${process.pid}_${Date.now()}`;
        u.pathname = `/${temporary}`;
        shadow = u.toString();
        await createDatabase(shadow);
      }
      const pool = withCatalogueTypes(new pg.Pool({ connectionString: shadow, max: 2 }));
      const adapter = wholeScripts(await new PrismaPg(pool).connect());
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await pool.end().catch(() => undefined);
        if (temporary) await dropDatabase(shadow!);
      };
      return adapter;
    },
  } as SqlMigrationAwareDriverAdapterFactory;
}
