// Determinism guard: every recorded procedure path (workflows/histories, written by the workflow
// tests with RECORD_HISTORIES=1) is replayed against the current workflow code. A change that
// would break running cases fails here; such a change needs patched() before it can land. The
// paths as recorded before a patch stay beside the new ones, under the patch's name: cases begun
// then still run (before-local-recording: each recording an ordinary activity).
import { payloadDataConverter } from '../activities/payload-codec';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { workflowsPath } from '../activities/worker';
import '../tests/support/temporal-logging';

const dir = fileURLToPath(new URL('./histories', import.meta.url));
const ERAS = ['', 'before-local-recording/'];
const files = ERAS.flatMap((era) =>
  readdirSync(`${dir}/${era}`)
    .filter((f) => f.endsWith('.bin'))
    .map((f) => era + f),
);

describe('replay of recorded histories', () => {
  it('has a recorded history of every run of every procedure path', () => {
    const paths = [
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
    ];
    expect(files.sort()).toEqual(ERAS.flatMap((era) => paths.map((p) => era + p)).sort());
  });

  it('has each path recorded as cases run now (the recording as local activities) and as they ran before', () => {
    const localMarkers = (file: string) =>
      temporal.api.history.v1.History.decode(readFileSync(`${dir}/${file}`)).events!.filter(
        (e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity',
      ).length;
    expect(localMarkers('statement-accepted-closed.1.bin')).toBeGreaterThan(5);
    expect(localMarkers('before-local-recording/statement-accepted-closed.1.bin')).toBe(0);
  });

  it.each(files)('replays %s without nondeterminism', async (file) => {
    const history = temporal.api.history.v1.History.decode(readFileSync(`${dir}/${file}`));
    await expect(
      Worker.runReplayHistory({ workflowsPath, replayName: file, dataConverter: payloadDataConverter() }, history, file),
    ).resolves.toBeUndefined();
  });
});
