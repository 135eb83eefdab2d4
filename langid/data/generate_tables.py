#!/usr/bin/env python3
"""Builds langid/language_table.cc, the compiled-in language registry, from the data files
committed beside this script. The binary never reads these files (nor /usr/share) at run time.

  python3 langid/data/generate_tables.py            # regenerate language_table.cc
  python3 langid/data/generate_tables.py --refresh  # first re-extract the upstream subsets

--refresh re-reads the upstream sources and rewrites the committed subsets:
  - iso-codes (Debian package, LGPL-2.1+): /usr/share/iso-codes/json/iso_639-{3,2}.json
      -> iso-codes/iso_639-3_subset.tsv  (code, 639-1, scope, name) for the codes tamis needs
  - FineWeb-2 per-language configs (Apache-2.0): <fineweb2-configs>/*.yml, key language_score
      -> fineweb2/language_score.tsv     (label, threshold)
The GlotLID files (glotlid/, Apache-2.0) and iso639-3/macrolanguages.tsv are copied verbatim.
"""
import argparse
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "langid", "language_table.cc")

# lid.176 labels whose meaning is not the ISO 639 code they spell: lid.176 was trained on
# Wikipedia editions and uses their codes. Every other lid.176 label is an ISO 639-1 code
# (mapped through iso-codes) or already an ISO 639-3 / 639-2 code.
WIKIPEDIA_CODES = {
    "als": "gsw",  # Alemannic Wikipedia; ISO 'als' is Tosk Albanian.
    "bh": "bih",   # Bihari Wikipedia (Bhojpuri mostly); ISO 639-2 collective code.
}
LID176_LABELS = (
    "en ru de fr it ja es ceb tr pt uk eo pl sv nl he zh hu ar ca fi cs fa sr el vi bg ko no mk "
    "ro id th hy da ta hi hr sh be ka te kk war lt gl sk bn eu sl kn ml mr et az ms sq la bs nn "
    "ur lv my tt af oc nds ky ast tl is ia si gu km br ba uz bo pa vo als ne cy jbo fy mn lb ce "
    "ug tg sco sa cv jv min io or as new ga mg an ckb sw bar lmo yi arz mhr azb sah pnb su bpy "
    "pms ilo wuu ku ps ie xmf yue gom li mwl kw sd hsb scn gd pam bh mai vec mt dv wa mzn am qu "
    "eml cbk tk rm os vls yo lo lez so myv diq mrj dsb frr ht gn bxr kv sc nah krc bcl nap gv av "
    "rue xal pfl dty hif co lrc vep tyv").split()


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\n").split("\t") for l in f if l.strip() and not l.startswith("#")]


def refresh(iso_dir, fineweb_dir):
    labels = [l.strip() for l in open(os.path.join(HERE, "glotlid", "labels-v3.txt")) if l.strip()]
    scores = {}
    for path in sorted(glob.glob(os.path.join(fineweb_dir, "*.yml"))):
        m = re.search(r"^language_score:\s*([0-9.]+)\s*$", open(path).read(), re.M)
        if m:
            scores[os.path.basename(path)[:-4]] = float(m.group(1))
    with open(os.path.join(HERE, "fineweb2", "language_score.tsv"), "w") as f:
        f.write("# FineWeb-2 per-language language_score thresholds (huggingface/fineweb-2,\n"
                "# configs at commit d0defb24f193bb9a5a11b8b14524a03c4858e1b6, Apache-2.0: LICENSE).\n")
        for k in sorted(scores):
            f.write(f"{k}\t{scores[k]:g}\n")

    iso3 = {x["alpha_3"]: x for x in json.load(open(os.path.join(iso_dir, "iso_639-3.json")))["639-3"]}
    iso2 = {x["alpha_3"]: x for x in json.load(open(os.path.join(iso_dir, "iso_639-2.json")))["639-2"]}
    macro = read_tsv(os.path.join(HERE, "iso639-3", "macrolanguages.tsv"))
    needed = {l.split("_")[0] for l in labels} | {k.split("_")[0] for k in scores}
    needed |= {m for m, _ in macro} | {i for _, i in macro} | set(WIKIPEDIA_CODES.values())
    needed |= {c for c in LID176_LABELS if len(c) == 3}
    needed |= {x["alpha_3"] for x in iso3.values() if "alpha_2" in x}
    rows = []
    for code in sorted(needed):
        if code in iso3:
            x = iso3[code]
            rows.append((code, x.get("alpha_2", ""), x["scope"], x["name"]))
        elif code in iso2:  # Collective 639-2 codes lid.176 and GlotLID use (bih, nah).
            x = iso2[code]
            rows.append((code, x.get("alpha_2", ""), "C", x["name"]))
    with open(os.path.join(HERE, "iso-codes", "iso_639-3_subset.tsv"), "w") as f:
        f.write("# Subset of ISO 639-3 (and 639-2 collective codes, scope C) from Debian's iso-codes\n"
                "# package (LGPL-2.1+, see COPYING): code, 639-1, scope (I/M/S/C), English name.\n")
        for r in rows:
            f.write("\t".join(r) + "\n")


