#!/usr/bin/env python3
"""Writes the scrub benchmark's documents: short web-like documents (one per line, newlines
turned into spaces so that `grep -P` sees one document per line too), made of real paragraphs
of Debian's debian-handbook in 20 languages, 300 to 3,000 bytes each; one in three carries
planted PII (valid IBANs and cards, e-mails, phones, IPs, API keys) next to look-alikes.
Usage: make_data.py OUT DOCUMENTS   (deterministic: seeded)"""
import pathlib
import random
import string
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent.parent / "scripts"))
import make_toxicity_fixtures as handbook  # noqa: E402

rng = random.Random(20241201)  # Pinned: the same documents on every run.


def luhn_complete(prefix, length):
    digits = [int(c) for c in prefix] + [rng.randrange(10) for _ in range(length - len(prefix) - 1)]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return "".join(map(str, digits)) + str((10 - total % 10) % 10)


def iban(country, length):
    bban = "".join(rng.choice(string.digits) for _ in range(length - 4))
    n = int("".join(str(int(c, 36)) for c in bban + country + "00"))
    return f"{country}{98 - n % 97:02d}{bban}"


def grouped(s, size=4):
    return " ".join(s[i:i + size] for i in range(0, len(s), size))


def plant():
    first = rng.choice(["anna", "jean", "li", "maria", "ole", "sven", "yuki"])
    card = luhn_complete(rng.choice(["4", "51", "37", "6011"]), 16)
    return rng.choice([
        f"Contact {first}.{rng.randrange(100)}+news@mail.example{rng.randrange(9)}.org today.",
        f"Call +{rng.choice(['33 1', '49 30', '44 20', '1 415'])} {rng.randrange(100, 999)} "
        f"{rng.randrange(1000, 9999)} or ({rng.randrange(201, 989)}) 555-{rng.randrange(1000, 9999)}.",
        f"IBAN {grouped(iban(*rng.choice([('DE', 22), ('FR', 27), ('ES', 24)])))} (ref 2024-{rng.randrange(999):03d}).",
        f"Paid with {grouped(card)} on 2024-05-{rng.randrange(1, 28):02d}.",
        f"Server {rng.randrange(31, 223)}.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)} "
        f"runs version 2.{rng.randrange(20)}.{rng.randrange(9)}.",
        "key = \"AKIA" + "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(16)) + "\"",
        f"ISBN 978-3-16-{rng.randrange(100000, 999999)}-0, call number QA76.{rng.randrange(99)} and "
        f"table 1 234 567 | 12 345.",
    ])


def main():
    out, count = sys.argv[1], int(sys.argv[2])
    paragraphs = []
    for lang in handbook.LANGUAGES:
        for page in sorted((handbook.SRC / lang).glob("*.html"))[:40]:
            paragraphs += [p for p in handbook.page_text(page).split("\n") if len(p) > 60]
    with open(out, "w", encoding="utf-8") as f:
        for _ in range(count):
            target = rng.randrange(300, 3000)
            start = rng.randrange(len(paragraphs))
            doc, i = [], start
            while sum(len(p.encode()) for p in doc) < target:
                doc.append(paragraphs[i % len(paragraphs)])
                i += 1
            if rng.random() < 1 / 3:
                doc.insert(rng.randrange(len(doc) + 1), plant())
            f.write(" ".join(doc).replace("\t", " ") + "\n")


if __name__ == "__main__":
    main()
