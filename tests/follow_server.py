#!/usr/bin/env python3
"""follow_server.py - the fixture web site for tests/test_follow.sh.

Usage: follow_server.py LOGFILE [PAGES]

Listens on 127.0.0.1 on a port the system picks (port 0), prints the port
on stdout, and logs every request to LOGFILE as one line:

    <seconds since start> <method> <path> inm=<If-None-Match or -> ims=<yes|-> ua=<User-Agent>

written when the request arrives (before any answer, so a slow answer
does not reorder the log).

It serves RSS 2.0, Atom, RDF, a sitemap index with a news sitemap and a
plain sitemap, an HTML page announcing its feed, robots.txt with Disallow
and Crawl-delay, validators with 304 answers, 429 with Retry-After, 500s,
a redirect loop, a redirect into a disallowed path, a slow response, an oversized body, broken XML, a feed in
windows-1258, relative links, one article behind two tracking-parameter
variants, and small Vietnamese article pages (invented text).  With PAGES
(bench), /bench.txt lists /b/1.html .. /b/PAGES.html.

It never talks to another address; it runs until killed (the test's
trap) or for FOLLOW_SERVER_LIFETIME seconds (default 900).
"""
import gzip
import http.server
import os
import sys
import threading
import time

START = time.time()
LOG = None          # the request log (main)
BENCH_PAGES = 0     # pages listed by /bench.txt (main)
LOCK = threading.Lock()
COUNTS = {}

PLACES = ["Hà Nội", "Tokyo", "Seoul", "Canberra", "Paris", "Jakarta", "Manila", "New Delhi",
          "Berlin", "Ottawa", "Brasília", "Nairobi"]
PAIRS = [("Việt Nam", "Nhật Bản"), ("Việt Nam", "Hàn Quốc"), ("Australia", "Indonesia"),
         ("Pháp", "Việt Nam"), ("Ấn Độ", "Philippines"), ("Đức", "Canada"),
         ("Brazil", "Kenya"), ("Singapore", "Thái Lan"), ("Lào", "Campuchia")]
TOPICS = ["hợp tác kinh tế", "an ninh hàng hải", "chuyển đổi năng lượng", "giáo dục và đào tạo",
          "y tế công cộng", "thương mại điện tử", "nông nghiệp bền vững", "giao lưu văn hóa"]


def article(n, dated=True, titled=True):
    """A small invented Vietnamese news page, different for every n."""
    a, b = PAIRS[n % len(PAIRS)]
    topic = TOPICS[n % len(TOPICS)]
    place = PLACES[n % len(PLACES)]
    title = f"{a} và {b} thúc đẩy {topic} trong năm thứ {n}"
    paras = [
        f"Ngày {n % 27 + 1}/5, tại {place}, đại diện {a} và {b} đã có cuộc gặp để trao đổi về {topic}, "
        f"mở ra giai đoạn hợp tác mới số {n} giữa hai bên.",
        f"Hai bên nhất trí thành lập nhóm công tác chung về {topic}, họp định kỳ mỗi quý "
        f"và báo cáo kết quả lên lãnh đạo cấp cao của hai nước.",
        f"Theo thông cáo chung, {a} cam kết hỗ trợ {b} trong các dự án thí điểm, "
        f"trong khi {b} sẽ tạo điều kiện cho doanh nghiệp {a} tham gia thị trường.",
        f"Các chuyên gia nhận định thỏa thuận lần thứ {n} này phản ánh lòng tin ngày càng lớn "
        f"giữa hai quốc gia, đồng thời góp phần vào hòa bình và ổn định trong khu vực.",
        f"Cuộc gặp tiếp theo dự kiến diễn ra tại {PLACES[(n + 3) % len(PLACES)]} vào cuối năm, "
        f"với sự tham gia của các bộ, ngành liên quan của hai nước.",
    ]
    meta = ""
    if dated:
        meta = f'<meta property="article:published_time" content="2026-05-{n % 27 + 1:02d}T08:30:00+07:00">'
    head_title = f"<title>{title} - Báo Thử Nghiệm</title>" if titled else ""
    h1 = f"<h1>{title}</h1>" if titled else ""
    body = "\n".join(f"<p>{p}</p>" for p in paras)
    return (f"<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">{head_title}{meta}</head>"
            f"<body><nav><a href=\"/\">Trang chủ</a> | <a href=\"/the-gioi\">Thế giới</a></nav>"
            f"<article>{h1}\n{body}</article><footer>Báo Thử Nghiệm - dữ liệu kiểm thử</footer>"
            f"</body></html>").encode("utf-8")


