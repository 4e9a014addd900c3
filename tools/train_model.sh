#!/bin/sh
# tools/train_model.sh BUILD SHARED - train data/tagger_vi.model on all of
# UD_Vietnamese-VTB train + dev (SHARED/eval/ud-vi-vtb, default ../shared).
build=${1:-build}
shared=${2:-../shared}
ud=$shared/eval/ud-vi-vtb
if [ ! -f "$ud/vi_vtb-ud-train.conllu" ]; then
    echo "train_model: $ud/vi_vtb-ud-train.conllu not found (set SHARED=DIR)" >&2
    exit 1
fi
"$build/tools/train_tagger" -o data/tagger_vi.model "$ud/vi_vtb-ud-train.conllu" "$ud/vi_vtb-ud-dev.conllu"
