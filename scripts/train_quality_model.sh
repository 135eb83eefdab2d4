#!/usr/bin/env bash
# Trains models/tamis-quality.ftz, the default model of the `quality` stage: fastText
# (libfasttext through `tamis quality train`, one thread, pinned seed: the same package
# versions give the same model) on debian-handbook prose ("hq") against boilerplate built
# from the same pages' real furniture ("lq": tables of contents, navigation menus, keyword
# lists, site maps), in the handbook's ~26 languages (scripts/make_quality_corpus.py).
# Prints the held-out precision, recall and F1 that the README reports.
#
# Needs: debian-handbook, python3, a built tamis (BUILD, default build/).
# usage: scripts/train_quality_model.sh [OUT_MODEL]
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
tamis="${BUILD:-$repo/build}/cli/tamis"
out="${1:-$repo/models/tamis-quality.ftz}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 "$repo/scripts/make_quality_corpus.py" "$work"
"$tamis" quality train --labels "$work/labelled.jsonl" -o "$out"
ls -l "$out"
