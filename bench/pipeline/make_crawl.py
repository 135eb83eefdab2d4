#!/usr/bin/env python3
"""A directory of Common Crawl-like WARC files for the whole-pipeline benchmark, from real pages.

Every debian-handbook HTML page (26 languages, 3,302 pages) is crawled --rounds times: round 0
at its plain URL, round r at URL?r=r (the same content again, as crawls see it through query
strings and mirrors, so the dedup stages have real duplicate clusters to find). Page i of
round r goes to file (i + r) mod --files, so every file mixes languages and rounds, as the
files of a crawl segment do. Records are built by bench/io/make_corpus.py (a warcinfo record
per file, then a request and a response record per page, one gzip member each); the same
arguments give the same bytes.

Also writes, beside the WARC directory, robots.warc.gz: the robots.txt snapshot the pipeline
checks against (the site opts its German edition out of AI crawlers: a real share of pages to
drop).

With --pages NAME,... only those pages (file names, e.g. sect.apt-get.html) of each language
are crawled: a small crawl of the same shape, for tests.

Usage: make_crawl.py OUT_DIR --files N --rounds R [--pages NAME,...]
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "io"))
import make_corpus  # noqa: E402

ROBOTS = (
    "# The handbook's site opts its German edition out of AI training crawlers.\n"
    "User-agent: GPTBot\nUser-agent: CCBot\nDisallow: /browse/de-de/\n\n"
    "User-agent: *\nAllow: /\n"
)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir")
    ap.add_argument("--files", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--pages", default="", help="comma-separated page file names (default: all)")
    args = ap.parse_args()
    if args.files < 1 or args.rounds < 1:
        ap.error("--files and --rounds must be >= 1")
    os.makedirs(args.out_dir, exist_ok=True)
    pages = make_corpus.pages()
    if args.pages:
        wanted = set(args.pages.split(","))
        pages = [p for p in pages if os.path.basename(p) in wanted]
        if not pages:
            sys.exit(f"make_crawl: none of {args.pages} is a handbook page")
    outs, infos = [], []
    for k in range(args.files):
        name = f"crawl-{k:05d}.warc.gz"
        path = os.path.join(args.out_dir, name)
        info_id = make_corpus.record_id("warcinfo", name)
        out = open(path + ".tmp", "wb")
        out.write(make_corpus.gzip_member(make_corpus.warc_record("warcinfo", [
            ("WARC-Record-ID", info_id),
            ("WARC-Filename", name),
            ("Content-Type", "application/warc-fields"),
        ], b"software: tamis bench/pipeline/make_crawl.py\r\nformat: WARC File Format 1.0\r\n")))
        outs.append((path, out))
        infos.append(info_id)
    raw = 0
    for r in range(args.rounds):
        for i, page in enumerate(pages):
            k = (i + r) % args.files
            for rec in make_corpus.page_records(page, r, infos[k]):
                outs[k][1].write(make_corpus.gzip_member(rec))
                raw += len(rec)
    compressed = 0
    for path, out in outs:
        out.close()
        os.replace(path + ".tmp", path)
        compressed += os.path.getsize(path)
    # The snapshot, as a crawler keeps it: the robots.txt response in a WARC of its own.
    robots = os.path.join(os.path.dirname(os.path.abspath(args.out_dir)), "robots.warc.gz")
    body = ROBOTS.encode()
    response = (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " +
                str(len(body)).encode() + b"\r\n\r\n" + body)
    url = "https://debian-handbook.info/robots.txt"
    with open(robots + ".tmp", "wb") as f:
        f.write(make_corpus.gzip_member(make_corpus.warc_record("response", [
            ("WARC-Record-ID", make_corpus.record_id("response", url)),
            ("Content-Type", "application/http; msgtype=response"),
            ("WARC-Target-URI", url),
        ], response)))
    os.replace(robots + ".tmp", robots)
    print(f"{args.out_dir}: {args.files} files, {len(pages) * args.rounds} pages, "
          f"{raw} bytes uncompressed, {compressed} compressed; snapshot {robots}")


if __name__ == "__main__":
    main()
