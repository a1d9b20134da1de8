#!/usr/bin/env bash
# `npm run bench`: the same setup as the tests (PostgreSQL, the Temporal CLI, the build), then the
# benchmarks in scripts/bench.ts, which print their figures. With TEST_DATABASE_URL set, that
# PostgreSQL is used as it is (neither started nor stopped here); otherwise the test cluster is
# started and stopped. BENCH_CASES sets how many cases each run files, BENCH_EXPIRY how many
# listings expire at one instant (0 leaves that bench out); NODE_OPTIONS=--cpu-prof profiles the run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
bash scripts/setup-temporal.sh
npm run --silent build
tsx() { node --import ./node_modules/tsx/dist/esm/index.mjs "$@"; }
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  trap 'tsx scripts/embedded-postgres.ts stop-test' EXIT
  url=$(tsx scripts/embedded-postgres.ts start-test) # a separate assignment, so that a failed start stops here
  export TEST_DATABASE_URL=$url
fi
tsx scripts/bench.ts
tsx scripts/bench-scale.ts
if [ "${BENCH_EXPIRY:-10000}" != 0 ]; then tsx scripts/bench-expiry.ts; fi
