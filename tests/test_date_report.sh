#!/bin/sh
# test_date_report.sh - date sources on the command line: `export articles`
# and `events --format jsonl` name where each article's date came from, and
# the report's period comes from placed events only (an article dated only
# by its ingest does not stretch it to today).  Usage: tests/test_date_report.sh
# BUILD_DIR.  Prints cmocka-style summary lines for tests/run-tests.sh.
B=${1:-build}/attache
T=$(mktemp -d /tmp/attache-dates.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "[  FAILED  ] $1"; }
has() { if grep -qF -- "$3" "$2"; then ok; else bad "$1: '$3' not in $(head -c 300 "$2")"; fi; }
hasnt() { if grep -qF -- "$3" "$2"; then bad "$1: '$3' in $(head -c 300 "$2")"; else ok; fi; }

mkdir -p "$T/in"
cat >"$T/in/dated.txt" <<'ART'
Mỹ chỉ trích Trung Quốc về hoạt động quân sự ở Biển Đông

Lan Chi 10:15 | 03/06/2024

Mỹ chỉ trích Trung Quốc về các hoạt động quân sự gây căng thẳng ở Biển Đông.

Người phát ngôn Bộ Ngoại giao Mỹ cho biết Washington theo dõi sát tình hình và kêu gọi các bên kiềm chế.
ART
cat >"$T/in/undated.txt" <<'ART'
Nga và Ấn Độ hội đàm về hợp tác năng lượng

Ngoại trưởng Nga và Ngoại trưởng Ấn Độ hội đàm về hợp tác năng lượng và quốc phòng tại Moscow.

Hai bên thảo luận việc mở rộng thương mại bằng đồng nội tệ và các dự án dầu khí chung.
ART
"$B" --db "$T/d.db" ingest "$T/in" >"$T/out" 2>"$T/err" && ok || bad "ingest: $(cat "$T/err")"
"$B" --db "$T/d.db" export articles >"$T/articles.jsonl" 2>"$T/err" && ok || bad "export: $(cat "$T/err")"
has "export page source" "$T/articles.jsonl" '"date_precision":"minute","date_source":"page"'
has "export ingest source" "$T/articles.jsonl" '"published":null,"date_precision":null,"date_source":"ingest"'
"$B" --db "$T/d.db" events --format jsonl >"$T/events.jsonl" 2>"$T/err" && ok || bad "events: $(cat "$T/err")"
has "events page source" "$T/events.jsonl" '"date_source":"page"'
has "events ingest source" "$T/events.jsonl" '"date_source":"ingest"'
"$B" --db "$T/d.db" report --html "$T/r.html" >"$T/out" 2>"$T/err" && ok || bad "report: $(cat "$T/err")"
# the period is the dated article's day, not "... to today"
has "report period" "$T/err" "2024-06-03 to 2024-06-03"
today=$(date -u +%Y-%m-%d)
hasnt "report period without today" "$T/err" "$today"

total=$((pass + fail))
echo "[==========] $total test(s) run."
echo "[  PASSED  ] $pass test(s)."
[ $fail -eq 0 ] || { echo "[  FAILED  ] $fail test(s)."; exit 1; }
