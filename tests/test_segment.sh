#!/bin/sh
# test_segment.sh - `attache segment [--pos]`: output format, empty lines,
# punctuation, invalid UTF-8, options, very long lines.
# Usage: tests/test_segment.sh BUILD_DIR.  Prints cmocka-style summary lines.
B=${1:-build}/attache
T=$(mktemp -d /tmp/attache-seg.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "[  FAILED  ] $1"; }
same() { # same NAME GOT WANT
    if [ "$2" = "$3" ]; then ok; else bad "$1: got [$2] want [$3]"; fi
}

printf 'Việt Nam sẵn sàng hợp tác với Hoa Kỳ.\n\nXin chào, thế giới!\r\n   \nGiá tăng 1.000 đồng (theo Reuters).' >"$T/in.txt"
"$B" segment <"$T/in.txt" >"$T/out" 2>"$T/err"; rc=$?
same "segment exit" "$rc" 0
same "segment lines" "$(wc -l <"$T/out" | tr -d ' ')" 5
same "segment line 1" "$(sed -n 1p "$T/out")" "Việt_Nam sẵn_sàng hợp_tác với Hoa_Kỳ ."
same "segment empty line" "$(sed -n 2p "$T/out")" ""
same "segment punctuation, CR dropped" "$(sed -n 3p "$T/out")" "Xin chào , thế_giới !"
same "segment all-space line" "$(sed -n 4p "$T/out")" ""
same "segment last line without newline" "$(sed -n 5p "$T/out")" "Giá tăng 1.000 đồng ( theo Reuters ) ."
same "segment stderr" "$(cat "$T/err")" ""

"$B" segment --pos <"$T/in.txt" >"$T/pos" 2>"$T/err"; rc=$?
same "pos exit" "$rc" 0
same "pos line 1" "$(sed -n 1p "$T/pos")" "Việt_Nam/PROPN sẵn_sàng/ADJ hợp_tác/VERB với/ADP Hoa_Kỳ/PROPN ./PUNCT"
same "pos empty line" "$(sed -n 2p "$T/pos")" ""
# every word of every line is WORD/TAG with a UD tag
if awk 'NF { for (i = 1; i <= NF; i++) if ($i !~ /\/(ADJ|ADP|ADV|AUX|CCONJ|DET|INTJ|NOUN|NUM|PART|PRON|PROPN|PUNCT|SCONJ|SYM|VERB|X)$/) exit 1 }' "$T/pos"; then ok; else bad "pos: a word without a UD tag: $(cat "$T/pos")"; fi

# --tags vtb: the treebank's pre-2.5 tags (pronoun PROPN, name NOUN, adverb X)
printf 'Tôi và Việt Nam đã đến.\n' | "$B" segment --pos --tags vtb >"$T/out"; rc=$?
same "tags vtb exit" "$rc" 0
same "tags vtb" "$(cat "$T/out")" "Tôi/PROPN và/SCONJ Việt_Nam/NOUN đã/X đến/VERB ./PUNCT"
printf 'Tôi và Việt Nam đã đến.\n' | "$B" segment --pos --tags ud >"$T/out"
same "tags ud" "$(cat "$T/out")" "Tôi/PRON và/CCONJ Việt_Nam/PROPN đã/ADV đến/VERB ./PUNCT"
"$B" segment --pos --tags xx </dev/null >/dev/null 2>&1; rc=$?
same "tags bad value exit" "$rc" 2

# empty input: no output
printf '' | "$B" segment >"$T/out"; rc=$?
same "empty input exit" "$rc" 0
same "empty input output" "$(wc -c <"$T/out" | tr -d ' ')" 0

# invalid UTF-8 on line 2: line 1 written, one error line naming line 2, exit 2
printf 'Hà Nội.\nabc \200 def\nkhông in\n' | "$B" segment >"$T/out" 2>"$T/err"; rc=$?
same "invalid utf-8 exit" "$rc" 2
same "invalid utf-8 output before it" "$(cat "$T/out")" "Hà_Nội ."
if grep -q "line 2: invalid UTF-8" "$T/err" && [ "$(wc -l <"$T/err" | tr -d ' ')" = 1 ]; then ok; else bad "invalid utf-8 message: $(cat "$T/err")"; fi

# options
"$B" segment --frob </dev/null >/dev/null 2>"$T/err"; rc=$?
same "unknown option exit" "$rc" 2
if grep -q "unknown option '--frob'" "$T/err"; then ok; else bad "unknown option message: $(cat "$T/err")"; fi
"$B" segment --help >"$T/out"; rc=$?
same "help exit" "$rc" 0
if grep -q "usage: attache segment" "$T/out"; then ok; else bad "segment help text"; fi
if "$B" --help | grep -q "segment \[--pos\]"; then ok; else bad "segment not in attache --help"; fi

# a line of about 400 KB (several pieces): one output line, every syllable kept
awk 'BEGIN { for (i = 0; i < 12000; i++) printf "Việt Nam hợp tác với Hoa Kỳ, "; printf "\nhết.\n" }' >"$T/long.txt"
"$B" segment <"$T/long.txt" >"$T/out" 2>"$T/err"; rc=$?
same "long line exit" "$rc" 0
same "long line: two lines out" "$(wc -l <"$T/out" | tr -d ' ')" 2
same "long line: syllables kept" "$(head -1 "$T/out" | tr ' _' '\n\n' | grep -c .)" 96000
same "long line: next line" "$(sed -n 2p "$T/out")" "hết ."

total=$((pass + fail))
echo "[==========] $total test(s) run."
echo "[  PASSED  ] $pass test(s)."
[ $fail -eq 0 ] || { echo "[  FAILED  ] $fail test(s)."; exit 1; }
