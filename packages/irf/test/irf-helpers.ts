/**
 * Test helpers of @gammats/irf: relative comparison with an absolute floor, the real-data
 * folder, and the live Gammapy 1.0 runs (skipped, with the reason printed, when absent).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const SCRIPT = join(here, "gammapy-irf-reference.py");

/** Largest |a − e| / (|e| + floor) found by {@link expectClose}, for reports. */
export function maxRelDiff(actual: ArrayLike<number>, expected: ArrayLike<number | null>, floor = 0): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    if (e === null || e === undefined) continue;
    const d = Math.abs(actual[i]! - e) / (Math.abs(e) + floor);
    if (d > worst || Number.isNaN(d)) worst = d;
  }
  return worst;
}

/**
 * Asserts |a − e| <= rtol · |e| + atol element-wise; expected null (NaN in JSON) must be NaN.
 * Reports the first failing index with both values.
 */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number | null>, rtol: number, atol = 0, what = ""): void {
  expect(actual.length, `${what} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    const a = actual[i]!;
    if (e === null || e === undefined) {
      if (!Number.isNaN(a)) expect.fail(`${what}[${i}] = ${a}, expected NaN`);
      continue;
    }
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
      expect.fail(`${what}[${i}] = ${a}, expected ${e} (rtol ${rtol}, atol ${atol})`);
    }
  }
}

/** The real-data folder (GAMMAPY_DATA or ../shared/gammapy-data), or undefined (reason printed). */
export function gammapyDataDir(): string | undefined {
  const dir = process.env.GAMMAPY_DATA ?? resolve(here, "../../../../shared/gammapy-data");
  if (existsSync(join(dir, "hess-dl3-dr1")) && existsSync(join(dir, "cta-1dc"))) return dir;
  console.log(`skipping real-data IRF tests: no H.E.S.S. DR1 / CTA 1DC data under ${dir} (set GAMMAPY_DATA)`);
  return undefined;
}

/** Path of H.E.S.S. DR1 run 23523. */
export function hessFile(dir: string): string {
  return join(dir, "hess-dl3-dr1/data/hess_dl3_dr1_obs_id_023523.fits.gz");
}

/** Path of the CTA 1DC South_z20_50h IRF file. */
export function ctaFile(dir: string): string {
  return join(dir, "cta-1dc/caldb/data/cta/1dc/bcf/South_z20_50h/irf_file.fits");
}

function python(): string | undefined {
  const py = process.env.GAMMATS_PYTHON ?? "/usr/bin/python3";
  return existsSync(py) ? py : undefined;
}

function runScript(args: string[], dataDir: string): { data?: unknown; reason?: string } {
  const py = python();
  if (py === undefined) return { reason: `${process.env.GAMMATS_PYTHON ?? "/usr/bin/python3"} not found` };
  const run = spawnSync(py, [SCRIPT, ...args], {
    encoding: "utf8",
    maxBuffer: 256 << 20,
    env: { ...process.env, GAMMAPY_DATA: dataDir },
  });
  if (run.status !== 0) {
    return { reason: `Gammapy script failed: ${(run.stderr ?? String(run.error ?? "")).trim().split("\n").pop()}` };
  }
  return { data: JSON.parse(run.stdout) };
}

let cached: { data?: unknown; reason?: string } | undefined;

/** Gammapy's numbers for the real IRF files (one run per test process), or undefined (reason printed). */
export function gammapyReference<T>(dataDir: string): T | undefined {
  if (cached === undefined) {
    cached = runScript([], dataDir);
    if (cached.reason) console.log(`skipping live Gammapy comparison: ${cached.reason}`);
  }
  return cached.data as T | undefined;
}

/** One file for Gammapy to read back and evaluate. */
export interface ReadbackItem {
  name: string;
  tag: string;
  file: string;
  hdu: string;
  /** Grid coordinates per axis name, in the axis' file unit. */
  coords: Record<string, number[]>;
  /** Unit of returned data and values. */
  unit: string;
  rad_max_from_irf?: boolean;
}

/** Gammapy's view of files gammats wrote, or undefined (reason printed). */
export function gammapyReadback<T>(items: ReadbackItem[]): T | undefined {
  const dir = mkdtempSync(join(tmpdir(), "gammats-irf-readback-"));
  const spec = join(dir, "spec.json");
  writeFileSync(spec, JSON.stringify(items));
  const res = runScript(["readback", spec], process.env.GAMMAPY_DATA ?? "");
  if (res.reason) console.log(`skipping Gammapy read-back: ${res.reason}`);
  return res.data as T | undefined;
}

/** A fresh temporary directory. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "gammats-irf-"));
}
