#!/usr/bin/env bash
# `npm run bench`: the same setup as the tests (PostgreSQL, the Temporal CLI, the build), then the
# benchmarks in scripts/bench.ts, which print their figures.
set -euo pipefail
cd "$(dirname "$0")/.."
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { echo "bench.sh: install the Debian package postgresql (npm test does)" >&2; exit 1; }
bash scripts/install.sh
bash scripts/setup-temporal.sh
npm run --silent build
export TEST_DATABASE_URL=$(bash scripts/postgres.sh start)
trap 'bash scripts/postgres.sh stop' EXIT
npx --no-install tsx scripts/bench.ts
