#!/bin/sh
# test_follow.sh - `attache sources` and `attache follow` against a fixture
# web site (tests/follow_server.py) on 127.0.0.1 with a port the system
# picks.  Asserts what was fetched and in what order (the server's request
# log), what was stored, what was archived, and that the archive rebuilds
# the same articles.  Every wait is bounded; the server is killed at exit.
# Usage: tests/test_follow.sh BUILD_DIR.  Prints cmocka-style summary lines.
B=${1:-build}/attache
HERE=$(dirname "$0")
T=$(mktemp -d /tmp/attache-follow.XXXXXX)
SRV=""
cleanup() {
    [ -n "$SRV" ] && kill "$SRV" 2>/dev/null
    [ -n "$BG" ] && kill "$BG" 2>/dev/null
    [ -n "$SRV2" ] && kill "$SRV2" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "[  FAILED  ] $1"; }
expect() { # expect NAME WANT_RC CMD...
    name=$1; want=$2; shift 2
    "$@" >"$T/out" 2>"$T/err"; rc=$?
    if [ "$rc" = "$want" ]; then ok; else bad "$name: exit $rc, want $want: $(head -c 600 "$T/err")"; fi
}
has() { # has NAME FILE TEXT
    if grep -qF -- "$3" "$2"; then ok; else bad "$1: '$3' not in $(head -c 400 "$2")"; fi
}
hasnt() { # hasnt NAME FILE TEXT
    if grep -qF -- "$3" "$2"; then bad "$1: '$3' found in $2"; else ok; fi
}
same() { # same NAME GOT WANT
    if [ "$2" = "$3" ]; then ok; else bad "$1: got '$2', want '$3'"; fi
}
# line number of the first request for PATH in the log (0 if none)
first() { awk -v p="$1" '$3 == p { print NR; exit }' "$T/log" | grep . || echo 0; }
count() { awk -v p="$1" '$3 == p' "$T/log" | wc -l | tr -d ' '; }

