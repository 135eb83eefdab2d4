#!/usr/bin/env python3
"""Extracts the small real-text corpora the langid tests use, from Debian packages.

  python3 langid/data/extract_corpus.py   # rewrites tests/data/langid/{train.txt,eval.tsv}

train.txt  fastText supervised format, GlotLID-style labels ("__label__fra_Latn text"): one
           paragraph per line from the translations of The Debian Administrator's Handbook
           (package debian-handbook, /usr/share/doc/debian-handbook/html/<locale>/; CC-BY-SA
           3.0 / GPL-2+). Paragraphs that also occur in the English edition (untranslated
           ones) are skipped.
eval.tsv   locale <TAB> expected ISO 639 code <TAB> text: documents of about kDocBytes made
           of consecutive translated messages from the gettext catalogs installed in
           /usr/share/locale/<locale>/LC_MESSAGES/*.mo (GTK, GLib, PAM, iso-codes, ...; each
           under its package's free licence), dumped with msgunfmt (package gettext).
           Messages identical to their English msgid are skipped. User-interface catalogs
           come first; iso-codes name lists only fill up locales with nothing else.
Output is deterministic (sorted inputs, no randomness), so re-running it on the same
packages reproduces the committed files byte for byte.
"""
import glob
import hashlib
import html
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "data", "langid")
HANDBOOK = "/usr/share/doc/debian-handbook/html"
LOCALES = "/usr/share/locale"

TRAIN_BYTES_PER_LANGUAGE = 4000
DOC_BYTES = 160
DOCS_PER_LOCALE = 5
MIN_MESSAGE_WORDS = 3

# Handbook locale -> GlotLID v3 label. The Arabic edition (ar-MA) is Modern Standard Arabic;
# GlotLID v3 merges Persian varieties under fas_Arab and writes Chinese as cmn_Hani.
HANDBOOK_LABELS = {
    "ar-MA": "arb_Arab", "ca-ES": "cat_Latn", "cs-CZ": "ces_Latn", "da-DK": "dan_Latn",
    "de-DE": "deu_Latn", "el-GR": "ell_Grek", "en-US": "eng_Latn", "es-ES": "spa_Latn",
    "fa-IR": "fas_Arab", "fr-FR": "fra_Latn", "hr-HR": "hrv_Latn", "id-ID": "ind_Latn",
    "it-IT": "ita_Latn", "ja-JP": "jpn_Jpan", "ko-KR": "kor_Hang", "nb-NO": "nob_Latn",
    "nl-NL": "nld_Latn", "pl-PL": "pol_Latn", "pt-BR": "por_Latn", "ro-RO": "ron_Latn",
    "ru-RU": "rus_Cyrl", "sv-SE": "swe_Latn", "tr-TR": "tur_Latn", "vi-VN": "vie_Latn",
    "zh-CN": "cmn_Hani",
}

# gettext locale -> expected language code, where the locale name is not simply an ISO 639
# code (the evaluation maps 639-1 to 639-3 itself). Locales whose text is not one language
# (en@shaw is English in the Shavian alphabet, sr@ije an orthography) are left out.
LOCALE_CODES = {"mo": "ron", "sr@Latn": "srp", "sr@latin": "srp", "sr@ije": None,
                "en@shaw": None, "en@boldquot": None, "en@quot": None, "locale.alias": None,
                "tt@iqtelif": "tat", "be@latin": "bel", "uz@cyrillic": "uzb",
                "ca@valencia": "cat", "zh_Hans": "zho", "zh_Hant": "zho", "zh_CN": "zho",
                "zh_TW": "zho", "zh_HK": "zho", "kw_GB": "cor", "nb_NO": "nob", "no": "nor",
                "pa_PK": "pnb"}


# Untranslated handbook paragraphs stay English (and editions differ, so comparing with
# en-US misses some): a paragraph with many English function words is not used.
ENGLISH_WORDS = set("the of and to a in is that for it as with be on this are by an or can "
                    "which from not you your will have has its".split())


