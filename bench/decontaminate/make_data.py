#!/usr/bin/env python3
"""Deterministic data for bench/decontaminate/run.sh.

Usage: make_data.py OUT_DIR ITEMS CORPUS_MB

Writes into OUT_DIR:
  mmlu.jsonl, arc.jsonl, hellaswag.jsonl, gsm8k.jsonl, humaneval.jsonl: ITEMS items in all,
      split evenly, each in its benchmark's layout. No real benchmark is downloadable here, so
      the items are written by an order-1 Markov chain over the English Debian Administrator's
      Handbook (package debian-handbook): handbook vocabulary and word order, sentences that
      do not occur in the corpus.
  corpus.jsonl: documents of about 3 KB made of the handbook paragraphs of all 26 languages,
      repeated up to CORPUS_MB; one document in 200 has a benchmark item planted in it
      (verbatim, or upper-cased with its spacing changed).
  planted.txt: how many documents had an item planted.
"""
import glob
import html
import json
import os
import random
import re
import sys

HANDBOOK = "/usr/share/doc/debian-handbook/html"
DOC_BYTES = 3000
PLANT_EVERY = 200


def paragraphs(locale):
    for page in sorted(glob.glob(f"{HANDBOOK}/{locale}/*.html")):
        text = open(page, encoding="utf-8", errors="replace").read()
        for para in re.findall(r'<div class="para">(.*?)</div>', text, re.S):
            para = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", para)).split())
            if para:
                yield para


class Chain:
    """Order-1 word Markov chain: plausible handbook-like prose, not handbook sentences."""

    def __init__(self, rng):
        self.rng = rng
        self.next = {}
        for para in paragraphs("en-US"):
            words = para.split()
            for a, b in zip(words, words[1:]):
                self.next.setdefault(a, []).append(b)
        self.starts = [w for w in self.next if w[:1].isupper() and w.isalpha()]

    def sentence(self, lo, hi):
        n = self.rng.randint(lo, hi)
        w = self.rng.choice(self.starts)
        out = [w]
        while len(out) < n:
            w = self.rng.choice(self.next.get(w) or self.starts)
            out.append(w)
        return " ".join(out).rstrip(".,;:") 


def items(chain, rng, count):
    per = count // 5
    layouts = {
        "mmlu": lambda i: {"question": chain.sentence(12, 30) + "?",
                           "choices": [chain.sentence(2, 8) for _ in range(4)],
                           "answer": rng.randrange(4), "subject": "computer_science"},
        "arc": lambda i: {"id": f"Mercury_{7000000 + i}", "question": chain.sentence(12, 28) + "?",
                          "choices": {"text": [chain.sentence(2, 7) for _ in range(4)],
                                      "label": ["A", "B", "C", "D"]}, "answerKey": "A"},
        "hellaswag": lambda i: {"ind": i, "ctx": chain.sentence(14, 30),
                                "endings": [chain.sentence(6, 14) + "." for _ in range(4)],
                                "label": 0, "activity_label": "Administration"},
        "gsm8k": lambda i: {"question": f"{chain.sentence(10, 20)}. It has {rng.randint(2, 90)} "
                                        f"packages and {rng.randint(2, 90)} users. How many remain?",
                            "answer": chain.sentence(15, 30) + f".\n#### {rng.randint(1, 999)}"},
        "humaneval": lambda i: {"task_id": f"HumanEval/{i}",
                                "prompt": f"def task_{i}(packages: list) -> int:\n    \"\"\" "
                                          f"{chain.sentence(12, 25)}.\n    \"\"\"\n",
                                "canonical_solution": f"    return len([p for p in packages if "
                                                      f"p.startswith('{chain.sentence(1, 1)}')])\n",
                                "entry_point": f"task_{i}"},
    }
    return {name: [make(i) for i in range(per)] for name, make in layouts.items()}


def item_text(name, item):
    if name in ("mmlu",):
        return item["question"] + " " + " ".join(item["choices"])
    if name == "arc":
        return item["question"] + " " + " ".join(item["choices"]["text"])
    if name == "hellaswag":
        return item["ctx"] + " " + " ".join(item["endings"])
    if name == "gsm8k":
        return item["question"] + " " + item["answer"]
    return item["prompt"] + item["canonical_solution"]


def main():
    out_dir, count, corpus_mb = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    os.makedirs(out_dir, exist_ok=True)
    rng = random.Random(14)
    chain = Chain(rng)
    benchmarks = items(chain, rng, count)
    for name, rows in benchmarks.items():
        with open(f"{out_dir}/{name}.jsonl", "w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    paras = [p for locale in sorted(os.listdir(HANDBOOK)) if locale != "Common_Content"
             for p in paragraphs(locale)]
    names = sorted(benchmarks)
    limit = int(corpus_mb * 1e6)
    written = planted = n = 0
    with open(f"{out_dir}/corpus.jsonl", "w", encoding="utf-8") as f:
        doc, k = "", 0
        while written < limit:
            doc = (doc + " " + paras[k % len(paras)]).strip()
            k += 1
            if len(doc.encode()) < DOC_BYTES:
                continue
            if n % PLANT_EVERY == PLANT_EVERY - 1:
                name = names[planted % len(names)]
                text = item_text(name, rng.choice(benchmarks[name]))
                if planted % 2:
                    text = "  ".join(text.upper().split())
                doc = doc[: len(doc) // 2] + " " + text + " " + doc[len(doc) // 2:]
                planted += 1
            line = json.dumps({"id": f"doc-{n}", "text": doc,
                               "metadata": {"source": "handbook", "url": f"https://h.example/{n}"}},
                              ensure_ascii=False)
            f.write(line + "\n")
            written += len(doc.encode())
            n += 1
            doc = ""
    with open(f"{out_dir}/planted.txt", "w") as f:
        f.write(f"{planted}\n")
    print(f"{count} items, {n} documents, {written / 1e6:.1f} MB of text, {planted} planted",
          file=sys.stderr)


if __name__ == "__main__":
    main()
