#!/bin/sh
# eval/run.sh BUILD - the evaluations behind the README's figures:
#   1. (headline) event coding on real news articles of ../shared/corpus/dantri-world
#      against the exhaustive gold in eval/gold/real/ (skipped, saying so, when
#      ../shared is absent; ATT_SHARED=DIR names another location; from a git
#      worktree the main checkout's ../shared is used)
#   2. actor and event extraction on the bundled samples vs hand-annotated gold
#   3. the early-warning detector on synthetic streams with known turning points
# EVAL_VERBOSE=1 lists every false positive and miss of (1).
build=${1:-build}
shared=${ATT_SHARED:-../shared}
if [ ! -d "$shared/corpus/dantri-world" ]; then
    common=$(git rev-parse --git-common-dir 2>/dev/null)
    if [ -n "$common" ] && [ -d "$common/../../shared/corpus/dantri-world" ]; then
        shared=$(cd "$common/../../shared" && pwd)
    fi
fi
echo "== events on real news: $shared/corpus/dantri-world against eval/gold/real/"
if [ -d "$shared/corpus/dantri-world" ]; then
    if [ -n "$EVAL_VERBOSE" ]; then
        "$build/eval/eval_real" "$shared/corpus/dantri-world" eval/gold/real -v || exit 1
    else
        "$build/eval/eval_real" "$shared/corpus/dantri-world" eval/gold/real || exit 1
    fi
else
    echo "note: ../shared/corpus/dantri-world not found; the real-news evaluation is skipped"
fi
echo
echo "== extraction: samples/ against eval/gold/"
"$build/eval/eval_extract" samples eval/gold || exit 1
echo
echo "== early warning: synthetic event streams"
"$build/eval/eval_detect" || exit 1
