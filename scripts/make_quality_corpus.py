#!/usr/bin/env python3
"""Builds labelled documents for tamis's quality filters from the debian-handbook package.

Well-written prose: the paragraphs of each section page of The Debian Administrator's
Handbook (GPL-2+ / CC-BY-SA-3.0), in each of its ~26 translations, one document per section
(its title, then its paragraphs, one per line, as an HTML-to-text extractor gives them).

Boilerplate, built only from the same pages' real furniture, never invented text:
  toc       a chapter page's table of contents: the link list of its sections
  menu      what an extractor keeps from a page when it misses the body: the navigation
            bar (Prev, Home, Next), the banner and logo texts, the titles of linked pages
  keywords  the pages' <meta name="keywords"> lists strung together: keyword stuffing
  index     runs of the index and TOC entries of several chapters: a site map
and, from the installed packages' documentation (/usr/share/doc, training corpus only):
  changelog the first lines of a Debian changelog: terse entries, names, e-mails, dates
  copyright the field lines of a machine-readable debian/copyright: file globs, holders

usage: make_quality_corpus.py OUT_DIR [--fixtures]
  writes OUT_DIR/prose.jsonl, OUT_DIR/boilerplate.jsonl and OUT_DIR/labelled.jsonl
  (label "hq" or "lq", shuffled with a pinned seed). With --fixtures, writes instead the
  small test fixtures: OUT_DIR/translated_prose.jsonl (the same two sections in every
  language) and OUT_DIR/boilerplate.jsonl (a few of each kind).
Each document has metadata.language (ISO 639-3 + script) and metadata.source.
"""
import html.parser
import json
import os
import random
import re
import sys

SRC = "/usr/share/doc/debian-handbook/html"
# Handbook directory -> the label tamis's langid writes for that language.
LANGUAGES = {
    "ar-MA": "ara_Arab", "ca-ES": "cat_Latn", "cs-CZ": "ces_Latn", "da-DK": "dan_Latn",
    "de-DE": "deu_Latn", "el-GR": "ell_Grek", "en-US": "eng_Latn", "es-ES": "spa_Latn",
    "fa-IR": "fas_Arab", "fr-FR": "fra_Latn", "hr-HR": "hrv_Latn", "id-ID": "ind_Latn",
    "it-IT": "ita_Latn", "ja-JP": "jpn_Jpan", "ko-KR": "kor_Hang", "nb-NO": "nob_Latn",
    "nl-NL": "nld_Latn", "pl-PL": "pol_Latn", "pt-BR": "por_Latn", "ro-RO": "ron_Latn",
    "ru-RU": "rus_Cyrl", "sv-SE": "swe_Latn", "tr-TR": "tur_Latn", "vi-VN": "vie_Latn",
    "zh-CN": "zho_Hani", "zh-TW": "zho_Hani",
}
FIXTURE_SECTIONS = ["sect.role-of-distributions.html", "sect.who-is-this-book-for.html"]
SEED = 20251201


