#!/bin/sh
# tools/train_model.sh BUILD SHARED [OUT [CONLLU...]] - train the segmenter/
# tagger model.  By default on all of UD_Vietnamese-VTB train + dev
# (SHARED/eval/ud-vi-vtb, SHARED defaults to ../shared) into
# data/tagger_vi.model; eval/run.sh passes its own OUT and CONLLU files.
# Besides the treebank, the segmenter's dictionary gets the word lists
# tools/tagger_words_vi.txt (written for attache) and tools/tagger_words_vtb.txt
# (words of the treebank's later sentences, CC BY-SA 4.0; made by
# tools/vtb_extra_words.py; its tags are also a tagging feature, -L) and
# the capitalised multi-syllable names of
# data/countries.tsv, persons.tsv, orgs.tsv and geo_nonactors.tsv.
build=${1:-build}
shared=${2:-../shared}
out=${3:-data/tagger_vi.model}
ud=$shared/eval/ud-vi-vtb
if [ $# -gt 3 ]; then
    shift 3
else
    if [ ! -f "$ud/vi_vtb-ud-train.conllu" ]; then
        echo "train_model: $ud/vi_vtb-ud-train.conllu not found (set SHARED=DIR)" >&2
        exit 1
    fi
    set -- "$ud/vi_vtb-ud-train.conllu" "$ud/vi_vtb-ud-dev.conllu"
fi
exec "$build/tools/train_tagger" -o "$out" -d tools/tagger_words_vi.txt -d tools/tagger_words_vtb.txt \
    -L tools/tagger_words_vtb.txt \
    -n data/countries.tsv -n data/persons.tsv -n data/orgs.tsv -n data/geo_nonactors.tsv "$@"
