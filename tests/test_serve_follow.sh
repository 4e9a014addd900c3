#!/bin/sh
# test_serve_follow.sh - `attache serve --follow`: the server runs the
# acquisition rounds of `attache follow` itself.  A fixture web site
# (tests/follow_server.py) and the server both run on 127.0.0.1 with ports
# the system picks; the feed's articles must become visible through the
# API, and SIGTERM must stop the server cleanly (exit 0).  Every wait is
# bounded; everything started is stopped at exit.
# Usage: tests/test_serve_follow.sh BUILD_DIR.  Prints cmocka-style summary lines.
B=${1:-build}/attache
HERE=$(dirname "$0")
T=$(mktemp -d /tmp/attache-servefollow.XXXXXX)
SRV=""; SV=""; SRV2=""
cleanup() {
    [ -n "$SV" ] && kill "$SV" 2>/dev/null
    [ -n "$SRV" ] && kill "$SRV" 2>/dev/null
    [ -n "$SRV2" ] && kill "$SRV2" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
. "$HERE/shlib.sh"
command -v python3 >/dev/null || { bad "python3 is needed for the fixture server"; finish; }
command -v curl >/dev/null || { bad "curl is needed"; finish; }

DB="$T/f.db"
# the command line
expect "follow option without --follow" 2 "$B" --db "$DB" serve --listen 127.0.0.1:0 --delay 0
has "follow option message" "$T/err" "--delay is an option of --follow"
expect "bad --delay" 2 "$B" --db "$DB" serve --listen 127.0.0.1:0 --follow --delay soon
has "bad --delay message" "$T/err" "--delay: 'soon' is not a number"

: >"$T/log"
python3 "$HERE/follow_server.py" "$T/log" >"$T/port" 2>"$T/server.err" &
SRV=$!
i=0
while [ ! -s "$T/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
P=$(head -1 "$T/port")
[ -n "$P" ] || { bad "fixture server did not start: $(cat "$T/server.err")"; finish; }
U="http://127.0.0.1:$P"
expect "sources add" 0 "$B" --db "$DB" sources add "$U/rss.xml"

# start_serve DB ARGS...: start `serve --follow` in the background, wait
# (bounded) for its port; sets SV and PORT (empty if it did not start)
start_serve() {
    db=$1; shift
    rm -f "$T/serve.log" # not the previous server's port
    "$B" --db "$db" serve --listen 127.0.0.1:0 --follow "$@" >"$T/serve.log" 2>&1 &
    SV=$!
    PORT=""
    i=0
    while [ $i -lt 100 ]; do
        [ -f "$T/serve.log" ] && PORT=$(sed -n 's|^attache: serving on http://127.0.0.1:\([0-9]*\)/$|\1|p' "$T/serve.log")
        [ -n "$PORT" ] && break
        kill -0 "$SV" 2>/dev/null || break
        sleep 0.1; i=$((i + 1))
    done
}
# articles DB_PORT: the article count /api/v1/healthz gives (empty on failure)
articles() { curl -s --max-time 5 "http://127.0.0.1:$1/api/v1/healthz" | sed -n 's/.*"articles": *\([0-9]*\).*/\1/p'; }
# stop_serve NAME: SIGTERM, wait (at most 10 s), expect exit 0
stop_serve() {
    kill -TERM "$SV"
    i=0
    while kill -0 "$SV" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    if kill -0 "$SV" 2>/dev/null; then
        bad "$1: server still running 10 s after SIGTERM"
    else
        wait "$SV"; rc=$?
        SV=""
        [ "$rc" = 0 ] && ok || bad "$1: server exit $rc after SIGTERM: $(tail -c 600 "$T/serve.log")"
    fi
}

start_serve "$DB" --delay 0 --archive "$T/arch"
[ -n "$PORT" ] || { bad "server did not start: $(head -c 600 "$T/serve.log")"; finish; }
ok
A="http://127.0.0.1:$PORT/api/v1"

# the feed lists a1, a2, a3 (stored), a private page (robots.txt) and an old one
n=0; i=0
while [ $i -lt 150 ]; do
    n=$(articles "$PORT")
    [ "${n:-0}" -ge 3 ] && break
    kill -0 "$SV" 2>/dev/null || break
    sleep 0.2; i=$((i + 1))
done
[ "${n:-0}" = 3 ] && ok || bad "articles after the first round: '${n}', want 3: $(head -c 800 "$T/serve.log")"
# the round's finish line reached the log once the round ended (bounded)
i=0
while [ $i -lt 50 ] && ! grep -q "follow: round 1:" "$T/serve.log"; do sleep 0.1; i=$((i + 1)); done
has "round line" "$T/serve.log" "follow: round 1: 1 sources"
has "round articles" "$T/serve.log" "3 new articles"
curl -s --max-time 5 "$A/search?q=th%C3%BAc%20%C4%91%E1%BA%A9y" >"$T/search.json"
has "search finds a followed article" "$T/search.json" "/news/a1.html"
ls "$T/arch"/*.warc* >/dev/null 2>&1 && ok || bad "no WARC archive written in $T/arch"
[ "$(grep -c ' /private/' "$T/log")" = 0 ] && ok || bad "robots.txt not obeyed"
# /metrics counts what the rounds stored (not only POST ingest)
curl -s --max-time 5 "$A/metrics" >"$T/metrics.txt"
has "metrics: follow rounds" "$T/metrics.txt" "attache_follow_rounds_total 1"
has "metrics: follow articles" "$T/metrics.txt" "attache_follow_articles_total 3"
has "metrics: follow articles in the ingest total" "$T/metrics.txt" "attache_ingest_articles_total 3"
grep -q "^attache_follow_pages_total [1-9]" "$T/metrics.txt" && ok || bad "metrics: follow pages: $(grep follow_pages "$T/metrics.txt")"
# the overview (kept ready-made) shows the round's articles: a commit makes
# the server recompute it (within seconds, not at its 30 s refresh)
i=0
while [ $i -lt 100 ] && ! curl -s --max-time 5 "$A/overview" | grep -q '"articles": *3'; do sleep 0.1; i=$((i + 1)); done
[ $i -lt 100 ] && ok || bad "overview totals not updated after the round: $(curl -s --max-time 5 "$A/overview" | head -c 300)"

# SIGTERM: the server stops within a few seconds, exit 0
stop_serve "idle"
has "stopping line" "$T/serve.log" "serve: stopping"

# a follower that cannot start (the archive is a file): the server stops, exit 1
: >"$T/afile"
start_serve "$T/e.db" --archive "$T/afile"
i=0
while kill -0 "$SV" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$SV" 2>/dev/null; then
    bad "server with an unusable --archive still running after 10 s"
else
    wait "$SV"; rc=$?
    SV=""
    [ "$rc" = 1 ] && ok || bad "unusable --archive: exit $rc, want 1: $(head -c 600 "$T/serve.log")"
fi
has "unusable --archive message" "$T/serve.log" "afile: not a directory; stopping"

# no sources yet: the server says so and serves on
start_serve "$T/e.db"
[ -n "$PORT" ] && ok || bad "server did not start without sources: $(head -c 600 "$T/serve.log")"
i=0
while [ $i -lt 50 ] && ! grep -q "no sources yet" "$T/serve.log"; do sleep 0.1; i=$((i + 1)); done
has "no sources message" "$T/serve.log" "serve: --follow: no sources yet"
[ "$(articles "$PORT")" = 0 ] && ok || bad "healthz without sources: $(articles "$PORT")"
stop_serve "no sources"

# SIGTERM during a long round (200 pages, one every 0.3 s): the round stops
# after the transfers under way and the server exits 0
: >"$T/log2"
python3 "$HERE/follow_server.py" "$T/log2" 200 >"$T/port2" 2>"$T/server2.err" &
SRV2=$!
i=0
while [ ! -s "$T/port2" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
P2=$(head -1 "$T/port2")
[ -n "$P2" ] || { bad "second fixture server did not start: $(cat "$T/server2.err")"; finish; }
expect "sources add (long)" 0 "$B" --db "$T/g.db" sources add "http://127.0.0.1:$P2/bench.txt" --kind urls
start_serve "$T/g.db" --delay 0.3
[ -n "$PORT" ] || { bad "server did not start (long): $(head -c 600 "$T/serve.log")"; finish; }
n=0; i=0
while [ $i -lt 150 ]; do
    n=$(grep -c ' /b/' "$T/log2")
    [ "${n:-0}" -ge 3 ] && break
    kill -0 "$SV" 2>/dev/null || break
    sleep 0.2; i=$((i + 1))
done
[ "${n:-0}" -ge 3 ] && ok || bad "long round: only ${n} pages fetched: $(head -c 600 "$T/serve.log")"
stop_serve "mid-round"
n=$(grep -c ' /b/' "$T/log2")
[ "$n" -lt 200 ] && ok || bad "the round was not cut short by SIGTERM ($n pages fetched)"
has "cut round line" "$T/serve.log" "follow: round 1: 1 sources"
finish
