/**
 * What bench/analysis-1d.mjs and bench/analysis-3d.mjs share: argument helpers, running
 * `gammats analysis run` and bench/analysis-gammapy.py under /usr/bin/time -v (wall time,
 * peak RSS), reading each side's stage timers, medians, the side-by-side table and the
 * check that both fits agree.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const GAMMAPY_SCRIPT = join(ROOT, "bench/analysis-gammapy.py");
const PYTHON = "/usr/bin/python3";
const TIME = "/usr/bin/time";
const env = { ...process.env, GAMMAPY_DATA: process.env.GAMMAPY_DATA ?? resolve(ROOT, "../shared/gammapy-data") };

/** Removes `name` from `args`; returns whether it was there. */
export function flag(args, name) {
  const at = args.indexOf(name);
  if (at >= 0) args.splice(at, 1);
  return at >= 0;
}

/** Removes `name VALUE` from `args`; returns VALUE, or `dflt` when absent. */
export function option(args, name, dflt) {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : dflt;
}

/** Runs a command under /usr/bin/time -v; returns wall time [s] and max RSS [MB]. */
export function measured(cwd, cmd, cmdArgs) {
  const useTime = existsSync(TIME);
  const t = performance.now();
  const r = spawnSync(useTime ? TIME : cmd, useTime ? ["-v", cmd, ...cmdArgs] : cmdArgs, { cwd, env, encoding: "utf8", maxBuffer: 1 << 26 });
  const wall = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${cmdArgs.join(" ")} failed (${r.status}):\n${r.stderr.slice(-3000)}`);
  const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  return { wall, rssMb: kb ? Number(kb[1]) / 1024 : NaN };
}

/**
 * Runs both sides from a case folder into `work`; each run returns its stage times [s]
 * (keys of `steps`, plus startup, total, wall), peak RSS [MB] (rss: time -v, rssSelf: own)
 * and the free fit parameters (values).
 *
 * @param opts - { work: scratch folder, cli: gammats CLI file, steps: stage names, gammapyArgs: extra script flags }
 */
export function makeRunners({ work, cli, steps, gammapyArgs = [] }) {
  let counter = 0;
  function runGammats(cwd, config = "config.yaml") {
    const out = join(work, `gammats-${counter++}`);
    const m = measured(cwd, process.execPath, [cli, "analysis", "run", "--filename", config, "--out", out]);
    const s = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    rmSync(out, { recursive: true, force: true });
    const stages = Object.fromEntries(steps.map((k) => [k, s.timings_s[k]]));
    const stepSum = steps.reduce((a, k) => a + (s.timings_s[k] ?? 0), 0);
    const values = Object.fromEntries((s.fit?.parameters ?? []).filter((p) => !p.frozen).map((p) => [`${p.model}.${p.name}`, p.value]));
    return { ...stages, startup: s.timings_s.total - stepSum, total: s.timings_s.total, wall: m.wall, rss: m.rssMb, rssSelf: s.peak_rss_mb, values };
  }
  function runGammapy(cwd, config = "config.yaml") {
    const out = join(work, `gammapy-${counter++}.json`);
    const m = measured(cwd, PYTHON, [GAMMAPY_SCRIPT, config, out, ...gammapyArgs]);
    const s = JSON.parse(readFileSync(out, "utf8"));
    const stages = Object.fromEntries(steps.map((k) => [k, s.timings_s[k]]));
    return { ...stages, startup: s.timings_s.import, total: s.timings_s.total, wall: m.wall, rss: m.rssMb, rssSelf: s.peak_rss_mb, values: s.fit?.values ?? {} };
  }
  return { runGammats, runGammapy };
}

/**
 * Runs both sides `repeat` times from `caseDir`, alternating the order so that both see
 * the same machine load on average; progress goes to stderr.
 */
export function alternate({ runGammats, runGammapy }, caseDir, repeat, withGammapy = true) {
  const ours = [];
  const theirs = [];
  for (let i = 0; i < repeat; i++) {
    if (i % 2 === 0) {
      ours.push(runGammats(caseDir));
      if (withGammapy) theirs.push(runGammapy(caseDir));
    } else {
      if (withGammapy) theirs.push(runGammapy(caseDir));
      ours.push(runGammats(caseDir));
    }
    process.stderr.write(`run ${i + 1}/${repeat}: gammats ${ours.at(-1).wall.toFixed(2)} s, Gammapy ${theirs.at(-1)?.wall.toFixed(2) ?? "–"} s\n`);
  }
  return { ours, theirs };
}

export const median = (xs) => {
  const v = xs.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  return v.length === 0 ? undefined : v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};
export const fmt = (x, unit) => (x === undefined ? "–" : `${x < 0.01 ? x.toFixed(4) : x < 1 ? x.toFixed(3) : x.toFixed(2)} ${unit}`);
export const pad = (s, n) => String(s).padStart(n);

/** Free parameters agree within 1 % (positions lon_0/lat_0, which may sit near 0: within 0.005 deg)? */
export function agreement(a, b) {
  const names = Object.keys(b);
  const isPosition = (n) => /\.(lon_0|lat_0)$/.test(n);
  const tol = (n) => (isPosition(n) ? Math.max(0.01 * Math.abs(b[n]), 0.005) : 0.01 * Math.abs(b[n]));
  const off = names.filter((n) => !(n in a) || !(Math.abs(a[n] - b[n]) <= tol(n)));
  const within = `within 1 %${names.some(isPosition) ? "; positions 0.005 deg" : ""}`;
  return names.length === 0 ? "no fit configured" : off.length === 0 ? `fit agrees (${names.join(", ")} ${within})` : `fit DIFFERS: ${off.map((n) => `${n} ${a[n]} vs ${b[n]}`).join("; ")}`;
}

const STAGE_LABELS = {
  observations: "observations",
  datasets: "datasets",
  fit: "fit",
  flux_points: "flux points",
  light_curve: "light curve",
  excess_map: "excess map",
};

/**
 * Prints the median per stage of both sides, their ratio, peak RSS, and whether the fits agree.
 *
 * @param opts - { steps: stage names in order, hideEmpty: skip stages neither side ran }
 */
export function sideBySide(ours, theirs, { steps, hideEmpty = false }) {
  const rows = [
    ["start-up (import)", "startup"],
    ...steps.map((k) => [STAGE_LABELS[k] ?? k, k]),
    ["total (own timer)", "total"],
    ["wall (spawn to exit)", "wall"],
  ];
  console.log(`${"stage".padEnd(22)}${pad("gammats", 12)}${pad("Gammapy 1.0", 14)}${pad("Gammapy/gammats", 17)}`);
  for (const [label, key] of rows) {
    const a = median(ours.map((r) => r[key]));
    const b = median(theirs.map((r) => r[key]));
    if (hideEmpty && a === undefined && b === undefined) continue;
    const ratio = a !== undefined && b !== undefined && a > 0 ? `${(b / a).toFixed(1)}×` : "–";
    console.log(`${label.padEnd(22)}${pad(fmt(a, "s"), 12)}${pad(fmt(b, "s"), 14)}${pad(ratio, 17)}`);
  }
  for (const [label, key] of [["peak RSS (time -v)", "rss"], ["peak RSS (own)", "rssSelf"]]) {
    const a = median(ours.map((r) => r[key]));
    const b = median(theirs.map((r) => r[key]));
    const ratio = a !== undefined && b !== undefined ? `${(a / b).toFixed(2)} of it` : "–";
    console.log(`${label.padEnd(22)}${pad(fmt(a, "MB"), 12)}${pad(fmt(b, "MB"), 14)}${pad(ratio, 17)}`);
  }
  if (theirs.length > 0) console.log(agreement(ours[0].values, theirs[0].values));
}
