// The embedded database for `npm start`: PGlite (one PostgreSQL backend in WebAssembly) served
// over the PostgreSQL wire protocol to the API and the worker, each with a pool of connections.
//
// Why not pglite-socket's own server with several connections: it queues each protocol message
// on its own, so one connection's Parse/Bind/Execute/Sync can interleave with another's in the
// single backend ("bind message supplies 1 parameters, but prepared statement "" requires 2").
// Here a connection holds the backend from its first message until its Sync (or simple Query)
// has been answered — and, inside a transaction, until the transaction ends.
//   tsx scripts/pglite-server.ts --db=<dir|memory://> --port=<port> [--host=127.0.0.1]
import { createServer, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;

export interface PgliteServer {
  port: number;
  stop(): Promise<void>;
}

export async function startPgliteServer(options: { dataDir: string; port: number; host?: string }): Promise<PgliteServer> {
  const db = await PGlite.create(options.dataDir);
  let owner: number | null = null;
  let waiting: (() => void)[] = [];
  const acquire = async (id: number) => {
    while (owner !== null && owner !== id) await new Promise<void>((resolve) => waiting.push(resolve));
    owner = id;
  };
  const release = (id: number) => {
    if (owner !== id || db.isInTransaction()) return;
    owner = null;
    const next = waiting;
    waiting = [];
    for (const wake of next) wake();
  };

  let nextId = 1;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    const id = nextId++;
    sockets.add(socket);
    socket.setNoDelay(true);
    let buffer = Buffer.alloc(0);
    let started = false;
    let chain = Promise.resolve();

    /** Splits off one complete message, or returns null until more bytes arrive. */
    const take = (): { type: string | null; bytes: Buffer; code?: number } | null => {
      if (!started) {
        if (buffer.length < 8) return null;
        const length = buffer.readInt32BE(0);
        if (buffer.length < length) return null;
        const bytes = buffer.subarray(0, length);
        buffer = buffer.subarray(length);
        return { type: null, bytes, code: bytes.readInt32BE(4) };
      }
      if (buffer.length < 5) return null;
      const length = 1 + buffer.readInt32BE(1);
      if (buffer.length < length) return null;
      const bytes = buffer.subarray(0, length);
      buffer = buffer.subarray(length);
      return { type: String.fromCharCode(bytes[0]!), bytes };
    };

    const handle = async (message: { type: string | null; bytes: Buffer; code?: number }) => {
      if (message.type === null && message.code === SSL_REQUEST) return void socket.write('N');
      if (message.type === null && message.code === CANCEL_REQUEST) return void socket.end();
      if (message.type === 'X') {
        socket.end();
        return;
      }
      await acquire(id);
      try {
        const reply = await db.execProtocolRaw(new Uint8Array(message.bytes));
        if (reply.length > 0 && socket.writable) socket.write(reply);
      } finally {
        if (message.type === null) started = true;
        // A group of extended-protocol messages ends with Sync; a simple query stands alone.
        if (message.type === null || message.type === 'S' || message.type === 'Q') release(id);
      }
    };

    socket.on('data', (data) => {
      buffer = Buffer.concat([buffer, data]);
      chain = chain.then(async () => {
        for (let m = take(); m; m = take()) await handle(m);
      });
      chain = chain.catch((err: unknown) => {
        console.error(`pglite: connection ${id}:`, err);
        socket.destroy();
      });
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      sockets.delete(socket);
      chain = chain.then(async () => {
        if (owner !== id) return;
        if (db.isInTransaction()) await db.exec('ROLLBACK'); // an abandoned transaction
        release(id);
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const server = await startPgliteServer({ dataDir: arg('db') ?? 'memory://', port: Number(arg('port') ?? 5432), host: arg('host') });
  console.log(`pglite: listening on ${arg('host') ?? '127.0.0.1'}:${server.port}`);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => void server.stop().then(() => process.exit(0)));
  }
}
