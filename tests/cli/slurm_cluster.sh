# A private one-node SLURM cluster for the SLURM tests, sourced by them (not run on its own).
#
# The sourcing script defines kJobTimeout and has sourced slurm_test_prologue.sh (log(), fail(),
# $tamis, `started_at`); this file then creates $tmp (with etc, state, spool, log, run, jobs,
# rc, inputs), starts munged (or reuses a working one), slurmctld and slurmd on free ports with their config, state and
# PID files in $tmp, waits for the node to be idle, and installs an EXIT trap that cancels
# every job, stops the daemons it started (by PID file) and removes $tmp
# (TAMIS_SLURM_TEST_KEEP=1 keeps it). See /work/shared/notes/slurm-local.md for why each
# setting is there.
readonly kNodeIdleTimeout=60   # seconds for slurmd to register and the node to become idle
readonly kDaemonStopTimeout=15 # seconds for a daemon to exit after SIGTERM
readonly kMemoryReserveMb=1024 # memory kept back from slurmd -C's RealMemory for the system

[ "$(id -u)" -eq 0 ] || fail "needs root (starts munged, slurmctld and slurmd)"
for c in munge unmunge munged slurmctld slurmd sbatch squeue sinfo scontrol scancel; do
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
# Written by tests/cli/slurm_cluster.sh for one test run.
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

# Waits for the run at an output directory submitted by `tamis slurm` ($tamis): returns 0 once
# `tamis slurm status` says all done, 1 if the queue empties first; fails the test on a failed
# task or after kJobTimeout seconds. Leaves the last status in $tmp/status.txt.
wait_until_done() { # output-dir: 0 once `tamis slurm status` says all done; 1 if the queue
  local out="$1" i rc #  empties first; fails the test on a failed task or a time-out
  for ((i = 0; i < kJobTimeout * 2; i++)); do
    rc=0
    "$tamis" slurm status "$out" >"$tmp/status.txt" 2>&1 || rc=$?
    [ "$rc" -eq 0 ] && return 0
    if [ "$rc" -eq 1 ] && ! grep -q "pending" "$tmp/status.txt"; then
      cat "$tmp/status.txt" >&2
      fail "a task failed"
    fi
    if [ -z "$(squeue -h -o %i 2>/dev/null)" ]; then
      sleep 1 # The last exit-code file may land just after the job leaves the queue.
      "$tamis" slurm status "$out" >"$tmp/status.txt" 2>&1 && return 0
      return 1
    fi
    sleep 0.5
  done
  cat "$tmp/status.txt" >&2
  fail "$out not done after ${kJobTimeout} s"
}
