#!/bin/sh
# test_store_open.sh - opening databases: several processes creating one
# database at once, read commands that never create or change a database,
# foreign and future files refused.  Usage: tests/test_store_open.sh BUILD_DIR.
# Prints cmocka-style summary lines so tests/run-tests.sh counts its cases.
B=$(cd "$(dirname "${1:-build}/attache")" && pwd)/attache
T=$(mktemp -d /tmp/attache-open.XXXXXX)
trap 'chmod -R u+w "$T"; rm -rf "$T"' EXIT
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "[  FAILED  ] $1"; }
expect() { # expect NAME WANT_RC CMD...
    name=$1; want=$2; shift 2
    "$@" >"$T/out" 2>"$T/err"; rc=$?
    if [ "$rc" = "$want" ]; then ok; else bad "$name: exit $rc, want $want: $(head -c 300 "$T/err")"; fi
}
has() { # has NAME FILE TEXT
    if grep -qF -- "$3" "$2"; then ok; else bad "$1: '$3' not in $(head -c 300 "$2")"; fi
}
one_line() { # one_line NAME FILE
    n=$(wc -l <"$2"); if [ "$n" = 1 ]; then ok; else bad "$1: $n lines: $(head -c 300 "$2")"; fi
}

cat >"$T/a.txt" <<'ART'
Ấn Độ và Australia ký thỏa thuận hợp tác quốc phòng

Baoquocte.vn. Ấn Độ và Australia vừa ký thỏa thuận mới nhằm tăng cường hợp tác quốc phòng và an ninh hàng hải.

Ngày 2/6, tại New Delhi, Bộ trưởng Quốc phòng hai nước đã ký thỏa thuận về hậu cần và chia sẻ thông tin hàng hải.
ART

# --- 1. twenty processes creating one new database at once ---
i=0; pids=""
while [ $i -lt 20 ]; do
    "$B" --db "$T/new.db" ingest "$T/a.txt" >/dev/null 2>"$T/c$i.err" &
    pids="$pids $!"; i=$((i + 1))
done
nfail=0
for p in $pids; do wait "$p" || nfail=$((nfail + 1)); done
[ $nfail = 0 ] && ok || bad "concurrent create: $nfail of 20 failed: $(cat "$T"/c*.err | sort | uniq -c | head -5)"
expect "concurrent create: schema complete" 0 "$B" --db "$T/new.db" search --json "quoc phong"
[ "$(wc -l <"$T/out")" = 1 ] && ok || bad "concurrent create: $(wc -l <"$T/out") articles, want 1"

echo "[==========] $((pass + fail)) test(s) run."
echo "[  PASSED  ] $pass test(s)."
[ $fail = 0 ] || { echo "[  FAILED  ] $fail test(s)."; exit 1; }
