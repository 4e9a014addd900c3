#!/usr/bin/env python3
"""bench_serve.py - load run of `attache serve` (make bench).

Usage: bench_serve.py ATTACHE DB [SECONDS] [CLIENTS]

Starts `attache serve` on a random loopback port over DB (with a token),
then for SECONDS (default 20) runs CLIENTS (default 50) concurrent clients,
each on its own keep-alive connection, mixing the read endpoints, while one
more client POSTs new pages to /api/v1/ingest (the bundled samples, each
made unique, and every 20th a burst of 12 copies of one story that raises
a story_burst alert) and one alert stream stays open.  First, each
endpoint alone from one client (BENCH_SERVE_SINGLE requests each).  Prints per endpoint the
request count, p50, p99 and max latency, the total requests/s, failed
requests, whether any answer said "database is locked", and the SSE
delivery time of the alerts the bursts raised (commit to arrival).  The server is
stopped (SIGTERM) at the end.  Bounded: every request has a timeout and the
run stops at its deadline.
"""
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ATT, DB = sys.argv[1], sys.argv[2]
SECONDS = float(sys.argv[3]) if len(sys.argv) > 3 else 20.0
CLIENTS = int(sys.argv[4]) if len(sys.argv) > 4 else 50
SINGLE_ROUNDS = int(os.environ.get("BENCH_SERVE_SINGLE", "20"))  # single-client requests per endpoint
# a pause between one client's requests (a person reading the answer); 0:
# back to back, so the 50 clients keep the server saturated and every
# latency includes waiting for the 49 others (Little's law: latency =
# clients / throughput)
THINK = float(os.environ.get("BENCH_SERVE_THINK_MS", "0")) / 1000.0
TOKEN = "bench-token-" + os.urandom(8).hex()
tmp = tempfile.mkdtemp(prefix="attache-bench-serve.")
open(os.path.join(tmp, "token"), "w").write(TOKEN + "\n")
log = open(os.path.join(tmp, "serve.log"), "w+")
srv = subprocess.Popen([ATT, "--db", DB, "serve", "--listen", "127.0.0.1:0", "--token-file", os.path.join(tmp, "token")],
                       stdout=log, stderr=log)
port = None
for _ in range(300):
    log.seek(0)
    for line in log.read().splitlines():
        if line.startswith("attache: serving on http://127.0.0.1:"):
            port = int(line.rsplit(":", 1)[1].strip("/"))
    if port or srv.poll() is not None:
        break
    time.sleep(0.1)
if not port:
    log.seek(0)
    print("bench_serve: the server did not start:", log.read()[-500:])
    srv.kill()
    sys.exit(1)

H = {"Authorization": "Bearer " + TOKEN}


def conn():
    return http.client.HTTPConnection("127.0.0.1", port, timeout=30)


def get(c, path):
    c.request("GET", path, headers=H)
    r = c.getresponse()
    return r.status, r.read()


# warm-up (not timed in the table): the aggregates the server keeps ready
# (overview, the actors list) are computed once at start
c0 = conn()
t_warm = time.perf_counter()
c0.sock = None
c0.timeout = 600
get(c0, "/api/v1/actors?limit=1000")
get(c0, "/api/v1/overview")
print("warm-up (first overview and actors list): %.1f s" % (time.perf_counter() - t_warm))
# parameters taken from the database itself
actors = [a["code"] for a in json.loads(get(c0, "/api/v1/actors?limit=40")[1])["items"]] or ["VNM"]
# actors with few mentions (the end of the list): a filter that selects little
rare = [a["code"] for a in json.loads(get(c0, "/api/v1/actors?limit=1000")[1])["items"]][-40:] or ["VNM"]
pairs = [(m["actor1"], m["actor2"]) for m in json.loads(get(c0, "/api/v1/overview")[1])["movers"]] or [("USA", "VNM")]
c0.close()
words = ["ngoai giao", "hợp tác", "Việt Nam", "trừng phạt", "\"quan hệ\"", "biển Đông", "hội đàm", "kinh tế OR thương mại",
         "an ninh", "Trung Quốc", "Nga", "Ukraine"]


