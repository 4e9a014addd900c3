#!/bin/sh
# test_fuzz_replay.sh - replay the fuzz targets' kept regression inputs
# (fuzz/regressions/TARGET/) and their seeds (built by fuzz/seeds.sh from
# samples/) through each target's entry point without libFuzzer
# (BUILD/fuzz/replay_TARGET): none may crash, and under the ASan build
# none may break a sanitizer.  Prints cmocka-style summary lines.
build=${1:-build}
T=$(mktemp -d /tmp/attache-fuzz.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0; fail=0
sh fuzz/seeds.sh "$T/seeds" >/dev/null 2>&1 || { echo "[  FAILED  ] seeds.sh"; fail=1; }
for r in "$build"/fuzz/replay_*; do
    [ -x "$r" ] || continue
    t=${r##*/replay_}
    set --
    for f in fuzz/regressions/"$t"/* "$T/seeds/$t"/*; do
        [ -f "$f" ] && [ "${f##*/}" != README ] && set -- "$@" "$f"
    done
    if "$r" "$@" >"$T/out" 2>&1; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "[  FAILED  ] replay $t: $(tail -5 "$T/out")"
    fi
done
echo "[==========] $((pass + fail)) tests ran."
echo "[  PASSED  ] $pass test(s)."
[ "$fail" -eq 0 ] || { echo "[  FAILED  ] $fail test(s)"; exit 1; }
