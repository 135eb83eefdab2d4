#!/usr/bin/env bash
# Installs pinned npm packages into .cache/DIR/ (git-ignored) for the tests and benchmarks that
# compare tamis with a reference implementation. Idempotent: does nothing when every package is
# already there at its pinned version.
# Usage: scripts/fetch_npm.sh DIR NAME@VERSION [NAME@VERSION ...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -ge 2 ] || { echo "usage: $0 DIR NAME@VERSION..." >&2; exit 2; }
dir="$1"
shift
dest="$here/.cache/$dir"

installed() { # name@version: is it in dest at that version?
  local pkg="${1%@*}" version="${1##*@}"
  [ -f "$dest/node_modules/$pkg/package.json" ] &&
    grep -q "\"version\": \"$version\"" "$dest/node_modules/$pkg/package.json"
}
missing=0
for spec in "$@"; do installed "$spec" || missing=1; done
[ "$missing" -eq 0 ] && exit 0
command -v npm >/dev/null || { echo "fetch_npm: npm is missing (install nodejs npm)" >&2; exit 1; }
mkdir -p "$dest"
[ -f "$dest/package.json" ] || echo "{\"name\":\"tamis-$dir-reference\",\"private\":true}" >"$dest/package.json"
echo "fetch_npm: installing $* into $dest" >&2
npm install --prefix "$dest" --no-audit --no-fund --silent "$@" >&2
