#!/usr/bin/env python3
"""Copies the LDNOOBW word lists from the naughty-words npm package (installed into
.cache/naughty-words/ by scripts/fetch_naughty_words.sh) into filters/toxicity/data/, one
file per language named by its ISO 639-3 code (what metadata.language carries), one entry
per line, sorted, NFC. The build embeds these copies (filters/CMakeLists.txt), so the binary
never reads .cache. Run it again only to take a new version of the package."""
import json
import pathlib
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCE = ROOT / ".cache/naughty-words/node_modules/naughty-words"
DEST = ROOT / "filters/toxicity/data"

# The package's file names (ISO 639-1, one BCP 47 tag) -> the ISO 639-3 code tamis's langid
# writes. "fil" goes under "tgl": lid.176 and GlotLID label Filipino text Tagalog. Quebec
# French joins French. Klingon ("tlh") is left out: no language identifier emits it.
CODES = {
    "ar": "ara", "cs": "ces", "da": "dan", "de": "deu", "en": "eng", "eo": "epo",
    "es": "spa", "fa": "fas", "fi": "fin", "fil": "tgl", "fr": "fra",
    "fr-CA-u-sd-caqc": "fra", "hi": "hin", "hu": "hun", "it": "ita", "ja": "jpn",
    "kab": "kab", "ko": "kor", "nl": "nld", "no": "nor", "pl": "pol", "pt": "por",
    "ru": "rus", "sv": "swe", "th": "tha", "tr": "tur", "zh": "zho",
}


def main():
    version = json.loads((SOURCE / "package.json").read_text())["version"]
    lists = {}
    for name, code in CODES.items():
        words = json.loads((SOURCE / f"{name}.json").read_text(encoding="utf-8"))
        for w in words:
            w = unicodedata.normalize("NFC", w.strip())
            if w:
                lists.setdefault(code, set()).add(w)
    for old in DEST.glob("*.txt"):
        old.unlink()
    for code, words in sorted(lists.items()):
        (DEST / f"{code}.txt").write_text("".join(w + "\n" for w in sorted(words)),
                                          encoding="utf-8")
    (DEST / "LICENSE").write_text((SOURCE / "LICENSE").read_text(encoding="utf-8"))
    (DEST / "VERSION").write_text(f"naughty-words {version}\n")
    print(f"update_toxicity_lists: {len(lists)} languages from naughty-words {version}")


if __name__ == "__main__":
    main()
