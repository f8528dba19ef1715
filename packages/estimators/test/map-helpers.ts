/**
 * Test helpers of the map estimators: a seeded synthetic 3D dataset (point source on a
 * sloped background, energy dispersion, exposure falling off from the centre, safe and
 * fit masks, an off measurement), its stand-in MapEstimatorDataset, the live Gammapy
 * runner (map-gammapy.py) and a comparison with relative and absolute tolerances.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Random, erf } from "@gammats/core";
import { MapAxis, WcsGeom } from "@gammats/maps";
import { expect } from "vitest";
import type { MapEstimatorDataset } from "../src/index.js";

/** Plain arrays of the synthetic dataset, as sent to Gammapy (cubes row-major (energy, lat, lon)). */
export interface MapArrays {
  geom: { skydir: [number, number]; frame: "icrs" | "galactic"; binsz: number; npix: [number, number] };
  energy_edges: number[];
  energy_true_edges: number[];
  counts: number[];
  background: number[];
  exposure: number[];
  /** nTrue × nReco. */
  edisp: number[];
  mask_safe: number[] | null;
  mask_fit: number[] | null;
  counts_off: number[];
  acceptance: number[];
  acceptance_off: number[];
  /** The point source the "with model" jobs put on the dataset. */
  model: { lon: number; lat: number; amplitude: number; index: number };
}

function logEdges(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n + 1 }, (_, i) => lo * (hi / lo) ** (i / n));
}

/** Pixel of the injected source [x, y]. */
export const SOURCE_PIXEL: [number, number] = [29, 22];

/**
 * The synthetic dataset: 48 × 40 pixels of 0.02° (even sizes: Gammapy can downsample them), 5 reconstructed-energy bins in
 * 0.1–10 TeV, 8 true bins in 0.05–20 TeV.
 *
 * @param seed - random seed
 * @returns the arrays
 */
export function syntheticMapArrays(seed = 7): MapArrays {
  const nx = 48;
  const ny = 40;
  const binsz = 0.02;
  const eReco = logEdges(0.1, 10, 5);
  const eTrue = logEdges(0.05, 20, 8);
  const nR = eReco.length - 1;
  const nT = eTrue.length - 1;
  const rng = new Random(seed);
  const centre = (e: number[], i: number) => Math.sqrt(e[i]! * e[i + 1]!);
  // Migration: a log-normal of 0.12 dex around the true energy, integrated over reco bins.
  const edisp: number[] = [];
  for (let t = 0; t < nT; t++) {
    const mu = Math.log10(centre(eTrue, t));
    for (let r = 0; r < nR; r++) {
      const cdf = (e: number) => 0.5 * (1 + erf((Math.log10(e) - mu) / (0.12 * Math.SQRT2)));
      edisp.push(cdf(eReco[r + 1]!) - cdf(eReco[r]!));
    }
  }
  const cx = (nx - 1) / 2;
  const cy = (ny - 1) / 2;
  const exposure: number[] = [];
  for (let t = 0; t < nT; t++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const r2 = ((x - cx) ** 2 + (y - cy) ** 2) * binsz * binsz;
        exposure.push(3e10 * centre(eTrue, t) ** 0.2 * Math.exp(-r2 / (2 * 0.8 * 0.8)));
      }
    }
  }
  const background: number[] = [];
  const counts: number[] = [];
  const countsOff: number[] = [];
  const acceptance: number[] = [];
  const acceptanceOff: number[] = [];
  const maskSafe: number[] = [];
  const maskFit: number[] = [];
  const [sx, sy] = SOURCE_PIXEL;
  for (let r = 0; r < nR; r++) {
    const sourceTotal = 25 * centre(eReco, r) ** -0.6;
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const b = 0.4 * centre(eReco, r) ** -1.2 * (1 + 0.3 * (x / nx - 0.5));
        const d2 = (x - sx) ** 2 + (y - sy) ** 2;
        const s = d2 <= 8 ? (sourceTotal * Math.exp(-d2 / 2)) / (2 * Math.PI) : 0;
        background.push(b);
        counts.push(rng.poisson(b + s));
        const aOff = 5 * (1 + 0.2 * Math.sin(y / 8));
        acceptance.push(1);
        acceptanceOff.push(aOff);
        countsOff.push(rng.poisson(b * aOff));
        maskSafe.push(r === 0 && x < 7 ? 0 : 1);
        maskFit.push((x - 10) ** 2 + (y - 30) ** 2 <= 16 ? 0 : 1);
      }
    }
  }
  const skydir: [number, number] = [83.63, 22.01];
  const geom = WcsGeom.create({ skydir, binsz, npix: [nx, ny], frame: "icrs" });
  const src = geom.pixToSky(Float64Array.of(sx), Float64Array.of(sy));
  return {
    geom: { skydir, frame: "icrs", binsz, npix: [nx, ny] },
    energy_edges: eReco,
    energy_true_edges: eTrue,
    counts,
    background,
    exposure,
    edisp,
    mask_safe: maskSafe,
    mask_fit: maskFit,
    counts_off: countsOff,
    acceptance,
    acceptance_off: acceptanceOff,
    model: { lon: src.lon[0]!, lat: src.lat[0]!, amplitude: 2e-10, index: 2 },
  };
}

/**
 * The stand-in dataset of the arrays.
 *
 * @param a - the arrays
 * @param options - onOff: attach the off measurement; npredSignal: the models' counts
 * @returns the dataset
 */
