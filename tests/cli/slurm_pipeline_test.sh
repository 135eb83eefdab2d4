#!/usr/bin/env bash
# End-to-end test of `tamis slurm` under a real SLURM (a private one-node cluster,
# slurm_cluster.sh): a multi-step pipeline — langid, MinHash dedup (signatures, then bucket and
# cluster steps that are array jobs of their own, then a merge), the top half of each language
# (a thresholds step) — submitted as one array job per phase and per array step and one job
# per single step, then `tamis mix` over the token shards (tokenize -> mix), chained with
# afterok, must give the same outputs as `tamis run` with the same task
# count on this machine; and after one task is killed midway (scancel), `tamis slurm status`
# must say what is missing and a resubmission must complete with identical output.
#
# Usage: slurm_pipeline_test.sh TAMIS_BINARY REPO_DIR
set -euo pipefail

readonly kJobTimeout=240 # seconds for a whole submitted pipeline to finish
readonly kTasks=4

# shellcheck source=tests/cli/slurm_test_prologue.sh
source "$(dirname "${BASH_SOURCE[0]}")/slurm_test_prologue.sh" "$@"
repo="$dir_arg"
for c in zstd python3; do command -v "$c" >/dev/null 2>&1 || fail "'$c' not found"; done
export TAMIS_MODELS_DIR="$repo/models"
[ -f "$TAMIS_MODELS_DIR/lid.176.ftz" ] || fail "no language-ID model: run scripts/setup.sh"

# shellcheck source=tests/cli/slurm_cluster.sh
source "$(dirname "${BASH_SOURCE[0]}")/slurm_cluster.sh"

# --- the pipeline: langid, dedup, then the top half of each language (3 phases, 4 steps) ---
# Four inputs, one per task; the third is large enough (~25 MB) that its task can be killed
# while it runs.
mkdir -p "$tmp/in"
cp "$repo"/examples/data/paragraphs/part-{0,1,3}.jsonl "$tmp/in/"
python3 - "$repo/examples/data/paragraphs" "$tmp/in/part-2.jsonl" <<'PY'
import glob, json, sys
docs = [json.loads(l) for f in sorted(glob.glob(sys.argv[1] + "/*.jsonl")) for l in open(f)]
with open(sys.argv[2], "w") as out:
    for i in range(30000):
        d = docs[i % len(docs)]
        out.write(json.dumps({"id": f"big-{i}", "text": (d["text"] + " ") * 6,
                              "metadata": d["metadata"]}, ensure_ascii=False) + "\n")
PY
cat >"$tmp/pipeline.yaml" <<EOF
input: in
output: out/kept
rejects: out/rejects
stages:
  - stage: langid
  - stage: minhash_dedup
  - stage: top_fraction
    score: language_score
    by: language
    keep: 0.5
  - stage: tokenize
    output: tokens/train
EOF
# tokenize -> mix: the mixture of the shards every task wrote, as one last job.
mixture() { # dir -> dir/mix.yaml, a mixture over dir/tokens
  cat >"$1/mix.yaml" <<EOF
output: $1/mixed/train
seed: 3
total_tokens: 4000
sources:
  - {name: all, tokens: $1/tokens, weight: 1}
EOF
}
# Each run works in a copy of the pipeline and its inputs, so its tokens/ are its own.
copy_pipeline() { mkdir -p "$1" && cp -r "$tmp/pipeline.yaml" "$tmp/in" "$1/"; }

contents() { # every shard of a directory, decompressed, in name order
  find "$1" -maxdepth 1 -type f -name '*.jsonl.zst' | LC_ALL=C sort | xargs -r zstd -dcq
}

# --- reference: the same task count, here ---------------------------------------------------
copy_pipeline "$tmp/local"
"$tamis" run "$tmp/local/pipeline.yaml" --tasks "$kTasks" --quiet || fail "local tamis run failed"
mixture "$tmp/local"
"$tamis" mix "$tmp/local/mix.yaml" >/dev/null || fail "local tamis mix failed"
local_sum="$(contents "$tmp/local/out/kept" | sha256sum)"
[ -n "$(contents "$tmp/local/out/kept" | head -c 1)" ] || fail "the local run kept nothing"
local_mix="$(cat "$tmp/local/mixed/train"_*.bin | sha256sum)"

