#!/usr/bin/env python3
"""Deterministic benchmark corpora for tamis's read -> write path, built from real text.

The text is the debian-handbook's HTML (every page of every language under
/usr/share/doc/debian-handbook/html/*/*.html, 26 languages, ~66 MB).

  warc   A Common Crawl-like .warc.gz: a warcinfo record, then for every page a WARC/1.0
         request record and a response record (HTTP/1.1 200 headers + the page), each record
         its own gzip member. Pages are taken in sorted order and the list is repeated, with
         the round number in the URL, until the uncompressed WARC reaches --size bytes (--size 0: every page once).
  jsonl  A .jsonl.zst of documents: `tamis extract` is run on a one-round WARC made as above,
         then its documents are repeated with the round appended to every id
         ("<id>#r<round>") until the uncompressed JSONL reaches --size bytes; compressed with
         the zstd CLI at level 3 (its default, what most crawl dumps use).

Same arguments, same bytes: record ids are UUIDv5 of the URL, dates are fixed, gzip members
have mtime 0, and zstd output does not depend on its thread count.

Usage:
  make_corpus.py warc  --size BYTES OUT.warc.gz
  make_corpus.py jsonl --size BYTES --tamis PATH/TO/tamis OUT.jsonl.zst
"""

import argparse
import base64
import glob
import gzip
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
import uuid

HANDBOOK = "/usr/share/doc/debian-handbook/html"
# Fixed so the corpus is byte-for-byte reproducible (pinned: changes output bytes).
CRAWL_DATE = "2024-05-18T10:24:31Z"
HTTP_DATE = "Sat, 18 May 2024 10:24:31 GMT"
NAMESPACE = uuid.UUID("6f1c1e2a-8d3b-4d7e-9a51-3c2b7e0d4f10")
GZIP_LEVEL = 6  # What Common Crawl's writers and gzip(1) use by default.
ZSTD_LEVEL = 3  # zstd(1)'s default.


def pages():
    files = sorted(glob.glob(os.path.join(HANDBOOK, "*", "*.html")))
    if not files:
        sys.exit(f"make_corpus: no pages under {HANDBOOK} (apt-get install debian-handbook)")
    return files


def sha1_b32(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


def record_id(kind, url):
    return f"<urn:uuid:{uuid.uuid5(NAMESPACE, kind + ' ' + url)}>"


def warc_record(warc_type, headers, block):
    lines = [
        "WARC/1.0",
        f"WARC-Type: {warc_type}",
        f"WARC-Date: {CRAWL_DATE}",
    ]
    lines += [f"{k}: {v}" for k, v in headers]
    lines += [f"Content-Length: {len(block)}"]
    head = ("\r\n".join(lines) + "\r\n\r\n").encode()
    return head + block + b"\r\n\r\n"


def gzip_member(data):
    out = io.BytesIO()
    # mtime=0 and no file name: the member depends on the data only.
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=GZIP_LEVEL, mtime=0) as gz:
        gz.write(data)
    return out.getvalue()


def page_records(path, round_no, info_id):
    lang = os.path.basename(os.path.dirname(path))
    name = os.path.basename(path)
    query = f"?r={round_no}" if round_no else ""
    url = f"https://debian-handbook.info/browse/{lang.lower()}/stable/{name}{query}"
    host = "debian-handbook.info"
    with open(path, "rb") as f:
        body = f.read()
    request = (
        f"GET /browse/{lang.lower()}/stable/{name}{query} HTTP/1.1\r\n"
        f"Host: {host}\r\n"
        "User-Agent: CCBot/2.0 (https://commoncrawl.org/faq/)\r\n"
        "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
        "Accept-Language: en-US,en;q=0.5\r\n"
        "Accept-Encoding: br,gzip\r\n"
        "Connection: Keep-Alive\r\n\r\n"
    ).encode()
    # Half the responses declare the charset in HTTP, half leave it to the page's <meta>,
    # as on the web; the pages are UTF-8 either way.
    content_type = "text/html; charset=UTF-8" if (len(name) + round_no) % 2 == 0 else "text/html"
    http_head = (
        "HTTP/1.1 200 OK\r\n"
        f"Date: {HTTP_DATE}\r\n"
        "Server: Apache\r\n"
        f"Content-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\n"
        "X-Crawler-Content-Encoding: gzip\r\n"
        "Vary: Accept-Encoding\r\n"
        "Connection: close\r\n\r\n"
    ).encode()
    response = http_head + body
    req_id = record_id("request", url)
    resp_id = record_id("response", url)
    out = []
    out.append(warc_record("request", [
        ("WARC-Record-ID", req_id),
        ("Content-Type", "application/http; msgtype=request"),
        ("WARC-Warcinfo-ID", info_id),
        ("WARC-IP-Address", "93.184.216.34"),
        ("WARC-Target-URI", url),
        ("WARC-Block-Digest", sha1_b32(request)),
    ], request))
    out.append(warc_record("response", [
        ("WARC-Record-ID", resp_id),
        ("Content-Type", "application/http; msgtype=response"),
        ("WARC-Warcinfo-ID", info_id),
        ("WARC-Concurrent-To", req_id),
        ("WARC-IP-Address", "93.184.216.34"),
        ("WARC-Target-URI", url),
        ("WARC-Payload-Digest", sha1_b32(body)),
        ("WARC-Block-Digest", sha1_b32(response)),
        ("WARC-Identified-Payload-Type", "text/html"),
    ], response))
    return out