def endpoints():
    a = random.choice(actors)
    p = random.choice(pairs)
    return [
        ("search", "/api/v1/search?q=" + urllib.parse.quote(random.choice(words)) + "&limit=20"),
        ("search+filters", "/api/v1/search?q=" + urllib.parse.quote(random.choice(words)) + "&actor=" + a + "&from=2024-01-01"),
        ("events", "/api/v1/events?actor=" + a + "&limit=100"),
        ("events pair", "/api/v1/events?actor=%s&b=%s&limit=100" % p),
        ("timeline", "/api/v1/timeline?a=%s&b=%s&by=week" % p),
        ("dyads", "/api/v1/dyads?actor=" + a + "&by=month&undirected=1"),
        ("stories", "/api/v1/stories?limit=50"),
        ("story", "/api/v1/stories/%d" % random.randint(1, 200)),
        ("actors", "/api/v1/actors?limit=200"),
        ("actor", "/api/v1/actors/" + a),
        ("quotes", "/api/v1/quotes?actor=" + a + "&limit=100"),
        ("commitments", "/api/v1/commitments?limit=100"),
        ("alerts", "/api/v1/alerts?limit=100"),
        ("article", "/api/v1/articles/%d" % random.randint(1, 1000)),
        ("overview", "/api/v1/overview"),
        ("healthz", "/api/v1/healthz"),
        ("search page 2", "/api/v1/search?q=" + urllib.parse.quote(random.choice(words)) + "&limit=20&cursor=20"),
        ("events rare actor", "/api/v1/events?actor=" + random.choice(rare) + "&limit=100"),
    ]


def mix():
    return random.choice(endpoints())


# single client first: each endpoint alone, one request at a time (what
# the code costs, before the load adds waiting)
c1 = conn()
single = {}
for rnd in range(SINGLE_ROUNDS):
    for name, path in endpoints():
        t0 = time.perf_counter()
        st, body = get(c1, path)
        single.setdefault(name, []).append(time.perf_counter() - t0)
        if st not in (200, 404):
            print("  single client: %s %s -> %d %s" % (name, path, st, body[:160]))
c1.close()


lat = {}
fails = []
locked = [0]
count_lock = threading.Lock()
deadline = time.time() + SECONDS


def client(seed):
    random.seed(seed)
    c = conn()
    while time.time() < deadline:
        name, path = mix()
        t0 = time.perf_counter()
        try:
            st, body = get(c, path)
        except Exception as e:  # a dropped connection counts as a failure
            st, body = 0, str(e).encode()
            c.close()
            c = conn()
        dt = time.perf_counter() - t0
        with count_lock:
            lat.setdefault(name, []).append(dt)
            if st not in (200, 404):
                fails.append((name, st, body[:200]))
            if b"database is locked" in body:
                locked[0] += 1
        if THINK:
            time.sleep(random.uniform(0.5, 1.5) * THINK)
    c.close()


samples = []
sdir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "samples")
for f in sorted(os.listdir(sdir)):
    if f.endswith(".txt"):
        samples.append(open(os.path.join(sdir, f), "rb").read())
ingested = [0, 0]


TODAY = time.strftime("%d/%m/%Y", time.gmtime()).encode()
alert_posts = []  # (sent, answered) of each POST whose answer says it raised an alert
burst_no = [int(time.time()) % 45]  # another story each run (a story alerts once per cooldown)


def burst_pages(k):
    """12 copies of sample k from 12 sources, dated today: a story burst
    (as tests/test_serve.sh makes them), which raises a story_burst alert."""
    lines = samples[k % len(samples)].split(b"\n")
    out = []
    for j in range(12):
        # a sentence of its own in the body: not a duplicate of the others
        extra = ("Theo nguồn tin thứ %d của đợt %d, phóng viên thường trú đã xác nhận toàn bộ thông tin nói trên"
                 " vào sáng cùng ngày." % (j, k)).encode()
        out.append(b"\n".join([lines[0], b"", "Bảo Ngọc 11:00 | ".encode() + TODAY] + lines[3:5] + [extra] + lines[5:]))
    return out


def post(c, name, body):
    t0 = time.perf_counter()
    try:
        c.request("POST", "/api/v1/ingest?name=" + urllib.parse.quote(name), body=body, headers=H)
        r = c.getresponse()
        b = r.read()
        t1 = time.perf_counter()
        with count_lock:
            lat.setdefault("POST ingest", []).append(t1 - t0)
            if r.status == 200:
                d = json.loads(b)
                ingested[0] += d["stored"]
                ingested[1] += len(body)
                if d.get("alerts"):
                    alert_posts.append((t0, t1))
            else:
                fails.append(("POST ingest", r.status, b[:200]))
            if b"database is locked" in b:
                locked[0] += 1
    except Exception as e:
        fails.append(("POST ingest", 0, str(e)[:200]))
        c.close()
        return conn()
    return c


