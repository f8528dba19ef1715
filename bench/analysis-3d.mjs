#!/usr/bin/env node
/**
 * gammats vs Gammapy 1.0 on 3D analyses, side by side (the 3D sibling of analysis-1d.mjs).
 *
 *   pnpm build && node bench/analysis-3d.mjs [CASE_DIR] [--repeat N] [--cli FILE]
 *   node bench/analysis-3d.mjs --gc [--repeat N] [--cli FILE] [--no-gammapy] [--runs 1,2,4,10] [--jobs 1,2] [--gammapy-runs 4,10]
 *
 * Case mode (default CASE_DIR ../shared/reference/cases/crab-3d-fov): `gammats analysis run
 * --filename config.yaml` and bench/analysis-gammapy.py --excess-map alternately from CASE_DIR, N times
 * each (default 3); median per stage, total, wall, peak RSS, ratios, and whether the free
 * parameters agree (1 %).
 *
 * --gc: the shape of gammapy-benchmarks' analysis_3d on CTA 1DC Galactic centre: stacked 3D,
 * 10 x 8 deg at 0.05 deg, 10 reco energy bins 0.1-10 TeV, 14 true 0.08-12 TeV, offset_max
 * 4 deg, IRF background (FoV background norm and tilt free in the fit), ExpCutoffPowerLaw
 * point source at the GC. Only three 1DC runs point at the GC (110380, 111140, 111159), so
 * N runs cycle through them (obs_ids may repeat, in gammats and in Gammapy). gammats is
 * timed for --runs (default 1, 2, 4, 10) with general.n_jobs --jobs (default 1, 2); Gammapy
 * for --gammapy-runs (default 4, 10; n_jobs 1).
 * The configs are written to a temporary folder. GAMMAPY_DATA defaults to ../shared/gammapy-data.
 *
 * Stages come from each side's own timers (gammats: summary.json; Gammapy: the script's
 * JSON); "start-up" is gammats' total minus its steps, Gammapy's `import gammapy`. "wall" is
 * spawn to exit (gammats' includes writing its products). Peak RSS: /usr/bin/time -v.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { alternate, flag, fmt, makeRunners, median, option, pad, ROOT, sideBySide } from "./lib/analysis-runner.mjs";

const args = process.argv.slice(2);
const gcMode = flag(args, "--gc");
const noGammapy = flag(args, "--no-gammapy");
const repeat = Number(option(args, "--repeat", gcMode ? "1" : "3"));
const defaultCli = existsSync(join(ROOT, "apps/cli/dist/gammats.mjs")) ? "apps/cli/dist/gammats.mjs" : "apps/cli/dist/main.js";
const CLI = resolve(ROOT, option(args, "--cli", defaultCli));
if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run pnpm build (or npx tsc -b) first`);

const STEPS = ["observations", "datasets", "fit", "flux_points", "light_curve", "excess_map"];
const work = mkdtempSync(join(tmpdir(), "gammats-bench-3d-"));
const { runGammats, runGammapy } = makeRunners({ work, cli: CLI, steps: STEPS, gammapyArgs: ["--excess-map"] });
const table3d = { steps: STEPS, hideEmpty: true };

// The three 1DC runs that point at the Galactic centre, cycled to any number of runs.
const GC_POINTING_RUNS = [110380, 111140, 111159];
const gcRuns = (n) => Array.from({ length: n }, (_, i) => GC_POINTING_RUNS[i % GC_POINTING_RUNS.length]);
const list = (text) => text.split(",").map(Number);
const RUN_COUNTS = list(option(args, "--runs", "1,2,4,10"));
const JOB_COUNTS = list(option(args, "--jobs", "1,2"));
const GAMMAPY_RUN_COUNTS = list(option(args, "--gammapy-runs", "4,10"));
const GC_MODEL = `components:
- name: gc
  type: SkyModel
  spatial:
    type: PointSpatialModel
    frame: galactic
    parameters:
    - {name: lon_0, value: 0.0, unit: deg, min: -1, max: 1, frozen: false}
    - {name: lat_0, value: 0.0, unit: deg, min: -1, max: 1, frozen: false}
  spectral:
    type: ExpCutoffPowerLawSpectralModel
    parameters:
    - {name: index, value: 2.0, unit: '', frozen: false}
    - {name: amplitude, value: 3.0e-12, unit: cm-2 s-1 TeV-1, frozen: false}
    - {name: reference, value: 1.0, unit: TeV, frozen: true}
    - {name: lambda_, value: 0.1, unit: TeV-1, frozen: false}
    - {name: alpha, value: 1.0, unit: '', frozen: true}
`;
const gcConfig = (nRuns, nJobs) => `general:
  n_jobs: ${nJobs}
  models_file: model.yaml
observations:
  datastore: $GAMMAPY_DATA/cta-1dc/index/gps
  obs_ids: [${gcRuns(nRuns).join(", ")}]
datasets:
  type: 3d
  stack: true
  geom:
    wcs:
      skydir: {frame: galactic, lon: 0 deg, lat: 0 deg}
      binsize: 0.05 deg
      width: {width: 10 deg, height: 8 deg}
      binsize_irf: 0.2 deg
    selection:
      offset_max: 4 deg
    axes:
      energy: {min: 0.1 TeV, max: 10 TeV, nbins: 10}
      energy_true: {min: 0.08 TeV, max: 12 TeV, nbins: 14}
  map_selection: [counts, exposure, background, psf, edisp]
  safe_mask:
    methods: [offset-max]
    parameters: {offset_max: 4 deg}
fit:
  fit_range: {min: 0.1 TeV, max: 10 TeV}
`;

const load0 = loadavg();
const machine = () => `machine: ${cpus().length} CPUs, load average ${load0.map((x) => x.toFixed(2)).join(" ")} before, ${loadavg().map((x) => x.toFixed(2)).join(" ")} after; Node ${process.version}`;

if (!gcMode) {
  const caseDir = resolve(args[0] ?? join(ROOT, "../shared/reference/cases/crab-3d-fov"));
  if (!existsSync(join(caseDir, "config.yaml"))) throw new Error(`no config.yaml in ${caseDir}`);
  const { ours, theirs } = alternate({ runGammats, runGammapy }, caseDir, repeat, !noGammapy);
  console.log(`case ${caseDir}, median of ${repeat} runs each; gammats is ${CLI}`);
  console.log(machine());
  sideBySide(ours, theirs, table3d);
} else {
  const dir = join(work, "gc");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "model.yaml"), GC_MODEL);
  const table = [];
  const oursSingle = new Map();
  for (const nRuns of RUN_COUNTS) {
    for (const nJobs of JOB_COUNTS) {
      const name = `config-${nRuns}runs-${nJobs}jobs.yaml`;
      writeFileSync(join(dir, name), gcConfig(nRuns, nJobs));
      const rs = [];
      for (let i = 0; i < repeat; i++) rs.push(runGammats(dir, name));
      if (nJobs === 1) oursSingle.set(nRuns, rs);
      const m = (k) => median(rs.map((r) => r[k]));
      table.push([nRuns, nJobs, m("datasets"), m("fit"), m("total"), m("wall"), m("rss")]);
      process.stderr.write(`gammats ${nRuns} runs, n_jobs ${nJobs}: wall ${m("wall").toFixed(2)} s\n`);
    }
  }
  const theirs = new Map();
  if (!noGammapy) {
    for (const nRuns of GAMMAPY_RUN_COUNTS) {
      const name = `config-${nRuns}runs-1jobs.yaml`;
      writeFileSync(join(dir, name), gcConfig(nRuns, 1));
      const rs = [];
      for (let i = 0; i < repeat; i++) rs.push(runGammapy(dir, name));
      theirs.set(nRuns, rs);
      process.stderr.write(`Gammapy ${nRuns} runs: wall ${median(rs.map((r) => r.wall)).toFixed(2)} s\n`);
    }
  }
  console.log(`CTA 1DC GC, analysis_3d shape (10 x 8 deg at 0.05 deg, 10 + 14 energy bins), median of ${repeat}; gammats is ${CLI}`);
  console.log(`runs cycle through ${GC_POINTING_RUNS.join(", ")} (the 1DC runs pointing at the GC)`);
  console.log(machine());
  console.log(`${"runs".padStart(4)}${"n_jobs".padStart(8)}${"datasets".padStart(11)}${"fit".padStart(9)}${"total".padStart(9)}${"wall".padStart(9)}${"RSS".padStart(10)}`);
  for (const [n, j, d, f, t, w, r] of table) console.log(`${pad(n, 4)}${pad(j, 8)}${pad(fmt(d, "s"), 11)}${pad(fmt(f, "s"), 9)}${pad(fmt(t, "s"), 9)}${pad(fmt(w, "s"), 9)}${pad(fmt(r, "MB"), 10)}`);
  for (const [nRuns, rs] of theirs) {
    if (!oursSingle.has(nRuns)) continue;
    console.log(`${nRuns} runs, n_jobs 1, side by side:`);
    sideBySide(oursSingle.get(nRuns), rs, table3d);
  }
}
rmSync(work, { recursive: true, force: true });
