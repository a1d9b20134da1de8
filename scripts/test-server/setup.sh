#!/usr/bin/env bash
# Fetches io.temporal:temporal-test-server and its runtime dependencies from Maven Central into
# .tools/test-server/lib and compiles the launcher. Skips whatever is already there.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tools=$here/../../.tools/test-server
if [ ! -f "$tools/lib/.complete" ]; then
  mkdir -p "$tools/lib"
  mvn -q -B -f "$here/pom.xml" package -DoutputDir="$tools/lib"
  touch "$tools/lib/.complete"
fi
if [ ! -f "$tools/classes/CalendarTestServer.class" ] || [ "$here/CalendarTestServer.java" -nt "$tools/classes/CalendarTestServer.class" ]; then
  mkdir -p "$tools/classes"
  javac -nowarn -cp "$tools/lib/*" -d "$tools/classes" "$here/CalendarTestServer.java"
fi
