#!/usr/bin/env python3
"""Extracts real multilingual text from Debian packages installed by scripts/setup.sh.

Sources (all plain files on a Debian 12 machine, no network):
  - debian-handbook: the Debian Administrator's Handbook, HTML in 26 languages
    (/usr/share/doc/debian-handbook/html/<lang>/*.html), stripped to paragraphs;
  - manpages-{fr,de,es,it,nl,pl,pt-br,ru}: translated man pages
    (/usr/share/man/<lang>/man*/*.gz), troff markup removed, one paragraph per block.

Output is one paragraph per line (no newline inside a paragraph), UTF-8, whitespace
collapsed: what spm_train reads, and what spm_encode compares line by line.

  extract_tokenizer_corpus.py --output corpus.txt [--max-bytes-per-language N]
      Languages interleaved round-robin, paragraph by paragraph, each capped at N bytes, so
      that no language dominates the tokenizer's training data.
  extract_tokenizer_corpus.py --per-language DIR [--max-bytes-per-language N]
      DIR/<lang>.txt per language (used by the mixture tests and the benchmark).

Deterministic: files are read in sorted order and nothing is random.
Standard library only.
"""
import argparse
import collections
import glob
import gzip
import html.parser
import os
import re
import sys

HANDBOOK = "/usr/share/doc/debian-handbook/html"
MAN = "/usr/share/man"
MIN_PARAGRAPH_CHARS = 20  # Shorter blocks are navigation, headers or troff debris.
BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "td", "th", "pre",
              "title", "div", "blockquote", "figcaption", "caption"}
SKIP_TAGS = {"script", "style", "head"}
SPACES = re.compile(r"\s+")


def language_of(code):
    """'fr-FR' / 'pt_BR' / 'de' -> 'fr' / 'pt' / 'de'; zh keeps its script variant."""
    code = code.replace("_", "-")
    if code.lower().startswith("zh-"):
        return code.lower()
    return code.split("-")[0].lower()


