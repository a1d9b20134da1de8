// A thread that renders documents, so that a 100 ms PDF never holds up the worker's workflow tasks
// or the API's requests (see render-pool.ts).
import { parentPort } from 'node:worker_threads';
import { renderPdf, type OfficialDocument } from './render';

parentPort!.on('message', (job: { id: number; doc: OfficialDocument }) => {
  renderPdf(job.doc).then(
    (pdf) => parentPort!.postMessage({ id: job.id, pdf: new Uint8Array(pdf) }),
    (err: unknown) => parentPort!.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
