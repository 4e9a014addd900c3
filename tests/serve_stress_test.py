#!/usr/bin/env python3
"""serve_stress_test.py - the server's limits and its concurrency
(run by tests/test_serve_stress.sh).

Usage: serve_stress_test.py ATTACHE WORKDIR SAMPLES_DIR

Limits, each provoked for real on its own server (127.0.0.1, a port the
system picks), with the knobs of docs/SERVE.md:
  429  ATTACHE_SERVE_QUEUE=1 and ATTACHE_SERVE_INGEST_DELAY_MS: one job in
       the writer, one waiting, the third POST is refused;
  503  the database made unreadable (ATTACHE_SERVE_POOL=0: every request
       opens its own read connection; the file is moved away and a
       folder put in its place), then readable again;
  503  a request on a kept-alive connection while the server stops (a
       slow POST holds the stop; it still completes and commits);
  401/403/413 are covered by serve_api_test.py.
Search: the cursor walks every hit of a search with 400 (pages of 100 and
of 37), each once, the page's hits with their snippets.
Concurrency (issue 16 point 4 for the server): reader threads call every
read endpoint in a loop while the server's writer stores pages POSTed by
another thread: no request fails, no 5xx, no "database is locked"; an
article seen during the run has then the quotes and events it has at the
end (never half-written); the final counts equal a plain `attache
ingest` of the same pages in the same order.
Every loop is bounded in count and time; every server started is stopped.
Prints "ok NAME" / "FAIL NAME: why" and "N passed, N failed".
"""
import http.client
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse

from serve_common import check, finish

ATT, WORK, SAMPLES = sys.argv[1], sys.argv[2], sys.argv[3]
TOKEN = "stress-token-" + os.urandom(8).hex()
TOKFILE = os.path.join(WORK, "token")
with open(TOKFILE, "w") as f:
    f.write(TOKEN + "\n")
H = {"Authorization": "Bearer " + TOKEN}
servers = []


def start(db, env=None, name="serve"):
    """Start a server over db; (process, port) or (process, None)."""
    log = open(os.path.join(WORK, name + ".log"), "w+")
    e = dict(os.environ)
    e.update(env or {})
    p = subprocess.Popen([ATT, "--db", db, "serve", "--listen", "127.0.0.1:0", "--token-file", TOKFILE],
                         stdout=log, stderr=log, env=e)
    servers.append(p)
    for _ in range(150):
        log.seek(0)
        for line in log.read().splitlines():
            if line.startswith("attache: serving on http://127.0.0.1:"):
                return p, int(line.rsplit(":", 1)[1].strip("/")), log
        if p.poll() is not None:
            break
        time.sleep(0.1)
    log.seek(0)
    print("server did not start:", log.read()[-500:])
    return p, None, log


def stop(p, secs=30):
    p.send_signal(signal.SIGTERM)
    try:
        return p.wait(secs)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait(5)
        return "killed"


def request(port, method, path, body=None, conn=None, timeout=60):
    """(status, parsed JSON or raw bytes); a connection error gives (0, text)."""
    c = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.request(method, path, body=body, headers=H)
        r = c.getresponse()
        b = r.read()
    except (OSError, http.client.HTTPException) as e:
        if not conn:
            c.close()
        return 0, str(e)
    if not conn:
        c.close()
    try:
        return r.status, json.loads(b)
    except ValueError:
        return r.status, b


def is_error(d, code):
    return isinstance(d, dict) and d.get("error", {}).get("code") == code and bool(d["error"].get("message"))


pages = sorted(f for f in os.listdir(SAMPLES) if f.endswith(".txt"))


def page(i):
    return open(os.path.join(SAMPLES, pages[i % len(pages)]), "rb").read()


def unique(i, tag):
    """Sample page i made unique (a line after its title), as a new article."""
    first, _, rest = page(i).partition(b"\n")
    return first + b"\n\n" + ("%s %d." % (tag, i)).encode() + b"\n" + rest


