#!/usr/bin/env python3
"""Builds examples/data/paragraphs/*.jsonl: paragraphs of the Debian Administrator's Handbook
(debian-handbook package, GPL-2+, Raphael Hertzog and Roland Mas) in six languages, as tamis
documents, for the two-phase example (examples/top_fraction.yaml).

Deterministic: the same package version gives the same files. Four files, so that the example
can be split into several tasks. Paragraphs are taken from <p> elements of three sections per
language; a data-preparation script, not tamis's HTML path (which uses a real HTML5 parser).
"""
import html.parser
import json
import os
import sys

HANDBOOK = "/usr/share/doc/debian-handbook/html"
LANGUAGES = ["en-US", "fr-FR", "de-DE", "es-ES", "it-IT", "pt-BR"]
CHAPTERS = ["sect.apt-get.html", "sect.manipulating-packages-with-dpkg.html",
            "sect.package-meta-information.html"]
PER_LANGUAGE = 40
FILES = 4


class Paragraphs(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.current = []
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == "p":
            self.depth += 1
            self.current = []

    def handle_endtag(self, tag):
        if tag == "p" and self.depth:
            self.depth -= 1
            text = " ".join("".join(self.current).split())
            if len(text) >= 40:
                self.found.append(text)

    def handle_data(self, data):
        if self.depth:
            self.current.append(data)


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(__file__), "..", "examples", "data", "paragraphs")
    os.makedirs(out_dir, exist_ok=True)
    docs = []
    for lang in LANGUAGES:
        found = []
        for chapter in CHAPTERS:
            parser = Paragraphs()
            with open(os.path.join(HANDBOOK, lang, chapter), encoding="utf-8") as f:
                parser.feed(f.read())
            found += [(chapter, text) for text in parser.found]
        for i, (chapter, text) in enumerate(found[:PER_LANGUAGE]):
            docs.append({"id": f"handbook-{lang}-{i:03d}", "text": text,
                         "metadata": {"source": f"debian-handbook/{lang}/{chapter}"}})
    # Interleave languages across files so each task sees every language.
    for n in range(FILES):
        path = os.path.join(out_dir, f"part-{n}.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for doc in docs[n::FILES]:
                f.write(json.dumps(doc, ensure_ascii=False) + "\n")
    print(f"{len(docs)} documents in {FILES} files under {out_dir}")


if __name__ == "__main__":
    main()
