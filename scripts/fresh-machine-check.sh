#!/usr/bin/env bash
# The first run of a brand-new machine, on this one: removes every cache and package the project's
# setup adds — the npm cache, Go's module and build caches, the Maven repository, fontconfig's cache,
# and the Debian packages the test setup installed (read from apt's own history) — then clones
# this checkout's HEAD into a new folder (so no node_modules, .tools or data) and runs .ci/run
# there, timed. The checkout it runs from is left alone: its data/ may hold cases.
#   bash scripts/fresh-machine-check.sh [log file]     (as root, to remove the Debian packages)
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
log=${1:-/tmp/fresh-machine-check-$(date -u +%Y%m%dT%H%M%SZ).log}
clone=$(mktemp -d /tmp/fresh-machine-XXXXXX)
chmod 755 "$clone" # as a clone made by git would be: PostgreSQL, run as `postgres` under root, must enter it

echo "fresh-machine-check: removing caches"
npm cache clean --force --loglevel=error
if command -v go >/dev/null; then go clean -modcache -cache; fi
rm -rf "${MAVEN_REPO:-$HOME/.m2/repository}" "$HOME/.cache/fontconfig"

# The packages scripts/test.sh installs, with everything apt pulled in for them.
ours='chromium|fonts-noto-cjk'
if [ "$(id -u)" = 0 ] && [ -f /var/log/apt/history.log ]; then
  pkgs=$(awk -v ours="$ours" '
    /^Commandline: / { mine = ($0 ~ "apt-get install" && $0 ~ ("(" ours ")")) }
    /^Install: / && mine { sub(/^Install: /, ""); gsub(/ \([^)]*\)/, ""); gsub(/,/, ""); print }
  ' /var/log/apt/history.log | tr ' ' '\n' | sed 's/:amd64$//; s/:all$//' | sort -u | tr '\n' ' ')
  installed=$(for p in $pkgs; do dpkg-query -W -f='${Status} ${Package}\n' "$p" 2>/dev/null | awk '/ installed /{print $4}'; done | tr '\n' ' ')
  if [ -n "${installed// /}" ]; then
    echo "fresh-machine-check: purging $(wc -w <<<"$installed") Debian packages the test setup installed"
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq $installed >/dev/null
  fi
else
  echo "fresh-machine-check: not root: leaving Debian packages in place" >&2
fi

git clone -q "$src" "$clone"
echo "fresh-machine-check: running .ci/run in $clone (log: $log)"
start=$(date +%s)
set +e
(cd "$clone" && bash .ci/run) >"$log" 2>&1
status=$?
set -e
seconds=$(($(date +%s) - start))
summary=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^ +(Test Files|Tests) ' | tr -s ' ' | paste -sd ';' -)
echo "fresh-machine-check: .ci/run exited $status after $((seconds / 60)) min $((seconds % 60)) s;$summary"
rm -rf "$clone"
exit $status