# ---- 429: the ingest queue is full ----
db = os.path.join(WORK, "limits.db")
subprocess.run([ATT, "--db", db, "ingest", "-q", os.path.join(SAMPLES, pages[0])], check=False)
p, port, log = start(db, {"ATTACHE_SERVE_QUEUE": "1", "ATTACHE_SERVE_INGEST_DELAY_MS": "2500"}, "queue")
check("server with a queue of 1 starts", port is not None)
if port:
    res = {}

    def post(k):
        res[k] = request(port, "POST", "/api/v1/ingest?name=q%2F" + str(k), unique(k + 1, "Queue"))

    t1 = threading.Thread(target=post, args=(1,))
    t1.start()
    time.sleep(0.5)  # job 1 is in the writer (2.5 s), the queue is empty
    t2 = threading.Thread(target=post, args=(2,))
    t2.start()
    time.sleep(0.5)  # job 2 waits in the queue
    st, d = request(port, "POST", "/api/v1/ingest?name=q%2F3", unique(4, "Queue"))
    check("third POST while the queue is full -> 429", st == 429 and is_error(d, "too_many_requests"), (st, d))
    st, d = request(port, "GET", "/api/v1/healthz")
    check("reads go on while the queue is full", st == 200, (st, d))
    t1.join(30)
    t2.join(30)
    check("the queued POSTs complete", res.get(1, (0,))[0] == 200 and res.get(2, (0,))[0] == 200, res)
    st, d = request(port, "POST", "/api/v1/ingest?name=q%2F3", unique(4, "Queue"))
    check("POST again once the queue drained -> 200", st == 200 and d.get("stored") == 1, (st, d))
    check("server stops cleanly", stop(p) == 0)

# ---- 503: the database does not answer ----
p, port, log = start(db, {"ATTACHE_SERVE_POOL": "0"}, "unreadable")
check("server without a connection pool starts", port is not None)
if port:
    st, d = request(port, "GET", "/api/v1/stories?limit=5")
    check("stories before", st == 200, (st, d))
    os.rename(db, db + ".away")
    os.mkdir(db)
    for path in ["/api/v1/stories?limit=5", "/api/v1/healthz", "/api/v1/events?limit=5", "/api/v1/search?q=hop+tac"]:
        st, d = request(port, "GET", path)
        check("database unreadable: " + path + " -> 503", st == 503 and is_error(d, "unavailable"), (st, d))
    os.rmdir(db)
    os.rename(db + ".away", db)
    st, d = request(port, "GET", "/api/v1/stories?limit=5")
    check("database readable again -> 200", st == 200, (st, d))
    check("server stops cleanly", stop(p) == 0)

# ---- 503: a request while the server stops ----
p, port, log = start(db, {"ATTACHE_SERVE_INGEST_DELAY_MS": "3000"}, "stopping")
check("server with a slow writer starts", port is not None)
if port:
    keep = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    st, d = request(port, "GET", "/api/v1/healthz", conn=keep)
    n0 = d.get("articles", -1) if isinstance(d, dict) else -1
    check("kept-alive connection answers", st == 200, (st, d))
    slow = {}

    def slow_post():
        slow["r"] = request(port, "POST", "/api/v1/ingest?name=stop%2F1", unique(7, "Stop"))

    ts = threading.Thread(target=slow_post)
    ts.start()
    time.sleep(0.5)  # the job is in the writer for 3 s
    p.send_signal(signal.SIGTERM)
    time.sleep(0.6)  # the server has seen the signal (it looks every 0.1 s)
    st, d = request(port, "GET", "/api/v1/healthz", conn=keep)
    check("request while stopping -> 503", st == 503 and is_error(d, "unavailable") and "shutting down" in d["error"]["message"],
          (st, d))
    ts.join(30)
    check("the POST in progress completes", slow.get("r", (0,))[0] == 200 and slow["r"][1].get("stored") == 1, slow)
    try:
        rc = p.wait(30)
    except subprocess.TimeoutExpired:
        p.kill()
        rc = "killed"
    check("server exits 0 after finishing", rc == 0, rc)
    keep.close()
    con = sqlite3.connect(db)
    n1 = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    con.close()
    check("the POST in progress was committed", n1 == n0 + 1, (n0, n1))

