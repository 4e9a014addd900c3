#!/bin/sh
# Run every test binary in BUILD/tests and print one closing summary line
# "N passed, N failed" (counted per test case from cmocka's output).
build=${1:-build}
passed=0; failed=0; bad=""
for t in "$build"/tests/test_* tests/test_*.sh; do
    case "$t" in *.sh) [ -f "$t" ] || continue ;; *) [ -x "$t" ] || continue ;; esac
    case "$t" in *.d|*.o) continue;; esac
    case "$t" in *.sh) out=$(sh "$t" "$build" 2>&1); rc=$? ;; *) out=$("$t" 2>&1); rc=$? ;; esac
    printf '%s\n' "$out" | grep -E '^\[ +(PASSED|FAILED|SKIPPED|ERROR) +\]|^\[==========\] [0-9]+ test' | sed "s|^|$(basename "$t"): |"
    p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
    f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
    if [ $rc -ne 0 ]; then
        [ -z "$f" ] && failed=$((failed + 1))
        bad="$bad $(basename "$t")"
        printf '%s\n' "$out" | tail -30
    fi
done
echo "$passed passed, $failed failed"
[ -z "$bad" ] || { echo "failing:$bad"; exit 1; }
