#!/bin/sh
# test_crash.sh - crash consistency: `attache ingest` killed with SIGKILL
# at many moments (during the schema's creation, inside batches, during
# analysis) over a few thousand generated pages; after every kill the
# database passes `attache check` (integrity_check, both FTS5 indexes'
# integrity-check, every article with its extraction and analysis rows),
# and a final uninterrupted re-run ends with exactly the counts and
# content of an ingest that was never interrupted.  Usage:
# tests/test_crash.sh BUILD_DIR.  Prints cmocka-style summary lines.
build=${1:-build}
B=$build/attache
T=$(mktemp -d /tmp/attache-crash.XXXXXX)
pid=""
trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$T"' EXIT
. tests/shlib.sh
pages=1500; kills=15
case "$build" in *asan*) pages=700; kills=10;; esac # sanitizers run ~4x slower (and two workers extract)
sh tests/gen_pages.sh $pages "$T/p"
BATCH="--batch 50" # many commits: a kill lands inside one or between two

# What must match: counts and content of every table extraction and
# analysis write, keyed by the article's content hash (not its id).
sig() {
    sqlite3 "$1" "
      SELECT 'articles', count(*) FROM articles;
      SELECT 'mentions', count(*) FROM mentions;
      SELECT 'events', count(*) FROM events;
      SELECT 'quotes', count(*) FROM quotes;
      SELECT 'tone', count(*) FROM article_tone;
      SELECT 'sigs', count(*) FROM article_sigs;
      SELECT content_hash, title, body FROM articles ORDER BY content_hash;
      SELECT a.content_hash, m.code, m.name, m.mentions FROM mentions m JOIN articles a ON a.id = m.article_id
        ORDER BY 1, 2, 3;
      SELECT a.content_hash, e.date, e.a1_code, e.a2_code, e.cameo, e.goldstein, e.modality, x.sentence
        FROM events e JOIN articles a ON a.id = e.article_id JOIN event_sentences x ON x.id = e.id ORDER BY 1, 3, 4, 5, 8;
      SELECT a.content_hash, q.speaker_code, x.quote FROM quotes q JOIN articles a ON a.id = q.article_id
        JOIN quote_texts x ON x.id = q.id ORDER BY 1, 2, 3;
      SELECT a.content_hash, t.tone FROM article_tone t JOIN articles a ON a.id = t.article_id ORDER BY 1;
      -- analysis (these pages form one story: clustering across runs
      -- is test_story_split.sh's)
      SELECT 'stories', count(*), sum(n_articles) FROM stories;
      SELECT 'copies', count(*) FROM events WHERE dup_of IS NOT NULL;
      SELECT level, a1, a2, period, n, q1, q2, q3, q4, round(goldstein_sum, 6), round(tone_sum, 6)
        FROM dyad_agg ORDER BY 1, 2, 3, 4;
      SELECT a.content_hash, c.who, c.to_whom, c.what, c.status FROM commitments c
        JOIN articles a ON a.id = c.article_id ORDER BY 1, 2, 3, 4;"
}

"$B" --db "$T/ref.db" ingest $BATCH "$T/p" 2>"$T/err" && ok || bad "reference ingest: $(cat "$T/err")"
sig "$T/ref.db" >"$T/ref.sig"
grep -q "^articles|$pages\$" "$T/ref.sig" && ok || bad "reference: $(head -1 "$T/ref.sig"), want $pages articles"
grep -q '^events|0$' "$T/ref.sig" && bad "reference has no events" || ok

killed=0; k=1
while [ $k -le $kills ]; do
    before=$(sqlite3 "$T/c.db" 'SELECT count(*) FROM articles' 2>/dev/null || echo 0)
    "$B" --db "$T/c.db" ingest $BATCH "$T/p" >/dev/null 2>"$T/kerr" &
    pid=$!
    if [ $k = 1 ]; then # the first inside the new database's creation
        sleep 0.0$(awk 'BEGIN { srand(1); printf "%d", rand() * 9 }')
    else # after a random number of new articles, then a random part of a batch
        target=$(awk -v s="$k" -v b="$before" -v n="$pages" -v K="$kills" \
            'BEGIN { srand(s); printf "%d", b + 1 + rand() * n / K }')
        i=0
        while [ $i -lt 1500 ] && kill -0 "$pid" 2>/dev/null; do # at most ~30 s
            c=$(sqlite3 "$T/c.db" 'SELECT count(*) FROM articles' 2>/dev/null || echo 0)
            [ "${c:-0}" -ge "$target" ] && break
            sleep 0.02; i=$((i + 1))
        done
        sleep 0.0$(awk -v s="$k" 'BEGIN { srand(s * 31); printf "%d", rand() * 9 }')
    fi
    kill -9 "$pid" 2>/dev/null
    { wait "$pid"; } 2>/dev/null; rc=$?; pid=""
    [ $rc = 137 ] && killed=$((killed + 1))
    if [ -e "$T/c.db" ]; then
        "$B" --db "$T/c.db" check 2>"$T/cerr" && ok || bad "after kill $k: $(cat "$T/cerr")"
    fi
    k=$((k + 1))
done
echo "crash: $killed of $kills runs killed mid-ingest"
[ $killed -ge $((kills / 2)) ] && ok || bad "only $killed of $kills runs were killed before they ended"

"$B" --db "$T/c.db" ingest $BATCH "$T/p" 2>"$T/err" && ok || bad "resumed ingest: $(cat "$T/err")"
"$B" --db "$T/c.db" check 2>"$T/cerr" && ok || bad "after the resumed ingest: $(cat "$T/cerr")"
sig "$T/c.db" >"$T/c.sig"
if cmp -s "$T/ref.sig" "$T/c.sig"; then ok; else
    bad "resumed database differs from the uninterrupted one: $(diff "$T/ref.sig" "$T/c.sig" | head -5)"
fi

finish
