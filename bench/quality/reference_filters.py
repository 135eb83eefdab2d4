#!/usr/bin/env python3
"""A same-machine Python reference for bench/quality: datatrove's Gopher repetition, Gopher
quality, C4 and FineWeb filter logic, transcribed rule for rule, in plain CPython.

datatrove itself cannot be installed here (no pip), and its filters tokenize with NLTK,
which is not installed either; this script splits words with a regular expression instead
(\\w+ runs, close to NLTK's treebank tokenizer for counting), which is faster than NLTK, so
the rate it reports is an upper bound for datatrove's. Thresholds are datatrove's English
defaults. Prints documents/s on one core and how many documents were kept.

usage: reference_filters.py DOCS.jsonl [REPEAT]
"""
import json
import re
import sys
import time
from collections import Counter

WORD = re.compile(r"\w+")
PARA = re.compile(r"\n{2,}")
LINES = re.compile(r"\n+")
STOP = {"the", "be", "to", "of", "and", "that", "have", "with"}
END = (".", "?", "!", '"', "'")
POLICY = ["terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies",
          "use cookies"]


def dups(items):
    seen, n, chars = set(), 0, 0
    for x in items:
        if x in seen:
            n += 1
            chars += len(x)
        else:
            seen.add(x)
    return n, chars


def gopher_repetition(text):
    if not text:
        return True
    paras = PARA.split(text.strip())
    n, c = dups(paras)
    if n / len(paras) > 0.3 or c / len(text) > 0.2:
        return False
    lines = LINES.split(text)
    n, c = dups(lines)
    if n / len(lines) > 0.3 or c / len(text) > 0.2:
        return False
    words = WORD.findall(text)
    for n, frac in ((2, 0.2), (3, 0.18), (4, 0.16)):
        grams = [" ".join(words[i:i + n]) for i in range(len(words) - n + 1)]
        if grams:
            g, k = Counter(grams).most_common(1)[0]
            if len(g) * k / len(text) > frac:
                return False
    for n, frac in ((5, 0.15), (6, 0.14), (7, 0.13), (8, 0.12), (9, 0.11), (10, 0.10)):
        seen, rep, i = set(), 0, 0
        while i < len(words) - n + 1:
            g = " ".join(words[i:i + n])
            if g in seen:
                rep += len(g)
                i += n
            else:
                seen.add(g)
                i += 1
        if rep / len(text) > frac:
            return False
    return True


def gopher_quality(text):
    words = WORD.findall(text)
    n = len(words)
    if n < 50 or n > 100000:
        return False
    mean = sum(len(w) for w in words) / n
    if mean < 3 or mean > 10:
        return False
    if text.count("#") / n > 0.1 or (text.count("...") + text.count("…")) / n > 0.1:
        return False
    lines = text.splitlines()
    if sum(l.lstrip().startswith(("•", "-")) for l in lines) / len(lines) > 0.9:
        return False
    if sum(l.rstrip().endswith(("...", "…")) for l in lines) / len(lines) > 0.3:
        return False
    if sum(any(c.isalpha() for c in w) for w in words) / n < 0.8:
        return False
    return sum(w in STOP for w in words) >= 2


def c4(text):
    kept, sentences = [], 0
    for line in text.splitlines():
        line = line.strip()
        words = line.split()
        if any(len(w) > 1000 for w in words) or len(words) < 3:
            continue
        low = line.lower()
        if "lorem ipsum" in low or "{" in line:
            return None
        if "javascript" in low or any(p in low for p in POLICY):
            continue
        sentences += max(1, len(re.findall(r"[.!?]+(?:\s|$)", line)))
        kept.append(line)
    return "\n".join(kept) if sentences >= 5 else None


def fineweb(text):
    lines = text.split("\n")
    if sum(l.endswith(END) for l in lines) / len(lines) <= 0.12:
        return False
    if sum(len(l) <= 30 for l in lines) / len(lines) >= 0.67:
        return False
    stripped = len(text.replace("\n", ""))
    if stripped and dups([l for l in lines if l.strip()])[1] / stripped >= 0.01:
        return False
    words = WORD.findall(text)
    return not words or text.count("\n") / len(words) <= 0.3


def main():
    docs = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    start = time.perf_counter()
    kept = 0
    for _ in range(repeat):
        kept = 0
        for text in docs:
            if not gopher_repetition(text) or not gopher_quality(text):
                continue
            text = c4(text)
            if text is None or not fineweb(text):
                continue
            kept += 1
    seconds = time.perf_counter() - start
    print(f"python3 reference (4 filters)  {len(docs) * repeat / seconds:10.0f} docs/s  "
          f"kept {kept} of {len(docs)}")


if __name__ == "__main__":
    main()
