// Keeps the processes of `npm start` running. A process that dies is started again after a
// back-off (1 s, doubling up to 30 s), with a log line saying so; one that dies `maxRestarts` times
// within `windowMs` stops everything, with the reason. Stopping goes in the reverse order of
// starting (the API and worker before Temporal and the database), each process given `graceMs` to
// stop cleanly before it is killed.
import type { ChildProcess } from 'node:child_process';

export interface Service {
  name: string;
  /**
   * Starts the process and resolves once it serves (rejects if it cannot start). `spawned` is called
   * as soon as the process exists, so that a stop during start-up stops it too.
   */
  start(spawned?: (child: ChildProcess) => void): Promise<ChildProcess>;
  /** The signal that asks it to stop cleanly; SIGTERM unless given (PostgreSQL: SIGINT, its fast shutdown). */
  stopSignal?: NodeJS.Signals;
}

export interface SupervisorOptions {
  graceMs?: number;
  backoffMs?: number[];
  maxRestarts?: number;
  windowMs?: number;
  log?: (line: string) => void;
}

interface Entry {
  service: Service;
  child?: ChildProcess;
  restarts: number[];
  timer?: NodeJS.Timeout;
}

const describeExit = (code: number | null, signal: NodeJS.Signals | null) => (signal ? `on ${signal}` : `with code ${code}`);

export class Supervisor {
  private readonly entries: Entry[] = [];
  private stopping: Promise<void> | null = null;
  private resolveDone!: (reason: string | null) => void;
  /** Resolves when everything has stopped: with the reason when it stopped by itself, null when asked to. */
  readonly done = new Promise<string | null>((r) => (this.resolveDone = r));
  private readonly graceMs: number;
  private readonly backoffMs: number[];
  private readonly maxRestarts: number;
  private readonly windowMs: number;
  private readonly log: (line: string) => void;

  constructor(opts: SupervisorOptions = {}) {
    this.graceMs = opts.graceMs ?? 10_000;
    this.backoffMs = opts.backoffMs ?? [1_000, 2_000, 4_000, 8_000, 16_000, 30_000];
    this.maxRestarts = opts.maxRestarts ?? 5;
    this.windowMs = opts.windowMs ?? 5 * 60_000;
    this.log = opts.log ?? ((line) => console.error(line));
  }

  /** Starts a service and keeps it running; rejects if its first start fails. */
  async add(service: Service): Promise<void> {
    if (this.stopping) throw new Error(`not starting ${service.name}: the system is stopping`);
    const entry: Entry = { service, restarts: [] };
    this.entries.push(entry);
    entry.child = await service.start((child) => (entry.child = child));
    this.watch(entry);
  }

  private watch(entry: Entry) {
    const child = entry.child!;
    child.once('exit', (code, signal) => {
      if (this.stopping || entry.child !== child) return;
      this.crashed(entry, `exited ${describeExit(code, signal)}`);
    });
  }

  private crashed(entry: Entry, what: string) {
    const now = Date.now();
    entry.restarts = entry.restarts.filter((t) => now - t < this.windowMs);
    const { name } = entry.service;
    if (entry.restarts.length >= this.maxRestarts) {
      const minutes = Math.round(this.windowMs / 60_000);
      void this.stop(`giving up on ${name} after ${this.maxRestarts} restarts within ${minutes} min (it ${what}); stopping everything`);
      return;
    }
    const delay = this.backoffMs[Math.min(entry.restarts.length, this.backoffMs.length - 1)]!;
    entry.restarts.push(now);
    this.log(`${name} ${what}; restarting it in ${delay / 1000} s (restart ${entry.restarts.length} of at most ${this.maxRestarts})`);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      if (this.stopping) return;
      entry.service
        .start((child) => (entry.child = child))
        .then(
          (child) => {
            if (this.stopping) {
              child.kill(entry.service.stopSignal ?? 'SIGTERM');
              return;
            }
            entry.child = child;
            this.watch(entry);
            this.log(`${name} is running again`);
          },
          (err: Error) => {
            if (!this.stopping) this.crashed(entry, `failed to start again: ${err.message}`);
          },
        );
    }, delay);
  }

  /** Stops everything, newest first. With a reason, it is logged and `done` resolves with it. */
  stop(reason?: string): Promise<void> {
    this.stopping ??= (async () => {
      if (reason) this.log(reason);
      for (const entry of [...this.entries].reverse()) {
        clearTimeout(entry.timer);
        if (entry.child) await this.stopChild(entry.service, entry.child);
      }
      this.resolveDone(reason ?? null);
    })();
    return this.stopping;
  }

  /** Kills every child at once: the last resort when this process exits or is told to stop again. */
  killAll() {
    for (const { child } of this.entries) if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }

  private async stopChild(service: Service, child: ChildProcess) {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill(service.stopSignal ?? 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((r) => (timer = setTimeout(() => r(true), this.graceMs)));
    if (await Promise.race([exited.then(() => false), late])) {
      this.log(`${service.name} did not stop within ${this.graceMs / 1000} s; killing it`);
      child.kill('SIGKILL');
      await exited;
    }
    clearTimeout(timer);
  }
}
