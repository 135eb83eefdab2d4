#!/usr/bin/env bash
# Builds tests/data/readers/handbook.warc.gz: a real WARC written by GNU wget while crawling a
# local HTTP server that serves pages of Debian's debian-handbook package (real multilingual
# HTML with navigation and footer boilerplate). Also keeps raw copies of a few pages as
# tests/data/readers/handbook-*.html for the HTML-to-text tests.
#
# The fixture deliberately contains records a reader must skip: the wget request records, a
# 404 (robots.txt and a missing page), a 301 redirect (python's http.server redirects a
# directory without its trailing slash), a CSS file, a PNG, wget's metadata and resource
# (log) records. One French page is re-encoded to ISO-8859-1 with its <meta> charset edited
# accordingly, so the WARC also holds a non-UTF-8 page (python serves "text/html" without a
# charset, so the <meta> declaration is the only hint).
#
# Needs: debian-handbook, wget, python3, iconv. Run from anywhere; rewrites the fixture.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
src=/usr/share/doc/debian-handbook/html
out="$repo/tests/data/readers"
port="${PORT:-8731}"

pages=(
  en-US/sect.role-of-distributions.html
  en-US/sect.apt-get.html
  fr-FR/sect.role-of-distributions.html
  de-DE/sect.who-is-this-book-for.html
  ja-JP/sect.role-of-distributions.html
  ru-RU/sect.who-is-this-book-for.html
  zh-CN/sect.role-of-distributions.html
)

# shellcheck source=scripts/local_site.sh
source "$repo/scripts/local_site.sh"

root="$tmp/site"
mkdir -p "$root"
for p in "${pages[@]}"; do
  mkdir -p "$root/$(dirname "$p")"
  cp "$src/$p" "$root/$p"
done
# The table of contents is almost only links: a boilerplate-heavy page reached via a redirect.
cp "$src/en-US/index.html" "$root/en-US/index.html"
mkdir -p "$root/en-US/Common_Content/css" "$root/en-US/Common_Content/images"
cp "$src/en-US/Common_Content/css/default.css" "$root/en-US/Common_Content/css/"
cp "$src/en-US/Common_Content/images/stock-home.png" "$root/en-US/Common_Content/images/"
# A Latin-1 page: same French text, bytes re-encoded, <meta> charset edited to match.
mkdir -p "$root/fr-latin1"
sed 's/charset=UTF-8/charset=ISO-8859-1/' "$src/fr-FR/sect.role-of-distributions.html" |
  iconv -f UTF-8 -t ISO-8859-1//TRANSLIT > "$root/fr-latin1/sect.role-of-distributions.html"

serve_site "$root" "$port" en-US/Common_Content/css/default.css

base="http://127.0.0.1:$port"
urls=("$base/robots.txt")
for p in "${pages[@]}"; do urls+=("$base/$p"); done
urls+=(
  "$base/fr-latin1/sect.role-of-distributions.html"
  "$base/en-US"
  "$base/en-US/no-such-page.html"
  "$base/en-US/Common_Content/css/default.css"
  "$base/en-US/Common_Content/images/stock-home.png"
)

rm -f "$out/handbook.warc.gz"
cd "$tmp"
# wget exits 8 when a URL answers 404; that record is wanted, so the status is ignored.
wget --warc-file="$out/handbook" --no-verbose -O /dev/null "${urls[@]}" || true
test -s "$out/handbook.warc.gz"

cp "$src/en-US/sect.role-of-distributions.html" "$out/handbook-en-role-of-distributions.html"
cp "$src/en-US/sect.apt-get.html" "$out/handbook-en-apt-get.html"
cp "$src/fr-FR/sect.role-of-distributions.html" "$out/handbook-fr-role-of-distributions.html"
cp "$src/de-DE/sect.who-is-this-book-for.html" "$out/handbook-de-who-is-this-book-for.html"
cp "$src/ja-JP/sect.role-of-distributions.html" "$out/handbook-ja-role-of-distributions.html"
cp "$src/ru-RU/sect.who-is-this-book-for.html" "$out/handbook-ru-who-is-this-book-for.html"
cp "$src/zh-CN/sect.role-of-distributions.html" "$out/handbook-zh-role-of-distributions.html"
cp "$src/en-US/index.html" "$out/handbook-en-index.html"
cp "$root/fr-latin1/sect.role-of-distributions.html" "$out/handbook-fr-latin1-role-of-distributions.html"
ls -l "$out"
