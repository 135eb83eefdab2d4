#!/usr/bin/env bash
# Installs the robots-parser npm package (samclarke/robots-parser), the independent
# implementation tamis's robots matcher is differentially tested and benchmarked against.
# It goes into .cache/robots-parser/ (git-ignored); the tests and bench/robots/ read it from
# there and fail with a clear message when it is missing. Idempotent.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$here/.cache/robots-parser"
# Pinned so that the differential test's pinned disagreements stay the same.
version="3.0.1"

if [ -f "$dest/node_modules/robots-parser/package.json" ] &&
   grep -q "\"version\": \"$version\"" "$dest/node_modules/robots-parser/package.json"; then
  exit 0
fi
command -v npm >/dev/null || { echo "fetch_robots_parser: npm is missing (install nodejs npm)" >&2; exit 1; }
mkdir -p "$dest"
[ -f "$dest/package.json" ] || echo '{"name":"tamis-robots-parser-reference","private":true}' >"$dest/package.json"
echo "fetch_robots_parser: installing robots-parser@$version into $dest" >&2
npm install --prefix "$dest" --no-audit --no-fund --silent "robots-parser@$version" >&2