export function standInDataset(a: MapArrays, options: { onOff?: boolean; npredSignal?: ArrayLike<number> } = {}): MapEstimatorDataset {
  const energy = MapAxis.fromEdges(a.energy_edges, { name: "energy", unit: "TeV", interp: "log" });
  const energyTrue = MapAxis.fromEdges(a.energy_true_edges, { name: "energy_true", unit: "TeV", interp: "log" });
  const geom = WcsGeom.create({ skydir: a.geom.skydir, binsz: a.geom.binsz, npix: a.geom.npix, frame: a.geom.frame, axes: [energy] });
  return {
    name: options.onOff ? "onoff" : "cash",
    geom,
    counts: Float64Array.from(a.counts),
    background: Float64Array.from(a.background),
    npredSignal: options.npredSignal === undefined ? undefined : Float64Array.from(options.npredSignal),
    maskSafe: a.mask_safe === null ? undefined : Uint8Array.from(a.mask_safe),
    maskFit: a.mask_fit === null ? undefined : Uint8Array.from(a.mask_fit),
    exposure: { energyAxisTrue: energyTrue, data: Float64Array.from(a.exposure) },
    edisp: { matrix: Float64Array.from(a.edisp) },
    onOff: options.onOff
      ? { countsOff: Float64Array.from(a.counts_off), acceptance: Float64Array.from(a.acceptance), acceptanceOff: Float64Array.from(a.acceptance_off) }
      : undefined,
  };
}

/** One job of the Gammapy script. */
export interface MapJob {
  kind: "excess" | "ts";
  dataset: "cash" | "onoff";
  with_model?: boolean;
  options: Record<string, unknown>;
}

/** What the Gammapy script returns for one job. */
export interface MapJobResult {
  maps: Record<string, Float64Array>;
  energy_edges: number[];
  shape: number[];
  summary?: { max_sqrt_ts: number; lon_deg: number; lat_deg: number; frame: string; excess_sum: number };
}

const PYTHON = "/usr/bin/python3";
const SCRIPT = fileURLToPath(new URL("./map-gammapy.py", import.meta.url));

/** Why the live comparison cannot run, or undefined when it can. */
export function gammapyUnavailableReason(): string | undefined {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const r = spawnSync(PYTHON, ["-c", "import gammapy.estimators"], { encoding: "utf8" });
  if (r.status !== 0) return `Gammapy not importable with ${PYTHON}: ${r.stderr.trim().split("\n").pop() ?? ""}`;
  return undefined;
}

const decode = (a: (number | string)[]): Float64Array =>
  Float64Array.from(a, (v) => (typeof v === "number" ? v : v === "nan" ? NaN : v === "inf" ? Infinity : -Infinity));

/**
 * Runs the jobs in Gammapy on the arrays.
 *
 * @param arrays - the dataset
 * @param jobs - the jobs
 * @returns the models' predicted counts (when a model is given) and one result per job
 * @throws Error when the script fails
 */
export function runGammapyMaps(arrays: MapArrays, jobs: readonly MapJob[]): { npredSignal?: Float64Array; jobs: MapJobResult[] } {
  const r = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify({ ...arrays, jobs }), encoding: "utf8", maxBuffer: 256 << 20 });
  if (r.status !== 0) throw new Error(`map-gammapy.py failed: ${r.stderr}`);
  const raw = JSON.parse(r.stdout) as { npred_signal?: (number | string)[]; jobs: (Omit<MapJobResult, "maps"> & { maps: Record<string, (number | string)[]> })[] };
  return {
    npredSignal: raw.npred_signal === undefined ? undefined : decode(raw.npred_signal),
    jobs: raw.jobs.map((j) => ({ ...j, maps: Object.fromEntries(Object.entries(j.maps).map(([k, v]) => [k, decode(v)])) })),
  };
}

/**
 * Expects two maps to agree: the same NaN pixels, and |a − b| ≤ rtol |b| + atol elsewhere.
 *
 * @param actual - gammats values
 * @param expected - Gammapy values
 * @param rtol - relative tolerance
 * @param atol - absolute tolerance, one for all or one per element
 * @param what - label for the failure message
 */
export function expectMapClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rtol: number,
  atol: number | ArrayLike<number>,
  what: string,
): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  let worst = -1;
  let worstExcess = 0;
  let nanMismatch = -1;
  let finite = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const b = expected[i]!;
    if (Number.isNaN(b) || Number.isNaN(a)) {
      if (Number.isNaN(a) !== Number.isNaN(b) && nanMismatch < 0) nanMismatch = i;
      continue;
    }
    finite++;
    const excess = Math.abs(a - b) - (rtol * Math.abs(b) + (typeof atol === "number" ? atol : atol[i]!));
    if (excess > worstExcess || (a !== b && !Number.isFinite(excess))) {
      worstExcess = excess;
      worst = i;
    }
  }
  expect(nanMismatch, `${what}: NaN pattern differs at ${nanMismatch} (gammats ${actual[nanMismatch]}, Gammapy ${expected[nanMismatch]})`).toBe(-1);
  expect(finite, `${what}: no finite values to compare`).toBeGreaterThan(0);
  expect(worst, `${what}: at ${worst} gammats ${actual[worst]} vs Gammapy ${expected[worst]}`).toBe(-1);
}
