// The whole system for API and browser tests: a real Temporal dev server (in memory), a worker,
// the API serving the built web app, and a fresh PostgreSQL database from the template.
import { shanghaiDate } from '../../domain/workdays';
import type { Server } from 'node:http';
import { Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createDb, type Db, type DbOptions } from '../../activities/db';
import { createWorker } from '../../activities/worker';
import { payloadDataConverter } from '../../activities/payload-codec';
import { createApp, type AppOptions } from '../../api/app';
import type { AccessLogWriter } from '../../api/access-log';
import { freePort, projectRoot, startDevServer, type DevServer, type DevServerOptions } from '../../scripts/temporal-server';
import { createTestDatabase, dropTestDatabase } from './database';
import './temporal-logging';

export interface Stack {
  baseUrl: string;
  db: Db;
  /** The stack's own database, for a script run against it as an operator would. */
  databaseUrl: string;
  temporal: Client;
  /** The Temporal dev server: its address, and its process id (the bench reads its memory). */
  temporalAddress: string;
  temporalPid: number;
  /** The dev server's Prometheus metrics (the bench counts the requests it served). */
  temporalMetricsUrl: string;
  /** Resolves once the access log holds every read answered so far (it is written after each answer). */
  accessLogWritten(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `storage` is the Temporal dev server's: in memory unless a SQLite file is given. `app` sets the
 * API's options; every test reaches it from 127.0.0.1, so the public lookup's limit per address is
 * lifted unless a test sets it.
 */
export async function startStack(
  label: string,
  storage: Pick<DevServerOptions, 'dbFile' | 'journal'> = {},
  app: Pick<AppOptions, 'publicRateLimit' | 'secureCookies'> = {},
  dbOptions: DbOptions = {},
): Promise<Stack> {
  const dbUrl = await createTestDatabase(label);
  const db = createDb(dbUrl, dbOptions);
  const metricsPort = await freePort();
  const server: DevServer = await startDevServer({ port: await freePort(), metricsPort, ...storage });
  const nativeConnection = await NativeConnection.connect({ address: server.address });
  const worker = await createWorker(db, nativeConnection, 'default');
  const running = worker.run();
  // The API's client on the native connection, as api/main.ts makes it.
  const temporal = new Client({ connection: nativeConnection, namespace: 'default', dataConverter: payloadDataConverter() });
  const api = createApp({
    db,
    temporal,
    webDist: `${projectRoot}dist/web`,
    temporalUiUrl: 'http://127.0.0.1:8233',
    publicRateLimit: 100_000,
    ...app,
  });
  const http: Server = await new Promise((resolve) => {
    const s = api.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = http.address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    db,
    databaseUrl: dbUrl,
    temporal,
    temporalAddress: server.address,
    temporalPid: server.process.pid!,
    temporalMetricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
    async accessLogWritten() {
      // (An answer's entry is recorded once the answer has gone, a moment after the client has it.)
      await new Promise((resolve) => setTimeout(resolve, 50));
      await (api.locals.accessLog as AccessLogWriter).flush();
    },
    async stop() {
      await new Promise((r) => http.close(r));
      await (api.locals.accessLog as AccessLogWriter).flush();
      worker.shutdown();
      await running;
      await nativeConnection.close();
      await server.stop();
      await db.$disconnect();
      await dropTestDatabase(dbUrl);
    },
  };
}

/** A small HTTP client that keeps the session cookie, like a browser. */
export class Session {
  private cookie = '';
  /**
   * The purpose (查询事由, X-Access-Purpose) sent with every request, as the web app sends the one a
   * user gave: the office's staff read a natural person's record only with one. null sends none.
   */
  purpose: string | null = 'CASE_HANDLING';
  constructor(
    private readonly baseUrl: string,
    private readonly language = 'zh-CN',
  ) {}

  /** The same signed-in browser reaching another API process, as a load balancer would send it. */
  at(baseUrl: string): Session {
    const s = new Session(baseUrl, this.language);
    s.cookie = this.cookie;
    s.purpose = this.purpose;
    return s;
  }

  async login(username: string, password = 'Xinyong@2026') {
    const res = await this.request('POST', '/api/session', { username, password });
    if (res.status !== 201) throw new Error(`login ${username} failed: ${res.status}`);
    return res;
  }

  async download(path: string) {
    const res = await fetch(this.baseUrl + path, {
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(this.purpose ? { 'x-access-purpose': this.purpose } : {}) },
    });
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      disposition: res.headers.get('content-disposition') ?? '',
      headers: res.headers,
      bytes: new Uint8Array(await res.arrayBuffer()),
    };
  }

  /** Uploads one file as a browser does (multipart/form-data, field `file`). */
  async upload(bytes: Uint8Array, fileName: string, field = 'file', path = '/api/attachments') {
    const form = new FormData();
    form.append(field, new Blob([bytes]), fileName);
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'accept-language': this.language, ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: form,
    });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : null };
  }

  /**
   * Sends what a careless or hostile client might: a string body as it is (broken JSON among them),
   * anything else as JSON, none on a GET. Answers the status only.
   */
  async raw(method: string, path: string, body: unknown): Promise<{ status: number }> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: method === 'GET' || method === 'HEAD' ? undefined : typeof body === 'string' ? body : JSON.stringify(body ?? null),
      redirect: 'manual',
    });
    await res.arrayBuffer();
    return { status: res.status };
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        'content-type': 'application/json',
        'accept-language': this.language,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.purpose ? { 'x-access-purpose': this.purpose } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', headers: res.headers, body: text ? JSON.parse(text) : null };
  }

  /**
   * Takes a step on a case as the case page does: reads the case's current revision, then posts
   * the form with it.
   */
  async step(caseId: string, path: string, body: Record<string, unknown>) {
    const page = await this.request('GET', `/api/cases/${caseId}`);
    const revision = (page.body?.procedure as { revision?: number } | null)?.revision;
    return this.request('POST', `/api/cases/${caseId}/${path}`, { ...body, revision });
  }

  /**
   * As the caseworker: records the service of the documents the case awaits service of, once their
   * service can be recorded — by default electronically, received today.
   */
  async serve(caseId: string, service: Record<string, unknown> = {}) {
    let first: string | undefined;
    for (let i = 0; ; i++) {
      const page = await this.request('GET', `/api/cases/${caseId}`);
      const open = (page.body?.procedure?.steps ?? []) as { step: string; matterId?: string }[];
      first = open.find((s) => s.step === 'recordService')?.matterId;
      if (first) break;
      if (i === 200) throw new Error(`case ${caseId} never opened the service step: ${JSON.stringify(page.body?.procedure)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // On every party awaiting the document: the subject and each responsible person.
    const documentId = first.slice(0, first.lastIndexOf(':'));
    let res: Awaited<ReturnType<Session['step']>> | undefined;
    for (;;) {
      const page = await this.request('GET', `/api/cases/${caseId}`);
      const open = ((page.body?.procedure?.steps ?? []) as { step: string; matterId?: string }[]).find(
        (s) => s.step === 'recordService' && s.matterId?.startsWith(`${documentId}:`),
      );
      if (!open) break;
      res = await this.serveOne(caseId, open.matterId!, service);
    }
    return res!;
  }

  /** Records the service of one document on one party (`<document id>:<recipient code>`). */
  async serveOne(caseId: string, matterId: string, service: Record<string, unknown> = {}) {
    const res = await this.step(caseId, `documents/${encodeURIComponent(matterId)}/service`, {
      method: 'ELECTRONIC',
      receivedOn: shanghaiDate(new Date()),
      note: '',
      ...service,
    });
    if (res.status !== 200) throw new Error(`service refused: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  }
}

/** Files a case as the caseworker and has the supervisor approve its notice; resolves once it is served. */
export async function fileApproved(baseUrl: string, form: unknown): Promise<{ id: string; caseNumber: string }> {
  const caseworker = new Session(baseUrl);
  await caseworker.login('caseworker');
  const filed = await caseworker.request('POST', '/api/cases', form);
  if (filed.status !== 201) throw new Error(`filing failed: ${filed.status} ${JSON.stringify(filed.body)}`);
  const supervisor = new Session(baseUrl);
  await supervisor.login('supervisor');
  const id = filed.body.id as string;
  for (let i = 0; i < 100; i++) {
    const approved = await supervisor.step(id, 'notice-approval', { approved: true, reasons: '' });
    if (approved.status === 200) break;
    await new Promise((r) => setTimeout(r, 100)); // the workflow has not yet reached the approval step
  }
  await caseworker.serve(id);
  for (let i = 0; i < 100 && (await caseworker.request('GET', `/api/cases/${id}`)).body.state !== 'NOTICE_PERIOD'; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  return { id, caseNumber: filed.body.caseNumber as string };
}

/**
 * Files a case and takes it to an active listing: notice approved, a statement filed and rejected
 * by the caseworker, the decision approved; resolves once the listing's own workflow has taken over.
 */
/** A case heard (a statement, a waiver, the review and its reply served), awaiting the decision's approval. */
export async function fileAwaitingDecision(baseUrl: string, form: unknown): Promise<{ id: string; caseNumber: string }> {
  const filed = await fileApproved(baseUrl, form);
  const caseworker = new Session(baseUrl);
  await caseworker.login('caseworker');
  await caseworker.step(filed.id, 'statements', { kind: 'STATEMENT', content: '当事人书面陈述：已开始整改。' });
  // The party has nothing to add and says so in writing: the period ends and the review begins.
  await caseworker.step(filed.id, 'statements', { kind: 'WAIVER', content: '当事人书面表示不再补充陈述申辩。' });
  for (
    let i = 0;
    (await caseworker.step(filed.id, 'review', { accepted: false, reasons: '整改尚未完成，陈述不予采纳。' })).status !== 200;
    i++
  ) {
    if (i === 100) throw new Error(`case ${filed.id} never reached the review`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await caseworker.serve(filed.id); // the written reply
  for (let i = 0; (await caseworker.request('GET', `/api/cases/${filed.id}`)).body.procedure?.state !== 'AWAITING_DECISION_APPROVAL'; i++) {
    if (i === 100) throw new Error(`case ${filed.id} never reached the decision approval`);
    await new Promise((r) => setTimeout(r, 100)); // the review is still being recorded
  }
  return filed;
}

export async function fileListed(baseUrl: string, form: unknown): Promise<{ id: string; caseNumber: string }> {
  const filed = await fileAwaitingDecision(baseUrl, form);
  const caseworker = new Session(baseUrl);
  await caseworker.login('caseworker');
  const supervisor = new Session(baseUrl);
  await supervisor.login('supervisor');
  for (let i = 0; ; i++) {
    if ((await supervisor.step(filed.id, 'decision-approval', { approved: true, reasons: '' })).status === 200) break;
    if (i === 100) throw new Error(`case ${filed.id} never reached the decision approval`);
    await new Promise((r) => setTimeout(r, 100)); // the review is still being recorded
  }
  await caseworker.serve(filed.id);
  for (let i = 0; (await caseworker.request('GET', `/api/cases/${filed.id}`)).body.procedure?.state !== 'LISTED'; i++) {
    if (i === 200) throw new Error(`case ${filed.id} was never listed`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return filed;
}
