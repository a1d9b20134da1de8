// The supervisor of `npm start`: a process that dies is started again and logged; one that keeps
// dying stops everything with the reason; stopping goes newest first and kills what will not stop.
import { spawn, type ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Supervisor } from './supervisor';

/** A node process that runs until signalled (or, with `ignoreTerm`, until killed). */
function sleeper(ignoreTerm = false): Promise<ChildProcess> {
  const code = `${ignoreTerm ? "process.on('SIGTERM', () => {});" : ''} setInterval(() => {}, 1000); process.send('ready');`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  return new Promise((resolve) => child.once('message', () => resolve(child)));
}

const fast = { backoffMs: [50, 100], windowMs: 60_000 };

describe('the supervisor of npm start', () => {
  it('starts a process that dies again, and says so', async () => {
    const lines: string[] = [];
    const children: ChildProcess[] = [];
    const s = new Supervisor({ ...fast, log: (l) => lines.push(l) });
    await s.add({ name: 'worker', start: () => sleeper().then((c) => (children.push(c), c)) });
    children[0]!.kill('SIGKILL');
    await expect.poll(() => children.length).toBe(2);
    await expect
      .poll(() => lines)
      .toEqual(['worker exited on SIGKILL; restarting it in 0.05 s (restart 1 of at most 5)', 'worker is running again']);
    expect(children[1]!.exitCode).toBeNull();
    await s.stop();
    expect(children[1]!.signalCode).toBe('SIGTERM');
    expect(await s.done).toBeNull();
  });

  it('stops everything, with the reason, when a process keeps dying', async () => {
    const lines: string[] = [];
    const s = new Supervisor({ ...fast, maxRestarts: 2, log: (l) => lines.push(l) });
    const db = await sleeper();
    await s.add({ name: 'database', start: async () => db, stopSignal: 'SIGINT' });
    await s.add({
      name: 'temporal',
      start: async () => {
        const c = await sleeper();
        setTimeout(() => c.kill('SIGKILL'), 20);
        return c;
      },
    });
    expect(await s.done).toBe('giving up on temporal after 2 restarts within 1 min (it exited on SIGKILL); stopping everything');
    expect(lines.filter((l) => l.includes('restarting'))).toHaveLength(2);
    expect(db.signalCode).toBe('SIGINT');
  });

  it('stops newest first and kills a process that ignores its stop signal after the grace period', async () => {
    const order: string[] = [];
    const lines: string[] = [];
    const s = new Supervisor({ graceMs: 300, log: (l) => lines.push(l) });
    for (const [name, stubborn] of [
      ['database', false],
      ['api', true],
    ] as const) {
      const c = await sleeper(stubborn);
      c.once('exit', () => order.push(name));
      await s.add({ name, start: async () => c });
    }
    const started = Date.now();
    await s.stop();
    expect(order).toEqual(['api', 'database']);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(lines).toEqual(['api did not stop within 0.3 s; killing it']);
  });

  it('keeps trying when a restart itself fails, within the same limit', async () => {
    const lines: string[] = [];
    let starts = 0;
    const s = new Supervisor({ ...fast, maxRestarts: 3, log: (l) => lines.push(l) });
    const first = await sleeper();
    await s.add({
      name: 'api',
      start: async () => {
        if (starts++ === 0) return first;
        throw new Error('port 8080 is in use');
      },
    });
    first.kill('SIGKILL');
    expect(await s.done).toBe(
      'giving up on api after 3 restarts within 1 min (it failed to start again: port 8080 is in use); stopping everything',
    );
  });
});