POOL = None


def bench_page(n):
    """Page n of the bench (bench/bench_follow.sh writes the same as files):
    a title and five paragraphs drawn (seeded by n) from the bundled
    samples/, as bench_ingest composes its pages, so pages differ as news
    pages do and story clustering does its usual work."""
    global POOL
    import random
    if POOL is None:
        here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "samples")
        titles, paras = [], []
        for name in sorted(os.listdir(here)):
            if not name.endswith(".txt"):
                continue
            lines = [l.strip() for l in open(os.path.join(here, name), encoding="utf-8")]
            lines = [l for l in lines if l]
            titles.append(lines[0])
            paras += [l for l in lines[1:] if len(l) > 120]
        POOL = (titles, paras)
    titles, paras = POOL
    r = random.Random(n)
    title = f"{r.choice(titles)} ({n})"
    body = "\n".join(f"<p>{p}</p>" for p in r.sample(paras, 5))
    return (f"<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{title}</title>"
            f"<meta property=\"article:published_time\" content=\"2026-05-{n % 27 + 1:02d}T08:30:00+07:00\">"
            f"</head><body><article><h1>{title}</h1>\n{body}</article></body></html>").encode("utf-8")


def day(n, fmt="rfc"):
    """n days before now (so items are younger than --max-age 30)."""
    t = time.gmtime(START - n * 86400)
    if fmt == "rfc":
        return time.strftime("%a, %d %b %Y %H:%M:%S +0000", t)
    if fmt == "date":
        return time.strftime("%Y-%m-%d", t)
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", t)


def rss(base):
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Tin thế giới</title><link>{base}/</link>
<item><title>Bài một</title><link>{base}/news/a1.html</link><pubDate>{day(5)}</pubDate></item>
<item><title>Bài hai</title><link>{base}/news/a2.html?utm_source=rss&amp;utm_medium=feed</link><pubDate>{day(4)}</pubDate></item>
<item><title>Bài ba</title><link>news/a3.html</link></item>
<item><title>Bí mật</title><link>{base}/private/secret.html</link></item>
<item><title>Bài cũ</title><link>{base}/news/old.html</link><pubDate>Mon, 01 Jan 2001 00:00:00 GMT</pubDate></item>
</channel></rss>""".encode("utf-8")


def atom(base):
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="{base}/news/"><title>Tin Atom</title>
<entry><title>Bài hai (Atom)</title><link rel="alternate" href="a2.html?utm_campaign=x&amp;fbclid=abc#top"/><updated>{day(4, "iso")}</updated></entry>
<entry><title>Bài bốn</title><link href="a4.html"/><published>{day(3, "iso")}</published></entry>
</feed>""".encode("utf-8")


def rdf(base):
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="{base}/rdf.xml"><title>Tin RDF</title></channel>
<item rdf:about="{base}/news/a5.html"><title>Bài năm</title><link>{base}/news/a5.html</link><dc:date>{day(2, "iso")}</dc:date></item>
</rdf:RDF>""".encode("utf-8")


def sitemap_index(base):
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base}/sitemap_news.xml</loc></sitemap>
<sitemap><loc>{base}/sitemap_pages.xml</loc></sitemap>
</sitemapindex>""".encode("utf-8")


