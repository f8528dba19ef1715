#!/usr/bin/env bash
# The demo: a whole 1D analysis of the bundled simulated data (test-data/, four wobble
# runs around a source with a known spectrum) through the built CLI, then the fitted
# spectrum next to the injected one. Run from anywhere after `pnpm build`.
set -euo pipefail
cd "$(dirname "$0")/.."
out=demo-out
mkdir -p "$out"
gammats() { node apps/cli/dist/gammats.mjs "$@"; }  # the bundled binary (pnpm build)

echo "== gammats analysis config: the commented template"
gammats analysis config --filename "$out/config.yaml" --overwrite
head -n 5 "$out/config.yaml"

echo
echo "== gammats analysis run: examples/simulated-1d.yaml (reflected regions, stacked, PL fit, flux points, light curve)"
gammats analysis run --config examples/simulated-1d.yaml --out "$out/simulated-1d" --overwrite

echo
echo "== fitted vs injected (test-data/injected.json)"
node --input-type=module - "$out/simulated-1d/summary.json" test-data/injected.json <<'JS'
import { readFileSync } from "node:fs";
const [summaryFile, injectedFile] = process.argv.slice(2);
const summary = JSON.parse(readFileSync(summaryFile, "utf8"));
const injected = JSON.parse(readFileSync(injectedFile, "utf8")).source.spectral;
const p = Object.fromEntries(summary.fit.parameters.map((q) => [q.name, q]));
const row = (name, fitted, error, truth) =>
  `${name.padEnd(10)} ${fitted.toPrecision(4).padStart(10)} ± ${error.toPrecision(2).padEnd(8)} injected ${String(truth).padEnd(8)} (${((fitted - truth) / error).toFixed(1)} σ)`;
console.log(row("index", p.index.value, p.index.error, injected.index));
console.log(row("amplitude", p.amplitude.value, p.amplitude.error, injected.amplitude_cm2_s_tev) + "  [cm-2 s-1 TeV-1 at 1 TeV]");
console.log(`summary, datasets, models, flux points and light curve in ${summaryFile.replace(/\/summary\.json$/, "/")}`);
JS
