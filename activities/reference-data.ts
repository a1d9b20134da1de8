// List types and the working-day calendar as pages and documents show them: read by nearly every
// request (a case page names its list and counts the working days left) and changed a few times a
// year by an administrator. Each process keeps them in memory and drops them the moment anyone
// changes them — the API, a worker, a restore or psql alike: triggers on their tables NOTIFY
// `reference_changed` when the change commits (migration 20261211000000_reference_change_notices),
// and each process LISTENs on a connection of its own. Without that connection (not yet open, lost,
// or refused by a pooler in transaction mode) nothing is kept and every read goes to the database.
//
// What decides a legal deadline never reads from here: computeDeadline reads the calendar inside
// its own transaction, so a deadline opened just after a correction can never count on the old
// calendar, however late the notice of the change arrives.
import pg from 'pg';
import type { ListType } from '../generated/prisma/client';
import type { Db } from './db';

export const REFERENCE_CHANNEL = 'reference_changed';
/** After losing its connection, the listener tries again this often; meanwhile nothing is kept. */
const RECONNECT_MS = 5_000;

export class ReferenceCache {
  private listener: pg.Client | null = null;
  private listening = false;
  private closed = false;
  private reconnect: NodeJS.Timeout | null = null;
  private readonly entries = new Map<string, Promise<unknown>>();

  constructor(private readonly url: string) {}

  /** `load`'s answer under `key`, kept until the next change notice. Callers never change what they are given. */
  async read<T>(key: string, load: () => Promise<T>): Promise<T> {
    this.listen();
    if (!this.listening) return load();
    const kept = this.entries.get(key) as Promise<T> | undefined;
    if (kept) return kept;
    // Kept from the start of the read, so that readers at the same moment share it; a change
    // notice during the read drops it with the rest, and a failed read is not kept.
    const loading = load();
    this.entries.set(key, loading);
    loading.catch(() => this.entries.get(key) === loading && this.entries.delete(key));
    return loading;
  }

  /** Whether reads are being kept (the listener is connected): for tests and the bench. */
  get active(): boolean {
    return this.listening;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnect) clearTimeout(this.reconnect);
    this.forget();
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
  }

  private forget() {
    this.listening = false;
    this.entries.clear();
  }

  private listen() {
    if (this.listener || this.closed || this.reconnect) return;
    const client = new pg.Client({ connectionString: this.url });
    this.listener = client;
    const lost = () => {
      if (this.listener !== client) return;
      this.listener = null;
      this.forget();
      void client.end().catch(() => undefined);
      if (!this.closed) this.reconnect = setTimeout(() => ((this.reconnect = null), this.listen()), RECONNECT_MS).unref();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (n) => n.channel === REFERENCE_CHANNEL && this.changed());
    client
      .connect()
      .then(async () => {
        // Its socket keeps no process alive: a script or test that ends without closing its Db still exits.
        (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
        await client.query(`LISTEN ${REFERENCE_CHANNEL}`);
        if (this.listener === client) this.listening = true;
      })
      .catch(lost);
  }

  /** A change made here or announced by its notice: what was kept is read afresh. */
  changed(): void {
    this.entries.clear();
  }
}

const caches = new WeakMap<Db, ReferenceCache>();

/** Gives `db` (the process's client, from createDb) its reference cache, closed with it. */
export function attachReferenceCache(db: Db, url: string): void {
  const cache = new ReferenceCache(url);
  caches.set(db, cache);
  const disconnect = db.$disconnect.bind(db);
  db.$disconnect = async () => {
    await cache.close();
    await disconnect();
  };
}

export const referenceCacheOf = (db: Db): ReferenceCache | undefined => caches.get(db);

/** `load`'s answer kept in `db`'s reference cache under `key` (read afresh where `db` has none). */
export const keptReference = <T>(db: Db, key: string, load: () => Promise<T>): Promise<T> => {
  const cache = caches.get(db);
  return cache ? cache.read(key, load) : load();
};

/** Every list type, as the case pages, lists and documents name them. */
export const listTypes = (db: Db): Promise<ListType[]> =>
  keptReference(db, 'listTypes', () => db.listType.findMany({ orderBy: { code: 'asc' } }));