class TextExtractor(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs = []
        self.current = []
        self.skip = 0

    def flush(self):
        text = SPACES.sub(" ", "".join(self.current)).strip()
        if len(text) >= MIN_PARAGRAPH_CHARS:
            self.paragraphs.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            self.skip += 1
        elif tag in BLOCK_TAGS or tag == "br":
            self.flush()

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK_TAGS:
            self.flush()

    def handle_data(self, data):
        if not self.skip:
            self.current.append(data)


def handbook_paragraphs(lang_dir):
    for path in sorted(glob.glob(os.path.join(lang_dir, "*.html"))):
        parser = TextExtractor()
        with open(path, encoding="utf-8", errors="replace") as f:
            parser.feed(f.read())
        parser.close()
        parser.flush()
        yield from parser.paragraphs


TROFF_ESCAPES = [
    (re.compile(r"\\f(\[[^\]]*\]|\(..|.)"), ""),      # font changes
    (re.compile(r"\\s[+-]?\d+"), ""),                  # size changes
    (re.compile(r"\\\*(\[[^\]]*\]|\(..|.)"), ""),     # string interpolation
    (re.compile(r"\\\(em|\\\[em\]"), "—"),
    (re.compile(r"\\\(en|\\\[en\]"), "–"),
    (re.compile(r"\\\(aq|\\\[aq\]"), "'"),
    (re.compile(r"\\\(dq|\\\[dq\]"), '"'),
    (re.compile(r"\\\(co|\\\[co\]"), "©"),
    (re.compile(r"\\\(bu|\\\[bu\]"), "•"),
    (re.compile(r"\\\(..|\\\[[^\]]*\]"), ""),          # other named glyphs
    (re.compile(r"\\[-]"), "-"),
    (re.compile(r"\\e"), "\\\\"),
    (re.compile(r"\\[&|^%:cdu]"), ""),
    (re.compile(r"\\[ ~0]"), " "),
    (re.compile(r"\\(.)"), r"\1"),
]
MACRO_WITH_TEXT = re.compile(r"^\.(B|I|BI|BR|IB|IR|RB|RI|SM|SB|SH|SS|TP|IP)\b\s*(.*)$")


def strip_troff(line):
    for pattern, replacement in TROFF_ESCAPES:
        line = pattern.sub(replacement, line)
    return line.replace('"', "") if line.startswith(".") else line


def man_paragraphs(path):
    try:
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
            lines = f.read().split("\n")
    except (OSError, EOFError):
        return
    current = []

    def flush():
        text = SPACES.sub(" ", " ".join(current)).strip()
        current.clear()
        return text

    for raw in lines:
        if raw.startswith(".\\\"") or raw.startswith("'\\\"") or raw.startswith(".so "):
            continue
        if raw.startswith(".") or raw.startswith("'"):
            m = MACRO_WITH_TEXT.match(raw)
            breaks = raw[1:3] in ("PP", "LP", "P ", "SH", "SS", "TP", "IP", "sp", "br", "nf", "fi")
            if breaks or raw.strip() in (".P", ".PP", ".LP"):
                text = flush()
                if len(text) >= MIN_PARAGRAPH_CHARS:
                    yield text
            if m and m.group(2):
                current.append(strip_troff(m.group(2)).replace('"', ""))
            continue
        if not raw.strip():
            text = flush()
            if len(text) >= MIN_PARAGRAPH_CHARS:
                yield text
            continue
        current.append(strip_troff(raw))
    text = flush()
    if len(text) >= MIN_PARAGRAPH_CHARS:
        yield text


class Language:
    """Paragraphs of one language, deduplicated and capped at `max_bytes` (0: no cap)."""

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.paragraphs = []
        self.seen = set()
        self.size = 0
        self.full = False

    def add(self, paragraphs):
        for p in paragraphs:
            if self.full:
                return
            # Paragraphs repeated inside a language (boilerplate, licence notices) add nothing.
            if p in self.seen:
                continue
            size = len(p.encode("utf-8")) + 1
            if self.max_bytes and self.size + size > self.max_bytes:
                self.full = True
                return
            self.seen.add(p)
            self.paragraphs.append(p)
            self.size += size


def collect(max_bytes):
    """{lang: [paragraph, ...]} in a deterministic order."""
    by_lang = {}
    for lang_dir in sorted(glob.glob(os.path.join(HANDBOOK, "*"))):
        if os.path.isdir(lang_dir):
            lang = by_lang.setdefault(language_of(os.path.basename(lang_dir)), Language(max_bytes))
            lang.add(handbook_paragraphs(lang_dir))
    for lang_dir in sorted(glob.glob(os.path.join(MAN, "*"))):
        name = os.path.basename(lang_dir)
        if name.startswith("man") or not os.path.isdir(lang_dir):
            continue
        lang = by_lang.setdefault(language_of(name), Language(max_bytes))
        for path in sorted(glob.glob(os.path.join(lang_dir, "man*", "*.gz"))):
            if lang.full:
                break
            lang.add(man_paragraphs(path))
    return collections.OrderedDict(
        sorted((k, v.paragraphs) for k, v in by_lang.items() if v.paragraphs))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--output", help="one interleaved file")
    ap.add_argument("--per-language", help="directory for <lang>.txt files")
    ap.add_argument("--max-bytes-per-language", type=int, default=0)
    args = ap.parse_args()
    if not args.output and not args.per_language:
        ap.error("give --output or --per-language")
    limited = collect(args.max_bytes_per_language)
    if not limited:
        sys.exit("no text found: install debian-handbook and manpages-* (scripts/setup.sh)")
    if args.per_language:
        os.makedirs(args.per_language, exist_ok=True)
        for lang, paragraphs in limited.items():
            with open(os.path.join(args.per_language, lang + ".txt"), "w", encoding="utf-8") as f:
                f.writelines(p + "\n" for p in paragraphs)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            longest = max(len(v) for v in limited.values())
            for i in range(longest):
                for lang in limited:
                    if i < len(limited[lang]):
                        f.write(limited[lang][i] + "\n")
    for lang, paragraphs in limited.items():
        print("%s: %d paragraphs, %d bytes" % (lang, len(paragraphs),
              sum(len(p.encode("utf-8")) + 1 for p in paragraphs)), file=sys.stderr)


if __name__ == "__main__":
    main()