class Page(html.parser.HTMLParser):
    """Collects a handbook page's paragraphs, titles, TOC entries and furniture."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs, self.titles, self.toc, self.furniture, self.keywords = [], [], [], [], []
        self.title = ""
        self._stack = []  # (tag, role) of open elements
        self._buf = None
        self._role = None

    def _open(self, role):
        if self._buf is None:
            self._buf, self._role = [], role
            return True
        return False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get("class") or ""
        if tag == "meta" and a.get("name") == "keywords":
            self.keywords = [k.strip() for k in (a.get("content") or "").split(",") if k.strip()]
        if tag == "img" and a.get("alt") and self._buf is None:
            self.furniture.append(a["alt"])
        role = None
        if tag == "div" and cls.split()[:1] == ["para"]:
            role = "para"
        elif tag in ("h1", "h2", "h3", "h4") and "title" in cls:
            role = "title"
        elif tag == "a" and any(t == "dl" and r == "toc" for t, r in self._stack):
            role = "toc"
        elif tag == "li" and any(t == "ul" and r == "docnav" for t, r in self._stack):
            role = "nav"
        elif tag == "span" and cls == "text":
            role = "nav"
        elif tag == "title":
            role = "pagetitle"
        elif tag in ("pre", "table"):
            role = "skip"
        started = role is not None and role != "skip" and self._open(role)
        self._stack.append((tag, "toc" if (tag == "dl" and "toc" in cls) else
                            "docnav" if (tag == "ul" and "docnav" in cls) else
                            ("capture" if started else role)))
        if role == "skip" and self._buf is not None:
            self._buf.append(" ")

    def handle_endtag(self, tag):
        while self._stack:
            t, r = self._stack.pop()
            if r == "capture":
                text = " ".join("".join(self._buf).split())
                self._buf = None
                if text:
                    {"para": self.paragraphs, "title": self.titles, "toc": self.toc,
                     "nav": self.furniture}.get(self._role, [])
                    if self._role == "pagetitle":
                        self.title = text
                    else:
                        {"para": self.paragraphs, "title": self.titles, "toc": self.toc,
                         "nav": self.furniture}[self._role].append(text)
            if t == tag:
                break

    def handle_data(self, data):
        if self._buf is not None and not any(r == "skip" for _, r in self._stack):
            self._buf.append(data)


def parse(path):
    p = Page()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    return p


def doc(i, kind, lang, text, source):
    return {"id": f"{kind}-{i}", "text": text,
            "metadata": {"language": lang, "source": source, "kind": kind}}


def collect(lang_dir):
    base = os.path.join(SRC, lang_dir)
    pages = {}
    for name in sorted(os.listdir(base)):
        if name.endswith(".html"):
            pages[name] = parse(os.path.join(base, name))
    return pages


def prose_docs(lang_dir, pages, names=None):
    lang = LANGUAGES[lang_dir]
    out = []
    for name, p in pages.items():
        if names is not None and name not in names:
            continue
        if not name.startswith("sect.") or len(p.paragraphs) < 3:
            continue
        title = p.titles[0] if p.titles else p.title
        out.append(doc(len(out), "prose", lang, "\n".join([title] + p.paragraphs),
                       f"debian-handbook/{lang_dir}/{name}"))
    return out


def boilerplate_docs(lang_dir, pages, rng, per_kind=None):
    lang = LANGUAGES[lang_dir]
    out = []
    chapters = [(n, p) for n, p in pages.items() if not n.startswith("sect.") and p.toc]
    for name, p in chapters:  # toc
        out.append(doc(len(out), "toc", lang, "\n".join([p.title] + p.toc),
                       f"debian-handbook/{lang_dir}/{name}#toc"))
    sects = [(n, p) for n, p in pages.items() if n.startswith("sect.")]
    for i in range(0, len(sects), 6):  # menu
        lines = []
        for name, p in sects[i:i + 6]:
            lines += p.furniture + [p.title] + p.titles[:3]
        out.append(doc(len(out), "menu", lang, "\n".join(lines),
                       f"debian-handbook/{lang_dir}/{sects[i][0]}#furniture"))
    keyworded = [p for _, p in sects if p.keywords]
    for i in range(0, len(keyworded), 12):  # keywords
        words = [k for p in keyworded[i:i + 12] for k in p.keywords]
        out.append(doc(len(out), "keywords", lang, ", ".join(words),
                       f"debian-handbook/{lang_dir}#meta-keywords-{i}"))
    entries = [e for _, p in chapters for e in p.toc]
    for i in range(0, len(entries), 60):  # index
        chunk = entries[i:i + 60]
        rng.shuffle(chunk)
        out.append(doc(len(out), "index", lang, " | ".join(chunk),
                       f"debian-handbook/{lang_dir}#sitemap-{i}"))
    if per_kind is not None:
        kept, seen = [], {}
        for d in out:
            k = d["metadata"]["kind"]
            if seen.get(k, 0) < per_kind:
                kept.append(d)
                seen[k] = seen.get(k, 0) + 1
        out = kept
    return out


def package_docs(rng, limit=300):
    """Changelog heads and DEP-5 copyright fields of installed packages (lq)."""
    import glob
    import gzip
    out = []
    for path in sorted(glob.glob("/usr/share/doc/*/changelog.Debian.gz"))[:limit]:
        try:
            lines = gzip.open(path, "rt", encoding="utf-8", errors="replace").read().splitlines()
        except OSError:
            continue
        lines = [l.strip() for l in lines[:40] if l.strip()]
        if len(lines) >= 5:
            out.append(doc(len(out), "changelog", "eng_Latn", "\n".join(lines), path))
    for path in sorted(glob.glob("/usr/share/doc/*/copyright"))[:limit * 2]:
        text = open(path, encoding="utf-8", errors="replace").read()
        if not text.startswith("Format:"):
            continue
        fields = [l.strip() for l in text.splitlines()
                  if re.match(r"^(Files|Copyright|License|Upstream-\w+|Source|Comment):", l)
                  or (l.startswith(" ") and re.search(r"(19|20)\d\d", l))]
        if len(fields) >= 5:
            out.append(doc(len(out), "copyright", "eng_Latn", "\n".join(fields[:60]), path))
    return out


def write(path, docs):
    with open(path, "w", encoding="utf-8") as f:
        for i, d in enumerate(docs):
            d = dict(d, id=f"{os.path.basename(path).split('.')[0]}-{i}")
            f.write(json.dumps(d, ensure_ascii=False) + "\n")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out_dir = sys.argv[1]
    fixtures = "--fixtures" in sys.argv[2:]
    os.makedirs(out_dir, exist_ok=True)
    rng = random.Random(SEED)
    prose, boiler = [], []
    for lang_dir in sorted(LANGUAGES):
        if not os.path.isdir(os.path.join(SRC, lang_dir)):
            continue
        pages = collect(lang_dir)
        if fixtures:
            prose += prose_docs(lang_dir, pages, set(FIXTURE_SECTIONS))
            if lang_dir in ("en-US", "fr-FR", "de-DE", "ja-JP", "ru-RU", "zh-CN", "ar-MA"):
                boiler += boilerplate_docs(lang_dir, pages, rng, per_kind=1)
        else:
            prose += prose_docs(lang_dir, pages)
            boiler += boilerplate_docs(lang_dir, pages, rng)
    if fixtures:
        write(os.path.join(out_dir, "translated_prose.jsonl"), prose)
        write(os.path.join(out_dir, "boilerplate.jsonl"), boiler)
        return
    boiler += package_docs(rng)
    write(os.path.join(out_dir, "prose.jsonl"), prose)
    write(os.path.join(out_dir, "boilerplate.jsonl"), boiler)
    labelled = [dict(d, label="hq") for d in prose] + [dict(d, label="lq") for d in boiler]
    rng.shuffle(labelled)
    write(os.path.join(out_dir, "labelled.jsonl"), labelled)
    print(f"{len(prose)} prose, {len(boiler)} boilerplate documents in {out_dir}")


if __name__ == "__main__":
    main()
