#!/usr/bin/env bash
# End-to-end test of tamis under a real SLURM: starts a private one-node cluster (munge,
# slurmctld, slurmd; no init system needed), submits `tamis extract` of 3 inputs as a 3-task
# array job and checks that the tasks split the inputs (one file each) and that `tamis stats`
# adds them up; then submits the array again (afterok) and checks that every task says
# "already complete" and rewrites nothing.
#
# Usage: slurm_array_test.sh TAMIS_BINARY DATA_DIR      (DATA_DIR = tests/data)
# Needs root and Debian's slurm-wlm + munge (scripts/setup.sh installs them).
# The cluster is private: its config, state, spool, logs and PID files live in a temp dir and it
# listens on free ports picked at start, so daemons left by another run cannot interfere.
# Everything this script started is stopped on exit (by PID file), and the temp dir removed;
# set TAMIS_SLURM_TEST_KEEP=1 to keep the temp dir for a post-mortem.
set -euo pipefail

readonly kJobTimeout=120 # seconds for one array job to finish
readonly kTasks=3

# shellcheck source=tests/cli/slurm_test_prologue.sh
source "$(dirname "${BASH_SOURCE[0]}")/slurm_test_prologue.sh" "$@"
data="$dir_arg"

for f in handbook.warc.gz mixed.jsonl; do
  [ -f "$data/readers/$f" ] || fail "missing test input $data/readers/$f"
done
for c in zstd python3; do command -v "$c" >/dev/null 2>&1 || fail "'$c' not found"; done

# A private one-node cluster in $tmp, stopped and removed on exit.
# shellcheck source=tests/cli/slurm_cluster.sh
source "$(dirname "${BASH_SOURCE[0]}")/slurm_cluster.sh"

# --- inputs ---------------------------------------------------------------------------------
# Three real files of three kinds: a WARC, a JSONL of mixed documents, and the JSONL that
# tamis itself makes of the WARC.
in1="$data/readers/handbook.warc.gz"
in2="$data/readers/mixed.jsonl"
in3="$tmp/inputs/handbook-extracted.jsonl"
"$tamis" extract "$in1" -o "$in3" --task 0 --tasks 1 --quiet ||
  fail "tamis extract of $in1 to $in3 failed"
[ -s "$in3" ] || fail "$in3 is empty"
inputs=("$in1" "$in2" "$in3")

# The expected total: the same inputs as one local task, outside SLURM.
ref="$tmp/reference"
"$tamis" extract "${inputs[@]}" -o "$ref" --task 0 --tasks 1 --quiet ||
  fail "reference tamis extract failed"
expected_docs="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["output"]["documents"])' \
  "$ref/.tamis/stats-task-00000.json")"
[ "$expected_docs" -gt 0 ] || fail "reference run kept no documents"

# --- the job script -------------------------------------------------------------------------
out="$tmp/out"
{
  echo '#!/bin/bash'
  echo '# One task of the test array: tamis picks its share from SLURM_ARRAY_TASK_*.'
  printf 'tamis=%q out=%q rcdir=%q\n' "$tamis" "$out" "$tmp/rc"
  printf 'inputs=(%s)\n' "$(printf '%q ' "${inputs[@]}")"
  cat <<'EOF'
run="$1"
echo "task $SLURM_ARRAY_TASK_ID of array job $SLURM_ARRAY_JOB_ID on $(hostname -s)"
"$tamis" extract "${inputs[@]}" -o "$out" --threads 1
rc=$?
echo "$rc" >"$rcdir/$run-$SLURM_ARRAY_TASK_ID.tmp" && mv "$rcdir/$run-$SLURM_ARRAY_TASK_ID.tmp" "$rcdir/$run-$SLURM_ARRAY_TASK_ID"
exit "$rc"
EOF
} >"$tmp/job.sh"
chmod 0755 "$tmp/job.sh"

submit() { # run-name [sbatch options...] -> job id
  local run="$1"
  shift
  sbatch --parsable --array=0-$((kTasks - 1)) --job-name="tamis-test-$run" --ntasks=1 \
    --cpus-per-task=1 --time=5 --chdir="$tmp" --output="$tmp/jobs/$run-%a.out" \
    "$@" "$tmp/job.sh" "$run" </dev/null
}

