#!/usr/bin/env bash
# The demo: what exists end to end today. Writes the commented config template, turns it
# into a small 1D Crab config for the bundled data, validates it, and reads a FITS file.
set -euo pipefail
cd "$(dirname "$0")/.."
out=demo-out
mkdir -p "$out"
gammats() { node apps/cli/dist/main.js "$@"; }

echo "== gammats analysis config: the commented template"
gammats analysis config --filename "$out/config.yaml" --overwrite
head -n 12 "$out/config.yaml"

echo "== gammats analysis validate: the example config, fully defaulted"
gammats analysis validate --filename examples/crab-1d.yaml | head -n 40
