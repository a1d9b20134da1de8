// Starting the embedded Temporal dev server: the CLI binary built from its Go module
// (scripts/setup-temporal.sh) or one the operator supplies, with its data in a SQLite file.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** The temporal binary to run: TEMPORAL_CLI, then the project-local build, then `temporal` on PATH. */
export function temporalBinary(): string | null {
  if (process.env.TEMPORAL_CLI) return process.env.TEMPORAL_CLI;
  const local = `${projectRoot}.tools/bin/temporal`;
  if (existsSync(local)) return local;
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir && existsSync(`${dir}/temporal`)) return `${dir}/temporal`;
  return null;
}

export interface DevServerOptions {
  port: number;
  uiPort?: number;
  /** SQLite file; omitted means in memory. */
  dbFile?: string;
  binary?: string;
  /** The SQLite journal of a file: WAL (the default), or SQLite's own default, for comparison in the bench. */
  journal?: 'wal' | 'sqlite-default';
  /** In a process group of its own, so a Ctrl-C at the terminal reaches only its supervisor. */
  detached?: boolean;
  /** Told of the process as soon as it exists, before it serves. */
  spawned?: (child: ChildProcess) => void;
  /** Where it serves its Prometheus metrics (the bench counts its requests); a port of the CLI's choosing if omitted. */
  metricsPort?: number;
}

export interface DevServer {
  address: string;
  uiUrl: string | null;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  const binary = opts.binary ?? temporalBinary();
  if (!binary) throw new Error('No Temporal CLI: run scripts/setup-temporal.sh, or set TEMPORAL_CLI or TEMPORAL_ADDRESS');
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--log-level', 'error', '--namespace', 'default'];
  if (opts.uiPort) args.push('--ui-port', String(opts.uiPort), '--ui-ip', '127.0.0.1');
  else args.push('--headless');
  if (opts.metricsPort) args.push('--metrics-port', String(opts.metricsPort));
  // SQLite's default rollback journal syncs every commit more than once; in WAL mode with
  // synchronous=normal a commit is an append, synced at checkpoints: it survives a crash of the
  // server process, while a power loss or OS crash may lose the last commits. See `npm run bench`.
  if (opts.dbFile) args.push('--db-filename', opts.dbFile);
  if (opts.dbFile && opts.journal !== 'sqlite-default')
    args.push('--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal');
  const child = spawn(binary, args, { stdio: ['ignore', 'inherit', 'inherit'], detached: opts.detached ?? false });
  opts.spawned?.(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForPort(opts.port, 60_000, exited);
    await waitForFrontend(`127.0.0.1:${opts.port}`, 60_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    address: `127.0.0.1:${opts.port}`,
    uiUrl: opts.uiPort ? `http://127.0.0.1:${opts.uiPort}` : null,
    process: child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The port opens before the frontend service is healthy; wait until it answers GetSystemInfo. */
async function waitForFrontend(address: string, timeoutMs: number): Promise<void> {
  const { Connection } = await import('@temporalio/client');
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      if (Date.now() > until) throw new Error(`Temporal at ${address} is not healthy after ${timeoutMs} ms`, { cause: err });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

export function isPortOpen(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port }, () => {
      s.end();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

export async function waitForPort(port: number, timeoutMs: number, abort?: Promise<void>): Promise<void> {
  let aborted = false;
  void abort?.then(() => (aborted = true));
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (aborted) throw new Error(`the process meant to listen on port ${port} exited`);
    if (await isPortOpen(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
}

/**
 * A free TCP port on 127.0.0.1, kept from being handed out again while its caller starts the
 * process meant to listen on it. A port merely closed goes straight back to the kernel's pool:
 * the Temporal dev server picks its internal ports the same way, and an outgoing connection may
 * take it as its local port, so a port chosen here for the Web UI could be taken before the UI
 * binds it ("address already in use", the dev server stopping while it starts). As Temporal's
 * own GetFreePort does, the port is connected to and closed from the listening side first, which
 * leaves it in TIME_WAIT (60 s on Linux): bind(0) and connect() skip it, while a listener with
 * SO_REUSEADDR — Node, Go and PostgreSQL set it — can still bind it explicitly.
 */
export async function freePort(): Promise<number> {
  const { createServer, createConnection } = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = createServer((accepted) => {
      accepted.on('error', () => undefined);
      accepted.end(); // the listening side closes first: its end of the connection is the one in TIME_WAIT
    });
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      const client = createConnection({ host: '127.0.0.1', port });
      client.once('error', (err) => srv.close(() => reject(err)));
      client.on('data', () => undefined);
      client.once('end', () => client.end()); // closed only after the listening side's FIN
      client.once('close', () => srv.close(() => resolve(port)));
    });
  });
}