# Waits until every task of `run` wrote its exit-code file; fails early if the job left the
# queue without them.
wait_for_run() {
  local run="$1" job="$2" i t missing gone=0
  for ((i = 0; i < kJobTimeout * 4; i++)); do
    missing=0
    for ((t = 0; t < kTasks; t++)); do [ -f "$tmp/rc/$run-$t" ] || missing=$((missing + 1)); done
    [ "$missing" -eq 0 ] && return 0
    if [ -z "$(squeue -h -j "$job" -t PD,CF,R,CG,S -o %i 2>/dev/null)" ]; then
      gone=$((gone + 1))
      # A few polls of grace: the exit-code file may land just after the job leaves.
      [ "$gone" -ge 12 ] && fail "job $job ($run) left the queue with $missing task(s) unfinished"
    fi
    sleep 0.25
  done
  fail "job $job ($run): $missing task(s) not finished after ${kJobTimeout} s"
}

# --- run 1: the inputs are split ------------------------------------------------------------
job1="$(submit run1)" || fail "sbatch of run1 failed"
log "run1: array job $job1 submitted"
wait_for_run run1 "$job1"
log "run1: all $kTasks tasks finished after $(($(date +%s) - started_at)) s"

for ((t = 0; t < kTasks; t++)); do
  rc="$(cat "$tmp/rc/run1-$t")"
  [ "$rc" = 0 ] || fail "run1 task $t exited with $rc"
  tn="$(printf '%05d' "$t")"
  [ -f "$out/.tamis/task-$tn.done" ] || fail "run1 task $t left no marker task-$tn.done"
  if grep -q "already complete" "$tmp/jobs/run1-$t.out"; then
    fail "run1 task $t says 'already complete' on a fresh output"
  fi
  ls "$out"/part-"$tn"-*.jsonl.zst >/dev/null 2>&1 || fail "run1 task $t wrote no part-$tn-* shard"
done

# Each task read exactly one input, the three together all of them, and the stats agree
# with the documents in the shards and with the single-task reference.
python3 - "$out" "$kTasks" "$expected_docs" "${inputs[@]}" <<'EOF' || fail "run1 stats check failed"
import json, sys
out, tasks, expected = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
inputs = sorted(sys.argv[4:])
seen = []
for t in range(tasks):
    s = json.load(open(f"{out}/.tamis/stats-task-{t:05d}.json"))
    if s["task"] != t or s["tasks"] != tasks:
        sys.exit(f"stats of task {t} say task {s['task']} of {s['tasks']}")
    if len(s["inputs"]) != 1 or s["reader"]["files"] != 1:
        sys.exit(f"task {t} processed {s['inputs']} (reader files {s['reader']['files']}), "
                 "not exactly one file")
    if s["output"]["documents"] <= 0:
        sys.exit(f"task {t} kept no documents from {s['inputs'][0]}")
    print(f"task {t}: {s['inputs'][0]} -> {s['output']['documents']} documents")
    seen += s["inputs"]
if sorted(seen) != inputs:
    sys.exit(f"tasks processed {sorted(seen)}, expected {inputs}")
EOF

merged="$("$tamis" stats --json "$out")" || fail "tamis stats --json $out failed"
read -r tasks_merged merged_docs < <(python3 -c '
import json, sys
m = json.load(sys.stdin)
print(m["tasks_merged"], m["output"]["documents"])' <<<"$merged") || fail "unreadable stats JSON"
[ "$tasks_merged" = "$kTasks" ] || fail "tamis stats: tasks_merged $tasks_merged, expected $kTasks"
[ "$merged_docs" = "$expected_docs" ] ||
  fail "tamis stats: $merged_docs documents, the single-task run kept $expected_docs"
shard_lines="$(zstd -dcq "$out"/part-*.jsonl.zst | wc -l)"
[ "$shard_lines" = "$expected_docs" ] ||
  fail "the shards hold $shard_lines documents, expected $expected_docs"
log "run1: OK (tasks_merged $tasks_merged, $merged_docs documents, one input per task)"

# --- run 2: a resubmission skips every finished task ---------------------------------------
snapshot() { (cd "$out" && find . -type f -printf '%p %s %T@\n' | LC_ALL=C sort); }
before="$(snapshot)"
job2="$(submit run2 --dependency="afterok:$job1" --kill-on-invalid-dep=yes)" ||
  fail "sbatch of run2 failed"
log "run2: array job $job2 submitted (afterok:$job1)"
wait_for_run run2 "$job2"
for ((t = 0; t < kTasks; t++)); do
  rc="$(cat "$tmp/rc/run2-$t")"
  [ "$rc" = 0 ] || fail "run2 task $t exited with $rc"
  grep -q "already complete" "$tmp/jobs/run2-$t.out" ||
    fail "run2 task $t did not report 'already complete'"
done
after="$(snapshot)"
if [ "$before" != "$after" ]; then
  diff <(echo "$before") <(echo "$after") >&2 || true
  fail "run2 changed the outputs"
fi
log "run2: OK (every task already complete, outputs untouched)"
