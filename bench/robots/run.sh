#!/usr/bin/env bash
# robots.txt URL checks per second per core, tamis side by side with the robots-parser npm
# package (node), on the same generated snapshot and URLs in the same run (make_data.js:
# ORIGINS robots.txt files shaped like real sites', URLS crawled URLs over them).
# Two agent lists: one agent (GPTBot), and Apertus's 13-agent default list, where a URL is
# disallowed when any agent is. Both sides are single-threaded; both parse each robots.txt
# once, then check every URL. A "URL check" is one URL against all agents of the list.
# Usage: bench/robots/run.sh [ORIGINS] [URLS] [REPEAT]   (results on stdout)
# TAMIS_BENCH_BUILD names a Release build directory to reuse (default build-bench-robots).
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
origins="${1:-2000}"
urls="${2:-200000}"
repeat="${3:-3}"
build="${TAMIS_BENCH_BUILD:-$repo/build-bench-robots}"
parser="$repo/.cache/robots-parser/node_modules/robots-parser"
[ -f "$parser/package.json" ] || bash "$repo/scripts/fetch_robots_parser.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DTAMIS_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target robots_bench tamis_filters -j2 >/dev/null

node "$repo/bench/robots/make_data.js" "$work" "$origins" "$urls"
default_agents="AI2Bot,Applebot-Extended,Bytespider,CCBot,ClaudeBot,cohere-training-data-crawler,Diffbot,FacebookBot,Meta-ExternalAgent,Google-Extended,GPTBot,PanguBot,*"
echo "# $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); node $(node --version)"
echo "# $origins origins, $urls URLs x $repeat"
for agents in GPTBot "$default_agents"; do
  "$build/bench/robots_bench" "$work/snapshot.jsonl" "$work/urls.txt" "$agents" "$repeat"
  node "$repo/bench/robots/robots_bench.js" "$parser" "$work/snapshot.jsonl" "$work/urls.txt" \
    "$agents" "$repeat"
done
