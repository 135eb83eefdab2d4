#!/usr/bin/env bash
# Installs Mozilla Readability (@mozilla/readability) and jsdom, the reference extractor the
# HTML main-text differential test (tests/readers/html_readability_diff_test.cc) and
# bench/html/readability.sh compare tamis against. They go into .cache/readability/
# (git-ignored). Idempotent: does nothing when the pinned versions are there.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$here/.cache/readability"
# Pinned so that the scores written in BENCHMARKS.md stay reproducible.
readability_version="0.6.0"
jsdom_version="26.1.0"

installed() {
  local pkg="$1" version="$2"
  [ -f "$dest/node_modules/$pkg/package.json" ] &&
    grep -q "\"version\": \"$version\"" "$dest/node_modules/$pkg/package.json"
}
if installed @mozilla/readability "$readability_version" && installed jsdom "$jsdom_version"; then
  exit 0
fi
command -v npm >/dev/null || { echo "fetch_readability: npm is missing (install nodejs npm)" >&2; exit 1; }
mkdir -p "$dest"
[ -f "$dest/package.json" ] || echo '{"name":"tamis-readability-reference","private":true}' >"$dest/package.json"
echo "fetch_readability: installing @mozilla/readability@$readability_version jsdom@$jsdom_version into $dest" >&2
npm install --prefix "$dest" --no-audit --no-fund --silent \
  "@mozilla/readability@$readability_version" "jsdom@$jsdom_version" >&2
