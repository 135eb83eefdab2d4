#!/usr/bin/env python3
"""Out-of-domain check of the default quality model on text it was not trained on: manual
pages (package manpages and others, in every language under /usr/share/man), rendered by
man(1).

  hq  the DESCRIPTION section of a page, its paragraphs as lines (real prose)
  lq  the SEE ALSO sections of ten pages in a row (real link lists: "apt(8), dpkg(1), ...")
      and the option lists of a page (lines that start with "-", flag + a few words)

usage: eval_quality_model.py TAMIS MODEL [MAX_PAGES_PER_LANGUAGE]
Scores every document with `tamis run` (the quality stage only) and prints precision, recall
and F1 of "score >= 0.5 means hq", per class.
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile


def render(path):
    env = dict(os.environ, MANWIDTH="100000", MAN_KEEP_FORMATTING="0")
    out = subprocess.run(["man", "-l", path], capture_output=True, env=env, text=True,
                         errors="replace").stdout
    return re.sub(r".\x08", "", out)


def sections(text):
    """{SECTION NAME: [lines]} of a rendered page (headings are unindented capitals)."""
    found, name = {}, None
    for line in text.splitlines():
        if line and not line[0].isspace() and line.upper() == line and len(line) < 40:
            name = line.strip()
            found[name] = []
        elif name:
            found[name].append(line.strip())
    return found


def main():
    tamis, model = sys.argv[1], sys.argv[2]
    per_lang = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    docs, see_also = [], []
    for lang_dir in sorted(glob.glob("/usr/share/man/*/")) + ["/usr/share/man/"]:
        pages = sorted(glob.glob(lang_dir + "man[18]/*.gz"))[:per_lang]
        for page in pages:
            secs = sections(render(page))
            # DESCRIPTION / BESCHREIBUNG / ...: the longest section of running text.
            prose = max(secs.values(), key=lambda ls: sum(len(l) for l in ls if len(l) > 80),
                        default=[])
            paras = [l for l in prose if len(l) > 80]
            if len(paras) >= 2:
                docs.append({"text": "\n".join(paras), "label": "hq", "source": page})
            options = [l for l in sum(secs.values(), []) if l.startswith("-") and len(l) < 60]
            if len(options) >= 8:
                docs.append({"text": "\n".join(options), "label": "lq", "source": page + "#options"})
            for name, lines in secs.items():
                if re.search(r"\(\d\)", " ".join(lines)) and len(" ".join(lines)) < 400:
                    if name.startswith(("SEE", "VOIR", "SIEHE", "VEA", "ZOBACZ", "VEDERE")):
                        see_also.append(" ".join(l for l in lines if l))
    for i in range(0, len(see_also) - 9, 10):
        docs.append({"text": "\n".join(see_also[i:i + 10]), "label": "lq", "source": "see-also"})
    with tempfile.TemporaryDirectory() as work:
        with open(os.path.join(work, "in.jsonl"), "w", encoding="utf-8") as f:
            for i, d in enumerate(docs):
                f.write(json.dumps({"id": str(i), "text": d["text"],
                                    "metadata": {"label": d["label"]}}, ensure_ascii=False) + "\n")
        with open(os.path.join(work, "p.yaml"), "w") as f:
            f.write(f"input: in.jsonl\noutput: out.jsonl\nstages:\n  - stage: quality\n"
                    f"    model: {os.path.abspath(model)}\n")
        subprocess.run([tamis, "run", os.path.join(work, "p.yaml"), "--quiet"], check=True,
                       stdout=subprocess.DEVNULL)
        scored = [json.loads(l) for l in open(os.path.join(work, "out.jsonl"), encoding="utf-8")]
    tp = {"hq": 0, "lq": 0}
    pred = {"hq": 0, "lq": 0}
    actual = {"hq": 0, "lq": 0}
    for d in scored:
        truth = d["metadata"]["label"]
        guess = "hq" if d["metadata"]["quality_default"] >= 0.5 else "lq"
        actual[truth] += 1
        pred[guess] += 1
        tp[truth] += guess == truth
    print(f"{len(scored)} man-page documents ({actual['hq']} prose, {actual['lq']} lists)")
    for label in ("hq", "lq"):
        p = tp[label] / pred[label] if pred[label] else 0
        r = tp[label] / actual[label] if actual[label] else 0
        f1 = 2 * p * r / (p + r) if p + r else 0
        print(f"{label}  precision {p:.3f}  recall {r:.3f}  f1 {f1:.3f}")


if __name__ == "__main__":
    main()
