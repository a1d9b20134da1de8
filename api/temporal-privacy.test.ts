// Temporal's stored history holds no personal data in plain text: a case filed with a responsible
// person's ID number and name, taken to listing, and its whole raw history — every event's payloads
// as the server stores them — read without the key. And its Web UI is the operator's alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, fileListed, startStack, type Stack } from '../tests/support/stack';
import { designationForm } from '../tests/support/fixtures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack('privacy');
});
afterAll(async () => {
  await stack?.stop();
});

describe("Temporal's history", () => {
  it('holds no ID number or name of a person in plain text, though the case runs on it', async () => {
    const { id } = await fileListed(stack.baseUrl, designationForm());
    const { workflowId } = await stack.db.case.findUniqueOrThrow({ where: { id } });
    // The raw history of every run (the case continues as new along the way), straight from the
    // server's API: nothing decoded on the way.
    const { executions } = await stack.temporal.workflowService.listWorkflowExecutions({
      namespace: 'default',
      query: `WorkflowId = '${workflowId}'`,
    });
    expect(executions.length).toBeGreaterThan(0);
    const events = [];
    for (const run of executions) {
      const { history } = await stack.temporal.workflowService.getWorkflowExecutionHistory({
        namespace: 'default',
        execution: run.execution,
        maximumPageSize: 10_000,
      });
      events.push(...(history?.events ?? []));
    }
    expect(events.length).toBeGreaterThan(50); // a whole procedure: filing, steps, activities, listing
    // Every byte string the events hold — payloads' data and metadata, wherever the event keeps them.
    const stored = Buffer.concat(rawPayloads(events)).toString('utf8');
    expect(stored).not.toContain('11010519491231002X');
    expect(stored).not.toContain('王某某');
    expect(stored).toContain('binary/encrypted'); // sealed, not merely absent
  });
});

describe("Temporal's Web UI", () => {
  it('is offered to the operator (the administrator) only: not to staff, units, parties or the public', async () => {
    const config = async (user?: string) => {
      const s = new Session(stack.baseUrl);
      if (user) await s.login(user);
      return (await s.request('GET', '/api/config')).body as { temporalUiUrl: string | null };
    };
    expect((await config('admin')).temporalUiUrl).toBe('http://127.0.0.1:8233');
    for (const user of [undefined, 'caseworker', 'supervisor', 'unit', 'party']) expect((await config(user)).temporalUiUrl).toBeNull();
  });
});

/** Every payload's bytes in the events, wherever the event keeps them. */
function rawPayloads(value: unknown): Buffer[] {
  if (value instanceof Uint8Array) return [Buffer.from(value)];
  if (Array.isArray(value)) return value.flatMap(rawPayloads);
  if (value && typeof value === 'object') return Object.values(value).flatMap(rawPayloads);
  return [];
}
