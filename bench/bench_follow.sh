#!/bin/sh
# bench/bench_follow.sh BUILD - a follow round over N pages served from
# loopback (tests/follow_server.py, --delay 0) against `attache ingest` of
# the same pages from files, in the same run.  N = $BENCH_FOLLOW_PAGES, else
# 10,000 (1,000 with BENCH_QUICK).  Prints pages per second of each and
# their ratio (the issue's target: follow >= 0.8 x ingest).
build=${1:-build}
B=$build/attache
N=${BENCH_FOLLOW_PAGES:-10000}
[ -n "$BENCH_QUICK" ] && N=${BENCH_FOLLOW_PAGES:-1000}
T=$(mktemp -d /tmp/attache-bench-follow.XXXXXX)
SRV=""
trap '[ -n "$SRV" ] && kill "$SRV" 2>/dev/null; rm -rf "$T"' EXIT
trap 'exit 1' INT TERM
HERE=$(dirname "$0")
# timed CMD...: run CMD; print "wall cpu" (seconds; cpu = user + system of CMD)
timed() {
    python3 -c '
import resource, subprocess, sys, time
t = time.monotonic()
rc = subprocess.call(sys.argv[1:])
w = time.monotonic() - t
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{w:.3f} {u.ru_utime + u.ru_stime:.3f}")
sys.exit(rc)' "$@"
}

python3 - "$T/pages" "$N" "$HERE/../tests" <<'PY' || exit 1
import os, sys
sys.path.insert(0, sys.argv[3])
import follow_server
os.makedirs(sys.argv[1])
for i in range(1, int(sys.argv[2]) + 1):
    with open(os.path.join(sys.argv[1], f"{i:06d}.html"), "wb") as f:
        f.write(follow_server.bench_page(i))
PY
bytes=$(du -sb "$T/pages" | cut -f1)

# follow runs the pipeline in one thread: ingest --jobs 1 is the like-for-like
# baseline; ingest with its default jobs (one per core) is shown beside it
ti=$(timed "$B" --db "$T/ingest.db" ingest -q --jobs 1 "$T/pages") || exit 1
tj=$(timed "$B" --db "$T/ingest-jobs.db" ingest -q "$T/pages") || exit 1

python3 "$HERE/../tests/follow_server.py" "$T/log" "$N" >"$T/port" 2>"$T/server.err" &
SRV=$!
i=0
while [ ! -s "$T/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
P=$(head -1 "$T/port")
[ -n "$P" ] || { echo "bench_follow: fixture server did not start" >&2; exit 1; }
"$B" --db "$T/follow.db" sources add "http://127.0.0.1:$P/bench.txt" --kind urls >/dev/null || exit 1
tf=$(timed "$B" --db "$T/follow.db" follow --once --delay 0 --max-age 0 -q) || exit 1

ni=$("$B" --db "$T/ingest.db" export articles | wc -l)
nf=$("$B" --db "$T/follow.db" export articles | wc -l)
python3 - "$N" "$bytes" $ti $tf "$ni" "$nf" "$(nproc)" "$(cut -d' ' -f1 /proc/loadavg)" $tj <<'PY'
import sys
n, size = int(sys.argv[1]), int(sys.argv[2])
wi, ci, wf, cf = map(float, sys.argv[3:7])
ni, nf = int(sys.argv[7]), int(sys.argv[8])
wj, cj = float(sys.argv[11]), float(sys.argv[12])
print(f"{n} pages ({size / 1e6:.1f} MB) composed from the bundled samples; "
      f"{sys.argv[9]} CPUs, load {sys.argv[10]}")
print(f"                          wall      pages/s   CPU (user+sys)  pages/CPU-s")
print(f"  ingest --jobs 1     {wi:8.2f} s {n / wi:9.0f}   {ci:8.2f} s  {n / ci:9.0f}   ({ni} articles)")
print(f"  ingest (all cores)  {wj:8.2f} s {n / wj:9.0f}   {cj:8.2f} s  {n / cj:9.0f}")
print(f"  follow, loopback    {wf:8.2f} s {n / wf:9.0f}   {cf:8.2f} s  {n / cf:9.0f}   ({nf} articles; --delay 0)")
print(f"  follow / ingest -j1 {wi / wf:8.2f}x (wall)       {ci / cf:8.2f}x (CPU)   target >= 0.80x")
print(f"  follow / ingest     {wj / wf:8.2f}x (wall, ingest on all cores)")
PY
