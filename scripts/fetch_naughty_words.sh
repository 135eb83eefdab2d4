#!/usr/bin/env bash
# Installs the naughty-words npm package (LDNOOBW: "List of Dirty, Naughty, Obscene and
# Otherwise Bad Words", the lists C4 and Dolma filter with) into .cache/naughty-words/
# (git-ignored). The toxicity stage does not read it at run time: the lists it uses are
# copied into filters/toxicity/data/ by scripts/update_toxicity_lists.sh, which reads them
# from here. Idempotent.
set -euo pipefail
# Pinned so that the committed copies in filters/toxicity/data/ can be compared with it.
exec bash "$(dirname "${BASH_SOURCE[0]}")/fetch_npm.sh" naughty-words naughty-words@1.2.0
