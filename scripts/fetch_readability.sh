#!/usr/bin/env bash
# Installs Mozilla Readability (@mozilla/readability) and jsdom, the reference extractor the
# HTML main-text differential test (tests/readers/html_readability_diff_test.cc) and
# bench/html/readability.sh compare tamis against. They go into .cache/readability/
# (git-ignored). Idempotent: does nothing when the pinned versions are there.
set -euo pipefail
# Pinned so that the scores written in BENCHMARKS.md stay reproducible.
exec bash "$(dirname "${BASH_SOURCE[0]}")/fetch_npm.sh" readability \
  @mozilla/readability@0.6.0 jsdom@26.1.0
