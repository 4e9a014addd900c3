#!/bin/sh
# bench/run.sh BUILD - run the benchmarks.  The ingest benchmark composes its
# 50,000 pages from ../shared/corpus when it is there (and says so), else
# from the sample pages built into attache.
build=${1:-build}
mkdir -p "$build/bench"
echo "== ingest and search"
if [ -d ../shared/corpus ]; then
    "$build/bench/bench_ingest" -o "$build/bench" ../shared/corpus || exit 1
else
    echo "note: ../shared/corpus not found; composing the corpus from the bundled samples"
    "$build/bench/bench_ingest" -o "$build/bench" || exit 1
fi
if [ -x "$build/bench/bench_analysis" ]; then
    echo
    echo "== analysis at ingest, and dyad/alert queries over 1M events"
    "$build/bench/bench_analysis" -o "$build/bench" || exit 1
fi
if [ -x "$build/bench/bench_tagger" ]; then
    echo
    echo "== Vietnamese word segmentation and UPOS tagging (one core)"
    if [ -d ../shared/corpus ]; then
        "$build/bench/bench_tagger" ../shared/corpus || exit 1
    else
        echo "note: ../shared/corpus not found; tagging the bundled samples"
        "$build/bench/bench_tagger" || exit 1
    fi
fi
rm -f "$build"/bench/*.db "$build"/bench/*.db-wal "$build"/bench/*.db-shm
