#!/usr/bin/env node
/**
 * gammats vs Gammapy 1.0 on one 1D analysis config, side by side: `gammats analysis run`
 * (the built, bundled CLI) and bench/analysis-1d-gammapy.py run alternately on the same case,
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
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const GAMMAPY_SCRIPT = join(ROOT, "bench/analysis-1d-gammapy.py");
const PYTHON = "/usr/bin/python3";
const TIME = "/usr/bin/time";

const args = process.argv.slice(2);
const repeatAt = args.indexOf("--repeat");
const repeat = repeatAt >= 0 ? Number(args.splice(repeatAt, 2)[1]) : 3;
// The bundled binary (pnpm build); --cli apps/cli/dist/main.js times the unbundled build.
const cliAt = args.indexOf("--cli");
const CLI = resolve(cliAt >= 0 ? args.splice(cliAt, 2)[1] : join(ROOT, "apps/cli/dist/gammats.mjs"));
const caseDir = resolve(args[0] ?? join(ROOT, "../shared/reference/cases/crab-1d-reflected"));
const env = { ...process.env, GAMMAPY_DATA: process.env.GAMMAPY_DATA ?? resolve(ROOT, "../shared/gammapy-data") };
if (!existsSync(join(caseDir, "config.yaml"))) throw new Error(`no config.yaml in ${caseDir}`);
if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run pnpm build (or npx tsc -b && pnpm --filter @gammats/cli bundle) first`);

const STEPS = ["observations", "datasets", "fit", "flux_points", "light_curve"];
const work = mkdtempSync(join(tmpdir(), "gammats-bench-1d-"));

/** Runs a command under /usr/bin/time -v; returns wall time [s] and max RSS [MB]. */
function measured(cmd, cmdArgs) {
  const useTime = existsSync(TIME);
  const t = performance.now();
  const r = spawnSync(useTime ? TIME : cmd, useTime ? ["-v", cmd, ...cmdArgs] : cmdArgs, { cwd: caseDir, env, encoding: "utf8", maxBuffer: 1 << 26 });
  const wall = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${cmdArgs.join(" ")} failed (${r.status}):\n${r.stderr.slice(-3000)}`);
  const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  return { wall, rssMb: kb ? Number(kb[1]) / 1024 : NaN };
}

function runGammats(i) {
  const out = join(work, `gammats-${i}`);
  const m = measured(process.execPath, [CLI, "analysis", "run", "--filename", "config.yaml", "--out", out]);
  const s = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
  const steps = Object.fromEntries(STEPS.map((k) => [k, s.timings_s[k]]));
  const stepSum = STEPS.reduce((a, k) => a + (s.timings_s[k] ?? 0), 0);
  const values = Object.fromEntries((s.fit?.parameters ?? []).filter((p) => !p.frozen).map((p) => [`${p.model}.${p.name}`, p.value]));
  return { ...steps, startup: s.timings_s.total - stepSum, total: s.timings_s.total, wall: m.wall, rss: m.rssMb, rssSelf: s.peak_rss_mb, values };
}

function runGammapy(i) {
  const out = join(work, `gammapy-${i}.json`);
  const m = measured(PYTHON, [GAMMAPY_SCRIPT, "config.yaml", out]);
  const s = JSON.parse(readFileSync(out, "utf8"));
  const steps = Object.fromEntries(STEPS.map((k) => [k, s.timings_s[k]]));
  return { ...steps, startup: s.timings_s.import, total: s.timings_s.total, wall: m.wall, rss: m.rssMb, rssSelf: s.peak_rss_mb, values: s.fit?.values ?? {} };
}

const median = (xs) => {
  const v = xs.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  return v.length === 0 ? undefined : v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

const load0 = loadavg();
const ours = [];
const theirs = [];
for (let i = 0; i < repeat; i++) {
  // Alternate the order so that both sides see the same machine load on average.
  if (i % 2 === 0) {
    ours.push(runGammats(i));
    theirs.push(runGammapy(i));
  } else {
    theirs.push(runGammapy(i));
    ours.push(runGammats(i));
  }
  process.stderr.write(`run ${i + 1}/${repeat}: gammats ${ours.at(-1).wall.toFixed(2)} s, Gammapy ${theirs.at(-1).wall.toFixed(2)} s\n`);
}
const load1 = loadavg();

const rows = [
  ["start-up (import)", "startup"],
  ["observations", "observations"],
  ["datasets", "datasets"],
  ["fit", "fit"],
  ["flux points", "flux_points"],
  ["light curve", "light_curve"],
  ["total (own timer)", "total"],
  ["wall (spawn to exit)", "wall"],
];
const fmt = (x, unit) => (x === undefined ? "–" : `${x < 0.01 ? x.toFixed(4) : x < 1 ? x.toFixed(3) : x.toFixed(2)} ${unit}`);
const pad = (s, n) => String(s).padStart(n);
console.log(`case ${caseDir}, median of ${repeat} runs each; gammats is ${CLI}`);
console.log(`machine: ${cpus().length} CPUs, load average ${load0.map((x) => x.toFixed(2)).join(" ")} before, ${load1.map((x) => x.toFixed(2)).join(" ")} after; Node ${process.version}`);
console.log(`${"stage".padEnd(22)}${pad("gammats", 12)}${pad("Gammapy 1.0", 14)}${pad("Gammapy/gammats", 17)}`);
for (const [label, key] of rows) {
  const a = median(ours.map((r) => r[key]));
  const b = median(theirs.map((r) => r[key]));
  const ratio = a !== undefined && b !== undefined && a > 0 ? `${(b / a).toFixed(1)}×` : "–";
  console.log(`${label.padEnd(22)}${pad(fmt(a, "s"), 12)}${pad(fmt(b, "s"), 14)}${pad(ratio, 17)}`);
}
for (const [label, key] of [["peak RSS (time -v)", "rss"], ["peak RSS (own)", "rssSelf"]]) {
  const a = median(ours.map((r) => r[key]));
  const b = median(theirs.map((r) => r[key]));
  const ratio = a !== undefined && b !== undefined ? `${(a / b).toFixed(2)} of it` : "–";
  console.log(`${label.padEnd(22)}${pad(fmt(a, "MB"), 12)}${pad(fmt(b, "MB"), 14)}${pad(ratio, 17)}`);
}

// Same work on both sides? The free parameters must agree (1 %).
const a = ours[0].values;
const b = theirs[0].values;
const names = Object.keys(b);
const off = names.filter((n) => !(n in a) || Math.abs(a[n] - b[n]) > 0.01 * Math.abs(b[n]));
console.log(names.length === 0 ? "no fit configured" : off.length === 0 ? `fit agrees (${names.join(", ")} within 1 %)` : `fit DIFFERS: ${off.map((n) => `${n} ${a[n]} vs ${b[n]}`).join("; ")}`);
rmSync(work, { recursive: true, force: true });
