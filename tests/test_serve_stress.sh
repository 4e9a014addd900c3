#!/bin/sh
# test_serve_stress.sh - `attache serve` under pressure: 429 (ingest queue
# full), 503 (database unreadable; a request while stopping) provoked for
# real, and readers on every endpoint while the server's writer ingests
# (tests/serve_stress_test.py).  Servers run on 127.0.0.1 with ports the
# system picks; every wait is bounded; everything started is stopped.
# Usage: tests/test_serve_stress.sh BUILD_DIR.  Prints cmocka-style summary lines.
B=${1:-build}
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
T=$(mktemp -d /tmp/attache-servestress.XXXXXX)
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM
PYTHONDONTWRITEBYTECODE=1 timeout 600 "$PY" tests/serve_stress_test.py "$B/attache" "$T" samples >"$T/out.log" 2>&1
rc=$?
p=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$T/out.log")
f=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$T/out.log")
grep '^info:\|^FAIL' "$T/out.log"
if [ $rc -ne 0 ] && [ -z "$f" ]; then
    tail -20 "$T/out.log"
    f=1
fi
echo "[==========] $((${p:-0} + ${f:-0})) test(s) run."
echo "[  PASSED  ] ${p:-0} test(s)."
[ "${f:-0}" -eq 0 ] || { echo "[  FAILED  ] $f test(s)."; exit 1; }
exit 0
