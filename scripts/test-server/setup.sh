#!/usr/bin/env bash
# Fetches io.temporal:temporal-test-server and its runtime dependencies from Maven Central into
# .tools/test-server/lib and compiles the launcher. Skips whatever is already there.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tools=$here/../../.tools/test-server
# .complete holds the checksum of the pom the jars were fetched for: a changed pom fetches again.
want=$(sha256sum "$here/pom.xml" | cut -d' ' -f1)
if [ "$(cat "$tools/lib/.complete" 2>/dev/null)" != "$want" ]; then
  rm -rf "$tools/lib"
  mkdir -p "$tools/lib"
  mvn -q -B -f "$here/pom.xml" package -DoutputDir="$tools/lib"
  echo "$want" >"$tools/lib/.complete"
fi
# The launcher and its fix, compiled again when either source is newer than the compiled launcher.
stale=$(find "$here" -maxdepth 1 -name '*.java' -newer "$tools/classes/CalendarTestServer.class" 2>/dev/null || true)
if [ ! -f "$tools/classes/CalendarTestServer.class" ] || [ -n "$stale" ]; then
  rm -rf "$tools/classes"
  mkdir -p "$tools/classes"
  javac -nowarn -cp "$tools/lib/*" -d "$tools/classes" "$here"/*.java
fi
