#!/bin/sh
# eval/run.sh BUILD - extraction precision/recall on the bundled samples
# against the hand-annotated gold in eval/gold.
build=${1:-build}
"$build/eval/eval_extract" samples eval/gold