def write_warc(out_path, size, min_rounds=0):
    """Writes the WARC; returns (uncompressed bytes, response records)."""
    files = pages()
    name = os.path.basename(out_path)
    info_block = (
        "software: tamis bench/io/make_corpus.py\r\n"
        "format: WARC File Format 1.0\r\n"
        "description: debian-handbook HTML pages (all languages) as a crawl\r\n"
    ).encode()
    info_id = record_id("warcinfo", name)
    tmp = out_path + ".tmp"
    raw = 0
    responses = 0
    with open(tmp, "wb") as out:
        rec = warc_record("warcinfo", [
            ("WARC-Record-ID", info_id),
            ("WARC-Filename", name),
            ("Content-Type", "application/warc-fields"),
        ], info_block)
        out.write(gzip_member(rec))
        raw += len(rec)
        round_no = 0
        done = False
        while not done:
            for path in files:
                if raw >= size and round_no >= min_rounds:
                    done = True
                    break
                for rec in page_records(path, round_no, info_id):
                    out.write(gzip_member(rec))
                    raw += len(rec)
                responses += 1
            round_no += 1
    os.replace(tmp, out_path)
    return raw, responses


def write_jsonl(out_path, size, tamis):
    with tempfile.TemporaryDirectory(dir=os.path.dirname(os.path.abspath(out_path))) as tmp:
        warc = os.path.join(tmp, "handbook.warc.gz")
        write_warc(warc, 0, min_rounds=1)
        docs = os.path.join(tmp, "docs.jsonl")
        subprocess.run([tamis, "extract", warc, "-o", docs, "--threads", "2", "--quiet"],
                       check=True, stdout=subprocess.DEVNULL)
        with open(docs, "rb") as f:
            lines = [json.loads(line) for line in f if line.strip()]
        if not lines:
            sys.exit("make_corpus: tamis extract produced no documents")
        zst_tmp = out_path + ".tmp"
        with open(zst_tmp, "wb") as out:
            zstd = subprocess.Popen(["zstd", f"-{ZSTD_LEVEL}", "-q", "-c", "-T2"],
                                    stdin=subprocess.PIPE, stdout=out)
            raw = 0
            count = 0
            round_no = 0
            while raw < size:
                chunk = []
                for doc in lines:
                    if raw >= size:
                        break
                    d = dict(doc)
                    d["id"] = f"{doc['id']}#r{round_no}"
                    line = (json.dumps(d, ensure_ascii=False, separators=(",", ":")) +
                            "\n").encode()
                    chunk.append(line)
                    raw += len(line)
                    count += 1
                zstd.stdin.write(b"".join(chunk))
                round_no += 1
            zstd.stdin.close()
            if zstd.wait() != 0:
                sys.exit("make_corpus: zstd failed")
        os.replace(zst_tmp, out_path)
    return raw, count


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("kind", choices=["warc", "jsonl"])
    ap.add_argument("output")
    ap.add_argument("--size", type=int, required=True, help="uncompressed bytes to reach (warc: 0 = every page once)")
    ap.add_argument("--tamis", help="the tamis binary (for jsonl)")
    args = ap.parse_args()
    if args.kind == "warc":
        raw, n = write_warc(args.output, args.size, min_rounds=1 if args.size <= 0 else 0)
        what = "responses"
    else:
        if not args.tamis:
            ap.error("jsonl needs --tamis")
        raw, n = write_jsonl(args.output, args.size, args.tamis)
        what = "documents"
    print(f"{args.output}: {raw} bytes uncompressed, {os.path.getsize(args.output)} "
          f"compressed, {n} {what}")


if __name__ == "__main__":
    main()
