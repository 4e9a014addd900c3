#!/bin/sh
# test_search_queries.sh - every query of tests/data/search_queries.tsv
# (and generated long ones) gives its expected exit status and at most one
# line on stderr, never an FTS5 error.  Usage: tests/test_search_queries.sh
# BUILD_DIR.  Prints cmocka-style summary lines for tests/run-tests.sh.
B=${1:-build}/attache
T=$(mktemp -d /tmp/attache-queries.XXXXXX)
trap 'rm -rf "$T"' EXIT
. tests/shlib.sh
"$B" --db "$T/q.db" ingest samples >/dev/null 2>&1 || bad "ingest samples"
check() { # check WANT QUERY
    "$B" --db "$T/q.db" search "$2" >"$T/out" 2>"$T/err"; rc=$?
    what=$(printf '%s' "$2" | head -c 60)
    if [ "$rc" != "$1" ]; then bad "'$what': exit $rc, want $1: $(head -c 200 "$T/err")"; return; fi
    if grep -qiE 'fts5|syntax error|stack' "$T/err" "$T/out"; then bad "'$what': $(head -c 200 "$T/err")"; return; fi
    if [ "$rc" = 2 ] && ! grep -qE '^attache: (bad query|search: the query has no word)' "$T/err"; then
        bad "'$what': message $(head -c 200 "$T/err")"; return
    fi
    if [ "$(wc -l <"$T/err")" -gt 1 ]; then bad "'$what': $(wc -l <"$T/err") lines on stderr"; return; fi
    ok
}
tab=$(printf '\t')
while IFS= read -r line; do
    case "$line" in '#'*|'') continue;; esac
    check "${line%%"$tab"*}" "${line#*"$tab"}"
done <tests/data/search_queries.tsv

# generated: deep nesting, many words, long prefix lists, a long word
gen() { # gen N TEXT: TEXT repeated N times
    i=0; s=""; while [ $i -lt "$1" ]; do s="$s$2"; i=$((i + 1)); done; printf '%s' "$s"
}
check 0 "$(gen 8 '(')nga$(gen 8 ')')"
check 2 "$(gen 99 '(')nga$(gen 99 ')')"
check 0 "$(gen 99 ')')nga"
check 0 "$(gen 64 'nga ')"
check 2 "$(gen 65 'nga ')"
check 2 "$(gen 300 'ng* ')"
check 2 "$(gen 3000 'vi* ')"
check 0 "$(gen 4 'vi* ')"
check 0 "$(gen 2000 'a')"
check 0 "$(gen 30 'nga OR ')my"
check 0 "$(gen 5 'NEAR(')"
check 2 "$(gen 30 'NEAR(')"

finish
