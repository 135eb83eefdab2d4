#!/usr/bin/env bash
# End-to-end test of the main job under a real SLURM (a private one-node cluster,
# slurm_cluster.sh): examples/pipeline.yaml, unchanged but for its `input:` line, over a
# directory of several WARC files (bench/pipeline/make_crawl.py: real debian-handbook pages,
# crawled twice, with a robots.txt snapshot) submitted by `tamis slurm` with 3 tasks must give
# the same bytes as `tamis run --tasks 3` on this machine: kept documents per language,
# rejects, token shards per language, the mixture the pipeline's `mix:` step writes (submitted
# as the last job) and the contamination report.
#
# Usage: slurm_main_pipeline_test.sh TAMIS_BINARY REPO_DIR
set -euo pipefail

readonly kJobTimeout=300 # seconds for the whole submitted pipeline to finish
readonly kTasks=3

# shellcheck source=tests/cli/slurm_test_prologue.sh
source "$(dirname "${BASH_SOURCE[0]}")/slurm_test_prologue.sh" "$@"
repo="$dir_arg"
for c in zstd python3 sha256sum; do command -v "$c" >/dev/null 2>&1 || fail "'$c' not found"; done
[ -d /usr/share/doc/debian-handbook/html ] || fail "no debian-handbook: run scripts/setup.sh --tests"
export TAMIS_MODELS_DIR="$repo/models"
[ -f "$TAMIS_MODELS_DIR/lid.176.ftz" ] || fail "no language-ID model: run scripts/setup.sh"

# shellcheck source=tests/cli/slurm_cluster.sh
source "$(dirname "${BASH_SOURCE[0]}")/slurm_cluster.sh"

# Six WARC files: 8 pages of each of the 26 languages (the page the planted benchmark item
# quotes among them), crawled twice (the second time with a query string: duplicates for the
# dedup stage to find).
readonly kPages=sect.role-of-distributions.html,sect.who-is-this-book-for.html,sect.apt-get.html,\
sect.apt-cache.html,sect.backup.html,conclusion.html,foreword.html,sect.apparmor.html
mkdir -p "$tmp/main/data"
python3 "$repo/bench/pipeline/make_crawl.py" "$tmp/main/data/crawl" --files 6 --rounds 2 \
  --pages "$kPages" >/dev/null || fail "make_crawl.py failed"
cp "$repo/examples/data/benchmark.jsonl" "$tmp/main/data/"
sed 's|^input: data/crawl.warc.gz.*|input: data/crawl|' "$repo/examples/pipeline.yaml" \
  >"$tmp/main/pipeline.yaml"
grep -q '^input: data/crawl$' "$tmp/main/pipeline.yaml" || fail "the example's input line moved"
cp -r "$tmp/main" "$tmp/local"
mv "$tmp/main" "$tmp/slurm"

# Every output file of a run, in name order, with its bytes (documents decompressed; the
# run's own directory, which manifests and reports name, spelt RUN).
listing() {
  (
    cd "$1/out"
    find . -path ./clean/.tamis -prune -o -type f -print | LC_ALL=C sort | while read -r f; do
      echo "== $f"
      case "$f" in
        *.zst) zstd -dcq "$f" ;;
        *) cat "$f" ;;
      esac
    done
  ) | sed "s|$1|RUN|g"
}
digest() { listing "$1" | sha256sum; }

"$tamis" run "$tmp/local/pipeline.yaml" --tasks "$kTasks" --quiet || fail "local tamis run failed"
[ -s "$tmp/local/out/mix/train.manifest.json" ] || fail "the local run wrote no mixture"
ls "$tmp/local/out/tokens"/*/train-00000_00000.bin >/dev/null 2>&1 ||
  fail "no per-language token shards in the local run"
grep -q '"debian-release-cadence"' "$tmp/local/out/contamination/report.json" ||
  fail "the local run's contamination report misses the planted item"
local_digest="$(digest "$tmp/local")"
log "local run done after $(($(date +%s) - started_at)) s"

"$tamis" slurm "$tmp/slurm/pipeline.yaml" --tasks "$kTasks" --cpus-per-task 1 --time 10 \
  >"$tmp/submit.txt" || fail "tamis slurm failed: $(cat "$tmp/submit.txt")"
grep -q "step mix" "$tmp/submit.txt" || fail "no job for the mix step: $(cat "$tmp/submit.txt")"
log "submitted $(grep -c ' job ' "$tmp/submit.txt") jobs"
wait_until_done "$tmp/slurm/out/clean" || fail "the queue emptied before everything was done"
grep -q "step mix .*1/1 done" "$tmp/status.txt" ||
  fail "status does not show the mix step done: $(cat "$tmp/status.txt")"
if [ "$(digest "$tmp/slurm")" != "$local_digest" ]; then
  diff <(listing "$tmp/local") <(listing "$tmp/slurm") | head -20 >&2 || true
  fail "the outputs under SLURM differ from tamis run --tasks $kTasks"
fi
log "OK: same bytes as tamis run --tasks $kTasks after $(($(date +%s) - started_at)) s"
