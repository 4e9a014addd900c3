#!/usr/bin/env python3
"""serve_api_test.py - API tests of `attache serve` (run by tests/test_serve.sh).

Usage: serve_api_test.py BASE_URL TOKEN OPEN_BASE_URL BURST_DIR
  BASE_URL       a server started with --token-file (TOKEN)
  OPEN_BASE_URL  a server on the same database without a token
  BURST_DIR      burst*.txt: copies of one story that raise a story_burst alert

Every endpoint is called, its answer checked against the OpenAPI document
the server serves (python3-jsonschema), with its filters, pagination,
errors, authentication and limits.  Prints "ok NAME" / "FAIL NAME: why"
and a last line "N passed, N failed"; exits 1 if any failed.
"""
import http.client
import json
import os
import socket
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import jsonschema

from serve_common import check, finish

BASE, TOKEN, OPEN, BURST = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3].rstrip("/"), sys.argv[4]


def call(path, token=TOKEN, base=None, method="GET", body=None, headers=None):
    """(status, headers, body bytes) of one request; never raises on HTTP errors."""
    url = (base or BASE) + path
    h = dict(headers or {})
    if token:
        h["Authorization"] = "Bearer " + token
    req = urllib.request.Request(url, data=body, method=method, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def get_json(path, **kw):
    st, h, b = call(path, **kw)
    try:
        return st, json.loads(b)
    except ValueError:
        return st, None


spec_status, spec = get_json("/api/v1/openapi.json")
check("openapi.json served", spec_status == 200 and spec and spec.get("openapi", "").startswith("3.1"), spec_status)


def validate(name, path_key, status, doc, method="get"):
    """Check doc against the document's schema for path_key's status answer."""
    resp = spec["paths"][path_key][method]["responses"][str(status)]
    if "$ref" in resp:
        resp = spec["components"]["responses"][resp["$ref"].split("/")[-1]]
    schema = dict(next(iter(resp["content"].values()))["schema"])
    schema["components"] = spec["components"]
    try:
        jsonschema.Draft202012Validator(schema).validate(doc)
        check(name + " matches the OpenAPI schema", True)
    except jsonschema.ValidationError as e:
        check(name + " matches the OpenAPI schema", False, e.message[:300])


def endpoint(name, path, path_key, expect=200):
    st, doc = get_json(path)
    check(name + " answers " + str(expect), st == expect, "got %s: %s" % (st, str(doc)[:200]))
    if doc is not None and path_key in spec["paths"]:
        validate(name, path_key, st, doc)
    return doc or {}


# ---- every endpoint, against the document ----
endpoint("healthz", "/api/v1/healthz", "/healthz")
ov = endpoint("overview", "/api/v1/overview", "/overview")
check("overview has countries", len(ov.get("countries", [])) > 5, ov.get("countries"))
sr = endpoint("search", "/api/v1/search?q=ngoai+giao&histogram=1", "/search")
check("search finds accent-free", sr.get("total", 0) > 0, sr)
sr2 = endpoint("search accented", "/api/v1/search?q=" + urllib.parse.quote("ngoại giao"), "/search")
check("search finds accented", sr2.get("total", 0) > 0, sr2)
check("search marks matches", any("\u0002" in (h.get("snippet") or "") for h in sr.get("items", [])), sr.get("items"))
art_id = sr["items"][0]["id"]
art = endpoint("article", "/api/v1/articles/%d" % art_id, "/articles/{id}")
check("article is the hit", art.get("id") == art_id)
ev = endpoint("events", "/api/v1/events?limit=1000", "/events")
dy = endpoint("dyads", "/api/v1/dyads", "/dyads")
tl = endpoint("timeline", "/api/v1/timeline?a=VNM&b=USA", "/timeline")
check("timeline has periods", len(tl.get("items", [])) > 0)
check("timeline pairs are undirected", all(d["actor1"] == "USA" and d["actor2"] == "VNM" and not d["directed"] for d in tl["items"]))
stl = endpoint("stories", "/api/v1/stories", "/stories")
sid = stl["items"][0]["id"]
st1 = endpoint("story", "/api/v1/stories/%d" % sid, "/stories/{id}")
check("story lists its articles", len(st1.get("article_list", [])) == st1.get("num_articles"), st1)
endpoint("actors", "/api/v1/actors", "/actors")
ac = endpoint("actor", "/api/v1/actors/VNM", "/actors/{code}")
check("actor has relations", len(ac.get("relations", [])) > 0)
qu = endpoint("quotes", "/api/v1/quotes", "/quotes")
cm = endpoint("commitments", "/api/v1/commitments", "/commitments")
al = endpoint("alerts", "/api/v1/alerts", "/alerts")
st, h, body = call("/api/v1/metrics")
check("metrics answers 200 text", st == 200 and h.get("Content-Type", "").startswith("text/plain"), st)
text = body.decode()
check("metrics has articles and events", "\nattache_articles " in text and "\nattache_events " in text, text[:200])
check("metrics has per-endpoint counts", 'attache_http_requests_total{endpoint="search",code="2xx"}' in text)
check("metrics has latency histograms", 'attache_http_request_seconds_bucket{endpoint="search",le="+Inf"}' in text)

# ---- filters ----
def items(path):
    st, d = get_json(path)
    return d.get("items", []) if st == 200 and d else None

e = items("/api/v1/events?actor=VNM&limit=1000")
check("events actor filter", e and all("VNM" in (x["actor1"]["code"], x["actor2"]["code"], x["actor1"]["country"], x["actor2"]["country"]) for x in e))
e = items("/api/v1/events?actor=VNM&b=USA&limit=1000")
check("events pair filter", e and all({x["actor1"]["country"], x["actor2"]["country"]} >= {"VNM", "USA"} or
                                      {x["actor1"]["code"], x["actor2"]["code"]} >= {"VNM", "USA"} for x in e), e and e[:1])
e = items("/api/v1/events?quad=4&limit=1000")
check("events quad filter", e and all(x["quad"] == 4 for x in e))
e = items("/api/v1/events?root=04&limit=1000")
check("events root filter", e and all(x["root"] == "04" for x in e))
e = items("/api/v1/events?modality=asserted&limit=1000")
check("events modality filter", e is not None and all(x["modality"] == "asserted" for x in e))
e = items("/api/v1/events?from=2024-01&to=2024-06&limit=1000")
check("events date filter", e and all(x["date"] and "2024-01" <= x["date"][:7] <= "2024-06" for x in e), e and e[:1])
d = items("/api/v1/dyads?actor=VNM&by=week&undirected=1")
check("dyads actor/by/undirected", d and all("VNM" in (x["actor1"], x["actor2"]) and x["by"] == "week" and not x["directed"] for x in d))
d = items("/api/v1/dyads?from=2024-01-01&to=2024-12-31")
check("dyads dates", d is not None and all("2024-01-01" <= x["period"] <= "2024-12-31" for x in d))
q = items("/api/v1/quotes?actor=USA")
check("quotes speaker filter", q and all(x["speaker"] and "USA" in (x["speaker"]["code"], x["speaker"]["country"]) for x in q))
q = items("/api/v1/quotes?article=%d" % art_id)
check("quotes article filter", q is not None and all(x["article_id"] == art_id for x in q))
c = items("/api/v1/commitments?actor=VNM")
check("commitments actor filter", c and all("VNM" in (x["who"], x["to_whom"]) for x in c))
s = get_json("/api/v1/search?q=ngoai+giao&from=2024-01-01&to=2024-12-31")[1]
check("search date filter", s and all(h["published"] and "2024-01-01" <= h["published"][:10] <= "2024-12-31" for h in s["items"]))
s = get_json("/api/v1/search?q=ngoai+giao&actor=JPN&histogram=1")[1]
check("search actor filter narrows", s and 0 < s["total"] < sr["total"], s and s["total"])
check("search histogram counts the matches", s and sum(h["count"] for h in s["histogram"]) <= s["total"])


# ---- pagination: pages joined are the whole list ----
def pages(path, key, size):
    out, cur, n = [], None, 0
    while n < 500:
        sep = "&" if "?" in path else "?"
        st, d = get_json(path + sep + "limit=%d" % size + ("&cursor=" + urllib.parse.quote(cur) if cur else ""))
        if st != 200:
            return None
        out += [x[key] for x in d["items"]]
        cur = d["next_cursor"]
        n += 1
        if not cur:
            return out
    return None


for name, path, key, size in [("stories", "/api/v1/stories", "id", 7), ("events", "/api/v1/events", "id", 50),
                              ("quotes", "/api/v1/quotes", "id", 33), ("commitments", "/api/v1/commitments", "id", 20),
                              ("search", "/api/v1/search?q=quan+he", "id", 5),
                              ("events by actor", "/api/v1/events?actor=USA", "id", 6),
                              ("events of a pair", "/api/v1/events?actor=USA&b=CHN", "id", 2),
                              ("quotes by speaker", "/api/v1/quotes?actor=VNM", "id", 3)]:
    whole = [x[key] for x in items(path + ("&" if "?" in path else "?") + "limit=" + {"search": "100", "stories": "500"}.get(name, "1000"))]
    paged = pages(path, key, size)
    check(name + " pagination covers the list once", paged == whole and len(whole) > size, "%s vs %s" % (len(paged or []), len(whole)))

# the actor filters (read from per-side indexes) select what a scan would
every = items("/api/v1/events?limit=1000") or []


def names(e, side):
    return (e[side]["code"], e[side]["country"])


for a, b in [("USA", None), ("VNM", None), ("USA", "CHN"), ("CHN", "USA")]:
    want = [e["id"] for e in every if a in names(e, "actor1") + names(e, "actor2") and
            (b is None or (a in names(e, "actor1") and b in names(e, "actor2")) or
             (b in names(e, "actor1") and a in names(e, "actor2")))]
    got = [e["id"] for e in items("/api/v1/events?limit=1000&actor=" + a + ("&b=" + b if b else "")) or []]
    check("events actor=%s%s selects as a scan does (%d)" % (a, " b=" + b if b else "", len(want)), got == want and want,
          "%d vs %d" % (len(got), len(want)))
allq = items("/api/v1/quotes?limit=1000") or []
want = [q["id"] for q in allq if q.get("speaker") and "VNM" in (q["speaker"].get("code"), q["speaker"].get("country"))]
got = [q["id"] for q in items("/api/v1/quotes?limit=1000&actor=VNM") or []]
check("quotes actor=VNM selects as a scan does (%d)" % len(want), got == want and want, "%d vs %d" % (len(got), len(want)))

# ---- downloads ----
st, h, b = call("/api/v1/events?format=jsonl&actor=VNM")
lines = b.decode().splitlines()
check("events jsonl", st == 200 and lines and all(json.loads(l)["id"] for l in lines) and "attachment" in h.get("Content-Disposition", ""))
st, h, b = call("/api/v1/events?format=gdelt&header=1")
rows = b.decode().splitlines()
check("events gdelt has 61 columns", st == 200 and len(rows) > 1 and all(len(r.split("\t")) == 61 for r in rows), rows[:1])
st, h, b = call("/api/v1/events?format=csv")
check("events csv", st == 200 and b.decode().startswith("id,article_id,date") and h.get("Content-Type", "").startswith("text/csv"))

# ---- errors ----
def err(name, path, status, param=None, **kw):
    st, d = get_json(path, **kw)
    ok = st == status and d and "error" in d and d["error"].get("code") and d["error"].get("message")
    if ok and param:
        ok = d["error"]["message"].startswith(param + ":")
    check(name + " -> " + str(status), ok, "%s %s" % (st, d))
    if d and "error" in d:
        try:
            jsonschema.Draft202012Validator(dict(spec["components"]["schemas"]["Error"])).validate(d)
        except jsonschema.ValidationError as e:
            check(name + " error shape", False, e.message)


for path, param in [("/api/v1/stories?limit=0", "limit"), ("/api/v1/stories?limit=abc", "limit"),
                    ("/api/v1/stories?cursor=x.y", "cursor"), ("/api/v1/events?from=2024-13-45", "from"),
                    ("/api/v1/events?to=yesterday", "to"), ("/api/v1/events?quad=7", "quad"), ("/api/v1/events?root=4", "root"),
                    ("/api/v1/events?format=xml", "format"), ("/api/v1/events?cursor=nope", "cursor"),
                    ("/api/v1/events?b=USA", "b"), ("/api/v1/events?actor=V%27NM", "actor"), ("/api/v1/dyads?by=year", "by"),
                    ("/api/v1/timeline?a=VNM", "b"), ("/api/v1/search", "q"), ("/api/v1/search?q=%21%21%21", "q"),
                    ("/api/v1/alerts?since=soon", "since"), ("/api/v1/articles/abc", "id"), ("/api/v1/quotes?article=-1", "article"),
                    ("/api/v1/commitments?status=OPEN", "status"), ("/api/v1/dyads?undirected=maybe", "undirected")]:
    err("bad " + param + " " + path.split("?")[-1], path, 400, param)
# actors as people type them: names with or without accents, codes in any case
by_code = items("/api/v1/events?actor=CHN&limit=1000")
by_name = items("/api/v1/events?actor=" + urllib.parse.quote("trung quoc") + "&limit=1000")
check("events actor by accent-free name", by_code and by_name == by_code, "%d vs %d" % (len(by_name or []), len(by_code or [])))
st, d1 = get_json("/api/v1/timeline?a=USA&b=CHN&by=month")
st2, d2 = get_json("/api/v1/timeline?a=" + urllib.parse.quote("Hoa Kỳ") + "&b=chn&by=month")
check("timeline by names equals by codes", st == 200 and st2 == 200 and d1 == d2, "%s %s" % (st, st2))
err("unknown actor name", "/api/v1/events?actor=" + urllib.parse.quote("Trung Quoc X"), 400, "actor")
st, d = get_json("/api/v1/events?actor=" + urllib.parse.quote("Trung Quoc X"))
check("unknown actor suggests the closest", st == 400 and "CHN" in d["error"]["message"], d)
err("article not found", "/api/v1/articles/99999999", 404)
err("story not found", "/api/v1/stories/99999999", 404)
err("actor not found", "/api/v1/actors/ZZZZZ", 404)
err("unknown endpoint", "/api/v1/nothing", 404)
err("POST on a read endpoint", "/api/v1/stories", 405, method="POST", body=b"x")
err("DELETE", "/api/v1/stories", 405, method="DELETE")
err("GET ingest", "/api/v1/ingest", 405)
err("no token", "/api/v1/healthz", 401, token=None)
err("wrong token", "/api/v1/healthz", 403, token="wrong-token-wrong-token")
err("wrong token, same length", "/api/v1/healthz", 403, token="x" * len(TOKEN))
st, h, b = call("/api/v1/" + "a" * 5000)
check("long URL refused", st in (414, 431, 400), st)
st, h, b = call("/", token=None)
check("dashboard needs no token", st == 200 and b"<script src=\"/app.js\"></script>" in b, st)
csp = h.get("Content-Security-Policy", "")
check("strict CSP", "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp, csp)
check("nosniff", h.get("X-Content-Type-Options") == "nosniff")
for p in ["/../etc/passwd", "/vendor/", "/vendor", "/web/index.html", "/%2e%2e/Makefile", "/app.js/x"]:
    st, h, b = call(p, token=None)
    check("no file for " + p, st == 404, st)
st, h, b = call("/app.js", token=None)
check("app.js is JavaScript", st == 200 and h.get("Content-Type", "").startswith("text/javascript"))
st, h, b = call("/vendor/world-atlas/countries-110m.json", token=None)
check("world atlas served", st == 200 and json.loads(b)["type"] == "Topology")

# the open (loopback, no token) server
st, d = get_json("/api/v1/healthz", token=None, base=OPEN)
check("loopback server without token reads", st == 200 and d["status"] == "ok", st)
st, d = get_json("/api/v1/ingest", token=None, base=OPEN, method="POST", body=b"text")
check("ingest without a configured token -> 403", st == 403, st)

# body limit: the announced size is refused before the body is read
u = urllib.parse.urlparse(BASE)
con = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
con.putrequest("POST", "/api/v1/ingest")
con.putheader("Authorization", "Bearer " + TOKEN)
con.putheader("Content-Length", str(40 << 20))
con.endheaders()
try:
    con.send(b"x" * 65536)
except OSError:
    pass
r = con.getresponse()
check("body over 32 MB -> 413", r.status == 413, r.status)
con.close()

# a slow client that never finishes its headers is dropped (connection timeout)
s = socket.create_connection((u.hostname, u.port), timeout=5)
s.sendall(b"GET /api/v1/healthz HTTP/1.1\r\nHost: x\r\n")
check("server keeps answering while a slow client waits", call("/api/v1/healthz")[0] == 200)
s.close()

# ---- ingest ----
sample = open(os.path.join(BURST, "fresh.txt"), "rb").read()
st, d = get_json("/api/v1/ingest?name=test%2Ffresh.txt", method="POST", body=sample)
check("ingest stores", st == 200 and d["stored"] == 1, (st, d))
validate("ingest", "/ingest", 200, d, "post")
st, d = get_json("/api/v1/ingest?name=test%2Ffresh.txt", method="POST", body=sample)
check("ingest again is a duplicate", st == 200 and d["stored"] == 0 and d["duplicates"] == 1, (st, d))
st, d = get_json("/api/v1/ingest", method="POST", body=b"\x00\x01\x02binary\xff\xfe" * 100)
check("ingest of binary -> 400", st == 400 and d["error"]["message"].startswith("body:"), (st, d))
st, d = get_json("/api/v1/ingest?kind=pdf", method="POST", body=b"x")
check("ingest bad kind -> 400", st == 400, st)
st, d = get_json("/api/v1/ingest", method="POST", body=b"")
check("ingest empty -> 400", st == 400, st)
hostile = ("<html><head><title>&lt;script&gt;alert(1)&lt;/script&gt; Việt Nam và Nhật Bản hội đàm</title></head><body><article>"
           "<h1>&lt;script&gt;alert(1)&lt;/script&gt; Việt Nam và Nhật Bản hội đàm</h1>"
           + "<p>Ngày 5/6, Thủ tướng Việt Nam hội đàm với Thủ tướng Nhật Bản tại Hà Nội, hai bên nhất trí tăng cường hợp tác kinh tế và an ninh.</p>" * 6
           + "</article></body></html>").encode()
st, d = get_json("/api/v1/ingest?kind=html&name=test%2Fhostile.html", method="POST", body=hostile)
check("ingest HTML", st == 200 and d["stored"] == 1, (st, d))
st, d = get_json("/api/v1/search?q=alert")
check("a title with <script> comes back as text", st == 200 and any("<script>" in (h["title"] or "") for h in d["items"]), d)

# ---- the live stream: an alert raised by ingest reaches an open stream ----
got, opened = [], threading.Event()


def listen():
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    c.request("GET", "/api/v1/alerts/stream", headers={"Authorization": "Bearer " + TOKEN})
    r = c.getresponse()
    opened.set()
    buf = b""
    deadline = time.time() + 30
    while time.time() < deadline:
        line = r.fp.readline()
        if not line:
            break
        buf += line
        if line.startswith(b"data: "):
            got.append((time.time(), json.loads(line[6:])))
            break
    c.close()


th = threading.Thread(target=listen, daemon=True)
th.start()
opened.wait(10)
time.sleep(0.5)
names = sorted(f for f in os.listdir(BURST) if f.startswith("burst"))
t_last = None
for n in names:
    st, d = get_json("/api/v1/ingest?name=" + urllib.parse.quote("burst/" + n), method="POST",
                     body=open(os.path.join(BURST, n), "rb").read())
    t_last = time.time()
    if st != 200:
        check("burst ingest " + n, False, (st, d))
th.join(35)
check("an alert raised by POST ingest reaches the stream", got and got[0][1]["kind"] == "story_burst", got)
if got:
    print("info: alert delivered %.3f s after the last POST returned" % (got[0][0] - t_last))
    validate("stream alert", "/alerts", 200, {"items": [got[0][1]], "next_cursor": None})
st, d = get_json("/api/v1/alerts?since=2000-01-01")
check("alerts lists it", st == 200 and any(a["kind"] == "story_burst" for a in d["items"]), d)

finish()
