#!/usr/bin/env python3
"""The reference side of bench/scrub: the pii stage's own patterns (`pii_bench --patterns`),
applied one by one with Python's `re`, each match checked as tamis checks it (Luhn, mod-97,
ipaddress), the way a Python PII formatter (datatrove's) works: one re.sub per pattern.
Usage: reference_re.py PATTERNS.tsv DOCUMENTS REPEAT"""
import ipaddress
import re
import sys
import time


def luhn(s):
    d = [int(c) for c in s if c.isdigit()]
    total = 0
    for i, x in enumerate(reversed(d)):
        if i % 2:
            x *= 2
            x -= 9 if x > 9 else 0
        total += x
    return 13 <= len(d) <= 19 and total % 10 == 0


def mod97(s):
    s = s.replace(" ", "")
    return int("".join(str(int(c, 36)) for c in s[4:] + s[:4])) % 97 == 1


def is_ip(s):
    try:
        ipaddress.ip_address(s)
        return True
    except ValueError:
        return False


CHECKS = {"card": luhn, "iban": mod97, "ip": is_ip}


def main():
    patterns = []
    for line in open(sys.argv[1], encoding="utf-8"):
        kind, regex = line.rstrip("\n").split("\t", 1)
        patterns.append((kind, re.compile(regex), f"<{kind}-pii>", CHECKS.get(kind)))
    docs = open(sys.argv[2], encoding="utf-8").read().splitlines()
    size = sum(len(d.encode()) for d in docs)
    best = None
    for _ in range(int(sys.argv[3])):
        replaced = 0
        start = time.perf_counter()
        for doc in docs:
            for kind, regex, token, check in patterns:
                def sub(m, token=token, check=check):
                    nonlocal replaced
                    if check and not check(m.group(0)):
                        return m.group(0)
                    replaced += 1
                    return token
                doc = regex.sub(sub, doc)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    print(f"python-re  pii  {len(docs) / best:12.0f} docs/s  {size / best / 1e6:8.1f} MB/s  "
          f"replaced={replaced}  ({len(patterns)} patterns one by one, Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