def sitemap_news(base):
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>{base}/news/a6.html</loc><news:news><news:publication><news:name>Báo Thử Nghiệm</news:name><news:language>vi</news:language></news:publication>
<news:publication_date>{day(2, "iso")}</news:publication_date><news:title>Bài sáu</news:title></news:news></url>
</urlset>""".encode("utf-8")


def sitemap_pages(base):
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{base}/news/a7.html</loc><lastmod>{day(1, "date")}</lastmod></url>
<url><loc>{base}/news/a1.html?utm_content=sitemap</loc><lastmod>{day(5, "date")}</lastmod></url>
</urlset>""".encode("utf-8")


def cp1258(base):
    # "Hội nghị thượng đỉnh" in windows-1258: tone marks as combining bytes
    title = "Hội nghị thượng đỉnh khu vực"
    xml = f"""<?xml version="1.0" encoding="windows-1258"?>
<rss version="2.0"><channel><title>Tin 1258</title>
<item><title>{title}</title><link>{base}/news/a8.html</link><pubDate>{day(1)}</pubDate></item>
</channel></rss>"""
    return to_cp1258(xml)


TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text):
    """windows-1258 keeps letters with circumflex, breve and horn whole and
    writes the five tone marks as combining characters after them."""
    import unicodedata
    out = []
    for ch in text:
        d = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in d if c in TONES)
        rest = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
        out.append(rest + tones)
    return "".join(out).encode("cp1258", errors="strict")