def ingester():
    """New pages (samples made unique), and every 20th a story burst."""
    c = conn()
    i = 0
    while time.time() < deadline and samples:
        if i % 20 == 2:
            for j, body in enumerate(burst_pages(burst_no[0])):
                if time.time() >= deadline:
                    break
                c = post(c, "bench/burst%d-%d.txt" % (burst_no[0], j), body)
            burst_no[0] += 1
        else:
            doc = samples[i % len(samples)]
            first, _, rest = doc.partition(b"\n")
            body = first + b"\n\nBench " + str(i).encode() + b" " + os.urandom(6).hex().encode() + b".\n" + rest
            c = post(c, "bench/%d.txt" % i, body)
        i += 1
    c.close()


stream_events = [0]
stream_times = []


def streamer():
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=SECONDS + 30)
    c.request("GET", "/api/v1/alerts/stream", headers=H)
    r = c.getresponse()
    while time.time() < deadline + 5:
        line = r.fp.readline()
        if not line:
            break
        if line.startswith(b"data: "):
            stream_events[0] += 1
            stream_times.append(time.perf_counter())
    c.close()


def cpu_seconds(pid):
    """user+sys CPU seconds of a process so far (Linux /proc), or None."""
    try:
        f = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
        return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


cpu0 = cpu_seconds(srv.pid)
threads = [threading.Thread(target=client, args=(k,), daemon=True) for k in range(CLIENTS)]
threads += [threading.Thread(target=ingester, daemon=True), threading.Thread(target=streamer, daemon=True)]
t_start = time.time()
for t in threads:
    t.start()
for t in threads[:-1]:
    t.join(SECONDS + 60)
elapsed = time.time() - t_start
cpu1 = cpu_seconds(srv.pid)
srv.send_signal(signal.SIGTERM)
try:
    rc = srv.wait(30)
except subprocess.TimeoutExpired:
    srv.kill()
    rc = "killed"


def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(p * len(v)))] * 1000


print("| endpoint, one client alone (%d requests each) | p50 ms | p99 ms | max ms |" % SINGLE_ROUNDS)
print("|---|---|---|---|")
for k in sorted(single):
    v = single[k]
    print("| %s | %.1f | %.1f | %.1f |" % (k, pct(v, 0.5), pct(v, 0.99), max(v) * 1000))
print()
total = sum(len(v) for k, v in lat.items() if k != "POST ingest")
print("| endpoint (%d clients, %.0f s, think %.0f ms, ingest running) | requests | p50 ms | p99 ms | max ms |"
      % (CLIENTS, elapsed, THINK * 1000))
print("|---|---|---|---|---|")
for k in sorted(lat):
    v = lat[k]
    print("| %s | %d | %.1f | %.1f | %.1f |" % (k, len(v), pct(v, 0.5), pct(v, 0.99), max(v) * 1000))
print("reads: %.0f requests/s; failed requests: %d; 'database is locked': %d; ingested during the run: %d articles"
      " (%.2f MB); alerts streamed: %d; server exit: %s" % (total / elapsed, len(fails), locked[0], ingested[0],
                                                             ingested[1] / 1e6, stream_events[0], rc))
if cpu0 is not None and cpu1 is not None and total:
    print("server CPU during the load: %.1f s user+sys over %.0f s (%.2f cores), %.1f ms per request (reads and"
          " POSTs together, the refresher included)" % (cpu1 - cpu0, elapsed, (cpu1 - cpu0) / elapsed,
                                                        (cpu1 - cpu0) * 1000 / (total + len(lat.get("POST ingest", [])))))
# SSE delivery: an alert is committed during the POST that reports it
# (between sending it and its answer); its delivery time is the first
# stream event after the POST was sent, less the commit: at most
# arrival - sent, at least arrival - answer
lo, hi = [], []
for t0, t1 in alert_posts:
    arr = [t for t in stream_times if t >= t0]
    if arr:
        lo.append(arr[0] - t1)
        hi.append(arr[0] - t0)
if hi:
    print("SSE delivery of %d alerts raised by POST ingest: commit to arrival between %.0f and %.0f ms (median), at most"
          " %.0f ms (max); target < 1000 ms" % (len(hi), sorted(lo)[len(lo) // 2] * 1000, sorted(hi)[len(hi) // 2] * 1000,
                                                max(hi) * 1000))
elif SECONDS > 0:
    print("SSE delivery: no POST raised an alert during the run")
for f in fails[:5]:
    print("  failed:", f)
log.close()
sys.exit(1 if fails or locked[0] else 0)
