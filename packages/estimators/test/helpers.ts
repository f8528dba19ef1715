/**
 * Test helpers: stand-in spectrum datasets (cash and wstat) built from plain arrays that
 * implement EstimatorDataset, a seeded simulation of such arrays, the live Gammapy
 * runner and a relative comparison.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Time, makeTimeRef } from "@gammats/core";
import { cashSum, wstatMuBkgBin, wstatSum } from "@gammats/datasets";
import { MapAxis } from "@gammats/maps";
import { Models, PowerLawSpectralModel, SkyModel, erf } from "@gammats/modeling";
import { expect } from "vitest";
import type { EstimatorDataset, EstimatorGti } from "../src/index.js";

/** Plain arrays of one spectrum dataset, as sent to Gammapy. */
export interface SpectrumArrays {
  kind: "spectrum" | "onoff";
  name: string;
  /** Reco and true energy edges [TeV]. */
  energyEdges: number[];
  energyTrueEdges: number[];
  counts: number[];
  /** Exposure per true-energy bin [cm2 s]. */
  exposure: number[];
  /** Energy dispersion, nTrue × nReco row-major (rows sum to ≤ 1). */
  edisp: number[];
  /** Background counts per reco bin (kind "spectrum"). */
  background?: number[];
  /** Off counts and acceptances (kind "onoff"). */
  countsOff?: number[];
  acceptance?: number[];
  acceptanceOff?: number[];
  /** 0/1 per reco bin; absent = no safe mask. */
  maskSafe?: number[];
  /** GTI [s] after mjdRef (TT). */
  gti?: { mjdRef: number; start: number[]; stop: number[] };
}

/**
 * A stand-in for SpectrumDataset / SpectrumDatasetOnOff: npred = edisp ⊗ (exposure ×
 * ∫ dN/dE over true bins) per sky model, plus the background (fixed, or the wstat profile
 * background α·μ_bkg), statistics from @gammats/datasets.
 */
export class StandInDataset implements EstimatorDataset {
  readonly name: string;
  readonly energyAxis: MapAxis;
  readonly counts: Float64Array;
  readonly mask: Uint8Array | undefined;
  readonly gti: EstimatorGti | undefined;
  readonly models: Models | undefined;
  readonly arrays: SpectrumArrays;
  private readonly trueLo: Float64Array;
  private readonly trueHi: Float64Array;
  private readonly alpha: Float64Array | undefined;
  private readonly off: Float64Array | undefined;

  constructor(arrays: SpectrumArrays, models?: Models) {
    this.arrays = arrays;
    this.name = arrays.name;
    this.energyAxis = MapAxis.fromEdges(arrays.energyEdges, { name: "energy", unit: "TeV", interp: "log" });
    this.counts = Float64Array.from(arrays.counts);
    this.mask = arrays.maskSafe ? Uint8Array.from(arrays.maskSafe) : undefined;
    this.gti = arrays.gti
      ? {
          start: Float64Array.from(arrays.gti.start),
          stop: Float64Array.from(arrays.gti.stop),
          timeRef: makeTimeRef(Time.fromMjd(arrays.gti.mjdRef, "tt"), "s", "LOCAL"),
        }
      : undefined;
    this.models = models;
    this.trueLo = Float64Array.from(arrays.energyTrueEdges.slice(0, -1));
    this.trueHi = Float64Array.from(arrays.energyTrueEdges.slice(1));
    if (arrays.kind === "onoff") {
      this.alpha = Float64Array.from(arrays.acceptance!, (a, i) => a / arrays.acceptanceOff![i]!);
      this.off = Float64Array.from(arrays.countsOff!);
    }
  }

  withModels(models: Models): StandInDataset {
    return new StandInDataset(this.arrays, models);
  }

  npredSignal(modelName?: string): Float64Array {
    const nReco = this.counts.length;
    const out = new Float64Array(nReco);
    for (const m of this.models?.skyModels() ?? []) {
      if (modelName !== undefined && m.name !== modelName) continue;
      if (m.datasetsNames !== undefined && !m.datasetsNames.includes(this.name)) continue;
      const flux = m.spectral.integral(this.trueLo, this.trueHi);
      for (let j = 0; j < flux.length; j++) {
        const npredTrue = flux[j]! * this.arrays.exposure[j]!;
        for (let i = 0; i < nReco; i++) out[i]! += npredTrue * this.arrays.edisp[j * nReco + i]!;
      }
    }
    return out;
  }

