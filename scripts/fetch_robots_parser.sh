#!/usr/bin/env bash
# Installs the robots-parser npm package (samclarke/robots-parser), the independent
# implementation tamis's robots matcher is differentially tested and benchmarked against.
# It goes into .cache/robots-parser/ (git-ignored); the tests and bench/robots/ read it from
# there and fail with a clear message when it is missing. Idempotent.
set -euo pipefail
# Pinned so that the differential test's pinned disagreements stay the same.
exec bash "$(dirname "${BASH_SOURCE[0]}")/fetch_npm.sh" robots-parser robots-parser@3.0.1
