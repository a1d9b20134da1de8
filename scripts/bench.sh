#!/usr/bin/env bash
# `npm run bench`: the same setup as the tests (PostgreSQL, the Temporal CLI, the build), then the
# benchmarks in scripts/bench.ts, which print their figures.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
bash scripts/setup-temporal.sh
npm run --silent build
tsx() { node --import ./node_modules/tsx/dist/esm/index.mjs "$@"; }
trap 'tsx scripts/embedded-postgres.ts stop-test' EXIT
url=$(tsx scripts/embedded-postgres.ts start-test) # a separate assignment, so that a failed start stops here
export TEST_DATABASE_URL=$url
tsx scripts/bench.ts
tsx scripts/bench-scale.ts
