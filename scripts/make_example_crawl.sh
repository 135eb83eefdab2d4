#!/usr/bin/env bash
# Builds the main job's example crawl, examples/data/crawl.warc.gz, and its robots.txt
# snapshot, examples/data/robots.warc.gz: real WARCs written by GNU Wget while crawling a local
# HTTP server that serves pages of Debian's debian-handbook package (GPL-2+): four sections in
# each of twelve languages, real multilingual HTML with navigation and footer boilerplate.
#
# Like a crawl, it also holds what a reader must skip or a pipeline must remove: wget's
# request, metadata and log records, a 404 (a missing page), a 301 redirect (python's
# http.server redirects a directory without its trailing slash) to a table of contents that is
# almost only links, a CSS file and a PNG, and the French "Role of distributions" page served a
# second time re-encoded to ISO-8859-1 with its <meta> charset edited to match (a near
# duplicate in another encoding). The site's robots.txt opts the English APT chapter out of
# AI crawlers (GPTBot, CCBot); wget fetches it into its own WARC, the snapshot the robots
# stage reads.
#
# Needs: debian-handbook, wget, python3, iconv. Run from anywhere; rewrites both files.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
src=/usr/share/doc/debian-handbook/html
out="$repo/examples/data"
port="${PORT:-8731}"

languages=(en-US fr-FR de-DE es-ES it-IT pt-BR nl-NL ru-RU ja-JP zh-CN ar-MA pl-PL)
sections=(sect.role-of-distributions.html sect.who-is-this-book-for.html sect.apt-get.html
  sect.backup.html)

# shellcheck source=scripts/local_site.sh
source "$repo/scripts/local_site.sh"

root="$tmp/site"
pages=()
for l in "${languages[@]}"; do
  mkdir -p "$root/$l"
  for s in "${sections[@]}"; do
    cp "$src/$l/$s" "$root/$l/$s"
    pages+=("$l/$s")
  done
done
cp "$src/en-US/index.html" "$root/en-US/index.html"
mkdir -p "$root/en-US/Common_Content/css" "$root/en-US/Common_Content/images"
cp "$src/en-US/Common_Content/css/default.css" "$root/en-US/Common_Content/css/"
cp "$src/en-US/Common_Content/images/stock-home.png" "$root/en-US/Common_Content/images/"
mkdir -p "$root/fr-latin1"
sed 's/charset=UTF-8/charset=ISO-8859-1/' "$src/fr-FR/sect.role-of-distributions.html" |
  iconv -f UTF-8 -t ISO-8859-1//TRANSLIT >"$root/fr-latin1/sect.role-of-distributions.html"
cat >"$root/robots.txt" <<'ROBOTS'
# The example site opts its APT chapter out of AI training crawlers.
User-agent: GPTBot
User-agent: CCBot
Disallow: /en-US/sect.apt-get.html

User-agent: *
Allow: /
ROBOTS

serve_site "$root" "$port" robots.txt

base="http://127.0.0.1:$port"
urls=()
for p in "${pages[@]}"; do urls+=("$base/$p"); done
urls+=(
  "$base/fr-latin1/sect.role-of-distributions.html"
  "$base/en-US"
  "$base/en-US/no-such-page.html"
  "$base/en-US/Common_Content/css/default.css"
  "$base/en-US/Common_Content/images/stock-home.png"
)

cd "$tmp"
rm -f "$out/crawl.warc.gz" "$out/robots.warc.gz"
# wget exits 8 when a URL answers 404; that record is wanted, so the status is ignored.
wget --warc-file="$out/crawl" --no-verbose -O /dev/null "${urls[@]}" || true
wget --warc-file="$out/robots" --no-verbose -O /dev/null "$base/robots.txt"
test -s "$out/crawl.warc.gz"
test -s "$out/robots.warc.gz"
ls -l "$out/crawl.warc.gz" "$out/robots.warc.gz"
