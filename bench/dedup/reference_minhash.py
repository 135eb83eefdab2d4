#!/usr/bin/env python3
"""Reference MinHash signatures in plain Python 3 (no numpy on this machine), with the same
parameters as tamis minhash_dedup and datatrove's MinhashDedupSignature defaults: text
simplified (lowercase, NFD without combining marks, digits folded, punctuation removed),
word 5-gram shingles hashed to 64 bits, 14 bands x 8 rows of (a x + b) mod (2^61 - 1), one
hash per band. Reads one document per line; prints documents/s.

Usage: reference_minhash.py DOCS.txt [LIMIT]
"""

import hashlib
import random
import re
import sys
import time
import unicodedata

BANDS, ROWS, N = 14, 8, 5
P = (1 << 61) - 1
rng = random.Random(1)
A = [rng.randrange(1, P) for _ in range(BANDS * ROWS)]
B = [rng.randrange(0, P) for _ in range(BANDS * ROWS)]
PUNCT = re.compile(r"[^\w\s]|_")
DIGITS = re.compile(r"\d+")


def simplify(text):
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return DIGITS.sub("0", PUNCT.sub(" ", text)).split()


def h64(s):
    return int.from_bytes(hashlib.sha1(s.encode()).digest()[:8], "little")


def signature(text):
    words = simplify(text)
    shingles = {h64(" ".join(words[i : i + N])) for i in range(max(1, len(words) - N + 1))}
    mins = [min((a * x + b) % P for x in shingles) for a, b in zip(A, B)]
    return [hash(tuple(mins[i * ROWS : (i + 1) * ROWS])) for i in range(BANDS)]


def main():
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else None
    docs = open(sys.argv[1], encoding="utf-8").read().splitlines()[:limit]
    start = time.perf_counter()
    checksum = 0
    for d in docs:
        checksum ^= signature(d)[0]
    seconds = time.perf_counter() - start
    print(f"{len(docs)} documents in {seconds:.2f} s: {len(docs) / seconds:.1f} documents/s")


if __name__ == "__main__":
    main()