def cstr(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate():
    labels = [l.strip() for l in open(os.path.join(HERE, "glotlid", "labels-v3.txt")) if l.strip()]
    glot_names = json.load(open(os.path.join(HERE, "glotlid", "language_names.json")))
    scores = {k: float(v) for k, v in read_tsv(os.path.join(HERE, "fineweb2", "language_score.tsv"))}
    iso = {r[0]: r for r in read_tsv(os.path.join(HERE, "iso-codes", "iso_639-3_subset.tsv"))}
    macro_of = {}
    for m, i in read_tsv(os.path.join(HERE, "iso639-3", "macrolanguages.tsv")):
        assert iso[m][2] == "M", f"{m} is not a macrolanguage in iso-codes"
        assert i not in macro_of, f"{i} has two macrolanguages"
        macro_of[i] = m
    for m in [c for c, r in iso.items() if r[2] == "M"]:
        assert m in macro_of.values(), f"macrolanguage {m} has no members"

    codes = set(iso) | {l.split("_")[0] for l in labels} | {k.split("_")[0] for k in scores}
    codes |= {WIKIPEDIA_CODES.get(c, c) for c in LID176_LABELS if len(c) == 3}
    languages = []
    for code in sorted(codes):
        r = iso.get(code)
        name = r[3] if r else glot_names.get(code, "")
        if not name:
            name = {"zxx": "No linguistic content", "und": "Undetermined"}.get(code, code)
        languages.append((code, r[1] if r else "", name, macro_of.get(code, ""), r[2] if r else "?"))

    all_labels = sorted(set(labels) | set(scores))
    label_rows = [(l, scores.get(l, -1.0), l in labels) for l in all_labels]

    lid176 = []
    part1 = {r[1]: r[0] for r in iso.values() if r[1]}
    for label in LID176_LABELS:
        code = WIKIPEDIA_CODES.get(label) or part1.get(label) or label
        assert code in iso or code in glot_names, f"lid.176 label {label} -> {code} unknown"
        lid176.append((label, code))
    assert len(lid176) == 176

    out = []
    out.append("// Generated by langid/data/generate_tables.py from the files in langid/data/. Do not edit.")
    out.append("// Sources and licences: langid/data/README.md (GlotLID Apache-2.0, FineWeb-2 Apache-2.0,")
    out.append("// iso-codes LGPL-2.1+, ISO 639-3 macrolanguage table from SIL International).")
    out.append('#include "langid/language_table.h"')
    out.append("")
    out.append("namespace tamis::langid {")
    out.append("")
    out.append("const LanguageRow kLanguageRows[] = {")
    for code, p1, name, macro, scope in languages:
        out.append(f"    {{{cstr(code)}, {cstr(p1)}, {cstr(name)}, {cstr(macro)}, '{scope}'}},")
    out.append("};")
    out.append("const size_t kLanguageRowCount = sizeof(kLanguageRows) / sizeof(kLanguageRows[0]);")
    out.append("")
    out.append("const LabelRow kLabelRows[] = {")
    for l, s, g in label_rows:
        out.append(f"    {{{cstr(l)}, {s:g}, {'true' if g else 'false'}}},")
    out.append("};")
    out.append("const size_t kLabelRowCount = sizeof(kLabelRows) / sizeof(kLabelRows[0]);")
    out.append("")
    out.append("const AliasRow kLid176Rows[] = {")
    for label, code in lid176:
        out.append(f"    {{{cstr(label)}, {cstr(code)}}},")
    out.append("};")
    out.append("const size_t kLid176RowCount = sizeof(kLid176Rows) / sizeof(kLid176Rows[0]);")
    out.append("")
    out.append("}  // namespace tamis::langid")
    with open(OUT + ".tmp", "w") as f:
        f.write("\n".join(out) + "\n")
    os.replace(OUT + ".tmp", OUT)
    print(f"{OUT}: {len(languages)} languages, {len(label_rows)} labels, {len(lid176)} lid.176 labels")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--refresh", action="store_true")
    ap.add_argument("--iso-codes", default="/usr/share/iso-codes/json")
    ap.add_argument("--fineweb2-configs", default=os.path.join(ROOT, "..", "shared", "data", "fineweb2-configs"))
    a = ap.parse_args()
    if a.refresh:
        refresh(a.iso_codes, a.fineweb2_configs)
    generate()
