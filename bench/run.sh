#!/bin/sh
# bench/run.sh BUILD - run the benchmarks; reads ../shared/corpus when present.
build=${1:-build}
mkdir -p "$build/bench"
if [ -d ../shared/corpus ]; then
    "$build/bench/bench_ingest" -o "$build/bench" ../shared/corpus
else
    echo "note: ../shared/corpus not found; composing the corpus from the bundled samples"
    "$build/bench/bench_ingest" -o "$build/bench"
fi