# --- run 1: submitted whole, equals the local run -------------------------------------------
copy_pipeline "$tmp/slurm"
mixture "$tmp/slurm"
"$tamis" slurm "$tmp/slurm/pipeline.yaml" --tasks "$kTasks" --cpus-per-task 1 --time 10 \
  --mix "$tmp/slurm/mix.yaml" >"$tmp/submit1.txt" ||
  fail "tamis slurm failed: $(cat "$tmp/submit1.txt")"
grep -q "^mix " "$tmp/submit1.txt" || fail "no mix job submitted: $(cat "$tmp/submit1.txt")"
for step in minhash_dedup.buckets minhash_dedup.cluster minhash_dedup.merge \
  top_fraction.thresholds; do
  grep -q "step $step" "$tmp/submit1.txt" || fail "no job for step $step"
done
grep -q "step minhash_dedup.buckets .*(array of $kTasks)" "$tmp/submit1.txt" ||
  fail "the buckets step is not an array job: $(cat "$tmp/submit1.txt")"
log "run1: submitted $(grep -c ' job ' "$tmp/submit1.txt") jobs"
wait_until_done "$tmp/slurm/out/kept" || fail "run1: the queue emptied before everything was done"
[ "$(contents "$tmp/slurm/out/kept" | sha256sum)" = "$local_sum" ] ||
  fail "run1: SLURM output differs from the local run"
[ "$(contents "$tmp/slurm/out/rejects" | sha256sum)" = \
  "$(contents "$tmp/local/out/rejects" | sha256sum)" ] ||
  fail "run1: SLURM rejects differ from the local run"
[ "$(cat "$tmp/slurm/mixed/train"_*.bin | sha256sum)" = "$local_mix" ] ||
  fail "run1: the mixture made under SLURM differs from the local one"
log "run1: OK (same bytes as tamis run --tasks $kTasks) after $(($(date +%s) - started_at)) s"

# --- run 2: one task killed midway, status says so, a resubmission completes ----------------
copy_pipeline "$tmp/killed"
"$tamis" slurm "$tmp/killed/pipeline.yaml" --tasks "$kTasks" --cpus-per-task 1 --time 10 \
  >"$tmp/submit2.txt" || fail "tamis slurm (run2) failed"
phase0="$(awk '$1 == "phase" && $2 == "0" {print $4}' "$tmp/submit2.txt")"
[ -n "$phase0" ] || fail "no phase 0 job id in: $(cat "$tmp/submit2.txt")"
# Task 2 reads the large input: cancel it once it is writing (its temporary file exists).
for ((i = 0; i < 1200; i++)); do
  ls -a "$tmp/killed/out/kept/.tamis/work/phase-0" 2>/dev/null | grep -q '^\.part-00002-.*tmp' && break
  sleep 0.05
done
scancel "${phase0}_2" || fail "scancel ${phase0}_2 failed"
log "run2: cancelled task 2 of phase 0 (job ${phase0}_2) while it ran"
if wait_until_done "$tmp/killed/out/kept"; then fail "run2 finished although task 2 was cancelled"; fi
grep -q "^phase 0 .* 3/4 done" "$tmp/status.txt" ||
  fail "status does not show phase 0 at 3/4: $(cat "$tmp/status.txt")"
[ ! -e "$tmp/killed/out/kept/.tamis/phase-0/task-00002.done" ] || fail "the cancelled task has a marker"
"$tamis" slurm "$tmp/killed/pipeline.yaml" --tasks "$kTasks" --cpus-per-task 1 --time 10 \
  >"$tmp/submit3.txt" || fail "resubmission failed"
wait_until_done "$tmp/killed/out/kept" || fail "run2: the resubmission did not complete"
[ "$(contents "$tmp/killed/out/kept" | sha256sum)" = "$local_sum" ] ||
  fail "run2: output after resubmission differs from the local run"
log "run2: OK (status showed the missing task; the resubmission gives the same bytes)"
