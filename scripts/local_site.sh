# Sourced by the scripts that crawl a local copy of Debian pages with wget (make_*_warc.sh,
# make_example_crawl.sh): makes $tmp (removed on exit, with the server stopped), and
# serve_site ROOT PORT URL_PATH starts python3's http.server on 127.0.0.1:PORT over ROOT and
# waits until URL_PATH answers.
tmp="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

serve_site() {
  local root="$1" port="$2" probe="$3"
  (cd "$root" && exec python3 -m http.server --bind 127.0.0.1 "$port" >/dev/null 2>&1) &
  server_pid=$!
  for _ in $(seq 50); do
    if wget -q -O /dev/null "http://127.0.0.1:$port/$probe"; then return 0; fi
    sleep 0.1
  done
  echo "serve_site: the local server on port $port did not answer" >&2
  return 1
}
