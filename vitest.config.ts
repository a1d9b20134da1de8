import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'domain/**/*.test.ts',
      'workflows/**/*.test.ts',
      'activities/**/*.test.ts',
      'api/**/*.test.ts',
      'scripts/**/*.test.ts',
      'e2e/**/*.test.ts',
    ],
    globalSetup: ['tests/global-setup.ts'],
    // A fixed key for the tests' Temporal payloads (activities/payload-codec.ts), so that histories
    // recorded by one run replay in the next. Test data only: never a key for real data.
    env: { PAYLOAD_KEYS: 'test:dGVzdC1vbmx5LWtleS1ub3QtZm9yLXJlYWwtZGF0YSE=' },
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    // A browser page polled for what it shows may take a few seconds on a loaded 2-core machine
    // (vitest's own default, 1 s, made the browser tests flaky there).
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 180_000,
  },
});
