#!/bin/sh
# Runs the Prisma CLI. Without a native schema engine (offline or air-gapped machines) it uses the
# WASM stand-in in scripts/schema-engine; an operator's PRISMA_SCHEMA_ENGINE_BINARY always wins.
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${PRISMA_SCHEMA_ENGINE_BINARY:-}" ] && ! ls "$root"/node_modules/@prisma/engines/schema-engine-* >/dev/null 2>&1; then
  export PRISMA_SCHEMA_ENGINE_BINARY="$root/scripts/schema-engine/schema-engine"
fi
exec "$root/node_modules/.bin/prisma" "$@"
