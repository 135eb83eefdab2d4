#!/usr/bin/env bash
# End to end: the example main job (examples/pipeline.yaml, two phases and global steps) runs
# in a temporary copy, `tamis report` writes its page, and headless Chromium (Debian's chromium
# package, as tests/filters/decontaminate_cli_test.cc uses it) loads it:
#   (a) the page's own script ran to the end (data-rendered="charts:N" on <body>, N >= 8), no
#       script error was recorded (data-errors) and the browser logged no console message;
#   (b) a 1280x2000 screenshot shows the charts: enough strongly coloured pixels (the bars;
#       the page background, text and header are grey or dark blue) below the header.
# Also: the end summary of `tamis run`; two tasks report what one does; one-phase and
# single-file runs get their page; an unfinished run gets a page marked unfinished; a directory
# that is not a run is an error naming it; the page never overwrites an input.
# Exit 77 (skipped) without chromium.
# Usage: report_page_test.sh TAMIS_BINARY SOURCE_DIR
set -euo pipefail
tamis="$1"
source_dir="$2"
if ! command -v chromium >/dev/null; then
  echo "chromium is not installed (Debian package 'chromium', scripts/setup.sh --tests): skipped"
  exit 77
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

cp "$source_dir/examples/pipeline.yaml" "$work/"
cp -r "$source_dir/examples/data" "$work/data"
"$tamis" run "$work/pipeline.yaml" --threads 2 >"$work/run.log" 2>&1 ||
  { cat "$work/run.log"; fail "tamis run failed"; }
# The run's end summary: the whole run, on 100 columns (but for long paths).
summary="$(sed -n '/^== run /,$p' "$work/run.log")"
for line in "== run $work/out/clean: finished, 2 phase(s)" "languages kept (" "removed for:" \
  "tokens " "rejects        $work/out/rejects" "contamination  $work/out/contamination/report.html" \
  "html report    tamis report $work/out/clean"; do
  grep -qF -- "$line" <<<"$summary" || { echo "$summary"; fail "summary lacks '$line'"; }
done
if grep -v -F "$work" <<<"$summary" | grep -q '.\{101\}'; then
  echo "$summary"
  fail "summary lines wider than 100 columns"
fi

"$tamis" report "$work/out/clean" >"$work/report.log" 2>&1 ||
  { cat "$work/report.log"; fail "tamis report failed"; }
page="$work/out/clean/.tamis/report.html"
[[ -s "$page" ]] || fail "no page at $page"
grep -q "report: $page" "$work/report.log" || fail "tamis report does not say where the page is"
grep -q "unfinished" "$work/report.log" && fail "a finished run is reported unfinished"
grep -q 'href="../../contamination/report.html"' "$page" ||
  fail "no relative link to the contamination report"
grep -q "http" <(grep -o '<link[^>]*>\|<script src[^>]*>' "$page" || true) &&
  fail "the page loads something from the network"

# (a) The page ran cleanly in the browser.
chrome=(chromium --headless --no-sandbox --disable-gpu --enable-logging=stderr --v=0
  --user-data-dir="$work/profile")
"${chrome[@]}" --dump-dom "file://$page" >"$work/dom.html" 2>"$work/chromium.err" ||
  { cat "$work/chromium.err"; fail "chromium --dump-dom failed"; }
