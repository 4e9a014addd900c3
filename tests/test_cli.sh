#!/bin/sh
# test_cli.sh - the attache command line: exit codes, messages, output
# shapes.  Usage: tests/test_cli.sh BUILD_DIR.  Prints cmocka-style summary
# lines so tests/run-tests.sh counts its cases.
B=${1:-build}/attache
T=$(mktemp -d /tmp/attache-cli.XXXXXX)
trap 'rm -rf "$T"' EXIT
. tests/shlib.sh # ok, bad, expect, has

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
has "help text" "$T/out" "ingest [-q] [--jobs N] [--batch N] PATH"
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

# --- understanding: actors, events, quotes, reextract ---
cat >"$T/e.txt" <<'ART'
Mỹ và Trung Quốc điện đàm về thương mại

Minh Quân 08:45 | 19/10/2024
Ngoại trưởng Mỹ và Trung Quốc đã điện đàm, trao đổi về quan hệ song phương và các vấn đề quốc tế.

Tối 18/10, Ngoại trưởng Mỹ Antony Blinken điện đàm với Bộ trưởng Ngoại giao Trung Quốc Vương Nghị.

Ông Blinken chỉ trích Trung Quốc hỗ trợ ngành công nghiệp quốc phòng của Nga.

Bộ trưởng Vương Nghị nhấn mạnh: “Trung Quốc luôn giữ lập trường khách quan và công bằng trong mọi vấn đề quốc tế”.

Nhật Bản sẽ viện trợ 10 triệu USD cho Philippines để khắc phục hậu quả bão.
ART
expect "ingest with extraction" 0 "$B" --db "$T/f.db" ingest "$T/e.txt"
expect "actors json" 0 "$B" --db "$T/f.db" actors --json
has "actors USA" "$T/out" '"country":"USA"'
has "actors person" "$T/out" '"type":"person"'
has "actors fields" "$T/out" '"article_id":1,'
expect "events jsonl" 0 "$B" --db "$T/f.db" events --format jsonl
has "event criticize" "$T/out" '"root":"11"'
has "event actor1" "$T/out" '"actor1":{"code":"USAGOV","name":"Antony Blinken","country":"USA","type":"person"}'
has "event date" "$T/out" '"date":"2024-10-18"'
has "event modality planned" "$T/out" '"modality":"planned"'
has "event span" "$T/out" '"span":['
expect "events filter root" 0 "$B" --db "$T/f.db" events --format jsonl --root 07
[ "$(wc -l <"$T/out")" = 1 ] && ok || bad "events --root 07 printed $(wc -l <"$T/out") lines, want 1"
expect "events filter actor" 0 "$B" --db "$T/f.db" events --format jsonl --actor PHL
has "events actor PHL" "$T/out" '"country":"PHL"'
expect "events bad root" 2 "$B" --db "$T/f.db" events --root 7
expect "events bad date" 2 "$B" --db "$T/f.db" events --from yesterday
expect "events gdelt" 0 "$B" --db "$T/f.db" events --format gdelt
cols=$(head -1 "$T/out" | awk -F'\t' '{print NF}')
[ "$cols" = 61 ] && ok || bad "gdelt rows have $cols columns, want 61"
expect "events gdelt header" 0 "$B" --db "$T/f.db" events --format gdelt --header
hcols=$(head -1 "$T/out" | awk -F'\t' '{print NF}')
[ "$hcols" = 61 ] && ok || bad "gdelt header has $hcols columns, want 61"
has "gdelt header names" "$T/out" "Actor1Geo_ADM2Code"
expect "quotes" 0 "$B" --db "$T/f.db" quotes --json
has "quote speaker" "$T/out" '"name":"Wang Yi"'
expect "reextract" 0 "$B" --db "$T/f.db" reextract
has "reextract message" "$T/err" "1 articles re-extracted"
expect "events after reextract" 0 "$B" --db "$T/f.db" events --format jsonl --root 07
[ "$(wc -l <"$T/out")" = 1 ] && ok || bad "reextract changed the events: $(wc -l <"$T/out") lines"
mkdir -p "$T/data"
printf 'term\tpolarity\tweight\nhợp tác\t1\t9\n# rows: 1\n' >"$T/data/tone_vi.tsv"
expect "bad data dir file" 1 "$B" --db "$T/f.db" --data-dir "$T/data" reextract
has "bad data message" "$T/err" "line 2"