# ---- search: the cursor reaches every hit of a search with 400 ----
gdir = os.path.join(WORK, "gen")
subprocess.run(["sh", os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen_pages.sh"), "400", gdir], check=False)
gdb = os.path.join(WORK, "gen.db")
subprocess.run([ATT, "--db", gdb, "ingest", "-q", gdir], check=False)
p, port, log = start(gdb, {}, "search")
check("server over 400 pages starts", port is not None)
if port:
    for q, size in [("ngoai giao", 100), ("Bộ Ngoại giao", 37)]:
        ids, cur, total, pages_read, ok_pages = [], None, None, 0, True
        while pages_read < 50:
            path = "/api/v1/search?q=" + urllib.parse.quote(q) + "&limit=%d" % size
            st, d = request(port, "GET", path + ("&cursor=" + urllib.parse.quote(cur) if cur else ""))
            pages_read += 1
            if st != 200:
                ok_pages = False
                break
            total = d["total"]  # the hits examined so far: the best 300, then all (docs/SERVE.md)
            ok_pages = ok_pages and all(h["snippet"] for h in d["items"])
            ids += [h["id"] for h in d["items"]]
            cur = d["next_cursor"]
            if not cur:
                break
        check("search '%s' pages of %d: every hit once (%d hits)" % (q, size, len(ids)),
              ok_pages and total == 400 and len(ids) == 400 and len(set(ids)) == 400, (st, total, len(ids), len(set(ids))))
    st, d = request(port, "GET", "/api/v1/search?q=ngoai+giao&limit=5&cursor=395")
    check("search: a deep page examines every match", st == 200 and d["total"] == 400 and d["window"] > 300 and
          len(d["items"]) == 5 and d["next_cursor"] is None, d)
    st, d = request(port, "GET", "/api/v1/search?q=ngoai+giao&limit=5")
    check("search: the first page examines the best 300", st == 200 and d["total"] == 300 and d["window"] == 300 and
          d["next_cursor"] == "5", d)
    check("server stops cleanly", stop(p) == 0)

# ---- concurrency: readers while the writer ingests ----
cdb = os.path.join(WORK, "conc.db")
first = pages[: len(pages) // 3]
rest_idx = list(range(len(first), len(pages)))
seed_dir = os.path.join(WORK, "seed")
os.mkdir(seed_dir)
for f in first:
    shutil.copy(os.path.join(SAMPLES, f), seed_dir)
subprocess.run([ATT, "--db", cdb, "ingest", "-q", seed_dir], check=False)
p, port, log = start(cdb, {}, "concurrent")
check("server for the concurrency run starts", port is not None)
if port:
    READERS, SECONDS, MAX_REQ = 6, 25.0, 400
    deadline = time.time() + SECONDS
    done = threading.Event()
    lock = threading.Lock()
    failures, seen_articles, counts = [], {}, {"reads": 0}
    actors = ["VNM", "USA", "CHN", "RUS", "JPN", "UKR"]

    def paths():
        a, b = random.sample(actors, 2)
        return [
            "/api/v1/search?q=" + urllib.parse.quote(random.choice(["hợp tác", "ngoai giao", "Việt Nam", "an ninh"])) + "&limit=20",
            "/api/v1/search?q=hop+tac&histogram=1&actor=" + a,
            "/api/v1/events?actor=%s&limit=50" % a,
            "/api/v1/events?actor=%s&b=%s&limit=50" % (a, b),
            "/api/v1/dyads?actor=%s&by=month" % a,
            "/api/v1/timeline?a=%s&b=%s&by=week" % (a, b),
            "/api/v1/stories?limit=20",
            "/api/v1/stories/%d" % random.randint(1, 30),
            "/api/v1/actors?limit=50",
            "/api/v1/actors/" + a,
            "/api/v1/quotes?limit=50",
            "/api/v1/commitments?limit=50",
            "/api/v1/alerts?limit=50",
            "/api/v1/articles/%d" % random.randint(1, len(pages) + 5),
            "/api/v1/overview",
            "/api/v1/healthz",
            "/api/v1/metrics",
        ]

    def reader(k):
        random.seed(k)
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        n = 0
        while not done.is_set() and time.time() < deadline and n < MAX_REQ:
            path = random.choice(paths())
            st, d = request(port, "GET", path, conn=c)
            n += 1
            text = d if isinstance(d, bytes) else json.dumps(d, ensure_ascii=False).encode()
            with lock:
                counts["reads"] += 1
                if st == 0:
                    c.close()
                    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                if st not in (200, 404) or b"database is locked" in text:
                    failures.append((path, st, text[:200]))
                if st == 200 and path.startswith("/api/v1/articles/"):
                    seen_articles.setdefault(d["id"], []).append(d)
            # what search shows must be readable too
            if st == 200 and path.startswith("/api/v1/search") and d["items"]:
                h = random.choice(d["items"])
                st2, d2 = request(port, "GET", "/api/v1/articles/%d" % h["id"], conn=c)
                with lock:
                    if st2 != 200:
                        failures.append(("article of a search hit %d" % h["id"], st2, str(d2)[:200]))
                    else:
                        seen_articles.setdefault(d2["id"], []).append(d2)
        c.close()

    posted = []

    def writer():
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        for i in rest_idx:
            if time.time() > deadline + 60:
                break
            st, d = request(port, "POST", "/api/v1/ingest?name=" + urllib.parse.quote(pages[i]), page(i), conn=c)
            with lock:
                posted.append(pages[i])
                if st != 200:
                    failures.append(("POST " + pages[i], st, str(d)[:200]))
        c.close()
        done.set()

    threads = [threading.Thread(target=reader, args=(k,), daemon=True) for k in range(READERS)]
    wt = threading.Thread(target=writer, daemon=True)
    for t in threads:
        t.start()
    wt.start()
    wt.join(SECONDS + 120)
    done.set()
    for t in threads:
        t.join(90)
    print("info: %d reads during the ingest of %d pages" % (counts["reads"], len(posted)))
    check("every page was POSTed", len(posted) == len(rest_idx), len(posted))
    check("no failed read, no 5xx, no 'database is locked'", not failures, failures[:5])
    check("readers ran", counts["reads"] >= READERS * 5, counts["reads"])
    # never half-written: an article seen during the run is as it is now
    half = []
    for aid, views in seen_articles.items():
        st, now = request(port, "GET", "/api/v1/articles/%d" % aid)
        for v in views:
            if st != 200 or v != now:
                half.append((aid, v.get("events"), now.get("events") if isinstance(now, dict) else st))
    check("no half-written article seen (%d articles seen)" % len(seen_articles), not half, half[:5])
    # the overview is kept ready-made; a commit makes the server recompute
    # it within seconds (not at its 30 s refresh)
    t_end = time.time()
    con = sqlite3.connect(cdb)
    n_art = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    con.close()
    for _ in range(100):
        st, ov = request(port, "GET", "/api/v1/overview")
        if st != 200 or ov["totals"]["articles"] == n_art:
            break
        time.sleep(0.1)
    check("the overview shows the last commit within 10 s",
          st == 200 and ov["totals"]["articles"] == n_art, (st, ov.get("totals") if isinstance(ov, dict) else ov, n_art))
    print("info: overview up to date %.1f s after the last POST" % (time.time() - t_end))
    check("server stops cleanly", stop(p) == 0)
    # the same pages in the same order through plain ingest
    pdb = os.path.join(WORK, "plain.db")
    subprocess.run([ATT, "--db", pdb, "ingest", "-q", seed_dir], check=False)
    for f in posted:
        subprocess.run([ATT, "--db", pdb, "ingest", "-q", os.path.join(SAMPLES, f)], check=False)
    q = ("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), (SELECT count(*) FROM mentions),"
         " (SELECT count(*) FROM quotes), (SELECT count(*) FROM stories), (SELECT count(*) FROM alerts)")
    a = sqlite3.connect(cdb).execute(q).fetchone()
    b = sqlite3.connect(pdb).execute(q).fetchone()
    check("final counts equal a plain ingest (articles, events, mentions, quotes, stories, alerts)", a == b, (a, b))

for p in servers:
    if p.poll() is None:
        p.kill()
log_text = ""
for f in os.listdir(WORK):
    if f.endswith(".log"):
        log_text += open(os.path.join(WORK, f), errors="replace").read()
check("no sanitizer report in the server logs", "AddressSanitizer" not in log_text and "runtime error" not in log_text,
      log_text[-800:])
finish()
