#!/usr/bin/env bash
# One command from a fresh clone to a running system on its embedded defaults:
# installs npm packages, builds the Temporal CLI (unless TEMPORAL_ADDRESS or TEMPORAL_CLI is set),
# generates the Prisma client, builds the web app, and starts everything (scripts/start.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
if [ -z "${TEMPORAL_ADDRESS:-}" ] && [ -z "${TEMPORAL_CLI:-}" ] && command -v go >/dev/null; then
  bash scripts/setup-temporal.sh
fi
npm run --silent build
exec node --import ./node_modules/tsx/dist/esm/index.mjs scripts/start.ts
