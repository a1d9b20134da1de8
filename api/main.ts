// The API process: serves /api and the built web app. Run alone in production (`npm run api`).
import { fileURLToPath } from 'node:url';
import { Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createDb } from '../activities/db';
import { temporalConfig } from '../activities/temporal';
import { payloadDataConverter } from '../activities/payload-codec';
import { createApp, secureCookiesFor } from './app';
import type { AccessLogWriter } from './access-log';

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
/** TRUST_PROXY: a number of proxy hops, true, or Express's names and ranges (loopback, 10.0.0.0/8…). */
const trustProxy = (v: string | undefined) =>
  v === undefined || v === '' ? undefined : /^\d+$/.test(v) ? Number(v) : v === 'true' ? true : v;
const { connectionOptions, namespace } = temporalConfig();
const db = createDb();
// The SDK's native connection (gRPC in Rust, off the event loop), as the worker's: a call costs
// this process about a third less CPU than through grpc-js (a progress query 4.6–6.2 → 3.7–3.9 ms).
const connection = await NativeConnection.connect(connectionOptions);
const secureCookies = secureCookiesFor(host, process.env.SECURE_COOKIES);
const app = createApp({
  db,
  temporal: new Client({ connection, namespace, dataConverter: payloadDataConverter() }),
  temporalUiUrl: process.env.TEMPORAL_UI_URL,
  webDist: process.env.WEB_DIST ?? fileURLToPath(new URL('../dist/web', import.meta.url)),
  secureCookies,
  host,
  publicRateLimit: process.env.PUBLIC_RATE_LIMIT ? Number(process.env.PUBLIC_RATE_LIMIT) : undefined,
  trustProxy: trustProxy(process.env.TRUST_PROXY),
});
const server = app.listen(port, host, () =>
  console.log(`api: listening on http://${host}:${port}${secureCookies ? ' (Secure session cookies: serve it behind HTTPS)' : ''}`),
);
// On a stop signal: no new requests; those in flight get 10 s (a step waits on Temporal and the
// database, which may be the very thing that is down), then the process exits regardless. A page
// read waiting for its case to settle answers at once (app.locals.stopping).
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    app.locals.stopping = true;
    setTimeout(() => {
      console.error('api: requests still open after 10 s; exiting');
      process.exit(1);
    }, 10_000).unref();
    server.close(async () => {
      // The access log's last entries are written before the database is let go; any that cannot
      // be are said in full, so that none is lost unsaid.
      const log = app.locals.accessLog as AccessLogWriter;
      await Promise.race([log.flush(), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
      for (const e of log.unwritten()) console.error(`access log: not written: ${JSON.stringify(e)}`);
      await connection.close();
      await db.$disconnect();
      process.exit(0);
    });
    server.closeIdleConnections();
  });
}
