// Renders documents on worker threads, off the event loop that serves workflow tasks, activities
// and HTTP requests. One or two threads (never more than the cores less one); each keeps the CJK
// font in memory. Should threads be unavailable, documents render in the calling thread.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { renderPdf, type OfficialDocument } from './render';

type Pending = { resolve(pdf: Buffer): void; reject(err: Error): void };
interface Thread {
  worker: Worker;
  busy: number;
}

const size = Math.max(1, Math.min(2, availableParallelism() - 1));
const threads: Thread[] = [];
const pending = new Map<number, Pending>();
let nextId = 1;
let unavailable = false;

function spawn(): Thread | null {
  try {
    // The thread registers the project's tsx loader, then runs render-worker.ts.
    const worker = new Worker(new URL('./render-thread.mjs', import.meta.url));
    const thread: Thread = { worker, busy: 0 };
    worker.unref();
    worker.on('message', (m: { id: number; pdf?: Uint8Array; error?: string }) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      thread.busy--;
      if (m.pdf) p.resolve(Buffer.from(m.pdf.buffer, m.pdf.byteOffset, m.pdf.byteLength));
      else p.reject(new Error(m.error));
    });
    worker.on('error', (err) => {
      // A broken thread: fail its jobs (the activity retries) and render in-thread from now on.
      unavailable = true;
      for (const [id, p] of pending) {
        pending.delete(id);
        p.reject(err);
      }
      threads.splice(threads.indexOf(thread), 1);
    });
    return thread;
  } catch {
    unavailable = true;
    return null;
  }
}

export function renderInPool(doc: OfficialDocument): Promise<Buffer> {
  if (unavailable) return renderPdf(doc);
  let thread = threads.find((t) => t.busy === 0) ?? (threads.length < size ? spawn() : null);
  if (thread && !threads.includes(thread)) threads.push(thread);
  thread ??= threads.reduce<Thread | null>((a, t) => (a === null || t.busy < a.busy ? t : a), null);
  if (!thread) return renderPdf(doc);
  const id = nextId++;
  thread.busy++;
  const chosen = thread;
  return new Promise<Buffer>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    chosen.worker.postMessage({ id, doc });
  });
}

/** How the pool stands: threads started, and whether it fell back to rendering in-thread. */
export const renderPoolState = () => ({ threads: threads.length, inThreadFallback: unavailable });

/** Ends the rendering threads (the worker process calls this when it shuts down). */
export async function closeRenderPool(): Promise<void> {
  const closing = threads.splice(0).map((t) => t.worker.terminate());
  await Promise.all(closing);
}
