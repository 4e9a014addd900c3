#!/bin/sh
# eval/run.sh BUILD - the evaluations behind the README's figures:
#   1. actor and event extraction on the bundled samples vs hand-annotated gold
#   2. the early-warning detector on synthetic streams with known turning points
# Neither needs ../shared.
build=${1:-build}
echo "== extraction: samples/ against eval/gold/"
"$build/eval/eval_extract" samples eval/gold || exit 1
echo
echo "== early warning: synthetic event streams"
"$build/eval/eval_detect" || exit 1
