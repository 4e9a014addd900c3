#!/bin/sh
# test_terminal_text.sh - page text carrying terminal escape sequences
# (C0 and C1 control characters) never reaches the screen raw through any
# human-readable output; the search highlight on a terminal stays.  Usage:
# tests/test_terminal_text.sh BUILD_DIR.  Prints cmocka-style summary lines.
B=${1:-build}/attache
T=$(mktemp -d /tmp/attache-term.XXXXXX)
trap 'rm -rf "$T"' EXIT
. tests/shlib.sh
# a page with clear-screen, window-title (OSC ... BEL), colour, blink,
# cursor-report and a C1 CSI (U+009B) in title, body and a quotation
printf 'Hội đàm \033[2J\033]0;pwned\007 Việt Nam và Nhật Bản\n\nHà Nội, 3/6/2024. Thủ tướng Việt Nam \033[31mđã hội đàm\033[0m với Thủ tướng Nhật Bản \302\2332J tại Tokyo, hai bên cam kết tăng cường hợp tác quốc phòng. Bộ trưởng nói: "Chúng tôi \033[5msẽ ký\033[0m thỏa thuận mới trong năm nay".\n\nHai nước nhất trí thúc đẩy hợp tác kinh tế và an ninh hàng hải trong khu vực \033[6n.\n' >"$T/a.txt"
"$B" --db "$T/e.db" ingest "$T/a.txt" 2>/dev/null || bad "ingest"
raw() { # raw FILE: control characters other than newline and tab?
    tr -d '\n\t' <"$1" | LC_ALL=C grep -qP '[\x00-\x1f\x7f]|\xc2[\x80-\x9f]'
}
for cmd in "search viet" "show 1" "stories" "quotes" "events" "events --format gdelt" "actors" "commitments" \
    "alerts" "dyads" "timeline VNM JPN"; do
    # shellcheck disable=SC2086
    "$B" --db "$T/e.db" $cmd >"$T/out" 2>&1 || bad "$cmd failed: $(head -c 200 "$T/out")"
    if raw "$T/out"; then bad "$cmd printed control characters"; else ok; fi
done
"$B" --db "$T/e.db" show 1 >"$T/out"
grep -qF 'Hội đàm' "$T/out" && grep -qF 'Việt Nam và Nhật Bản' "$T/out" && ok || bad "show lost the text around the escapes"
# JSON keeps the text, escaped by JSON itself
"$B" --db "$T/e.db" show 1 --json >"$T/out"
grep -qiF '\u001b[2J' "$T/out" && ok || bad "show --json does not carry the escaped text"
# error messages quote inputs (here a file name): made safe too
bad_name=$(printf '%s/x\033]0;pwned\007\033[2J.txt' "$T")
printf 'x' >"$bad_name"
"$B" --db "$T/e.db" ingest "$bad_name" >"$T/out" 2>&1
grep -q 'no article text' "$T/out" && ok || bad "rejection message: $(head -c 200 "$T/out")"
if raw "$T/out"; then bad "the rejection message printed control characters"; else ok; fi
"$B" --db "$T/e.db" search "$(printf 'zzq\033[2J')" >"$T/out" 2>&1
if raw "$T/out"; then bad "the search message printed the query's control characters"; else ok; fi
# on a terminal: highlights are bold on/off, the page's escapes still neutralized
if command -v script >/dev/null 2>&1; then
    script -qc "'$B' --db '$T/e.db' search viet" /dev/null >"$T/tty" 2>&1
    LC_ALL=C grep -qF "$(printf '\033[1m')" "$T/tty" && ok || bad "no bold highlight on a terminal"
    LC_ALL=C grep -qF "$(printf '\033[2J')" "$T/tty" && bad "search on a terminal printed the page's escape" || ok
    LC_ALL=C grep -qF "$(printf '\033[31m')" "$T/tty" && bad "search on a terminal printed the page's colour" || ok
fi
finish
