#!/usr/bin/env python3
"""seeds_follow.py OUT_DIR - seeds for fuzz_feed, fuzz_robots and fuzz_api
(called by fuzz/seeds.sh): the documents of the follow tests' fixture site
(tests/follow_server.py: RSS, Atom, RDF, sitemap index, news sitemap,
sitemap, windows-1258 feed, HTML page announcing a feed, robots.txt), a
few cases of tests/test_follow_units.c, and the requests of the API tests
(tests/serve_api_test.py) written as fuzz_api reads them."""
import gzip
import os
import re
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "tests"))
import follow_server as fs  # noqa: E402 (only its document functions are used)

out = sys.argv[1]
for d in ("feed", "robots", "api"):
    os.makedirs(os.path.join(out, d), exist_ok=True)


def put(d, name, data):
    with open(os.path.join(out, d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


base = "https://example.vn"
docs = {"rss": fs.rss(base), "atom": fs.atom(base), "rdf": fs.rdf(base), "index": fs.sitemap_index(base),
        "news": fs.sitemap_news(base), "pages": fs.sitemap_pages(base), "cp1258": fs.cp1258(base),
        "trouble": fs.trouble(base), "article": fs.article(3)}
for k, v in docs.items():
    put("feed", k, v)
put("feed", "pages.gz", gzip.compress(docs["pages"], mtime=0))
put("feed", "url-rss", b"URL: https://b.vn/tin/rss.xml?utm_source=x\n" + docs["rss"])
put("feed", "html", ('<!DOCTYPE html><html><head><title>Báo Thử Nghiệm</title><base href="/tin/">'
                     '<link rel="alternate" type="application/rss+xml" title="RSS" href="/rss.xml">'
                     '<link rel="alternate" type="application/atom+xml" href="atom.xml">'
                     '</head><body><a href="/news/a1.html">Bài một</a><a href="//other.vn/x">x</a>'
                     '<a href="a2.html#c">hai</a></body></html>'))
put("feed", "urls", "https://example.vn/a/1.html\n/a/2.html?fbclid=1\n# comment\nhttp://EXAMPLE.vn:80/a/../b/%7e3\n")
put("feed", "broken", '<?xml version="1.0"?>\n<rss><channel>\n<item><title>x</title></channel></rss>')
put("feed", "entities", '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aa">]>'
                        '<rss><channel><item><title>&a;</title><link>https://a.vn/1</link></item></channel></rss>')
put("feed", "dates", '<rss><channel>' + "".join(
    f'<item><link>/d{i}</link><pubDate>{d}</pubDate></item>' for i, d in enumerate(
        ["Mon, 02 Jun 2024 10:15:00 +0700", "2 Jun 2024 10:15 GMT", "Sun, 02 Jun 2024 10:15:00 PDT",
         "2024-06-02", "2024-06-02T10:15:00+07:00", "2024-06-02T03:15Z", "2024-06-02T10:15:00.123-05:30"]))
    + '</channel></rss>')

robots = {
    "fixture": "User-agent: *\nDisallow: /\n\nUser-agent: attache\nDisallow: /private/\n"
               "Allow: /private/public.html\nCrawl-delay: 0.1\n\nSitemap: https://example.vn/sitemap_index.xml\n",
    "simple": "User-agent: *\nDisallow: /private/\n",
    "units": "# comment\nUser-agent: *\nDisallow: /\n\nUser-agent: Googlebot\nUser-agent: ATTACHE/1.0\n"
             "Disallow: /private/\nAllow: /private/public\nDisallow: /*.pdf$\nDisallow: /search?\nDisallow:\n"
             "Crawl-delay: 2.5\n\nSitemap: https://a.vn/sitemap.xml\nUser-agent: attache\nDisallow: /tmp\n",
    "crlf": "User-agent: *\r\nDisallow: /a\r\nAllow: /a\r\nDisallow: /x*y*z\r\n",
    "stars": "User-agent: *\nDisallow: /" + "*a" * 200 + "b\n",
}
for k, v in robots.items():
    put("robots", k, v)

# API requests: "METHOD URL" line, header lines, an empty line, the body
src = open(os.path.join(here, "..", "tests", "serve_api_test.py"), encoding="utf-8").read()
urls = sorted(set(re.findall(r'"(/api/v1/[^"]*)"', src)))
for i, u in enumerate(urls):
    u = u.replace("%d", "1")
    method = "POST" if u.startswith("/api/v1/ingest") else "GET"
    body = ""
    hdr = ""
    if method == "POST":
        hdr = "Authorization: Bearer fuzz-token\n"
        body = "Hai nước nhất trí tăng cường hợp tác.\n\nViệt Nam và Nhật Bản ký thỏa thuận.\n"
    put("api", f"r{i}", f"{method} {u}\n{hdr}\n{body}")
for i, (m, u, h) in enumerate([("GET", "/", ""), ("GET", "/app.js", ""), ("POST", "/api/v1/events", ""),
                               ("GET", "/api/v1/ingest", ""), ("HEAD", "/api/v1/healthz", ""),
                               ("GET", "/api/v1/alerts/stream?after=x", ""),
                               ("GET", "/api/v1/alerts/stream", "Last-Event-ID: 5\n"),
                               ("POST", "/api/v1/ingest?kind=html", "Authorization: Bearer wrong\n"),
                               ("POST", "/api/v1/ingest", "Authorization: Basic x\n"),
                               ("POST", "/api/v1/ingest?kind=warc", "Authorization: Bearer fuzz-token\n"),
                               ("GET", "/api/v1/search?q=Vi%E1%BB%87t+Nam&cursor=1.2&limit=5", ""),
                               ("GET", "/api/v1/events?actor=VNM&b=JPN&from=2024-01-01&to=2024-12-31"
                                       "&root=04&quad=1&modality=asserted&limit=3", ""),
                               ("GET", "/api/v1/events?format=gdelt&actor=VNM", ""),
                               ("GET", "/api/v1/stories?limit=2", "Authorization: Bearer fuzz-token\n"),
                               ("GET", "/api/v1/dyads", "Authorization: Bearer fuzz-tokem\n"),
                               ("GET", "/api/v1/actors", "Authorization: fuzz-token\n")]):
    put("api", f"x{i}", f"{m} {u}\n{h}\n")
