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

readonly kNodeIdleTimeout=60   # seconds for slurmd to register and the node to become idle
readonly kJobTimeout=120       # seconds for one array job to finish
readonly kDaemonStopTimeout=15 # seconds for a daemon to exit after SIGTERM
readonly kMemoryReserveMb=1024 # memory kept back from slurmd -C's RealMemory for the system
readonly kTasks=3

log() { echo "slurm_array_test: $*" >&2; }
fail() {
  log "FAIL: $*"
  exit 1
}

if [ $# -ne 2 ]; then
  echo "usage: $0 TAMIS_BINARY DATA_DIR" >&2
  exit 2
fi
tamis="$(realpath "$1")"
data="$(realpath "$2")"
started_at=$(date +%s)

[ -x "$tamis" ] || fail "$tamis is not an executable"
for f in handbook.warc.gz mixed.jsonl; do
  [ -f "$data/readers/$f" ] || fail "missing test input $data/readers/$f"
done
[ "$(id -u)" -eq 0 ] || fail "needs root (starts munged, slurmctld and slurmd)"
for c in munge unmunge munged slurmctld slurmd sbatch squeue sinfo scontrol scancel zstd python3; do
  command -v "$c" >/dev/null 2>&1 ||
    fail "'$c' not found: run scripts/setup.sh (installs slurm-wlm and munge)"
done

# A test run inside a SLURM job (or a shell with SBATCH_* defaults) must not leak that
# cluster's settings into the private one.
while IFS='=' read -r name _; do
  case "$name" in SLURM_* | SBATCH_* | SQUEUE_* | SINFO_* | SCANCEL_*) unset "$name" ;; esac
done < <(env)

tmp="$(mktemp -d /tmp/tamis-slurm-test.XXXXXX)"
chmod 0755 "$tmp"
started_munge=0
munge_pidfile=/run/munge/munged.pid
export SLURM_CONF="$tmp/etc/slurm.conf"