  npred(): Float64Array {
    const signal = this.npredSignal();
    if (this.arrays.kind === "spectrum") return signal.map((s, i) => s + this.arrays.background![i]!);
    return signal.map((s, i) => s + this.alpha![i]! * wstatMuBkgBin(this.counts[i]!, this.off![i]!, this.alpha![i]!, s));
  }

  statSum(mask: Uint8Array): number {
    const n = this.counts.length;
    if (this.arrays.kind === "spectrum") return cashSum(n, this.counts, this.npred(), mask);
    return wstatSum(n, this.counts, this.off!, this.alpha!, this.npredSignal(), mask);
  }
}

/** mulberry32: a small seeded generator of uniform numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Poisson draw (Knuth's product method; fine for the means of these tests). */
export function poisson(mean: number, random: () => number): number {
  if (mean > 500) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Log-spaced edges [TeV]. */
export function logEdges(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n + 1 }, (_, i) => lo * Math.pow(hi / lo, i / n));
}

/** Options of {@link simulateSpectrum}. */
export interface SimulateOptions {
  kind: "spectrum" | "onoff";
  name: string;
  seed: number;
  /** Source model used to draw the counts. */
  model: PowerLawSpec;
  /** Live time [s]; default 36000. */
  livetime?: number;
  /** Number of reco bins masked at low energy; default 2. */
  maskedLow?: number;
  gti?: SpectrumArrays["gti"];
  /** No energy dispersion: true bins = reco bins, identity matrix. Default false. */
  identityEdisp?: boolean;
}

/**
 * Arrays of a simulated point-source observation: 0.1–100 TeV in 12 reco bins, 0.05–200
 * TeV in 24 true bins, Gaussian log-energy dispersion (σ = 0.15), an effective area rising
 * to 1e9 cm², a flat-ish background (on-off: α = 0.2), Poisson counts.
 */
export function simulateSpectrum(options: SimulateOptions): SpectrumArrays {
  const random = seededRandom(options.seed);
  const energyEdges = logEdges(0.1, 100, 12);
  const energyTrueEdges = options.identityEdisp ? energyEdges : logEdges(0.05, 200, 24);
  const nReco = 12;
  const nTrue = energyTrueEdges.length - 1;
  const livetime = options.livetime ?? 36000;
  const edisp: number[] = [];
  const exposure: number[] = [];
  for (let j = 0; j < nTrue; j++) {
    const e = Math.sqrt(energyTrueEdges[j]! * energyTrueEdges[j + 1]!);
    const cdf = energyEdges.map((x) => 0.5 * (1 + erf(Math.log(x / e) / (0.15 * Math.SQRT2))));
    for (let i = 0; i < nReco; i++) edisp.push(options.identityEdisp ? (i === j ? 1 : 0) : cdf[i + 1]! - cdf[i]!);
    exposure.push(1e9 * (1 - Math.exp(-e / 0.3)) * livetime);
  }
  const background = energyEdges.slice(0, -1).map((e) => 3 * Math.pow(e, -0.3) * (livetime / 36000));
  const arrays: SpectrumArrays = {
    kind: options.kind,
    name: options.name,
    energyEdges,
    energyTrueEdges,
    counts: [],
    exposure,
    edisp,
    maskSafe: Array.from({ length: nReco }, (_, i) => (i < (options.maskedLow ?? 2) ? 0 : 1)),
    ...(options.gti ? { gti: options.gti } : {}),
  };
  const truth = new StandInDataset({ ...arrays, kind: "spectrum", background: new Array(nReco).fill(0), counts: new Array(nReco).fill(0) }, sourceModels(options.model));
  const signal = truth.npredSignal();
  if (options.kind === "spectrum") {
    arrays.background = background;
    arrays.counts = Array.from(signal, (s, i) => poisson(s + background[i]!, random));
  } else {
    arrays.acceptance = new Array(nReco).fill(1);
    arrays.acceptanceOff = new Array(nReco).fill(5);
    arrays.countsOff = background.map((b) => poisson(5 * b, random));
    arrays.counts = Array.from(signal, (s, i) => poisson(s + background[i]!, random));
  }
  return arrays;
}

