#!/usr/bin/env python3
"""Word-level precision and recall of extracted texts against known main texts.

Usage: score.py GOLD LABEL=DIR [LABEL=DIR...]
  GOLD   a directory of NAME.gold.txt files (the test set, tests/data/readers/html_pages), or
         handbook:LANG for the debian-handbook's section pages (sect.*.html) of one language,
         whose main text is the page's div.section as make_pages.py reads it
  DIR    extracted texts, NAME.txt (bench/html/html_bench.cc --out, readability_extract.js)
Each text is a bag of whitespace-separated words: precision = shared words / extracted words,
recall = shared words / gold words (the same measure as tests/readers/html_test_set.h).
Prints, per label, the pages scored and the mean precision, recall and F1 over pages.
"""

import collections
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "../../tests/data/readers/html_pages"))
import make_pages  # noqa: E402


def golds(spec):
    if spec.startswith("handbook:"):
        lang = spec.split(":", 1)[1]
        folder = os.path.join(make_pages.HANDBOOK, lang)
        for f in sorted(os.listdir(folder)):
            if f.startswith("sect.") and f.endswith(".html"):
                fragment = make_pages.handbook_section(lang, f[:-5])[1]
                yield f[:-5], " ".join(t for t, _ in make_pages.blocks_of(fragment))
        return
    for f in sorted(os.listdir(spec)):
        if f.endswith(".gold.txt"):
            with open(os.path.join(spec, f), encoding="utf-8") as g:
                yield f[:-len(".gold.txt")], g.read()


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    gold = list(golds(sys.argv[1]))
    for arg in sys.argv[2:]:
        label, folder = arg.split("=", 1)
        ps, rs = [], []
        for name, text in gold:
            with open(os.path.join(folder, name + ".txt"), encoding="utf-8") as f:
                got = collections.Counter(f.read().split())
            want = collections.Counter(text.split())
            shared = sum((got & want).values())
            ps.append(shared / sum(got.values()) if got else 1.0)
            rs.append(shared / sum(want.values()) if want else 1.0)
        p, r = sum(ps) / len(ps), sum(rs) / len(rs)
        print(f"{label:24s} {len(ps):4d} pages  precision {p:.3f}  recall {r:.3f}  "
              f"F1 {2 * p * r / (p + r):.3f}")


if __name__ == "__main__":
    main()