def trouble(base):
    items = ["slow.html", "big.html", "loop1.html", "err500.html", "busy.html", "to-private.html", "moved.html"]
    body = "".join(f"<item><title>{i}</title><link>{base}/t/{i}</link></item>" for i in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{body}</channel></rss>'.encode()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are separate writes

    def log_message(self, fmt, *args):
        pass

    def log(self):
        inm = self.headers.get("If-None-Match") or "-"
        ims = "yes" if self.headers.get("If-Modified-Since") else "-"
        ua = (self.headers.get("User-Agent") or "-").replace(" ", "_")
        with LOCK:
            LOG.write(f"{time.time() - START:.3f} {self.command} {self.path} inm={inm} ims={ims} ua={ua}\n")

    def send(self, status, body=b"", ctype="text/html; charset=utf-8", headers=None, compress=False):
        if compress and "gzip" in (self.headers.get("Accept-Encoding") or ""):
            body = gzip.compress(body)
            headers = dict(headers or {}, **{"Content-Encoding": "gzip"})
        self.send_response(status)
        if ctype and status != 304:
            self.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and status != 304:
            self.wfile.write(body)

    def validated(self, body, ctype, etag=None, lastmod=None):
        h = {}
        if etag:
            h["ETag"] = etag
        if lastmod:
            h["Last-Modified"] = lastmod
        if etag and self.headers.get("If-None-Match") == etag:
            return self.send(304, b"", ctype, h)
        if not etag and lastmod and self.headers.get("If-Modified-Since") == lastmod:
            return self.send(304, b"", ctype, h)
        return self.send(200, body, ctype, h)

    def do_GET(self):
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        p = self.path
        self.log()
        with LOCK:
            COUNTS[p] = COUNTS.get(p, 0) + 1
            count = COUNTS[p]
        xml = "application/xml; charset=utf-8"
        if p == "/robots.txt" and BENCH_PAGES:  # the bench measures the crawler, not a Crawl-delay
            return self.send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        if p == "/robots.txt":
            body = (f"User-agent: *\nDisallow: /\n\n"
                    f"User-agent: attache\nDisallow: /private/\nAllow: /private/public.html\nCrawl-delay: 0.1\n\n"
                    f"Sitemap: {base}/sitemap_index.xml\n").encode()
            return self.send(200, body, "text/plain")
        if p == "/index.html":
            body = (f'<!DOCTYPE html><html><head><title>Báo Thử Nghiệm</title>'
                    f'<link rel="alternate" type="application/rss+xml" title="RSS" href="/rss.xml">'
                    f'</head><body><a href="/news/a1.html">Bài một</a></body></html>').encode()
            return self.validated(body, "text/html; charset=utf-8", etag='"index-1"')
        if p == "/rss.xml":
            return self.validated(rss(base), "application/rss+xml", etag='"rss-v1"')
        if p == "/atom.xml":
            return self.validated(atom(base), "application/atom+xml", lastmod="Thu, 07 May 2026 04:30:00 GMT")
        if p == "/rdf.xml":  # a lying validator: a new ETag every time, same body
            return self.validated(rdf(base), "application/rdf+xml", etag=f'"rdf-{count}"')
        if p == "/sitemap_index.xml":
            return self.validated(sitemap_index(base), xml, etag='"smi-1"')
        if p == "/sitemap_news.xml":
            return self.validated(sitemap_news(base), xml, etag='"smn-1"')
        if p == "/sitemap_pages.xml":
            return self.validated(sitemap_pages(base), xml, lastmod="Sun, 10 May 2026 00:00:00 GMT")
        if p == "/cp1258.xml":
            return self.validated(cp1258(base), "application/rss+xml", etag='"cp-1"')
        if p == "/broken.xml":
            return self.send(200, b'<?xml version="1.0"?><rss><channel><item><title>x</title></channel></rss>',
                             "application/rss+xml")
        if p == "/feed500.xml":
            return self.send(500, b"internal error", "text/plain")
        if p == "/trouble.xml":
            return self.send(200, trouble(base), "application/rss+xml")
        if p.startswith("/news/a") and p.endswith(".html"):
            try:
                n = int(p[len("/news/a"):-len(".html")])
            except ValueError:
                return self.send(404, b"not found", "text/plain")
            # a1 and a6 carry no date of their own; a8 has no title
            page = article(n, dated=n not in (1, 6), titled=n != 8)
            return self.send(200, page, compress=True,
                             headers={"Last-Modified": "Fri, 01 May 2026 00:00:00 GMT"})
        if p == "/news/old.html":
            return self.send(200, article(99))
        if p.startswith("/private/"):
            return self.send(200, article(98))
        if p == "/t/slow.html":
            time.sleep(3)
            return self.send(200, article(50))
        if p == "/t/big.html":
            return self.send(200, b"<html><body>" + b"<p>x</p>" * (300 * 1024) + b"</body></html>")
        if p in ("/t/loop1.html", "/t/loop2.html"):
            other = "/t/loop2.html" if p == "/t/loop1.html" else "/t/loop1.html"
            return self.send(302, b"", None, {"Location": other})
        if p == "/t/to-private.html":  # a redirect into a path robots.txt disallows
            return self.send(302, b"", None, {"Location": "/private/x.html"})
        if p == "/t/moved.html":
            return self.send(301, b"", None, {"Location": f"{base}/news/a9.html"})
        if p == "/t/err500.html":
            return self.send(500, b"boom", "text/plain")
        if p == "/t/busy.html":
            if count == 1:
                return self.send(429, b"slow down", "text/plain", {"Retry-After": "1"})
            return self.send(200, article(51))
        if p == "/bench.txt" and BENCH_PAGES:
            body = "".join(f"{base}/b/{i}.html\n" for i in range(1, BENCH_PAGES + 1)).encode()
            return self.send(200, body, "text/plain")
        if p.startswith("/b/") and BENCH_PAGES:
            try:
                n = int(p[3:-5])
            except ValueError:
                return self.send(404, b"not found", "text/plain")
            return self.send(200, bench_page(n))
        return self.send(404, b"not found", "text/plain")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64


def main():
    global LOG, BENCH_PAGES
    LOG = open(sys.argv[1], "a", buffering=1)
    BENCH_PAGES = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    srv = Server(("127.0.0.1", 0), Handler)
    print(srv.server_address[1], flush=True)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    # Runs until killed (the test's trap), at most FOLLOW_SERVER_LIFETIME s.
    deadline = time.time() + float(os.environ.get("FOLLOW_SERVER_LIFETIME", "900"))
    try:
        while time.time() < deadline:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    srv.shutdown()


if __name__ == "__main__":
    main()