/** A power law as the jobs describe it. */
export interface PowerLawSpec {
  index: number;
  /** [cm-2 s-1 TeV-1] */
  amplitude: number;
  /** [TeV] */
  reference: number;
  indexFrozen?: boolean;
  /** Datasets the model applies to (default all). */
  datasetsNames?: string[];
}

function powerLawModel(m: PowerLawSpec, name: string): SkyModel {
  const spectral = new PowerLawSpectralModel({
    index: m.index,
    amplitude: `${m.amplitude} cm-2 s-1 TeV-1`,
    reference: `${m.reference} TeV`,
  });
  spectral.parameters.get("index").frozen = m.indexFrozen ?? false;
  return new SkyModel({ name, spectral, datasetsNames: m.datasetsNames });
}

/** Models with the power-law source "src" and optional other power laws. */
export function sourceModels(model: PowerLawSpec, extra: readonly (PowerLawSpec & { name: string })[] = []): Models {
  return new Models([powerLawModel(model, "src"), ...extra.map((m) => powerLawModel(m, m.name))]);
}

/** Gammapy's output: per SED type, the table's columns (NaN travel as null) and meta. */
export type GammapyTables = Record<
  string,
  {
    meta: Record<string, string | number>;
    columns: Record<string, { shape: number[]; unit: string | null; data: (number | null)[] }>;
  }
>;

/** The Python that has Gammapy 1.0 (Debian package). */
export const REFERENCE_PYTHON = "/usr/bin/python3";
const SCRIPT = fileURLToPath(new URL("./gammapy-estimators.py", import.meta.url));
let unavailable: string | undefined | null = null;

/** Why Gammapy cannot be run here, or undefined when it can (checked once, reason printed). */
export function gammapyUnavailable(): string | undefined {
  if (unavailable !== null) return unavailable;
  if (process.env.GAMMATS_NO_PYTHON === "1") unavailable = "GAMMATS_NO_PYTHON=1";
  else if (!existsSync(REFERENCE_PYTHON)) unavailable = `${REFERENCE_PYTHON} not found`;
  else {
    const r = spawnSync(REFERENCE_PYTHON, ["-c", "import gammapy.estimators"], { encoding: "utf8" });
    unavailable = r.status === 0 ? undefined : `gammapy not importable: ${(r.stderr || "").trim().split("\n").pop()}`;
  }
  if (unavailable !== undefined) console.log(`live Gammapy estimator cross-checks skipped: ${unavailable}`);
  return unavailable;
}

/** Runs test/gammapy-estimators.py on {jobs}; one result per job, undefined without Gammapy. */
export function runGammapy(input: { jobs: unknown[] }): GammapyTables[] | undefined {
  if (gammapyUnavailable() !== undefined) return undefined;
  const r = spawnSync(REFERENCE_PYTHON, [SCRIPT], { input: JSON.stringify(input), encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`gammapy run failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as GammapyTables[];
}

/**
 * Asserts |actual − expected| ≤ atol + rtol·|expected| element-wise; NaN (or null)
 * expected must be NaN.
 */
export function expectClose(
  actual: ArrayLike<number | boolean>,
  expected: ArrayLike<number | boolean | null>,
  rtol: number,
  atol = 0,
  what = "",
): void {
  expect(actual.length, `${what} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = Number(actual[i]);
    const e = expected[i] === null ? NaN : Number(expected[i]);
    if (Number.isNaN(e)) {
      if (!Number.isNaN(a)) expect.fail(`${what}[${i}]: got ${a}, expected NaN`);
      continue;
    }
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
      expect.fail(`${what}[${i}]: got ${a}, expected ${e} (rel. diff ${((a - e) / e).toExponential(2)})`);
    }
  }
}
