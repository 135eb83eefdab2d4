# The start every SLURM test shares, sourced first with the test's arguments
# (`source slurm_test_prologue.sh "$@"`): log() and fail() named after the test, the two
# arguments checked (TAMIS_BINARY, then a directory) and resolved into $tamis and $dir_arg,
# and started_at (seconds) for the timings the tests log. Then the test sources
# slurm_cluster.sh for its private cluster.
test_name="$(basename "$0" .sh)"
log() { echo "$test_name: $*" >&2; }
fail() {
  log "FAIL: $*"
  exit 1
}
if [ $# -ne 2 ]; then
  echo "usage: $0 TAMIS_BINARY DIR" >&2
  exit 2
fi
tamis="$(realpath "$1")"
dir_arg="$(realpath "$2")"
started_at=$(date +%s)
[ -x "$tamis" ] || fail "$tamis is not an executable"
