#!/bin/sh
# eval/run.sh BUILD [SHARED] - the evaluations behind the README's figures:
#   1. (headline) event coding on real news: the articles of ../shared/corpus
#      (dantri-world, seeds) against the exhaustive gold in eval/gold/real/
#      (skipped, saying so, when ../shared is absent)
#   2. actor and event extraction on the bundled samples vs hand-annotated gold
#   3. the early-warning detector on synthetic streams with known turning points
#   4. word segmentation and POS tagging on UD_Vietnamese-VTB (needs ../shared;
#      skipped when absent)
# ../shared is SHARED (the second argument), else $ATT_SHARED, else ../shared,
# else (from a git worktree) the main checkout's ../shared.
# EVAL_VERBOSE=1 lists every false positive and miss of (1).
build=${1:-build}
shared=${2:-${ATT_SHARED:-../shared}}
if [ ! -d "$shared/corpus" ]; then
    common=$(git rev-parse --git-common-dir 2>/dev/null)
    if [ -n "$common" ] && [ -d "$common/../../shared/corpus" ]; then
        shared=$(cd "$common/../../shared" && pwd)
    fi
fi
echo "== events on real news: $shared/corpus against eval/gold/real/"
if [ -d "$shared/corpus" ]; then
    if [ -n "$EVAL_VERBOSE" ]; then
        "$build/eval/eval_real" "$shared/corpus" eval/gold/real -v || exit 1
    else
        "$build/eval/eval_real" "$shared/corpus" eval/gold/real || exit 1
    fi
else
    echo "note: ../shared/corpus not found; the real-news evaluation is skipped"
fi
echo
echo "== extraction: samples/ against eval/gold/"
"$build/eval/eval_extract" samples eval/gold || exit 1
echo
echo "== early warning: synthetic event streams"
"$build/eval/eval_detect" || exit 1
echo
echo "== word segmentation and UPOS tagging: UD_Vietnamese-VTB, raw sentences segmented from scratch"
ud=$shared/eval/ud-vi-vtb
if [ -f "$ud/vi_vtb-ud-dev.conllu" ] && [ -f "$ud/vi_vtb-ud-train.conllu" ]; then
    echo "-- trained on train + dev sentences 1-400, measured on dev sentences 401-800"
    sh tools/train_model.sh "$build" "$shared" "$build/eval/tagger_dev.model" \
        "$ud/vi_vtb-ud-train.conllu" "$ud/vi_vtb-ud-dev.conllu:0-400" >/dev/null 2>&1 || exit 1
    "$build/eval/eval_tagger" "$build/eval/tagger_dev.model" "$ud/vi_vtb-ud-dev.conllu:400-800" || exit 1
    echo "-- trained on train only, measured on all of dev"
    sh tools/train_model.sh "$build" "$shared" "$build/eval/tagger_train.model" \
        "$ud/vi_vtb-ud-train.conllu" >/dev/null 2>&1 || exit 1
    "$build/eval/eval_tagger" "$build/eval/tagger_train.model" "$ud/vi_vtb-ud-dev.conllu" || exit 1
    echo "(the shipped data/tagger_vi.model is trained on train + all of dev: make model)"
else
    echo "skipped: $ud not found (the UD_Vietnamese-VTB treebank lives in ../shared)"
fi
