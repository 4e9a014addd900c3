#!/bin/sh
# test_cli.sh - the attache command line: exit codes, messages, output
# shapes.  Usage: tests/test_cli.sh BUILD_DIR.  Prints cmocka-style summary
# lines so tests/run-tests.sh counts its cases.
B=${1:-build}/attache
T=$(mktemp -d /tmp/attache-cli.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "[  FAILED  ] $1"; }
# expect NAME WANT_RC CMD... : run CMD, compare exit status
expect() {
    name=$1; want=$2; shift 2
    "$@" >"$T/out" 2>"$T/err"; rc=$?
    if [ "$rc" = "$want" ]; then ok; else bad "$name: exit $rc, want $want: $(head -c 300 "$T/err")"; fi
}
has() { # has NAME FILE TEXT
    if grep -qF -- "$3" "$2"; then ok; else bad "$1: '$3' not in $(head -c 300 "$2")"; fi
}

cat >"$T/a.txt" <<'ART'
Ấn Độ và Australia ký thỏa thuận hợp tác quốc phòng

Lan Chi 10:15 | 03/06/2024
Baoquocte.vn. Ấn Độ và Australia vừa ký thỏa thuận mới nhằm tăng cường hợp tác quốc phòng và an ninh hàng hải.
Theo dõi Baoquocte.vn trên

Ngày 2/6, tại New Delhi, Bộ trưởng Quốc phòng hai nước đã ký thỏa thuận về hậu cần và chia sẻ thông tin hàng hải.

Theo thỏa thuận, hải quân hai nước sẽ tổ chức tập trận chung thường niên và tăng cường tuần tra phối hợp.

Hai bên cũng nhất trí thúc đẩy hợp tác công nghiệp quốc phòng, đặc biệt là trong lĩnh vực đóng tàu.
ART
printf 'abc\000\001\002binary' >"$T/bin.txt"

expect "help" 0 "$B" --help
has "help text" "$T/out" "ingest PATH"
expect "no command" 2 "$B"
expect "unknown command" 2 "$B" frobnicate
has "unknown command message" "$T/err" "unknown command 'frobnicate'"
expect "ingest nothing" 2 "$B" --db "$T/x.db" ingest
expect "ingest good" 0 "$B" --db "$T/x.db" ingest "$T/a.txt"
has "ingest summary" "$T/err" "1 read, 1 stored, 0 duplicates, 0 rejected"
expect "reingest is a no-op" 0 "$B" --db "$T/x.db" ingest "$T/a.txt"
has "reingest summary" "$T/err" "0 stored, 1 duplicates"
expect "ingest bad input" 2 "$B" --db "$T/x.db" ingest "$T/bin.txt" "$T/missing.txt"
has "binary named" "$T/err" "bin.txt: binary file"
has "missing named" "$T/err" "missing.txt: cannot read"
expect "stdin ingest" 0 sh -c "sed 's/Ấn Độ và Australia ký/Hai nước ký/' '$T/a.txt' | '$B' --db '$T/x.db' ingest -"
expect "search accent-free" 0 "$B" --db "$T/x.db" search --json "quoc phong"
has "search json id" "$T/out" '"id":1'
has "search json fields" "$T/out" '"snippet":'
has "search json published" "$T/out" '"published":"2024-06-03T10:15"'
expect "search limit" 0 "$B" --db "$T/x.db" search --limit 1 --json "quoc phong"
[ "$(wc -l <"$T/out")" = 1 ] && ok || bad "search --limit 1 printed $(wc -l <"$T/out") lines"
expect "search bad limit" 2 "$B" --db "$T/x.db" search --limit abc ngoai
has "bad limit message" "$T/err" "--limit: 'abc' is not a whole number"
expect "search no query" 2 "$B" --db "$T/x.db" search
expect "show" 0 "$B" --db "$T/x.db" show 1
has "show title" "$T/out" "Ấn Độ và Australia ký thỏa thuận"
expect "show json" 0 "$B" --db "$T/x.db" show 1 --json
has "show json body" "$T/out" '"body":["Ngày 2/6'
expect "show missing" 2 "$B" --db "$T/x.db" show 99
has "show missing message" "$T/err" "no article with id 99"
expect "show bad id" 2 "$B" --db "$T/x.db" show abc
expect "export" 0 "$B" --db "$T/x.db" export articles --format jsonl
[ "$(wc -l <"$T/out")" = 2 ] && ok || bad "export printed $(wc -l <"$T/out") lines, want 2"
for f in '"id":' '"content_hash":' '"source":' '"url":' '"title":' '"authors":["Lan Chi"]' '"published":' '"lead":"Ấn Độ' '"body":[' '"ingested_at":'; do
    has "export field $f" "$T/out" "$f"
done
expect "export bad format" 2 "$B" --db "$T/x.db" export articles --format csv
expect "ATTACHE_DB" 0 env ATTACHE_DB="$T/x.db" "$B" search ngoai OR quoc
printf 'not a database at all, just text long enough to be a header of something\n' >"$T/not.db"
expect "not a database" 1 "$B" --db "$T/not.db" search x
has "not a database message" "$T/err" "not.db"
expect "demo" 0 "$B" --db "$T/demo.db" demo
has "demo stored" "$T/out" "stored"

total=$((pass + fail))
echo "[==========] $total test(s) run."
echo "[  PASSED  ] $pass test(s)."
[ $fail -eq 0 ] || { echo "[  FAILED  ] $fail test(s)."; exit 1; }