# Stops the process named in `pidfile` if it is still the `comm` it should be (a recycled
# PID is left alone).
stop_by_pidfile() {
  local pidfile="$1" comm="$2" pid i
  [ -s "$pidfile" ] || return 0
  pid="$(cat "$pidfile")"
  [ -n "$pid" ] && [ -r "/proc/$pid/comm" ] || return 0
  [ "$(cat "/proc/$pid/comm")" = "$comm" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < kDaemonStopTimeout * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    # An exited daemon stays a zombie until init reaps it (slowly, in some sandboxes).
    [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" = Z ] && return 0
    sleep 0.1
  done
  log "$comm (pid $pid) ignored SIGTERM; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  set +e
  if [ "$rc" -ne 0 ] && [ -d "$tmp" ]; then
    for f in "$tmp"/log/slurmctld.log "$tmp"/log/slurmd.log; do
      [ -f "$f" ] && { log "--- last lines of $f"; tail -n 15 "$f" >&2; }
    done
    for f in "$tmp"/jobs/*.out; do
      [ -f "$f" ] && { log "--- $f"; tail -n 20 "$f" >&2; }
    done
  fi
  if [ -s "$tmp/run/slurmctld.pid" ]; then
    # Job steps outlive a stopped slurmd: cancel every job of this private cluster first.
    scancel --quiet --user=root >/dev/null 2>&1
    for ((i = 0; i < 100; i++)); do
      [ -z "$(squeue -h -o %i 2>/dev/null)" ] && break
      sleep 0.1
    done
  fi
  stop_by_pidfile "$tmp/run/slurmd.pid" slurmd
  stop_by_pidfile "$tmp/run/slurmctld.pid" slurmctld
  if [ "$started_munge" -eq 1 ]; then stop_by_pidfile "$munge_pidfile" munged; fi
  if [ "${TAMIS_SLURM_TEST_KEEP:-0}" = 1 ]; then
    log "kept $tmp"
  else
    rm -rf "$tmp"
  fi
  if [ "$rc" -eq 0 ]; then
    log "PASS in $(($(date +%s) - started_at)) s"
  else
    log "FAILED (exit $rc) after $(($(date +%s) - started_at)) s"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$tmp"/{etc,state,spool,log,run,jobs,rc,inputs}

# --- munge: reuse a working munged, else start one ----------------------------------------
if munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1; then
  log "munged already running; reusing it"
else
  log "starting munged"
  mkdir -p /run/munge
  chown munge:munge /run/munge
  chmod 0755 /run/munge
  [ -f /etc/munge/munge.key ] || fail "/etc/munge/munge.key missing (reinstall munge)"
  runuser -u munge -- munged || fail "munged did not start"
  started_munge=1
  for ((i = 0; i < 50; i++)); do
    munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1 && break
    sleep 0.1
  done
  munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1 || fail "munged does not answer"
fi

# --- slurm.conf -----------------------------------------------------------------------------
# Two free TCP ports, so a cluster left running by someone else (default 6817/6818) is no
# obstacle.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() {
  local p i
  for ((i = 0; i < 200; i++)); do
    p=$((20000 + RANDOM % 40000))
    if ! port_in_use "$p" && [ "$p" != "${1:-}" ]; then
      echo "$p"
      return 0
    fi
  done
  return 1
}
ctld_port="$(pick_port)" || fail "no free port"
slurmd_port="$(pick_port "$ctld_port")" || fail "no free port"

host="$(hostname -s)"
node_line="$(slurmd -C | head -n 1)"
case "$node_line" in NodeName=*) ;; *) fail "unexpected 'slurmd -C' output: $node_line" ;; esac
node="$(sed -E 's/^NodeName=([^ ]+).*/\1/' <<<"$node_line")"
real_mem="$(sed -nE 's/.*RealMemory=([0-9]+).*/\1/p' <<<"$node_line")"
mem=$((real_mem > kMemoryReserveMb + 256 ? real_mem - kMemoryReserveMb : real_mem))
node_line="$(sed -E "s/RealMemory=[0-9]+/RealMemory=$mem/; s/ UpTime=.*//" <<<"$node_line")"

cat >"$SLURM_CONF" <<EOF
# Written by tests/cli/slurm_array_test.sh for one run; see /work/shared/notes/slurm-local.md.
ClusterName=tamistest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0
ReturnToService=2
MinJobAge=600
MailProg=/bin/true
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/run/slurmctld.pid
SlurmdPidFile=$tmp/run/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
$node_line NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=tamis Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
log "private cluster in $tmp (slurmctld port $ctld_port, slurmd port $slurmd_port, node $node)"

# --- daemons --------------------------------------------------------------------------------
wait_for_pidfile() {
  local i
  for ((i = 0; i < 100; i++)); do
    [ -s "$1" ] && return 0
    sleep 0.1
  done
  return 1
}
slurmctld -f "$SLURM_CONF" || fail "slurmctld did not start"
wait_for_pidfile "$tmp/run/slurmctld.pid" || fail "slurmctld wrote no PID file"
slurmd -f "$SLURM_CONF" || fail "slurmd did not start"
wait_for_pidfile "$tmp/run/slurmd.pid" || fail "slurmd wrote no PID file"

state=""
for ((i = 0; i < kNodeIdleTimeout * 2; i++)); do
  state="$(sinfo -h -N -n "$node" -o %t 2>/dev/null | head -n 1)" || state=""
  case "$state" in
    idle) break ;;
    down* | drain* | drng*) scontrol update nodename="$node" state=resume >/dev/null 2>&1 || true ;;
  esac
  sleep 0.5
done
[ "$state" = idle ] || fail "node $node is '$state', not idle, after ${kNodeIdleTimeout} s"
log "node $node idle after $(($(date +%s) - started_at)) s"

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
