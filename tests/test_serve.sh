#!/bin/sh
# test_serve.sh - `attache serve` end to end: command-line checks, the API
# tests (tests/serve_api_test.py) and the browser tests
# (tests/serve_browser_test.py, Chromium + chromedriver via python3-selenium)
# against servers started on random loopback ports over a database built
# from the samples.  Everything it starts is stopped at exit; every wait is
# bounded.  Prints cmocka-style summary lines for tests/run-tests.sh.
# Usage: tests/test_serve.sh BUILD_DIR
B=${1:-build}
BIN="$B/attache"
# Debian's python3 (python3-jsonschema, python3-selenium), whatever python3 the PATH gives first
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
T=$(mktemp -d /tmp/attache-serve.XXXXXX)
PIDS=""
cleanup() {
    for p in $PIDS; do kill "$p" 2>/dev/null; done
    sleep 0.3
    for p in $PIDS; do kill -9 "$p" 2>/dev/null; done
    rm -rf "$T"
}
trap cleanup EXIT INT TERM
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "[  FAILED  ] serve: $1"; }
summary() {
    echo "[==========] $((pass + fail)) test(s) run."
    echo "[  PASSED  ] $pass test(s)."
    [ "$fail" -eq 0 ] || { echo "[  FAILED  ] $fail test(s)."; exit 1; }
    exit 0
}
expect_rc() { # expect_rc NAME RC CMD...
    name=$1; want=$2; shift 2
    "$@" >"$T/out" 2>&1; rc=$?
    if [ "$rc" -eq "$want" ]; then ok; else bad "$name: exit $rc, wanted $want: $(head -3 "$T/out")"; fi
}

# start_server LOGNAME ARGS...: start in the background, wait (bounded) for
# the "serving on" line, set PORT
start_server() {
    log="$T/$1.log"; shift
    "$BIN" --db "$T/s.db" serve --listen 127.0.0.1:0 "$@" >"$log" 2>&1 &
    pid=$!
    PIDS="$PIDS $pid"
    PORT=""
    i=0
    while [ $i -lt 100 ]; do
        [ -f "$log" ] && PORT=$(sed -n 's|^attache: serving on http://127.0.0.1:\([0-9]*\)/$|\1|p' "$log")
        [ -n "$PORT" ] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1; i=$((i + 1))
    done
    LASTPID=$pid
}

"$BIN" --db "$T/s.db" ingest -q samples/ >"$T/ingest.log" 2>&1
[ -s "$T/s.db" ] && ok || { bad "sample database not built: $(tail -3 "$T/ingest.log")"; summary; }

# command line
expect_rc "non-loopback without a token" 2 "$BIN" --db "$T/s.db" serve --listen 0.0.0.0:0
grep -q "needs --token-file" "$T/out" && ok || bad "non-loopback message: $(cat "$T/out")"
expect_rc "bad --listen" 2 "$BIN" --db "$T/s.db" serve --listen localhost
expect_rc "--follow --once (not a serve option)" 2 "$BIN" --db "$T/s.db" serve --follow --once
expect_rc "unknown option" 2 "$BIN" --db "$T/s.db" serve --port 80
printf 'short\n' >"$T/short.token"
expect_rc "short token" 2 "$BIN" --db "$T/s.db" serve --token-file "$T/short.token"
expect_rc "missing token file" 2 "$BIN" --db "$T/s.db" serve --token-file "$T/none.token"

# the burst: 12 copies of one story, dated today, raise a story_burst alert
mkdir -p "$T/burst"
SRC=samples/009_dung-do-bien-gioi-thai-lan-campuchia.txt
TODAY=$(date -u +%d/%m/%Y)
for i in 01 02 03 04 05 06 07 08 09 10 11 12; do
    { sed -n 1p "$SRC"; echo; echo "Bảo Ngọc 11:00 | $TODAY"; echo "Bản tin số $i của nguồn $i."; sed -n '4,$p' "$SRC"; } >"$T/burst/burst$i.txt"
done
{ sed -n 1p samples/021_trung-quoc-singapore-mien-thi-thuc.txt; echo; echo "Bản cập nhật."; sed -n '2,$p' samples/021_trung-quoc-singapore-mien-thi-thuc.txt; } >"$T/burst/fresh.txt"
# a second story for the browser's live-alert check (a story alerts once per cooldown)
mkdir -p "$T/burst2"
SRC2=samples/012_iran-tan-cong-israel-quoc-te-keu-goi-kiem-che.txt
for i in 01 02 03 04 05 06 07 08 09 10 11 12; do
    { sed -n 1p "$SRC2"; echo; echo "Minh Anh 08:00 | $TODAY"; echo "Tin số $i của nguồn $i."; sed -n '4,$p' "$SRC2"; } >"$T/burst2/burst$i.txt"
done

TOKEN=attache-test-token-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
printf '%s\n' "$TOKEN" >"$T/token"
start_server auth --token-file "$T/token"; AUTH_PORT=$PORT; AUTH_PID=$LASTPID
start_server open; OPEN_PORT=$PORT
if [ -z "$AUTH_PORT" ] || [ -z "$OPEN_PORT" ]; then
    bad "servers did not start: $(cat "$T/auth.log" "$T/open.log")"
    summary
fi
ok

# run_py SECONDS LOG SCRIPT ARGS...: one Python test script; its "N passed,
# N failed" line is added to the counts, its failures shown
run_py() {
    secs=$1; log=$2; shift 2
    PYTHONDONTWRITEBYTECODE=1 timeout "$secs" "$PY" "$@" >"$log" 2>&1
    rc=$?
    p=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$log"); f=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$log")
    pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0}))
    grep '^info:' "$log"
    if [ $rc -ne 0 ]; then
        [ -z "$f" ] && fail=$((fail + 1))
        grep -E '^FAIL|Traceback|Error' "$log" | head -20
        tail -5 "$log"
    fi
}
run_py 300 "$T/api.log" tests/serve_api_test.py "http://127.0.0.1:$AUTH_PORT" "$TOKEN" "http://127.0.0.1:$OPEN_PORT" "$T/burst"
mkdir -p "$B/screenshots"
run_py 400 "$T/browser.log" tests/serve_browser_test.py "http://127.0.0.1:$AUTH_PORT" "$TOKEN" "$T/burst2" "$B/screenshots" "$T/chrome"

# SIGTERM: the server finishes, says so and exits 0
kill -TERM "$AUTH_PID"
i=0
while kill -0 "$AUTH_PID" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$AUTH_PID" 2>/dev/null; then bad "server still running 10 s after SIGTERM"; else
    wait "$AUTH_PID"; rc=$?
    [ $rc -eq 0 ] && grep -q "serve: stopping" "$T/auth.log" && ok || bad "SIGTERM exit $rc: $(tail -3 "$T/auth.log")"
fi
grep -q "ERROR: AddressSanitizer\|runtime error" "$T/auth.log" "$T/open.log" && bad "sanitizer: $(grep -h -A5 'ERROR\|runtime error' "$T"/*.log | head -20)" || ok
summary