# --- analysis: dyads, timeline, stories, alerts, commitments, report ---
expect "dyads json" 0 "$B" --db "$T/f.db" dyads --json --by day
has "dyads fields" "$T/out" '"quad":['
has "dyads period" "$T/out" '"period":"2024-10-18"'
expect "dyads bad by" 2 "$B" --db "$T/f.db" dyads --by year
expect "timeline" 0 "$B" --db "$T/f.db" timeline USA CHN --by day
has "timeline chart" "$T/out" "2024-10-18"
expect "timeline needs two" 2 "$B" --db "$T/f.db" timeline USA
# actors as people type them: names with and without accents, any case
"$B" --db "$T/f.db" timeline USA CHN --by day >"$T/tl_codes" 2>&1
expect "timeline by names" 0 "$B" --db "$T/f.db" timeline "Hoa Kỳ" "trung quoc" --by day
cmp -s "$T/out" "$T/tl_codes" && ok || bad "timeline 'Hoa Kỳ' 'trung quoc' differs from USA CHN"
expect "timeline lower-case codes" 0 "$B" --db "$T/f.db" timeline usa chn --by day
cmp -s "$T/out" "$T/tl_codes" && ok || bad "timeline usa chn differs from USA CHN"
expect "timeline unknown actor" 2 "$B" --db "$T/f.db" timeline USA "Trung Quoc X"
has "unknown actor named" "$T/err" "timeline: unknown actor 'Trung Quoc X' (closest: CHN Trung Quốc"
expect "events actor by name" 0 "$B" --db "$T/f.db" events --format jsonl --actor "Phi-líp-pin"
"$B" --db "$T/f.db" events --format jsonl --actor PHL >"$T/ev_code" 2>&1
cmp -s "$T/out" "$T/ev_code" && ok || bad "events --actor Phi-líp-pin differs from PHL"
expect "events unknown actor" 2 "$B" --db "$T/f.db" events --actor Narnia
has "events unknown actor message" "$T/err" "events: unknown actor 'Narnia'"
expect "dyads actor by name" 0 "$B" --db "$T/f.db" dyads --actor "my"
expect "dyads unknown actor" 2 "$B" --db "$T/f.db" dyads --actor "Atlantis"
expect "stories json" 0 "$B" --db "$T/f.db" stories --json
has "stories fields" "$T/out" '"num_articles":1'
expect "alerts json" 0 "$B" --db "$T/f.db" alerts --json --scan
expect "alerts bad since" 2 "$B" --db "$T/f.db" alerts --since soon
expect "commitments" 0 "$B" --db "$T/f.db" commitments --json
printf 'threshold = abc\n' >"$T/bad.conf"
expect "bad alerts config" 1 "$B" --db "$T/f.db" --alerts-config "$T/bad.conf" alerts --scan
has "bad config message" "$T/err" "line 1"
expect "report" 0 "$B" --db "$T/f.db" report --html "$T/r.html"
has "report html" "$T/r.html" "<!DOCTYPE html>"
has "report svg" "$T/r.html" "<svg"
if grep -q '<script src\|<link rel="stylesheet"' "$T/r.html"; then bad "report is not self-contained"; else ok; fi
expect "report needs file" 2 "$B" --db "$T/f.db" report

total=$((pass + fail))
echo "[==========] $total test(s) run."
echo "[  PASSED  ] $pass test(s)."
[ $fail -eq 0 ] || { echo "[  FAILED  ] $fail test(s)."; exit 1; }
