#!/usr/bin/env bash
# Installs the naughty-words npm package (LDNOOBW: "List of Dirty, Naughty, Obscene and
# Otherwise Bad Words", the lists C4 and Dolma filter with) into .cache/naughty-words/
# (git-ignored). The toxicity stage does not read it at run time: the lists it uses are
# copied into filters/toxicity/data/ by scripts/update_toxicity_lists.sh, which reads them
# from here. Idempotent.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$here/.cache/naughty-words"
# Pinned so that the committed copies in filters/toxicity/data/ can be compared with it.
version="1.2.0"

if [ -f "$dest/node_modules/naughty-words/package.json" ] &&
   grep -q "\"version\": \"$version\"" "$dest/node_modules/naughty-words/package.json"; then
  exit 0
fi
command -v npm >/dev/null || { echo "fetch_naughty_words: npm is missing (install nodejs npm)" >&2; exit 1; }
mkdir -p "$dest"
[ -f "$dest/package.json" ] || echo '{"name":"tamis-naughty-words","private":true}' >"$dest/package.json"
echo "fetch_naughty_words: installing naughty-words@$version into $dest" >&2
npm install --prefix "$dest" --no-audit --no-fund --silent "naughty-words@$version" >&2
