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
if [ ! -f "$tools/classes/CalendarTestServer.class" ] || [ "$here/CalendarTestServer.java" -nt "$tools/classes/CalendarTestServer.class" ]; then
  mkdir -p "$tools/classes"
  javac -nowarn -cp "$tools/lib/*" -d "$tools/classes" "$here/CalendarTestServer.java"
fi
