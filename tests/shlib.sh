# shlib.sh - helpers shared by the shell tests (sourced, not run: no test_
# prefix).  The sourcing script sets T (its temporary folder) first.
# Results are printed in cmocka's summary format, which tests/run-tests.sh
# counts.
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "[  FAILED  ] $1"; }
# expect NAME WANT_RC CMD... : run CMD (stdout to $T/out, stderr to
# $T/err), compare its exit status
expect() {
    name=$1; want=$2; shift 2
    "$@" >"$T/out" 2>"$T/err"; rc=$?
    if [ "$rc" = "$want" ]; then ok; else bad "$name: exit $rc, want $want: $(head -c 300 "$T/err")"; fi
}
# has NAME FILE TEXT : FILE contains TEXT
has() {
    if grep -qF -- "$3" "$2"; then ok; else bad "$1: '$3' not in $(head -c 300 "$2")"; fi
}
# one_line NAME FILE : FILE has exactly one line
one_line() {
    n=$(wc -l <"$2"); if [ "$n" = 1 ]; then ok; else bad "$1: $n lines: $(head -c 300 "$2")"; fi
}
# finish : the summary lines and the exit status
finish() {
    echo "[==========] $((pass + fail)) test(s) run."
    echo "[  PASSED  ] $pass test(s)."
    [ $fail = 0 ] || { echo "[  FAILED  ] $fail test(s)."; exit 1; }
    exit 0
}
