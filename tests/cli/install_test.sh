#!/usr/bin/env bash
# Installs the build tree to a temporary prefix and runs the installed binary from a directory
# unrelated to the checkout, with TAMIS_MODELS_DIR unset: it must find its default models under
# <prefix>/share/tamis/models (pipeline/model_path.h) and tag the documents' languages.
# Usage: install_test.sh BUILD_DIR
set -euo pipefail
build="$1"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "install_test: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
for f in bin/tamis share/tamis/models/lid.176.ftz share/tamis/models/tamis-quality.ftz \
         share/tamis/models/tamis-default.model share/tamis/examples/pipeline.yaml; do
  [ -f "$tmp/prefix/$f" ] || fail "the install has no $f"
done

mkdir "$tmp/cwd"
printf '%s\n' \
  '{"id":"fr","text":"Le chat est assis sur le tapis et regarde la pluie tomber dans le jardin."}' \
  '{"id":"en","text":"The cat is sitting on the mat and watching the rain fall in the garden."}' \
  >"$tmp/cwd/docs.jsonl"
(cd "$tmp/cwd" && env -u TAMIS_MODELS_DIR "$tmp/prefix/bin/tamis" langid docs.jsonl -o out.jsonl \
  --quiet) || fail "the installed tamis langid failed outside the checkout"
out="$(cat "$tmp/cwd/out.jsonl")"
grep -q '"language":"fra_Latn"' <<<"$out" || fail "no French document in the output: $out"
grep -q '"language":"eng_Latn"' <<<"$out" || fail "no English document in the output: $out"

# The prefix's model is the one used, not the checkout's the binary was built from: with a
# broken file in its place the run fails naming the prefix's path.
echo "not a fastText model" >"$tmp/prefix/share/tamis/models/lid.176.ftz"
if (cd "$tmp/cwd" && env -u TAMIS_MODELS_DIR "$tmp/prefix/bin/tamis" langid docs.jsonl -o out2.jsonl \
    --quiet 2>"$tmp/err"); then
  fail "the installed tamis ignored its prefix's (broken) model"
fi
grep -qF "$tmp/prefix/share/tamis/models/lid.176.ftz" "$tmp/err" ||
  fail "the error does not name the prefix's model: $(cat "$tmp/err")"
echo "install_test: ok"
