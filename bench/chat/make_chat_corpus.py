#!/usr/bin/env python3
"""Writes a benchmark corpus of French conversations from the debian-handbook package.

Each conversation asks about one paragraph of the French handbook (its first words) and
answers with the paragraph; a second exchange follows with the next paragraph. Layouts
rotate: OpenAI messages, ShareGPT, Alpaca. Usage: make_chat_corpus.py OUT.jsonl COUNT
"""
import html
import json
import pathlib
import re
import sys

HANDBOOK = pathlib.Path("/usr/share/doc/debian-handbook/html/fr-FR")


def paragraphs():
    out = []
    for page in sorted(HANDBOOK.glob("*.html")):
        text = page.read_text(encoding="utf-8")
        for p in re.findall(r'<div class="para">(.*?)</div>', text, re.S):
            p = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", p))).strip()
            if 120 < len(p) < 1500 and p[-1] in ".:!?)":
                out.append(p)
    return out


def main():
    path, count = sys.argv[1], int(sys.argv[2])
    paras = paragraphs()
    with open(path, "w", encoding="utf-8") as f:
        for i in range(count):
            a, b = paras[i % len(paras)], paras[(i + 1) % len(paras)]
            q1 = f"Explique ce passage du manuel ({i}) : « {' '.join(a.split()[:8])} »."
            q2 = "Et que dit la suite du manuel à ce sujet ?"
            if i % 3 == 0:
                rec = {"id": f"c{i}", "messages": [
                    {"role": "user", "content": q1}, {"role": "assistant", "content": a},
                    {"role": "user", "content": q2}, {"role": "assistant", "content": b}]}
            elif i % 3 == 1:
                rec = {"id": f"c{i}", "conversations": [
                    {"from": "human", "value": q1}, {"from": "gpt", "value": a},
                    {"from": "human", "value": q2}, {"from": "gpt", "value": b}]}
            else:
                rec = {"id": f"c{i}", "instruction": q1, "input": "", "output": a}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
