#!/usr/bin/env bash
# Builds the Temporal CLI (dev server and Web UI included) from its Go module into .tools/bin,
# offline-friendly: only the Go module proxy is needed. Skips the build when the binary exists.
# v1.5.1 is the newest release whose go.mod has no replace directive; it needs Go >= 1.25, no cgo.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=1.5.1
bin=$root/.tools/bin/temporal
if [ -x "$bin" ] && "$bin" --version 2>/dev/null | grep -q "$version"; then exit 0; fi
command -v go >/dev/null || { echo "setup-temporal: Go not found; set TEMPORAL_CLI or TEMPORAL_ADDRESS instead" >&2; exit 1; }
mkdir -p "$root/.tools/bin"
echo "setup-temporal: building the Temporal CLI $version with $(go version | cut -d' ' -f3) (first time: a few minutes)"
# If the checksum database is out of reach, go.sum still pins every dependency.
CGO_ENABLED=0 GOBIN="$root/.tools/bin" go install \
  -ldflags "-X github.com/temporalio/cli/temporalcli.Version=$version" \
  "github.com/temporalio/cli/cmd/temporal@v$version" \
  || CGO_ENABLED=0 GOBIN="$root/.tools/bin" GOSUMDB=off go install \
  -ldflags "-X github.com/temporalio/cli/temporalcli.Version=$version" \
  "github.com/temporalio/cli/cmd/temporal@v$version"
