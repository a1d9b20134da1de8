// The time-skipping test server (CalendarTestServer) under a slow run: a skip is one long gRPC call
// while activities hold the clock, and it must neither lose its connection nor hang a test.
import { fileURLToPath } from 'node:url';
import { describe, expect, it, type TestContext } from 'vitest';
import { Connection, type ConnectionOptions } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { InternalConnectionOptionsSymbol } from '@temporalio/client/lib/connection';
import { Context } from '@temporalio/activity';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { payloadDataConverter } from '../../activities/payload-codec';
import { skipTo, teardown, timeSkippingEnvironment } from '../../tests/support/temporal';
import { runQuery, type ProbeActivities } from './probe-workflow';

const activities: ProbeActivities = {
  async busyFor(ms) {
    const ctx = Context.current();
    const beat = setInterval(() => ctx.heartbeat(), 1_000);
    try {
      await Promise.race([new Promise((r) => setTimeout(r, ms)), ctx.cancelled]);
    } finally {
      clearInterval(beat);
    }
  },
};

/** A time-skipping server and a worker for the probe workflows; both stop when the test finishes. */
async function probeEnvironment({ onTestFinished }: TestContext): Promise<TestWorkflowEnvironment> {
  const env = await timeSkippingEnvironment('2026-09-30T02:00:00Z');
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: 'probe',
    workflowsPath: fileURLToPath(new URL('./probe-workflow.ts', import.meta.url)),
    activities,
    dataConverter: payloadDataConverter(), // as the environment's client seals its payloads
  });
  const running = worker.run();
  onTestFinished(async () => {
    worker.shutdown();
    await running;
    await teardown(env);
  });
  return env;
}

/** The probe workflow running an activity of `activityMs`, then a day-long timer. */
async function withProbe(activityMs: number, ctx: TestContext): Promise<TestWorkflowEnvironment> {
  const env = await probeEnvironment(ctx);
  await env.client.workflow.start('probe', { taskQueue: 'probe', workflowId: 'probe-workflow', args: [activityMs] });
  return env;
}

describe('time skipping on a slow run', () => {
  it.concurrent('keeps a skip connected through a 40-second activity while the client pings every 11 s', async (ctx) => {
    const env = await withProbe(40_000, ctx);
    // grpc-java's default (a ping at most every 5 minutes) drops such a connection at its third ping
    // with GOAWAY too_many_pings, and the skip never returns.
    const connection = await Connection.connect({
      address: env.address,
      channelArgs: { 'grpc.keepalive_time_ms': 11_000, 'grpc.keepalive_permit_without_calls': 1 },
      [InternalConnectionOptionsSymbol]: { supportsTestService: true },
    } as ConnectionOptions);
    ctx.onTestFinished(() => connection.close());
    const started = Date.now();
    await connection.testService!.unlockTimeSkippingWithSleep({ duration: msToTs('2 days') });
    expect(Date.now() - started).toBeGreaterThanOrEqual(39_000);
    expect(new Date(await env.currentTimeMs()).toISOString().slice(0, 10)).toBe('2026-10-02');
    expect(await env.client.workflow.getHandle('probe-workflow').result()).toBe('done');
  });

  it.concurrent(
    'fails a skip that cannot complete within 30 s, naming the activity it waited for, and skips again once it is gone',
    async (ctx) => {
      const env = await withProbe(40_000, ctx);
      const started = Date.now();
      const err = await skipTo(env, '2026-10-02T02:00:00Z').then(
        () => null,
        (e: Error) => e,
      );
      expect(Date.now() - started).toBeLessThan(35_000);
      expect(err?.message).toMatch(/time skip to 2026-10-02T02:00:00Z did not complete in 30 s/);
      expect(err?.message).toMatch(/activity busyFor of probe-workflow \(attempt 1\)/);
      // Once the activity ends, the skip the test gave up on completes in the server; the next skip
      // waits for it rather than overlap it (overlapping skips leave the clock locked for good).
      await skipTo(env, '2026-10-03T02:00:00Z');
      expect(new Date(await env.currentTimeMs()).toISOString().slice(0, 10)).toBe('2026-10-03');
      expect(await env.client.workflow.getHandle('probe-workflow').result()).toBe('done');
    },
  );
});

describe('continue-as-new on the time-skipping server', () => {
  it('continues a workflow as new while the client queries it during that very workflow task', async (ctx) => {
    const env = await probeEnvironment(ctx);
    const handle = await env.client.workflow.start('continuing', { taskQueue: 'probe', workflowId: 'continuing', args: [1, 1_000] });
    // The stock server buffers a query that arrives during a running workflow task; when that task
    // continues as new, it then schedules a task on the finished run, refuses the completion
    // ("workflow execution already completed") and the workflow never runs again.
    const queried: number[] = [];
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && queried.at(-1) !== 2) {
      queried.push(await env.connection.withDeadline(deadline, () => handle.query(runQuery)));
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(queried.at(-1)).toBe(2);
    expect(await handle.result()).toBe('run 2');
  });
});
