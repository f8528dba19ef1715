/**
 * Test helpers: where the real data are, the Gammapy 1.0 reference numbers (stored in
 * fixtures/, or live from /usr/bin/python3), the common 1D setup, a relative-tolerance
 * comparison.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { DataStore } from "@gammats/data-store";
import { CircleSkyRegion, MapAxis, RegionGeom } from "@gammats/maps";

const here = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(here, "../../..");
const PYTHON = "/usr/bin/python3";

/** The gammapy-data folder with H.E.S.S. DR1, or the reason it is unusable. */
export function gammapyData(): { dir?: string; reason?: string } {
  const dir = process.env.GAMMAPY_DATA ?? resolve(REPO, "../shared/gammapy-data");
  if (!existsSync(join(dir, "hess-dl3-dr1/hdu-index.fits.gz"))) return { reason: `no hess-dl3-dr1 under ${dir} (set GAMMAPY_DATA)` };
  return { dir };
}

/** Null is Python's JSON for NaN. */
export type Num = number | null;

/** One run as gammapy_reduce.py reports it. */
export interface RunRef {
  obs_id: number;
  counts: Num[];
  exposure: Num[];
  exposure_nocc: Num[];
  livetime: number;
  edisp: Num[];
  edisp_exposure: Num[];
  background: Num[];
  offset: number;
  gti_start: number[];
  gti_stop: number[];
  meta: Record<string, string | number>;
  masks: Record<string, boolean[]>;
  thresholds: Record<string, Num[]>;
  counts_rad_max: Num[];
  analysis: { counts: number; livetime: number; energy_min: number; energy_max: number; mask_safe: boolean[] };
}

/** Everything gammapy_reduce.py prints. */
export interface ReduceRef {
  request: { obs_ids: number[]; on: [number, number, number]; energy: [number, number, number]; energy_true: [number, number, number] };
  runs: RunRef[];
  stacked: { counts: Num[]; exposure: Num[]; edisp: Num[]; mask_safe: boolean[]; livetime: number; info_counts: number };
}

/** The stored Gammapy 1.0 numbers. */
export function storedReference(): ReduceRef {
  return JSON.parse(readFileSync(join(here, "fixtures/gammapy-1.0-reduce.json"), "utf8")) as ReduceRef;
}

/** Gammapy 1.0 run live on the same request, or undefined with the reason printed. */
export function liveReference(request: ReduceRef["request"], dataDir: string): ReduceRef | undefined {
  if (!existsSync(PYTHON)) {
    console.log(`skipping the live Gammapy comparison: ${PYTHON} not found`);
    return undefined;
  }
  const run = spawnSync(PYTHON, [join(here, "gammapy_reduce.py")], {
    input: JSON.stringify(request),
    encoding: "utf8",
    maxBuffer: 64 << 20,
    env: { ...process.env, GAMMAPY_DATA: dataDir },
  });
  if (run.status !== 0) {
    if (/ModuleNotFoundError|ImportError/.test(run.stderr ?? "")) {
      console.log(`skipping the live Gammapy comparison: ${(run.stderr ?? "").trim().split("\n").pop()}`);
      return undefined;
    }
    throw new Error(`gammapy_reduce.py failed: ${run.stderr}`);
  }
  return { request, ...(JSON.parse(run.stdout) as Omit<ReduceRef, "request">) };
}

/** The config of the crab-1d cases as objects: on region, energy axes. */
export function crabSetup(request: ReduceRef["request"]): { geom: RegionGeom; energy: MapAxis; energyTrue: MapAxis } {
  const [lon, lat, r] = request.on;
  const [e0, e1, n] = request.energy;
  const [t0, t1, nt] = request.energy_true;
  const energy = MapAxis.fromBounds(e0, e1, n, { name: "energy", unit: "TeV", interp: "log" });
  const energyTrue = MapAxis.fromBounds(t0, t1, nt, { name: "energy_true", unit: "TeV", interp: "log" });
  const geom = RegionGeom.create(new CircleSkyRegion(lon, lat, r, "icrs"), { axes: [energy] });
  return { geom, energy, energyTrue };
}

/** Opens H.E.S.S. DR1. */
export function hessStore(dir: string): DataStore {
  return DataStore.fromDir(join(dir, "hess-dl3-dr1"));
}

/** Compares arrays element by element within a relative tolerance (NaN/null equal). */
export function expectClose(actual: ArrayLike<number>, expected: readonly Num[] | ArrayLike<number>, rtol: number, atol = 0, what = ""): void {
  expect(actual.length, `${what} length`).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    const e = expected[i] ?? NaN;
    const a = actual[i]!;
    if (Number.isNaN(e)) {
      expect(Number.isNaN(a), `${what}[${i}] should be NaN, is ${a}`).toBe(true);
      continue;
    }
    const ok = Math.abs(a - e) <= atol + rtol * Math.abs(e);
    expect(ok, `${what}[${i}]: ${a} vs ${e}`).toBe(true);
  }
}

/** A boolean mask as 0/1 numbers. */
export function bits(mask: readonly boolean[]): number[] {
  return mask.map((b) => (b ? 1 : 0));
}
