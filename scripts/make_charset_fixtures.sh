#!/usr/bin/env bash
# Builds tests/data/readers/charset/: real paragraphs of Debian's debian-handbook (French,
# Japanese, Russian, German) in UTF-8 and re-encoded with glibc's iconv, so the charset tests
# decode bytes made by a tool independent of ICU. Each <name>.utf8.txt is the expected text of
# the <name>.<encoding>.txt files next to it. Rerun to rebuild; output is deterministic.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
out="$repo/tests/data/readers/charset"
mkdir -p "$out"
cd "$out"

# From fr-FR/sect.installation-steps.html: "œ" is 0x9C in windows-1252, 0xBD in ISO-8859-15
# and absent from ISO-8859-1, so the same text tells the three apart.
printf '%s' "Nous traiterons ici du RAID de niveau 1, le plus simple à mettre en œuvre. La première étape est de créer deux partitions de taille identique situées sur deux disques différents et de les étiqueter volume physique pour RAID." > fr.utf8.txt
iconv -f UTF-8 -t WINDOWS-1252 fr.utf8.txt > fr.windows-1252.txt
iconv -f UTF-8 -t ISO-8859-15 fr.utf8.txt > fr.iso-8859-15.txt

# From ja-JP/sect.role-of-distributions.html.
printf '%s' "GNU/Linux ディストリビューションには 2 つの目標があります。すなわち、自由なオペレーティングシステムをコンピュータにインストールすること (既にシステムが存在しているか否かは関係ありません)、そしてすべてのユーザからの必要性を満足する広範なソフトウェアを提供すること、です。" > ja.utf8.txt
iconv -f UTF-8 -t SHIFT_JIS ja.utf8.txt > ja.shift_jis.txt

# From ru-RU/sect.who-is-this-book-for.html.
printf '%s' "Мы пытались сделать эту книгу полезной для разных категорий читателей. Во-первых, системные администраторы (как начинающие, так и опытные) найдут инструкцию по установке и развёртыванию Debian на большом числе компьютеров." > ru.utf8.txt
iconv -f UTF-8 -t KOI8-R ru.utf8.txt > ru.koi8-r.txt
iconv -f UTF-8 -t WINDOWS-1251 ru.utf8.txt > ru.windows-1251.txt

# From de-DE/sect.who-is-this-book-for.html, with a UTF-8 byte-order mark.
printf '%s' "Wir haben versucht, dieses Buch für viele Kategorien von Lesern nützlich zu gestalten." > de.utf8.txt
{ printf '\xEF\xBB\xBF'; cat de.utf8.txt; } > de.utf8-bom.txt

# Invalid UTF-8: French UTF-8 text with one word pasted in ISO-8859-1 ("déjà": E9 and E0 are
# lead bytes followed by ASCII, so two ill-formed sequences), then Japanese UTF-8 cut one byte
# short (a truncated three-byte character at the end: a third).
{
  printf '%s' "Installer un système libre sur un ordinateur (vierge ou disposant "
  printf '%s' "déjà" | iconv -f UTF-8 -t ISO-8859-1
  printf '%s' " d'autres systèmes). "
  printf '%s' "自由なオペレーティングシステム" | head -c -1
} > mixed.invalid-utf8.txt
ls -l "$out"
