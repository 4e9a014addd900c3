#!/bin/sh
# test_jobs.sh - `attache ingest --jobs N`: worker threads extract, one
# writer stores in input order, so every N gives the rows, ids, messages
# and exit status of --jobs 1.  Input: the bundled samples, copies of them
# (duplicates), and bad inputs among them (binary, invalid UTF-8, empty).
B=${1:-build}/attache
T=$(mktemp -d /tmp/attache-jobs.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "[  FAILED  ] $1"; }
mkdir -p "$T/in"
for f in samples/*.txt; do
    n=$(basename "$f" .txt)
    cp "$f" "$T/in/$n.txt"
    cp "$f" "$T/in/${n}_copy.txt"        # a duplicate
done
printf 'abc\000\001\002binary' >"$T/in/020_bin.txt"
printf 'Tiêu đề\n\nNội dung \377\376 hỏng.\n' >"$T/in/030_utf8.txt"
: >"$T/in/040_empty.txt"
for j in 1 2 4; do
    "$B" --db "$T/j$j.db" ingest --jobs $j "$T/in" >"$T/j$j.out" 2>"$T/j$j.err"
    echo "rc=$?" >>"$T/j$j.err"
    "$B" --db "$T/j$j.db" export articles | sed 's/"ingested_at":"[^"]*"//' >"$T/j$j.articles"
    "$B" --db "$T/j$j.db" events --format jsonl --all >"$T/j$j.events"
    "$B" --db "$T/j$j.db" quotes --json >"$T/j$j.quotes"
    "$B" --db "$T/j$j.db" stories --json >"$T/j$j.stories"
    "$B" --db "$T/j$j.db" dyads --json >"$T/j$j.dyads"
    # the indexes the workers tokenized for (docs/ARCHITECTURE.md): the
    # same vocabulary and the same hits, snippets and ranking
    : >"$T/j$j.search"
    for q in "ngoai giao" "Trung Quốc" '"Hội đồng Bảo an"' "hoi dong bao an" "quan he" "ngoai*" "Đảng" "bien dong"; do
        "$B" --db "$T/j$j.db" search --json --limit 50 "$q" >>"$T/j$j.search"
    done
    "$B" --db "$T/j$j.db" check >"$T/j$j.check" 2>&1 || echo "check failed" >>"$T/j$j.check"
    sed -i "s#$T/j$j.db#DB#" "$T/j$j.check"
    sqlite3 "$T/j$j.db" "SELECT folded, exact FROM vocab ORDER BY 1, 2;
        SELECT id, hex(block) FROM articles_fts_data ORDER BY id;
        SELECT id, hex(block) FROM headlines_fts_data ORDER BY id" >"$T/j$j.index"
done
grep -q "rc=2" "$T/j1.err" && ok || bad "--jobs 1: bad inputs should give exit 2: $(tail -1 "$T/j1.err")"
grep -q "44 stored, 44 duplicates, 3 rejected" "$T/j1.err" && ok || bad "--jobs 1 summary: $(cat "$T/j1.err")"
[ "$(grep -c '"id"' "$T/j1.articles")" = 44 ] && ok || bad "--jobs 1 stored $(grep -c '"id"' "$T/j1.articles") articles"
[ -s "$T/j1.events" ] && ok || bad "--jobs 1: no events"
grep -q '"id"' "$T/j1.search" && ok || bad "--jobs 1: no search hits"
grep -q ": ok" "$T/j1.check" && ok || bad "--jobs 1: check: $(cat "$T/j1.check")"
for j in 2 4; do
    for k in err articles events quotes stories dyads search check index; do
        cmp -s "$T/j1.$k" "$T/j$j.$k" && ok || bad "--jobs $j differs from --jobs 1 ($k): $(diff "$T/j1.$k" "$T/j$j.$k" | head -3)"
    done
done
"$B" --db "$T/x.db" ingest --jobs 0 "$T/in" >/dev/null 2>"$T/x.err"; rc=$?
[ $rc = 2 ] && grep -q "jobs" "$T/x.err" && ok || bad "--jobs 0: exit $rc, $(cat "$T/x.err")"
"$B" --db "$T/x.db" ingest --jobs 65 "$T/in" >/dev/null 2>"$T/x.err"; rc=$?
[ $rc = 2 ] && ok || bad "--jobs 65: exit $rc"
echo "[==========] $((pass + fail)) test(s) run."
[ $fail -eq 0 ] && echo "[  PASSED  ] $pass test(s)." || { echo "[  FAILED  ] $fail test(s)."; exit 1; }
