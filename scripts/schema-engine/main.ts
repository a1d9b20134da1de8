// A schema engine for the Prisma CLI that needs no download: it speaks the native engine's
// JSON-RPC over stdio and forwards each call to @prisma/schema-engine-wasm, which reaches the
// database through the pg driver adapter. The CLI starts it as
//   schema-engine --datamodels <file>… [--datasource <json>]
// and writes one JSON-RPC request per line on stdin. Every failure is answered as a JSON-RPC
// error, so the CLI exits non-zero: this engine never reports success for work it did not do.
import { createInterface } from 'node:readline';
import { readFileSync } from 'node:fs';
import { lastPanic, loadWasmEngine, type WasmEngine } from './wasm';
import { createAdapterFactory, createDatabase, dropDatabase, checkConnection } from './postgres';

interface RpcRequest {
  id: number | string;
  jsonrpc: '2.0';
  method: string;
  params?: Record<string, unknown>;
}

function parseArgs(argv: string[]) {
  const datamodels: [string, string][] = [];
  let datasource: { url?: string; shadowDatabaseUrl?: string } = {};
  let cliCommand: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--datamodels') {
      const file = argv[++i]!;
      datamodels.push([file, readFileSync(file, 'utf8')]);
    } else if (arg === '--datasource') {
      datasource = JSON.parse(argv[++i]!);
    } else if (arg === 'cli') {
      cliCommand = argv[++i];
    } else if (arg === '--version' || arg === '-V') {
      process.stdout.write('schema-engine-wasm-standin 1\n');
      process.exit(0);
    }
  }
  return { datamodels, datasource, cliCommand };
}

const { datamodels, datasource, cliCommand } = parseArgs(process.argv.slice(2));
const url = datasource.url ?? process.env.DATABASE_URL;
const shadowUrl = datasource.shadowDatabaseUrl ?? process.env.SHADOW_DATABASE_URL;

let enginePromise: Promise<WasmEngine> | undefined;
function engine(): Promise<WasmEngine> {
  if (!url) throw new UserFacingError('P1012', 'No datasource URL: set DATABASE_URL or datasource.url in prisma.config.ts');
  enginePromise ??= loadWasmEngine(datamodels, createAdapterFactory(url, shadowUrl));
  return enginePromise;
}

class UserFacingError extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

// Calls the CLI makes that the WASM engine does not answer, or answers only for the current database.
const ownMethods: Record<string, (params: Record<string, unknown>) => Promise<unknown>> = {
  async getDatabaseVersion(params) {
    return (await engine()).version(params as never);
  },
  async ensureConnectionValidity() {
    await checkConnection(urlOf());
    return {};
  },
  async createDatabase() {
    return { databaseName: await createDatabase(urlOf()) };
  },
  async dropDatabase() {
    await dropDatabase(urlOf());
    return {};
  },
};

function urlOf(): string {
  if (!url) throw new UserFacingError('P1012', 'No datasource URL: set DATABASE_URL or datasource.url in prisma.config.ts');
  return url;
}

async function handle(req: RpcRequest): Promise<unknown> {
  const params = req.params ?? {};
  const own = ownMethods[req.method];
  if (own) return own(params);
  const e = (await engine()) as unknown as Record<string, (p: unknown) => Promise<unknown>>;
  if (typeof e[req.method] !== 'function') {
    throw new Error(`schema-engine stand-in: method "${req.method}" is not supported`);
  }
  const result = await e[req.method]!.call(e, params);
  // The native engine prints a diff through a `print` request to the CLI rather than in its result.
  if (req.method === 'diff' && result && typeof (result as { stdout?: unknown }).stdout === 'string') {
    const { stdout, ...rest } = result as { stdout: string };
    process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: `print-${req.id}`, method: 'print', params: { content: stdout } }) + '\n');
    return rest;
  }
  return result ?? {};
}

// A crash is reported like the native engine's panic: an ERROR log line, then exit code 101.
process.on('uncaughtException', (err) => {
  const message = lastPanic ?? (err instanceof Error ? err.message : String(err));
  process.stderr.write(JSON.stringify({ level: 'ERROR', target: 'schema_engine::logger', fields: { message, is_panic: true } }) + '\n');
  process.exit(101);
});

function errorPayload(err: unknown) {
  // Errors from the WASM engine arrive as plain objects or Errors carrying a user-facing code.
  const e = err as { message?: string; error_code?: string; errorCode?: string; meta?: unknown; code?: string };
  const code =
    err instanceof UserFacingError
      ? err.errorCode
      : (e?.error_code ?? e?.errorCode ?? (typeof e?.code === 'string' && /^P\d{4}$/.test(e.code) ? e.code : undefined));
  const message = (typeof err === 'string' ? err : e?.message) || lastPanic || JSON.stringify(err);
  return { code: 4466, message, data: { is_panic: false, message, error_code: code, meta: e?.meta } };
}

// One-shot mode: `schema-engine --datasource <json> cli <command>`. The CLI reads failures from
// stderr, skipping the first line, as JSON log lines from the target schema_engine::logger.
async function runCli(command: string): Promise<never> {
  const commands: Record<string, () => Promise<unknown>> = {
    'can-connect-to-database': () => checkConnection(urlOf()),
    'create-database': () => createDatabase(urlOf()),
    'drop-database': () => dropDatabase(urlOf()),
  };
  try {
    const run = commands[command];
    if (!run) throw new Error(`schema-engine stand-in: cli command "${command}" is not supported`);
    await run();
    process.exit(0);
  } catch (err) {
    const { message, data } = errorPayload(err);
    process.stderr.write(`schema-engine stand-in: cli ${command} failed\n`);
    process.stderr.write(
      JSON.stringify({ level: 'ERROR', target: 'schema_engine::logger', fields: { message, error_code: data.error_code } }) + '\n',
    );
    process.exit(1);
  }
}
if (cliCommand !== undefined) await runCli(cliCommand);

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
const pending = new Set<Promise<unknown>>();
rl.on('line', (line) => {
  if (!line.trim()) return;
  let req: RpcRequest;
  try {
    req = JSON.parse(line);
  } catch {
    process.stderr.write(JSON.stringify({ level: 'ERROR', fields: { message: `unparseable request: ${line.slice(0, 200)}` } }) + '\n');
    return;
  }
  if (req.id === undefined || req.method === undefined) return; // a notification, or the CLI's answer to our print request
  const p = handle(req)
    .then((result) => process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: req.id, result }) + '\n'))
    .catch((err) => {
      process.stderr.write(JSON.stringify({ level: 'ERROR', fields: { message: errorPayload(err).message } }) + '\n');
      process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: req.id, error: errorPayload(err) }) + '\n');
    })
    .finally(() => pending.delete(p));
  pending.add(p);
});
rl.on('close', async () => {
  await Promise.allSettled(pending);
  process.exit(0);
});