command -v python3 >/dev/null || { bad "python3 is needed for the fixture server"; echo "[  FAILED  ] 1 test(s)."; exit 1; }
: >"$T/log"
python3 "$HERE/follow_server.py" "$T/log" >"$T/port" 2>"$T/server.err" &
SRV=$!
i=0
while [ ! -s "$T/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
P=$(head -1 "$T/port")
[ -n "$P" ] || { bad "fixture server did not start: $(cat "$T/server.err")"; echo "[  FAILED  ] 1 test(s)."; exit 1; }
U="http://127.0.0.1:$P"
DB="$T/f.db"

# ---- sources ----
expect "follow without sources" 2 "$B" --db "$DB" follow --once
has "no sources message" "$T/err" "no sources yet"
expect "add page" 0 "$B" --db "$DB" sources add "$U/index.html" --name "Báo Thử Nghiệm"
expect "add atom" 0 "$B" --db "$DB" sources add "$U/atom.xml"
expect "add rdf" 0 "$B" --db "$DB" sources add "$U/rdf.xml" --kind feed
expect "add cp1258" 0 "$B" --db "$DB" sources add "$U/cp1258.xml" --every 60
expect "add again" 0 "$B" --db "$DB" sources add "HTTP://127.0.0.1:$P/atom.xml#top"
has "add again says so" "$T/err" "is already source 2"
expect "add ftp" 2 "$B" --db "$DB" sources add "ftp://127.0.0.1/feed"
has "ftp refused" "$T/err" "only http and https"
expect "add bad kind" 2 "$B" --db "$DB" sources add "$U/x.xml" --kind podcast
expect "list before" 0 "$B" --db "$DB" sources list
has "list shows never" "$T/out" "never"

# ---- round 1 ----
expect "follow once" 0 "$B" --db "$DB" follow --once --delay 0 --archive "$T/arch"
cp "$T/err" "$T/round1.err"
has "round line" "$T/round1.err" "round 1: 8 sources"
has "round counts" "$T/round1.err" "8 new articles"
has "disallowed counted" "$T/round1.err" "1 disallowed"
has "old item skipped" "$T/round1.err" "9 new links (and 1 older than --max-age)"
same "robots.txt first" "$(awk 'NR == 1 { print $3 }' "$T/log")" "/robots.txt"
same "robots.txt once" "$(count /robots.txt)" 1
same "agent named" "$(grep -vc 'ua=attache/' "$T/log")" 0
same "disallowed path never requested" "$(grep -c ' /private/' "$T/log")" 0
same "old item never requested" "$(count /news/old.html)" 0
same "tracking variants fetched once (a2)" "$(grep -c ' /news/a2.html' "$T/log")" 1
same "sitemap variant fetched once (a1)" "$(grep -c ' /news/a1.html' "$T/log")" 1
same "relative link resolved (a3)" "$(count /news/a3.html)" 1
same "xml:base link resolved (a4)" "$(count /news/a4.html)" 1
for pair in /rss.xml:/news/a1.html /rss.xml:/news/a3.html /atom.xml:/news/a4.html /rdf.xml:/news/a5.html \
    /sitemap_index.xml:/sitemap_news.xml /sitemap_news.xml:/news/a6.html /sitemap_pages.xml:/news/a7.html \
    /cp1258.xml:/news/a8.html /index.html:/rss.xml; do
    a=${pair%%:*}; b=${pair#*:}
    la=$(first "$a"); lb=$(first "$b")
    if [ "$la" -gt 0 ] && [ "$lb" -gt "$la" ]; then ok; else bad "order: $b (line $lb) after $a (line $la)"; fi
done
# Crawl-delay 0.1 s: no two requests closer than that (one host)
close=$(awk 'NR > 1 && $1 - prev < 0.095 { n++ } { prev = $1 } END { print n + 0 }' "$T/log")
same "crawl-delay honoured" "$close" 0

n_req=$(wc -l <"$T/log" | tr -d ' ')
"$B" --db "$DB" export articles >"$T/articles.jsonl"
same "8 articles" "$(wc -l <"$T/articles.jsonl" | tr -d ' ')" 8
python3 - "$T/articles.jsonl" "$U" >"$T/check.out" 2>&1 <<'PY'
import email.utils, json, sys, urllib.request
arts = {json.loads(l)["source"]: json.loads(l) for l in open(sys.argv[1])}
u = sys.argv[2]
def get(path):
    return urllib.request.urlopen(u + path, timeout=10).read().decode()
import re
rss = get("/rss.xml")
pub = re.search(r"a1.html</link><pubDate>([^<]+)", rss).group(1)
want_a1 = email.utils.parsedate_to_datetime(pub).strftime("%Y-%m-%dT%H:%M")
news = get("/sitemap_news.xml")
want_a6 = re.search(r"<news:publication_date>([^<]+)", news).group(1)[:16]
checks = [
    ("a1 takes the feed's date", arts[u + "/news/a1.html"]["published"], want_a1),
    ("a6 takes the news sitemap's date", arts[u + "/news/a6.html"]["published"], want_a6),
    ("a2 keeps its own date", arts[u + "/news/a2.html"]["published"], "2026-05-03T08:30"),
    ("a8 title from the windows-1258 feed", arts[u + "/news/a8.html"]["title"], "Hội nghị thượng đỉnh khu vực"),
    ("a4 title from the page", arts[u + "/news/a4.html"]["title"][:20], "Ấn Độ và Philippines"),
]
for name, got, want in checks:
    print(("ok " if got == want else "BAD ") + f"{name}: got {got!r} want {want!r}")
PY
while read -r line; do
    case "$line" in ok*) ok ;; *) bad "$line" ;; esac
done <"$T/check.out"
[ -s "$T/check.out" ] || bad "article checks did not run"

expect "list json" 0 "$B" --db "$DB" sources list --json
same "8 sources" "$(wc -l <"$T/out" | tr -d ' ')" 8
has "feed discovered from page" "$T/out" "\"url\":\"$U/rss.xml\",\"name\":null,\"kind\":\"feed\",\"detected\":\"rss\",\"parent_id\":1"
has "sitemap from robots.txt" "$T/out" "\"url\":\"$U/sitemap_index.xml\",\"name\":null,\"kind\":\"sitemap\",\"detected\":\"sitemapindex\""
has "news sitemap" "$T/out" "\"url\":\"$U/sitemap_news.xml\",\"name\":null,\"kind\":\"sitemap\",\"detected\":\"sitemap\""
has "atom detected" "$T/out" "\"detected\":\"atom\""
has "rdf detected" "$T/out" "\"detected\":\"rdf\""
has "page detected" "$T/out" "\"name\":\"Báo Thử Nghiệm\",\"kind\":\"auto\",\"detected\":\"html\""
has "fixed interval" "$T/out" "\"interval_s\":3600"
has "new articles counted" "$T/out" "\"new_articles\":2"
hasnt "nothing failing" "$T/out" "\"health\":\"failing\""

