// List types and the working-day calendar as pages and documents show them: read by nearly every
// request (a case page names its list and counts the working days left) and changed a few times a
// year by an administrator. Each process keeps them in memory and drops them the moment anyone
// changes them — the API, a worker, a restore or psql alike: triggers on their tables NOTIFY
// `reference_changed` when the change commits (migration 20270109000000_reference_change_notices),
// and each process LISTENs on a connection of its own.
//
// Kept only while notices are seen to arrive: every 30 s the process sends one of its own through
// its ordinary pool and drops everything, reconnecting, if it is not heard within 5 s (a listener
// behind a transaction-mode pooler, or a connection that died without a word). Whatever happens,
// nothing is kept longer than a minute.
//
// Sign-in sessions are kept the same way (api/auth.ts), each under its own key, dropped when any
// session ends (logout, a password change, an administrator) or any user or department changes:
// triggers on those tables send the table's name, which drops the sessions kept and nothing else.
// A session is kept 10 s at most, and never decides that a session has ended: that is read afresh.
//
// What decides a legal deadline or whether a filing is accepted never reads from here:
// computeDeadline reads the calendar inside its own transaction, and the catalogue a form is
// checked against is read afresh (activities/filing.ts).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { ListType } from '../generated/prisma/client';
import type { Db } from './db';

export const REFERENCE_CHANNEL = 'reference_changed';
const HEARTBEAT = 'heartbeat:';
const HEARTBEAT_MS = 30_000;
const HEARD_WITHIN_MS = 5_000;
const MAX_AGE_MS = 60_000;
/** A change to these tables (their triggers' notices name them) drops the sessions kept, and only them. */
const SESSION_TABLES = new Set(['Session', 'User', 'Department']);
const SESSION_KEY = 'session:';
/**
 * A session is kept 10 s at most: a listener that stops hearing notices without its connection
 * failing is found out only by the next heartbeat (up to 35 s), and a session ended meanwhile must
 * not be accepted that long.
 */
const SESSION_MAX_AGE_MS = 10_000;
/** After losing its connection the listener tries again, 5 s later at first, then less often (up to 5 min). */
const RECONNECT_MS = [5_000, 300_000] as const;

export class ReferenceCache {
  private listener: pg.Client | null = null;
  private listening = false;
  private closed = false;
  private reconnect: NodeJS.Timeout | null = null;
  private retryMs: number = RECONNECT_MS[0];
  private heartbeat: NodeJS.Timeout | null = null;
  private awaited: { payload: string; heard: () => void } | null = null;
  private readonly entries = new Map<string, { value: Promise<unknown>; at: number; maxAge: number }>();

  /** `notify` sends a notice on the channel through the process's ordinary connections (the heartbeat). */
  constructor(
    private readonly url: string,
    private readonly notify: (payload: string) => Promise<unknown>,
  ) {}

  /** `load`'s answer under `key`, kept until the next change notice. Callers never change what they are given. */
  async read<T>(key: string, load: () => Promise<T>, maxAge = MAX_AGE_MS): Promise<T> {
    this.listen();
    if (!this.listening) return load();
    if (this.keeps(key)) return this.entries.get(key)!.value as Promise<T>;
    // Kept from the start of the read, so that readers at the same moment share it; a change
    // notice during the read drops it with the rest, and a failed read is not kept.
    const entry = { value: load(), at: Date.now(), maxAge };
    this.entries.set(key, entry);
    entry.value.catch(() => this.entries.get(key) === entry && this.entries.delete(key));
    return entry.value as Promise<T>;
  }

  /** Whether reads are being kept (the listener is connected and hears its notices): for tests and the bench. */
  get active(): boolean {
    return this.listening;
  }

  /** A change made here or announced by its notice (naming its table): what it touches is read afresh. */
  changed(table?: string): void {
    if (table && SESSION_TABLES.has(table)) {
      for (const key of this.entries.keys()) if (key.startsWith(SESSION_KEY)) this.entries.delete(key);
    } else this.entries.clear();
  }

  /** Whether a read of `key` now would answer from memory. */
  keeps(key: string): boolean {
    const kept = this.entries.get(key);
    return this.listening && kept !== undefined && Date.now() - kept.at < kept.maxAge;
  }

  /** What is kept under `key` is read afresh next time. */
  forget(key: string): void {
    this.entries.delete(key);
  }

