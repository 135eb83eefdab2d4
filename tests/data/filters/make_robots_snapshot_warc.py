#!/usr/bin/env python3
"""Writes robots_snapshot.warc beside this script: robots.txt fetches as a crawler records them
(WARC/1.0, CRLF framing, a request record, a wget-style angle-bracketed target URI, a redirect,
a chunked body, 404, 503 and a block that is not HTTP). Run it to regenerate the fixture."""
import os

def http(status, reason, headers, body=b""):
    head = f"HTTP/1.1 {status} {reason}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
    return head.encode() + body

def chunked(*chunks):
    return b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks) + b"0\r\n\r\n"

GUTENBERG = (b"# Project Gutenberg robots.txt\n"
             b"User-agent: *\nDisallow: /ebooks/search/\nDisallow: /cache/\n\n"
             b"User-agent: GPTBot\nDisallow: /\n")
RECORDS = [
    ("request", "https://www.gutenberg.org/robots.txt",
     b"GET /robots.txt HTTP/1.1\r\nHost: www.gutenberg.org\r\n\r\n"),
    ("response", "<https://www.gutenberg.org/robots.txt>",
     http(200, "OK", [("Content-Type", "text/plain"), ("Content-Length", len(GUTENBERG))],
          GUTENBERG)),
    ("response", "http://www.gutenberg.org/robots.txt",
     http(301, "Moved Permanently",
          [("Location", "https://www.gutenberg.org/robots.txt"), ("Content-Length", 0)])),
    ("response", "https://wiki.example.org/robots.txt",
     http(200, "OK", [("Content-Type", "text/plain"), ("Transfer-Encoding", "chunked")],
          chunked(b"User-agent: CCBot\nDisallow:", b" /w/index.php\n"))),
    ("response", "https://gone.example.org/robots.txt",
     http(404, "Not Found", [("Content-Length", 0)])),
    ("response", "https://down.example.org/robots.txt",
     http(503, "Service Unavailable", [("Content-Length", 0)])),
    ("response", "https://garbage.example.org/robots.txt",
     b"this is not an HTTP response at all\r\n"),
]

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "robots_snapshot.warc"),
          "wb") as out:
    for n, (kind, uri, block) in enumerate(RECORDS, start=1):
        msgtype = "request" if kind == "request" else "response"
        out.write((f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n"
                   f"WARC-Date: 2024-05-01T10:00:0{n}Z\r\n"
                   f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-00000000000{n}>\r\n"
                   f"Content-Type: application/http; msgtype={msgtype}\r\n"
                   f"Content-Length: {len(block)}\r\n\r\n").encode() + block + b"\r\n\r\n")
