#!/usr/bin/env python3
"""A deterministic dedup benchmark corpus from real text, with planted near-duplicates.

Base documents: the paragraphs of The Debian Administrator's Handbook (package
debian-handbook, every page of its 26 languages, in sorted order) grouped into documents of
about --doc-bytes bytes. Then, until there are --documents documents, near-duplicates of
random base documents are added, each with a share of its words replaced by words of
another base document: 0 (an exact copy), 1, 3, 10 or 30%. Base documents and variants are
interleaved by a seeded shuffle, as a crawl would mix them. Same arguments, same bytes.

The defaults (20,000 documents, 2,850 bytes each: ~57 MB) match the corpus of the datatrove
numbers quoted in BENCHMARKS.md.

Usage: make_corpus.py [--documents N] [--doc-bytes B] OUT.jsonl OUT.txt
  OUT.jsonl  {"id", "text"} per line, for tamis dedup
  OUT.txt    the same texts, one per line, for the signature drivers
"""

import argparse
import glob
import html
import json
import random
import re

HANDBOOK = "/usr/share/doc/debian-handbook/html"
SEED = 13  # Pinned: changes the corpus.
EDIT_RATES = [0, 0.01, 0.03, 0.1, 0.3]


def base_documents(doc_bytes):
    doc, size = [], 0
    for page in sorted(glob.glob(HANDBOOK + "/*/*.html")):
        text = open(page, encoding="utf-8", errors="replace").read()
        for para in re.findall(r'<div class="para">(.*?)</div>', text, re.S):
            para = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", para)).split())
            if not para:
                continue
            doc.append(para)
            size += len(para.encode()) + 1
            if size >= doc_bytes:
                yield " ".join(doc)
                doc, size = [], 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=20000)
    parser.add_argument("--doc-bytes", type=int, default=2850)
    parser.add_argument("jsonl")
    parser.add_argument("txt")
    args = parser.parse_args()
    rng = random.Random(SEED)
    bases = list(base_documents(args.doc_bytes))[: args.documents]
    docs = [(f"base-{i}", text) for i, text in enumerate(bases)]
    for v in range(args.documents - len(docs)):
        source = bases[rng.randrange(len(bases))].split(" ")
        donor = bases[rng.randrange(len(bases))].split(" ")
        rate = EDIT_RATES[v % len(EDIT_RATES)]
        words = [rng.choice(donor) if rng.random() < rate else w for w in source]
        docs.append((f"variant-{v}", " ".join(words)))
    rng.shuffle(docs)
    with open(args.jsonl, "w", encoding="utf-8") as jsonl, open(args.txt, "w", encoding="utf-8") as txt:
        for doc_id, text in docs:
            jsonl.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
            txt.write(text + "\n")


if __name__ == "__main__":
    main()
