#!/usr/bin/env python3
"""Builds tests/data/toxicity/prose.jsonl: real prose that the toxicity stage must keep, the
text of a few sections of Debian's debian-handbook package in eleven languages (one document
per section, at most 6,000 characters, metadata.language in tamis's ISO 639-3_Script form).

With --all OUT.jsonl it writes every page of every language instead (about 3,000 documents,
not committed): the corpus the default threshold was checked on (README, "Toxicity").
Needs: debian-handbook. Rewrites the fixture."""
import html.parser
import json
import pathlib
import sys

SRC = pathlib.Path("/usr/share/doc/debian-handbook/html")
OUT = pathlib.Path(__file__).resolve().parent.parent / "tests/data/toxicity/prose.jsonl"
LANGUAGES = {
    "en-US": "eng_Latn", "fr-FR": "fra_Latn", "de-DE": "deu_Latn", "es-ES": "spa_Latn",
    "it-IT": "ita_Latn", "pt-BR": "por_Latn", "nl-NL": "nld_Latn", "pl-PL": "pol_Latn",
    "ru-RU": "rus_Cyrl", "ja-JP": "jpn_Jpan", "zh-CN": "cmn_Hans", "ar-MA": "arb_Arab",
    "cs-CZ": "ces_Latn", "da-DK": "dan_Latn", "fa-IR": "pes_Arab", "ko-KR": "kor_Hang",
    "nb-NO": "nob_Latn", "sv-SE": "swe_Latn", "tr-TR": "tur_Latn", "zh-TW": "cmn_Hant",
}
FIXTURE_LANGUAGES = ["en-US", "fr-FR", "de-DE", "es-ES", "it-IT", "pt-BR", "nl-NL", "pl-PL",
                     "ru-RU", "ja-JP", "zh-CN"]
FIXTURE_PAGES = ["sect.role-of-distributions.html", "sect.apt-get.html",
                 "sect.config-misc.html"]


class TextOf(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head"):
            self.skip += 1
        if tag in ("p", "div", "li", "h1", "h2", "h3", "pre", "tr", "br"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def page_text(path):
    parser = TextOf()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    lines = (" ".join(l.split()) for l in "".join(parser.parts).split("\n"))
    return "\n".join(l for l in lines if l)


def write(out, pages_of):
    with open(out, "w", encoding="utf-8") as f:
        for lang, pages in pages_of:
            for page in pages:
                text = page_text(page)
                if len(text) < 200:
                    continue
                if out == OUT:
                    text = text[:6000]
                f.write(json.dumps({"id": f"{lang}/{page.name}", "text": text,
                                    "metadata": {"language": LANGUAGES[lang]}},
                                   ensure_ascii=False) + "\n")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--all":
        write(pathlib.Path(sys.argv[2]),
              [(l, sorted((SRC / l).glob("*.html"))) for l in LANGUAGES if (SRC / l).is_dir()])
    else:
        write(OUT, [(l, [SRC / l / p for p in FIXTURE_PAGES]) for l in FIXTURE_LANGUAGES])


if __name__ == "__main__":
    main()
