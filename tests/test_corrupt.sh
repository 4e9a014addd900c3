#!/bin/sh
# test_corrupt.sh - a corrupted database never gives partial results that
# look complete: with the pages of the table a read command reads
# overwritten, the command exits 1 with one line on stderr naming the
# database, or (if SQLite never needed those bytes) prints exactly what it
# printed before.  Usage: tests/test_corrupt.sh BUILD_DIR.  Prints
# cmocka-style summary lines for tests/run-tests.sh.
B=${1:-build}/attache
T=$(mktemp -d /tmp/attache-corrupt.XXXXXX)
trap 'rm -rf "$T"' EXIT
. tests/shlib.sh

"$B" --db "$T/good.db" ingest samples >/dev/null 2>&1 || bad "ingest samples"
psize=$(sqlite3 "$T/good.db" 'PRAGMA page_size')
head -c 4096 /dev/zero | tr '\0' 'U' >"$T/junk"

# command | table whose pages are overwritten
while IFS='|' read -r cmd table; do
    # shellcheck disable=SC2086
    "$B" --db "$T/good.db" $cmd >"$T/want" 2>/dev/null || bad "$cmd on the good database failed"
    cp "$T/good.db" "$T/c.db"
    pages=$(sqlite3 "$T/good.db" "SELECT pageno FROM dbstat WHERE name = '$table' AND pageno > 1")
    [ -n "$pages" ] || { bad "$cmd: no pages for $table"; continue; }
    for p in $pages; do # junk over the page's header (no valid page type) and 4 KB of its cells
        dd if="$T/junk" of="$T/c.db" bs=16 seek=$(((p - 1) * psize / 16)) count=1 conv=notrunc 2>/dev/null
        dd if="$T/junk" of="$T/c.db" bs=1024 seek=$(((p - 1) * psize / 1024 + 1)) count=4 conv=notrunc 2>/dev/null
    done
    # shellcheck disable=SC2086
    "$B" --db "$T/c.db" $cmd >"$T/out" 2>"$T/err"; rc=$?
    if [ $rc = 0 ]; then
        if cmp -s "$T/out" "$T/want"; then ok; else bad "$cmd with $table corrupted: exit 0 with other output"; fi
    elif [ $rc = 1 ] && [ "$(wc -l <"$T/err")" = 1 ] && grep -qF "$T/c.db" "$T/err"; then
        ok
    else
        bad "$cmd with $table corrupted: exit $rc, stderr: $(head -c 300 "$T/err")"
    fi
done <<LIST
search --limit 100 quoc|articles
show 1|articles
export articles|articles
actors|mentions
events|events
quotes|quotes
dyads|dyad_agg
timeline USA CHN|dyad_agg
stories|stories
alerts|alerts
commitments|commitments
commitments|commitment_links
report --html $T/r.html|events
report --html $T/r.html|stories
LIST

finish
