#!/bin/sh
# eval/run.sh BUILD [SHARED] - the evaluations behind the README's figures:
#   0. (headline) event coding on real news: the articles of ../shared/corpus
#      (dantri-world, seeds) against the exhaustive gold in eval/gold/real/
#      (skipped, saying so, when ../shared is absent); EVAL_VERBOSE=1 lists
#      every false positive and miss
#   1. actor and event extraction on the bundled samples vs hand-annotated gold
#   2. the early-warning detector on synthetic streams with known turning points
#   3. word segmentation and POS tagging on UD_Vietnamese-VTB (needs ../shared, or
#      SHARED=DIR; skipped when absent)
#   4. plain-text extraction on scraped pages of twelve news-site layouts around
#      the real article bodies of ../shared/corpus/dantri-world (skipped, with
#      a message, when that corpus is absent); layouts g, h, i, k, l are held out (k and l
#      written after the rules, with furniture of their own)
#   5. search relevance: known-item queries drawn from ../shared/corpus
#      articles, attache's search against plain FTS5 bm25() in the same run
#      (skipped, and said so, when ../shared is absent; SHARED=DIR to point
#      elsewhere; from a git worktree the main checkout's ../shared is used)
# Steps 1 and 2 do not need ../shared.  ../shared is SHARED (the second
# argument), else $ATT_SHARED, else ../shared, else (from a git worktree) the
# main checkout's ../shared.
build=${1:-build}
shared=${2:-${ATT_SHARED:-../shared}}
if [ ! -d "$shared/corpus" ]; then
    common=$(git rev-parse --git-common-dir 2>/dev/null)
    if [ -n "$common" ] && [ -d "$common/../../shared/corpus" ]; then
        shared=$(cd "$common/../../shared" && pwd)
    fi
fi
echo "== events on real news: ../shared/corpus against eval/gold/real/"
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
    # the held-out test split: the treebank's own test file of the same
    # release (UD 2.8), never trained on; ../shared does not carry it
    test=${VTB_TEST:-$ud/vi_vtb-ud-test.conllu}
    if [ -f "$test" ]; then
        echo "-- HELD-OUT TEST: trained on train + dev, measured on the treebank's test split ($test)"
        sh tools/train_model.sh "$build" "$shared" "$build/eval/tagger_all.model" \
            "$ud/vi_vtb-ud-train.conllu" "$ud/vi_vtb-ud-dev.conllu" >/dev/null 2>&1 || exit 1
        "$build/eval/eval_tagger" "$build/eval/tagger_all.model" "$test" || exit 1
    else
        echo "note: the test split $test is absent (VTB_TEST=FILE: UD 2.8's vi_vtb-ud-test.conllu); see docs/SEGMENT.md"
    fi
else
    echo "skipped: $ud not found (the UD_Vietnamese-VTB treebank lives in ../shared)"
fi
echo
echo "== scraped-text layouts: tools/gen_layouts.py around ../shared/corpus/dantri-world"
corpus=""
for d in "$shared/corpus/dantri-world"; do
    [ -d "$d" ] && { corpus=$d; break; }
done
if [ -z "$corpus" ]; then
    echo "note: ../shared/corpus/dantri-world not found; layout evaluation skipped"
else
renderers=""
for r in w3m w3m80 lynx lynx80 html2text html2text80 chromium; do
    command -v "${r%80}" >/dev/null 2>&1 && renderers="$renderers${renderers:+,}$r"
done
out="$build/eval/layouts"
rm -rf "$out"
# w3m, lynx and html2text at their default widths too (w3m80, lynx80,
# html2text80: hard-wrapped);
# Chromium takes ~3 s a page: its innerText is rendered for 3 articles per layout
python3 tools/gen_layouts.py --corpus "$corpus" --out "$out" --renderers "$renderers" \
    --chromium-max 3 --jobs 4 || exit 1
"$build/eval/eval_layouts" "$out" g,h,i,k,l || exit 1
fi
echo
echo "== search relevance: known-item queries, attache vs plain FTS5 bm25"
if [ -d "$shared/corpus/dantri-world" ]; then
    "$build/eval/eval_search" -o "$build/eval" "$shared/corpus/dantri-world" "$shared/corpus/seeds" || exit 1
else
    echo "skipped: $shared/corpus not found (the relevance check needs its real articles)"
fi