charts="$(grep -o 'data-rendered="charts:[0-9]*"' "$work/dom.html" | grep -o '[0-9]*' || true)"
[[ -n "$charts" ]] || fail "the page's script did not run to the end (no data-rendered)"
((charts >= 8)) || fail "only $charts charts rendered"
grep -q 'data-errors' "$work/dom.html" && fail "script errors: $(grep -o 'data-errors="[^"]*"' "$work/dom.html")"
grep -E -q 'Uncaught|CONSOLE' "$work/chromium.err" &&
  { grep -E 'Uncaught|CONSOLE' "$work/chromium.err"; fail "console errors"; }

# (b) The charts are drawn: count strongly coloured pixels below the header.
"${chrome[@]}" --hide-scrollbars --window-size=1280,2000 --screenshot="$work/page.png" \
  "file://$page" >/dev/null 2>"$work/screenshot.err" ||
  { cat "$work/screenshot.err"; fail "chromium --screenshot failed"; }
[[ -n "${TAMIS_REPORT_SCREENSHOT:-}" ]] && cp "$work/page.png" "$TAMIS_REPORT_SCREENSHOT"
python3 - "$work/page.png" <<'EOF' || fail "the screenshot shows no charts"
# A minimal PNG decoder (8-bit RGB/RGBA, non-interlaced: what Chromium writes).
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat = 8, b""
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
assert depth == 8 and color in (2, 6) and interlace == 0, (depth, color, interlace)
bpp = 3 if color == 2 else 4
raw = zlib.decompress(idat)
stride = width * bpp
rows, prev, at = [], bytearray(stride), 0
for _ in range(height):
    kind, line = raw[at], bytearray(raw[at + 1:at + 1 + stride])
    at += 1 + stride
    for i in range(stride):
        left = line[i - bpp] if i >= bpp else 0
        up, corner = prev[i], prev[i - bpp] if i >= bpp else 0
        if kind == 1: line[i] = (line[i] + left) & 255
        elif kind == 2: line[i] = (line[i] + up) & 255
        elif kind == 3: line[i] = (line[i] + (left + up) // 2) & 255
        elif kind == 4:
            p = left + up - corner
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
            pred = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
            line[i] = (line[i] + pred) & 255
    rows.append(line)
    prev = line
colored = 0
for y in range(120, height):
    line = rows[y]
    for x in range(0, stride, bpp):
        r, g, b = line[x], line[x + 1], line[x + 2]
        if max(r, g, b) - min(r, g, b) > 90:
            colored += 1
print(f"{width}x{height}, {colored} strongly coloured pixels below the header")
assert colored >= 20000, colored
EOF

# Two tasks: the funnel merged from both tasks' stats is the one-task run's.
mkdir "$work/tasks"
cp "$work/pipeline.yaml" "$work/tasks/"
cp -r "$work/data" "$work/tasks/data"
"$tamis" run "$work/tasks/pipeline.yaml" --tasks 2 --threads 2 --quiet >"$work/tasks.log" 2>&1 ||
  { cat "$work/tasks.log"; fail "tamis run --tasks 2 failed"; }
"$tamis" report "$work/out/clean" --json >"$work/one.json"
"$tamis" report "$work/tasks/out/clean" --json >"$work/two.json"
python3 - "$work/one.json" "$work/two.json" <<'EOF' || fail "two tasks' report differs from one task's"
import json, sys
one, two = (json.load(open(f)) for f in sys.argv[1:])
funnel = lambda r: [(s["phase"], s["stage"], s["documents_in"], s["documents_out"]) for s in r["stages"]]
assert funnel(one) == funnel(two), (funnel(one), funnel(two))
assert (one["tasks"], two["tasks"], two["complete"]) == (1, 2, True)
assert one["languages"] == two["languages"] and one["tokens"]["total"] == two["tokens"]["total"]
EOF

# A one-phase run (tamis extract), into a directory and into one file.
"$tamis" extract "$work/data/crawl.warc.gz" -o "$work/extracted" --quiet
"$tamis" report "$work/extracted" >"$work/extracted.log" || fail "no report of a one-phase run"
grep -q "unfinished" "$work/extracted.log" && fail "a finished one-phase run is reported unfinished"
[[ -s "$work/extracted/.tamis/report.html" ]] || fail "no page for the one-phase run"
"$tamis" extract "$work/data/crawl.warc.gz" -o "$work/one.jsonl" --quiet
"$tamis" report "$work/one.jsonl" >/dev/null || fail "no report of a single-file run"
[[ -s "$work/one.jsonl.report.html" ]] || fail "no page beside the single-file output"

# An unfinished run: phase 1's marker gone. Its page says so and shows what exists.
rm "$work/out/clean/.tamis/phase-1/task-00000.done"
"$tamis" report "$work/out/clean" -o "$work/unfinished.html" >"$work/unfinished.log" 2>&1 ||
  { cat "$work/unfinished.log"; fail "tamis report failed on an unfinished run"; }
grep -q "the run is unfinished" "$work/unfinished.log" || fail "unfinished run not reported"
grep -q "Incomplete run" "$work/unfinished.html" || fail "unfinished page not marked"

# Not a run; an input is never overwritten.
if "$tamis" report "$work/data" >"$work/notrun.log" 2>&1; then fail "a non-run directory was accepted"; fi
grep -q "$work/data: not a tamis run directory" "$work/notrun.log" || fail "error does not name it"
if "$tamis" report "$work/out/clean" -o "$work/data/crawl.warc.gz" >"$work/input.log" 2>&1; then
  fail "tamis report would overwrite an input"
fi
echo "ok: $charts charts"
