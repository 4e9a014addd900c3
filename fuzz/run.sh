#!/bin/sh
# run.sh BUILD SECONDS [TARGET...] - run each fuzz target for SECONDS with
# ASan+UBSan (built in BUILD by `make fuzz`), a memory limit and a per-input
# timeout, from seeds built by fuzz/seeds.sh plus the corpus kept in
# BUILD/corpus/TARGET.  Crashing inputs go to fuzz/regressions/TARGET/ (kept
# in the tree and replayed by make check).  The last status line of each
# run (cov:, ft:) is appended to BUILD/fuzz-log.txt.
build=${1:-build-fuzz}; secs=${2:-60}; shift 2 || true
targets=${*:-"text html warc query feed robots api"}
here=$(cd "$(dirname "$0")/.." && pwd)
sh "$here/fuzz/seeds.sh" "$build/seeds" >/dev/null
status=0
for t in $targets; do
    mkdir -p "$build/corpus/$t" "$here/fuzz/regressions/$t"
    echo "fuzz: $t for $secs s"
    "$build/fuzz/fuzz_$t" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -max_len=262144 \
        -print_final_stats=1 -artifact_prefix="$here/fuzz/regressions/$t/" \
        "$build/corpus/$t" "$build/seeds/$t" >"$build/fuzz-$t.log" 2>&1 || status=1
    last=$(grep -E '^#[0-9]+' "$build/fuzz-$t.log" | tail -1)
    echo "$(date -u +%Y-%m-%dT%H:%MZ) $t ${secs}s: $last" | tee -a "$build/fuzz-log.txt"
    grep -E 'ERROR|SUMMARY|==[0-9]+==' "$build/fuzz-$t.log" | head -5
done
exit $status
