#!/bin/sh
# test_reextract_guard.sh - reextract with damaged reference data keeps the
# stored facts: a cut-off pattern file is refused (one line, exit 1), and a
# valid but much shorter one that would drop most events needs --force.
# Usage: tests/test_reextract_guard.sh BUILD_DIR.  Prints cmocka-style lines.
B=${1:-build}/attache
T=$(mktemp -d /tmp/attache-reextract.XXXXXX)
trap 'rm -rf "$T"' EXIT
. tests/shlib.sh
events() { "$B" --db "$T/x.db" events | wc -l; }
"$B" --db "$T/x.db" ingest samples 2>/dev/null
n0=$(events)
[ "$n0" -gt 100 ] && ok || bad "samples gave only $n0 event lines"
mkdir "$T/data"
P=data/cameo_patterns_vi.tsv

# cut off mid-file (no final newline, no row count)
head -c 30000 "$P" >"$T/data/cameo_patterns_vi.tsv"
expect "cut-off file refused" 1 "$B" --db "$T/x.db" --data-dir "$T/data" reextract
grep -q "cameo_patterns_vi.tsv: does not end with a newline" "$T/err" && ok || bad "message: $(cat "$T/err")"
[ "$(wc -l <"$T/err")" = 1 ] && ok || bad "$(wc -l <"$T/err") lines on stderr"
[ "$(events)" = "$n0" ] && ok || bad "events changed: $(events), were $n0"

# cut off at a line end (the newline is there, the row count is not)
head -n 300 "$P" >"$T/data/cameo_patterns_vi.tsv"
expect "cut at a line end refused" 1 "$B" --db "$T/x.db" --data-dir "$T/data" reextract
grep -q 'is not "# rows: N"' "$T/err" && ok || bad "message: $(cat "$T/err")"
# --force does not accept a damaged file either
expect "cut file refused with --force" 1 "$B" --db "$T/x.db" --data-dir "$T/data" reextract --force
[ "$(events)" = "$n0" ] && ok || bad "events changed: $(events), were $n0"

# a valid file of 20 patterns: most events would go
awk '/^# rows:/{next} /^#/{print;next} {n++} n<=21{print}' "$P" >"$T/data/cameo_patterns_vi.tsv"
sh tools/tsv-rows.sh "$T/data/cameo_patterns_vi.tsv"
expect "far fewer events refused" 1 "$B" --db "$T/x.db" --data-dir "$T/data" reextract
grep -q "would replace .* events with .* run 'attache reextract --force'" "$T/err" && ok || bad "message: $(cat "$T/err")"
[ "$(wc -l <"$T/err")" = 1 ] && ok || bad "$(wc -l <"$T/err") lines on stderr"
[ "$(events)" = "$n0" ] && ok || bad "events changed: $(events), were $n0"
expect "--force accepts" 0 "$B" --db "$T/x.db" --data-dir "$T/data" reextract --force
[ "$(events)" -lt "$n0" ] && ok || bad "--force kept $(events) event lines"
# the shipped data brings them back
expect "reextract with the built-in data" 0 "$B" --db "$T/x.db" reextract
[ "$(events)" = "$n0" ] && ok || bad "events after a full reextract: $(events), were $n0"
expect "reextract bad argument" 2 "$B" --db "$T/x.db" reextract --forse

finish
