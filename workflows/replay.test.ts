// Determinism guard: every recorded procedure path (workflows/histories, written by the workflow
// tests with RECORD_HISTORIES=1) is replayed against the current workflow code. A change that
// would break running cases fails here; such a change needs patched() before it can land.
import { payloadDataConverter } from '../activities/payload-codec';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { workflowsPath } from '../activities/worker';
import '../tests/support/temporal-logging';

const dir = fileURLToPath(new URL('./histories', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.bin'));

describe('replay of recorded histories', () => {
  it('has a recorded history of every run of every procedure path', () => {
    expect(files.sort()).toEqual([
      'decision-served-by-announcement.1.bin',
      'decision-served-by-announcement.2.bin',
      'notice-returned-revised-decision-refused.1.bin',
      'objection-overdue-rejected-continued-expired.1.bin',
      'objection-overdue-rejected-continued-expired.2.bin',
      'objection-overdue-rejected-continued-expired.3.bin',
      'objection-rejected-then-removed-early.1.bin',
      'objection-rejected-then-removed-early.2.bin',
      'objections-corrected-then-revoked.1.bin',
      'objections-corrected-then-revoked.2.bin',
      'provisional-deadline-acted-on.1.bin',
      'provisional-deadline-corrected.1.bin',
      'red-listed-expired.1.bin',
      'red-removed-on-dishonesty.1.bin',
      'repair-extended-granted.1.bin',
      'repair-extended-granted.2.bin',
      'silent-listed-removed-on-expiry.1.bin',
      'silent-listed-removed-on-expiry.2.bin',
      'statement-accepted-closed.1.bin',
    ]);
  });

  it.each(files)('replays %s without nondeterminism', async (file) => {
    const history = temporal.api.history.v1.History.decode(readFileSync(`${dir}/${file}`));
    await expect(
      Worker.runReplayHistory({ workflowsPath, replayName: file, dataConverter: payloadDataConverter() }, history, file),
    ).resolves.toBeUndefined();
  });
});
