import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { prepareTemplate } from './support/database';

export default async function setup() {
  // The time-skipping servers' traces of the previous run (tests/support/temporal.ts).
  rmSync(fileURLToPath(new URL('../.tools/test-server/logs', import.meta.url)), { recursive: true, force: true });
  await prepareTemplate();
}