def looks_english(text):
    words = re.findall(r"[A-Za-z]+", text.lower())
    return len(words) >= 5 and sum(w in ENGLISH_WORDS for w in words) >= 0.15 * len(text.split())


def clean(text):
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return " ".join(text.split())


def handbook_paragraphs(locale):
    out = []
    for path in sorted(glob.glob(os.path.join(HANDBOOK, locale, "*.html"))):
        page = open(path, encoding="utf-8", errors="replace").read()
        for para in re.findall(r'<div class="para">(.*?)</div>', page, re.S):
            text = clean(para)
            if len(text.split()) >= 8 or (len(text) >= 40 and " " not in text):
                out.append(text)
    return out


def write_train():
    english = set(handbook_paragraphs("en-US"))
    lines = []
    for locale, label in sorted(HANDBOOK_LABELS.items()):
        size = 0
        for text in handbook_paragraphs(locale):
            if locale != "en-US" and (text in english or looks_english(text)):
                continue
            text = text[:600]
            lines.append(f"__label__{label} {text}")
            size += len(text.encode())
            if size >= TRAIN_BYTES_PER_LANGUAGE:
                break
    with open(os.path.join(OUT, "train.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return len(lines)


def messages(mo_path):
    try:
        po = subprocess.run(["msgunfmt", mo_path], capture_output=True, check=True).stdout
    except subprocess.CalledProcessError:
        return []
    po = po.decode("utf-8", errors="replace")
    out = []
    for entry in po.split("\n\n"):
        if entry.startswith('msgid ""\nmsgstr'):
            continue  # The catalog header, not a message.
        msgid = "".join(re.findall(r'^(?:msgid|msgid_plural)?\s*"(.*)"$', entry.split("msgstr")[0], re.M))
        strs = re.findall(r'^msgstr(?:\[0\])?\s+"(.*)"$((?:\n".*")*)', entry, re.M)
        if not strs:
            continue
        first, rest = strs[0]
        msgstr = first + "".join(re.findall(r'^"(.*)"$', rest, re.M))
        msgstr = msgstr.encode().decode("unicode_escape", errors="ignore").encode("latin-1", errors="ignore").decode("utf-8", errors="ignore")
        msgstr = " ".join(re.sub(r"%[-0-9.]*[a-zA-Z]|\{[^}]*\}|_|&", " ", msgstr).split())
        if not msgstr or msgstr == msgid:
            continue
        # Thai, Lao, Khmer, Myanmar and CJK write without spaces between words.
        unspaced = len(msgstr) >= 10 and ord(max(msgstr)) >= 0x0E00
        if len(msgstr.split()) < MIN_MESSAGE_WORDS and not unspaced:
            continue
        out.append(msgstr)
    return out


def write_eval():
    rows = []
    for locale in sorted(os.listdir(LOCALES)):
        code = LOCALE_CODES.get(locale, locale.split("_")[0].split("@")[0])
        if not code or not os.path.isdir(os.path.join(LOCALES, locale, "LC_MESSAGES")):
            continue
        mos = sorted(glob.glob(os.path.join(LOCALES, locale, "LC_MESSAGES", "*.mo")))
        ui = [m for m in mos if not os.path.basename(m).startswith("iso_")]
        iso = [m for m in mos if os.path.basename(m).startswith("iso_")]
        docs, doc = [], ""
        for mo in ui + iso:
            msgs = messages(mo)
            # Spread the picks over the catalog deterministically instead of its first lines.
            step = max(1, len(msgs) // (DOCS_PER_LOCALE * 4))
            for msg in msgs[::step]:
                doc = (doc + " " + msg).strip()
                if len(doc.encode()) >= DOC_BYTES:
                    docs.append(doc)
                    doc = ""
                if len(docs) >= DOCS_PER_LOCALE:
                    break
            if len(docs) >= DOCS_PER_LOCALE:
                break
        for d in docs:
            rows.append(f"{locale}\t{code}\t{d}")
    with open(os.path.join(OUT, "eval.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    return len(rows), len({r.split("\t")[0] for r in rows})


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    print("train.txt:", write_train(), "lines")
    print("eval.tsv: %d documents from %d locales" % write_eval())
