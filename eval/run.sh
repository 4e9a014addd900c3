#!/bin/sh
# eval/run.sh BUILD - the evaluations behind the README's figures:
#   1. actor and event extraction on the bundled samples vs hand-annotated gold
#   2. the early-warning detector on synthetic streams with known turning points
#   3. search relevance: known-item queries drawn from ../shared/corpus
#      articles, attache's search against plain FTS5 bm25() in the same run
#      (skipped, and said so, when ../shared is absent; SHARED=DIR to point
#      elsewhere; from a git worktree the main checkout's ../shared is used)
# Steps 1 and 2 do not need ../shared.
build=${1:-build}
echo "== extraction: samples/ against eval/gold/"
"$build/eval/eval_extract" samples eval/gold || exit 1
echo
echo "== early warning: synthetic event streams"
"$build/eval/eval_detect" || exit 1
echo
echo "== search relevance: known-item queries, attache vs plain FTS5 bm25"
shared=${SHARED:-../shared}
if [ ! -d "$shared/corpus/dantri-world" ]; then
    common=$(git rev-parse --git-common-dir 2>/dev/null)
    if [ -n "$common" ] && [ -d "$common/../../shared/corpus/dantri-world" ]; then
        shared=$(cd "$common/../../shared" && pwd)
    fi
fi
if [ -d "$shared/corpus/dantri-world" ]; then
    "$build/eval/eval_search" -o "$build/eval" "$shared/corpus/dantri-world" "$shared/corpus/seeds" || exit 1
else
    echo "skipped: $shared/corpus not found (the relevance check needs its real articles)"
fi