ls "$T/arch"/*.warc.gz >/dev/null 2>&1 && ok || bad "no WARC file written"
same "a response record per request" \
    "$(cat "$T/arch"/*.warc.gz | gzip -dc | grep -ac '^WARC-Type: response')" "$n_req"
same "a request record per response" \
    "$(cat "$T/arch"/*.warc.gz | gzip -dc | grep -ac '^WARC-Type: request')" "$n_req"
cat "$T/arch"/*.warc.gz | gzip -dc | grep -a '^WARC-Target-URI: ' >"$T/uris"
has "archived page URI" "$T/uris" "WARC-Target-URI: $U/news/a6.html"
has "archived feed URI" "$T/uris" "WARC-Target-URI: $U/rss.xml"
has "archived robots.txt" "$T/uris" "WARC-Target-URI: $U/robots.txt"
members=$(python3 -c "
import sys, zlib
data = open(sys.argv[1], 'rb').read(); n = 0
while data:
    d = zlib.decompressobj(31); d.decompress(data); data = d.unused_data; n += 1
print(n)" "$(ls "$T/arch"/*.warc.gz | head -1)")
same "one gzip member per record" "$members" $((2 * n_req + 1))

# ---- round 2: nothing changed ----
: >"$T/log"
expect "follow again" 0 "$B" --db "$DB" follow --once --all --delay 0 --archive "$T/arch"
has "round 2 unchanged" "$T/err" "8 sources (8 unchanged, 0 failed"
has "round 2 stores nothing" "$T/err" "0 new articles"
same "round 2 fetches no page" "$(grep -c ' /news/' "$T/log")" 0
same "round 2 only conditional requests" \
    "$(grep -v ' /robots.txt ' "$T/log" | grep -c 'inm=- ims=-')" 0
same "round 2 all sources asked" "$(grep -vc ' /robots.txt ' "$T/log")" 8
"$B" --db "$DB" export articles >"$T/articles2.jsonl"
same "still 8 articles" "$(wc -l <"$T/articles2.jsonl" | tr -d ' ')" 8

# ---- the archive rebuilds the same articles ----
"$B" --db "$T/re.db" ingest "$T/arch"/*.warc.gz >"$T/out" 2>"$T/err"
has "rebuild stored 8" "$T/err" "8 stored"
"$B" --db "$T/re.db" export articles >"$T/rebuilt.jsonl"
key='import json,sys; [print(o["content_hash"], o["source"], o["published"], o["title"]) for o in map(json.loads, sys.stdin)]'
python3 -c "$key" <"$T/articles.jsonl" | sort >"$T/k1"
python3 -c "$key" <"$T/rebuilt.jsonl" | sort >"$T/k2"
if cmp -s "$T/k1" "$T/k2"; then ok; else bad "rebuild differs: $(diff "$T/k1" "$T/k2" | head -5)"; fi

# ---- trouble: broken feed, 500s, timeout, oversized, redirect loop, 429 ----
expect "add broken" 0 "$B" --db "$DB" sources add "$U/broken.xml"
expect "add 500" 0 "$B" --db "$DB" sources add "$U/feed500.xml"
expect "add trouble" 0 "$B" --db "$DB" sources add "$U/trouble.xml"
: >"$T/log"
expect "follow trouble" 0 "$B" --db "$DB" follow --once --delay 0 --timeout 1 --max-body 1 --archive "$T/arch2"
cp "$T/err" "$T/trouble.err"
has "broken feed: one line" "$T/trouble.err" "follow: $U/broken.xml: broken XML at line 1"
same "broken feed: only one line" "$(grep -c 'broken.xml' "$T/trouble.err")" 1
has "500 source" "$T/trouble.err" "follow: $U/feed500.xml: HTTP 500"
has "timeout" "$T/trouble.err" "follow: $U/t/slow.html: timeout"
has "oversized" "$T/trouble.err" "follow: $U/t/big.html: body larger than 1048576 bytes"
has "redirect loop" "$T/trouble.err" "follow: $U/t/loop1.html: more than 5 redirects"
has "500 page" "$T/trouble.err" "follow: $U/t/err500.html: HTTP 500"
has "the round goes on" "$T/trouble.err" "2 new articles"
has "redirect target disallowed" "$T/trouble.err" "1 disallowed"
same "redirect into a disallowed path not followed" "$(grep -c ' /private/' "$T/log")" 0
same "moved page fetched at its new place" "$(count /news/a9.html)" 1
close=$(awk 'NR > 1 && $1 - prev < 0.095 { n++ } { prev = $1 } END { print n + 0 }' "$T/log")
same "crawl-delay between redirect hops too" "$close" 0
cat "$T/arch2"/*.warc.gz | gzip -dc >"$T/arch2.txt"
has "redirect archived" "$T/arch2.txt" "WARC-Target-URI: $U/t/moved.html"
has "redirect status archived" "$T/arch2.txt" "HTTP/1.1 301"
has "redirect target archived" "$T/arch2.txt" "WARC-Target-URI: $U/news/a9.html"
same "redirects bounded" "$(grep -c ' /t/loop' "$T/log")" 6
same "429 retried once" "$(count /t/busy.html)" 2
gap=$(awk '$3 == "/t/busy.html" { if (t) print ($1 - t >= 0.99) ? "waited" : "early"; t = $1 }' "$T/log")
same "Retry-After honoured" "$gap" "waited"
expect "list failing" 0 "$B" --db "$DB" sources list --json
has "failing shown" "$T/out" "\"url\":\"$U/feed500.xml\",\"name\":null,\"kind\":\"auto\",\"detected\":null,\"parent_id\":null,\"health\":\"failing\",\"last_fetch\""
has "failure reason" "$T/out" "\"last_status\":500,\"last_error\":\"HTTP 500\""
has "broken reason" "$T/out" "broken XML at line 1"
same "failing sources kept" "$(wc -l <"$T/out" | tr -d ' ')" 11
expect "list text" 0 "$B" --db "$DB" sources list
has "failing in text" "$T/out" "[failing: HTTP 500]"

# ---- SIGTERM mid-round: the page in hand is finished and committed ----
: >"$T/log"
"$B" --db "$DB" follow --delay 0 --all >"$T/bg.out" 2>"$T/bg.err" &
BG=$!
i=0
while ! grep -q ' /t/slow.html ' "$T/log" && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
has "slow page requested again (pending after a timeout)" "$T/log" " /t/slow.html "
expect "sources add while follow runs" 0 "$B" --db "$DB" sources add "$U/extra.xml"
kill -TERM "$BG"
i=0
while kill -0 "$BG" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$BG" 2>/dev/null; then bad "follow did not stop on SIGTERM"; else ok; fi
wait "$BG"; rc=$?; BG=""
same "SIGTERM exit status" "$rc" 0
has "round summary after SIGTERM" "$T/bg.err" "round 1:"
expect "database intact" 0 "$B" --db "$DB" export articles
has "page in hand stored" "$T/out" "$U/t/slow.html"
has "moved page stored under its new URL" "$T/out" "\"source\":\"$U/news/a9.html\""

# ---- no delay at all: requests overlap with ingest (a second server, no Crawl-delay) ----
: >"$T/log2"
python3 "$HERE/follow_server.py" "$T/log2" 40 >"$T/port2" 2>>"$T/server.err" &
SRV2=$!
i=0
while [ ! -s "$T/port2" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
P2=$(head -1 "$T/port2")
expect "add url list" 0 "$B" --db "$T/b.db" sources add "http://127.0.0.1:$P2/bench.txt" --kind auto
expect "follow url list" 0 "$B" --db "$T/b.db" follow --once --delay 0 --max-age 0
kill "$SRV2" 2>/dev/null
has "url list detected, 40 pages" "$T/err" "40 new links (and 0 older than --max-age), 40 pages fetched, 0 failed"
has "40 stored" "$T/err" "40 new articles"
same "each page once, in list order" "$(awk '$3 ~ /^\/b\// { print $3 }' "$T/log2" | tr '\n' ' ')" \
    "$(i=1; while [ $i -le 40 ]; do printf '/b/%d.html ' $i; i=$((i + 1)); done)"
expect "url list source" 0 "$B" --db "$T/b.db" sources list --json
has "urls detected" "$T/out" "\"detected\":\"urls\""
# the server is gone now: its source fails, is shown failing, and stays
expect "follow gone host" 0 "$B" --db "$T/b.db" follow --once --all --delay 0 --timeout 2
has "gone host logged" "$T/err" "follow: http://127.0.0.1:$P2/bench.txt: robots.txt unavailable"
expect "gone host listed" 0 "$B" --db "$T/b.db" sources list --json
has "gone host failing" "$T/out" "\"health\":\"failing\""
has "gone host kept" "$T/out" "\"new_articles\":40,\"failures\":1"

# ---- remove and usage errors ----
expect "remove by id" 0 "$B" --db "$DB" sources remove 11
expect "remove the extra" 0 "$B" --db "$DB" sources remove "$U/extra.xml"
expect "remove by url" 0 "$B" --db "$DB" sources remove "$U/broken.xml"
expect "remove unknown" 2 "$B" --db "$DB" sources remove 999
has "remove unknown message" "$T/err" "no source '999'"
expect "list after remove" 0 "$B" --db "$DB" sources list --json
same "two removed" "$(wc -l <"$T/out" | tr -d ' ')" 9
expect "bad delay" 2 "$B" --db "$DB" follow --once --delay -1
expect "bad max-age" 2 "$B" --db "$DB" follow --once --max-age soon
expect "unknown option" 2 "$B" --db "$DB" follow --bogus
expect "sources no action" 2 "$B" --db "$DB" sources

total=$((pass + fail))
echo "[==========] $total test(s) run."
echo "[  PASSED  ] $pass test(s)."
[ $fail -eq 0 ] || { echo "[  FAILED  ] $fail test(s)."; exit 1; }