  /** Entries past their age go (sessions come and go; nothing else would remove theirs). */
  private sweep() {
    const now = Date.now();
    for (const [key, entry] of this.entries) if (now - entry.at >= entry.maxAge) this.entries.delete(key);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnect) clearTimeout(this.reconnect);
    const listener = this.listener;
    this.stop();
    await listener?.end().catch(() => undefined);
  }

  private stop() {
    this.listener = null;
    this.listening = false;
    this.entries.clear();
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.awaited = null; // its timer runs out and finds this connection gone
  }

  private listen() {
    if (this.listener || this.closed || this.reconnect) return;
    const client = new pg.Client({ connectionString: this.url, keepAlive: true });
    this.listener = client;
    const lost = (err?: unknown) => {
      if (this.listener !== client) return;
      const was = this.listening;
      this.stop();
      void client.end().catch(() => undefined);
      if (this.closed) return;
      if (was || this.retryMs === RECONNECT_MS[0])
        console.warn(`reference data: not kept in memory (read each time) until the change notices are heard again: ${describe(err)}`);
      this.reconnect = setTimeout(() => ((this.reconnect = null), this.listen()), this.retryMs).unref();
      this.retryMs = Math.min(this.retryMs * 2, RECONNECT_MS[1]);
    };
    client.on('error', lost);
    client.on('end', () => lost(new Error('the listening connection ended')));
    client.on('notification', (n) => {
      if (n.channel !== REFERENCE_CHANNEL) return;
      // Heartbeats — this process's and every other's — change nothing; anything else is a change.
      if (n.payload?.startsWith(HEARTBEAT)) {
        if (this.awaited?.payload === n.payload) {
          const { heard } = this.awaited;
          this.awaited = null;
          heard();
        }
        return;
      }
      this.changed(n.payload);
    });
    client
      .connect()
      .then(async () => {
        // Its socket keeps no process alive: a script or test that ends without closing its Db
        // still exits. (pg's socket is not part of its public API, hence the guards.)
        (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
        await client.query(`LISTEN ${REFERENCE_CHANNEL}`);
        if (this.listener !== client) return;
        await this.heard(); // a notice sent through the pool comes back before anything is kept
        if (this.listener !== client) return;
        this.listening = true;
        this.retryMs = RECONNECT_MS[0];
        this.heartbeat = setInterval(() => {
          this.sweep();
          void this.heard().catch(lost);
        }, HEARTBEAT_MS).unref();
      })
      .catch(lost);
  }

  /** Sends a notice of its own through the pool; rejects unless the listener hears it within 5 s. */
  private heard(): Promise<void> {
    const payload = `${HEARTBEAT}${randomUUID()}`;
    return new Promise<void>((resolve, reject) => {
      const fail = (err: unknown) => {
        clearTimeout(timer);
        if (this.awaited?.payload === payload) this.awaited = null;
        reject(err);
      };
      const timer = setTimeout(
        () => fail(new Error(`a notice sent through the pool was not heard within ${HEARD_WITHIN_MS} ms`)),
        HEARD_WITHIN_MS,
      );
      timer.unref();
      this.awaited = {
        payload,
        heard: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.notify(payload).catch(fail);
    });
  }
}

const describe = (err: unknown) => (err instanceof Error ? err.message : String(err ?? 'no connection'));

const caches = new WeakMap<Db, ReferenceCache>();

/** Gives `db` (the process's client, from createDb) its reference cache, closed with it. */
export function attachReferenceCache(db: Db, url: string): void {
  const cache = new ReferenceCache(url, (payload) => db.$executeRaw`SELECT pg_notify(${REFERENCE_CHANNEL}, ${payload})`);
  caches.set(db, cache);
  const disconnect = db.$disconnect.bind(db);
  db.$disconnect = async () => {
    await cache.close();
    await disconnect();
  };
}

export const referenceCacheOf = (db: Db): ReferenceCache | undefined => caches.get(db);

/** `load`'s answer kept in `db`'s reference cache under `key` (read afresh where `db` has none). */
export const keptReference = <T>(db: Db, key: string, load: () => Promise<T>, maxAge?: number): Promise<T> => {
  const cache = caches.get(db);
  return cache ? cache.read(key, load, maxAge) : load();
};

/** Every list type, as the case pages, lists and documents name them. */
export const listTypes = (db: Db): Promise<ListType[]> =>
  keptReference(db, 'listTypes', () => db.listType.findMany({ orderBy: { code: 'asc' } }));

/** One list type by its code, from the same. */
export const listTypeOf = async (db: Db, code: string): Promise<ListType | undefined> => (await listTypes(db)).find((t) => t.code === code);

/**
 * A sign-in session by the hash of its token, kept as reference data is (`load` reads it with its
 * user), but for 10 s at most; `fromMemory` says whether the answer is one kept from before.
 */
export async function keptSession<T>(db: Db, id: string, load: () => Promise<T>): Promise<{ value: T; fromMemory: boolean }> {
  const key = `${SESSION_KEY}${id}`;
  const fromMemory = caches.get(db)?.keeps(key) ?? false;
  return { value: await keptReference(db, key, load, SESSION_MAX_AGE_MS), fromMemory };
}

/** The session is read afresh next time (its last-seen time was just written, or it has ended). */
export const forgetSession = (db: Db, id: string): void => caches.get(db)?.forget(`${SESSION_KEY}${id}`);

/** Sessions or their users changed here: those kept are read afresh (other processes hear it from the triggers). */
export const sessionsChanged = (db: Db): void => caches.get(db)?.changed('Session');
