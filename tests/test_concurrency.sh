#!/bin/sh
# test_concurrency.sh - readers while a writer ingests, and two writers at
# once.  Readers (every read command, in loops from other processes) never
# fail, never print "database is locked", never see an article without its
# extraction and analysis rows; two concurrent ingests both complete (the
# second waits for the first's transactions) and together store exactly
# what one ingest of the same pages stores.  Usage:
# tests/test_concurrency.sh BUILD_DIR.  Prints cmocka-style summary lines.
build=${1:-build}
B=$build/attache
T=$(mktemp -d /tmp/attache-conc.XXXXXX)
pids=""
trap 'for p in $pids; do kill -9 "$p" 2>/dev/null; done; rm -rf "$T"' EXIT
. tests/shlib.sh
pages=1200; rounds=40
case "$build" in *asan*) pages=400; rounds=15;; esac
sh tests/gen_pages.sh $pages "$T/all"
mkdir "$T/a" "$T/b"
half=$((pages / 2))
for f in "$T"/all/*.txt; do
    n=$(basename "$f" .txt); n=${n#"${n%%[!0]*}"}
    if [ "$n" -le $half ]; then ln -s "$f" "$T/a/"; else ln -s "$f" "$T/b/"; fi
done
"$B" --db "$T/x.db" ingest samples >/dev/null 2>&1 || bad "ingest samples"

# one reader: every read command in turn until the writer is done (at most
# ROUNDS rounds); failures go to $T/fail.N, one line each
reader() { # reader N
    r=0
    while [ $r -lt $rounds ]; do
        for cmd in "search --limit 50 hop tac" "show 1" "export articles" "actors" "events" "quotes" "dyads" \
            "timeline USA CHN" "stories" "alerts" "commitments" "report --html $T/r$1.html"; do
            # shellcheck disable=SC2086
            "$B" --db "$T/x.db" $cmd >/dev/null 2>"$T/rerr.$1"; rc=$?
            if [ $rc != 0 ] || grep -qi 'locked\|busy' "$T/rerr.$1"; then
                echo "$cmd: exit $rc: $(head -c 200 "$T/rerr.$1")" >>"$T/fail.$1"
            fi
        done
        # one snapshot: no article without its tone and signature rows
        half_written=$(sqlite3 -cmd '.timeout 30000' "file:$T/x.db?mode=ro" "SELECT count(*) FROM articles a
            WHERE NOT EXISTS (SELECT 1 FROM article_tone t WHERE t.article_id = a.id)
               OR NOT EXISTS (SELECT 1 FROM article_sigs g WHERE g.article_id = a.id)" 2>&1)
        [ "$half_written" = 0 ] || echo "half-written articles: $half_written" >>"$T/fail.$1"
        echo $r >"$T/rounds.$1"
        r=$((r + 1))
        [ -e "$T/writer.done" ] && break
    done
}

# --- readers while one writer ingests ---
"$B" --db "$T/x.db" ingest --batch 20 "$T/a" >/dev/null 2>"$T/werr" && echo 0 >"$T/writer.rc" || echo 1 >"$T/writer.rc" &
wpid=$!; pids="$wpid"
(while kill -0 $wpid 2>/dev/null; do sleep 0.05; done; touch "$T/writer.done") &
pids="$pids $!"
for i in 1 2 3; do reader $i & pids="$pids $!"; done
wait
pids=""
[ "$(cat "$T/writer.rc")" = 0 ] && ok || bad "writer with readers: $(cat "$T/werr")"
n_rounds=$(cat "$T"/rounds.* | awk '{ s += $1 + 1 } END { print s }')
echo "concurrency: $n_rounds reader rounds of 12 commands during one ingest"
if cat "$T"/fail.* >"$T/fails" 2>/dev/null && [ -s "$T/fails" ]; then
    bad "readers failed $(wc -l <"$T/fails") times: $(head -3 "$T/fails")"
else
    ok
fi
"$B" --db "$T/x.db" check 2>"$T/cerr" && ok || bad "check after readers: $(cat "$T/cerr")"

# --- two writers at once: both complete, nothing lost ---
"$B" --db "$T/two.db" ingest --batch 20 "$T/a" >/dev/null 2>"$T/w1" &
p1=$!
"$B" --db "$T/two.db" ingest --batch 20 "$T/b" >/dev/null 2>"$T/w2" &
p2=$!
pids="$p1 $p2"
wait $p1; rc1=$?
wait $p2; rc2=$?
pids=""
[ $rc1 = 0 ] && ok || bad "first writer: exit $rc1: $(cat "$T/w1")"
[ $rc2 = 0 ] && ok || bad "second writer: exit $rc2: $(cat "$T/w2")"
grep -qi 'locked' "$T/w1" "$T/w2" && bad "a writer printed 'database is locked'" || ok
"$B" --db "$T/two.db" check 2>"$T/cerr" && ok || bad "check after two writers: $(cat "$T/cerr")"
"$B" --db "$T/one.db" ingest --batch 20 "$T/all" >/dev/null 2>&1
sig() {
    sqlite3 "$1" "
      SELECT count(*) FROM articles; SELECT count(*) FROM events; SELECT count(*) FROM mentions;
      SELECT count(*) FROM quotes; SELECT count(*) FROM article_tone; SELECT count(*) FROM article_sigs;
      SELECT content_hash FROM articles ORDER BY 1;
      SELECT a.content_hash, e.a1_code, e.a2_code, e.cameo, x.sentence FROM events e
        JOIN articles a ON a.id = e.article_id JOIN event_sentences x ON x.id = e.id ORDER BY 1, 2, 3, 4, 5;"
}
sig "$T/two.db" >"$T/two.sig"; sig "$T/one.db" >"$T/one.sig"
if cmp -s "$T/two.sig" "$T/one.sig"; then ok; else
    bad "two writers stored other rows than one: $(diff "$T/one.sig" "$T/two.sig" | head -4)"
fi

# --- a writer that waits longer than the busy timeout says so, loses nothing ---
n_before=$(sqlite3 "$T/two.db" 'SELECT count(*) FROM articles')
# the holder keeps its write lock for 6 s, far longer than the writer
# below needs to start and give up
sqlite3 "$T/two.db" "BEGIN IMMEDIATE;" ".shell touch '$T/locked'" ".shell sleep 6" "ROLLBACK;" &
holder=$!; pids="$holder"
i=0 # until the holder has its lock (bounded)
while [ $i -lt 250 ] && [ ! -e "$T/locked" ]; do sleep 0.02; i=$((i + 1)); done
ATTACHE_BUSY_TIMEOUT_MS=200 "$B" --db "$T/two.db" ingest samples >/dev/null 2>"$T/w3"; rc=$?
[ $rc = 1 ] && ok || bad "a writer past the busy timeout: exit $rc, want 1"
has "busy message" "$T/w3" "the database is busy"
grep -qi 'database is locked' "$T/w3" && bad "busy writer printed 'database is locked'" || ok
"$B" --db "$T/two.db" search --json "quoc phong" >/dev/null 2>"$T/r3" && ok || bad "a reader during the lock: $(cat "$T/r3")"
wait $holder; pids=""
[ "$(sqlite3 "$T/two.db" 'SELECT count(*) FROM articles')" = "$n_before" ] && ok || bad "the busy writer changed the database"
"$B" --db "$T/two.db" check 2>"$T/cerr" && ok || bad "check after the busy writer: $(cat "$T/cerr")"

finish
