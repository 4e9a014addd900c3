#!/bin/sh
# eval/run.sh BUILD - the evaluations behind the README's figures:
#   1. actor and event extraction on the bundled samples vs hand-annotated gold
#   2. the early-warning detector on synthetic streams with known turning points
#   3. word segmentation and POS tagging on UD_Vietnamese-VTB (needs ../shared, or
#      SHARED=DIR; skipped when absent)
#   4. plain-text extraction on scraped pages of twelve news-site layouts around
#      the real article bodies of ../shared/corpus/dantri-world (skipped, with
#      a message, when that corpus is absent); layouts g, h, i, k, l are held out
#      (k and l written after the rules, with furniture of their own)
# The first two do not need ../shared.
build=${1:-build}
echo "== extraction: samples/ against eval/gold/"
"$build/eval/eval_extract" samples eval/gold || exit 1
echo
echo "== early warning: synthetic event streams"
"$build/eval/eval_detect" || exit 1
echo
echo "== word segmentation and UPOS tagging: UD_Vietnamese-VTB, raw sentences segmented from scratch"
shared=${2:-../shared}
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
echo
echo "== scraped-text layouts: tools/gen_layouts.py around ../shared/corpus/dantri-world"
corpus=""
for d in "$shared/corpus/dantri-world" ../shared/corpus/dantri-world /work/shared/corpus/dantri-world; do
    [ -d "$d" ] && { corpus=$d; break; }
done
if [ -z "$corpus" ]; then
    echo "note: ../shared/corpus/dantri-world not found; layout evaluation skipped"
    exit 0
fi
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

