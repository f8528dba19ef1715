#!/usr/bin/env node
/**
 * gammats vs Gammapy 1.0 on one 1D analysis config, side by side: `gammats analysis run`
 * (the built, bundled CLI) and bench/analysis-gammapy.py run alternately on the same case,
 * N times each; prints the median wall time per stage, peak memory and the ratios.
 *
 *   pnpm build && node bench/analysis-1d.mjs [CASE_DIR] [--repeat N] [--cli FILE]
 *
 * CASE_DIR holds config.yaml (+ its models file); default
 * ../shared/reference/cases/crab-1d-reflected. Both run from CASE_DIR, as the reference
 * cases ask. GAMMAPY_DATA defaults to ../shared/gammapy-data.
 *
 * Stages come from each side's own timers (gammats: summary.json; Gammapy: the script's
 * JSON). "start-up" is what precedes the first step: for Gammapy `import gammapy`, for
 * gammats process start + module loading + reading the config (total minus the steps).
 * "wall" is the process from spawn to exit, measured here (gammats' includes writing its
 * products, which the Gammapy script does not do). Peak RSS is /usr/bin/time's maximum
 * resident set size of the whole process (workers included).
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { alternate, makeRunners, option, ROOT, sideBySide } from "./lib/analysis-runner.mjs";

const args = process.argv.slice(2);
const repeat = Number(option(args, "--repeat", "3"));
// The bundled binary (pnpm build); --cli apps/cli/dist/main.js times the unbundled build.
const CLI = resolve(option(args, "--cli", join(ROOT, "apps/cli/dist/gammats.mjs")));
const caseDir = resolve(args[0] ?? join(ROOT, "../shared/reference/cases/crab-1d-reflected"));
if (!existsSync(join(caseDir, "config.yaml"))) throw new Error(`no config.yaml in ${caseDir}`);
if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run pnpm build (or npx tsc -b && pnpm --filter @gammats/cli bundle) first`);

const STEPS = ["observations", "datasets", "fit", "flux_points", "light_curve"];
const work = mkdtempSync(join(tmpdir(), "gammats-bench-1d-"));
const runners = makeRunners({ work, cli: CLI, steps: STEPS });

const load0 = loadavg();
const { ours, theirs } = alternate(runners, caseDir, repeat);
const load1 = loadavg();

console.log(`case ${caseDir}, median of ${repeat} runs each; gammats is ${CLI}`);
console.log(`machine: ${cpus().length} CPUs, load average ${load0.map((x) => x.toFixed(2)).join(" ")} before, ${load1.map((x) => x.toFixed(2)).join(" ")} after; Node ${process.version}`);
// Same work on both sides? The free parameters must agree (1 %).
sideBySide(ours, theirs, { steps: STEPS });
rmSync(work, { recursive: true, force: true });
