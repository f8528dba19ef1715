/**
 * Live cross-check of 1D datasets against Gammapy 1.0: the fixtures (three observations
 * as plain arrays) are built in Gammapy and here; npred for a power law, WStat and Cash
 * statistics, residuals, info_dict, the in-place stack of two datasets, Datasets
 * stacking and the cumulative info table must agree; files written here must read in
 * Gammapy and Gammapy's files here. Skips (reason printed) without Python or Gammapy.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  Datasets,
  alpha,
  gtiMjd,
  infoDict,
  energyRangeSafe,
  metaTableObsIds,
  npred,
  npredBackground,
  npredSignal,
  readSpectrumDataset,
  residuals,
  stackDatasets,
  statArray,
  statSum,
  writeSpectrumDataset,
} from "@gammats/datasets";
import type { AnySpectrumDataset, InfoDict } from "@gammats/datasets";
import { ERECO, ETRUE, FIXTURES, PL, REGION, cashFixture, onOffFixture, plModels } from "./spectrum-fixtures.js";

const PYTHON = "/usr/bin/python3";
const SCRIPT = new URL("./spectrum_gammapy.py", import.meta.url).pathname;

type Num = number | string;
type Json = Record<string, unknown>;

function dec(x: Num): number {
  if (typeof x === "number") return x;
  return x === "nan" ? NaN : x === "inf" ? Infinity : x === "-inf" ? -Infinity : Number(x);
}

function decArr(a: unknown): Float64Array {
  return Float64Array.from(a as Num[], dec);
}

/** Relative agreement (plus an absolute tolerance, default none); NaN matches NaN. */
function expectClose(actual: ArrayLike<number> | number, expected: ArrayLike<number> | number, rtol: number, what: string, atol = 0): void {
  const a = typeof actual === "number" ? [actual] : Array.from(actual);
  const b = typeof expected === "number" ? [expected] : Array.from(expected);
  expect(a.length, `${what}: length`).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (Number.isNaN(y)) {
      expect(x, `${what}[${i}]`).toBeNaN();
      continue;
    }
    const tol = rtol * Math.max(Math.abs(x), Math.abs(y)) + atol;
    if (!(Math.abs(x - y) <= tol) && x !== y) throw new Error(`${what}[${i}]: ${x} vs Gammapy ${y} (rtol ${rtol})`);
  }
}

const INFO_KEYS = [
  "counts",
  "excess",
  "sqrt_ts",
  "background",
  "npred",
  "npred_background",
  "npred_signal",
  "exposure_min",
  "exposure_max",
  "livetime",
  "ontime",
  "counts_rate",
  "background_rate",
  "excess_rate",
  "n_bins",
  "n_fit_bins",
  "stat_sum",
] as const;
const ONOFF_KEYS = ["counts_off", "acceptance", "acceptance_off", "alpha"] as const;

function compareInfo(ours: InfoDict, theirs: Json, rtol: number, what: string, ds?: AnySpectrumDataset): void {
  const keys = [...INFO_KEYS, ...(ours.counts_off === undefined ? [] : ONOFF_KEYS)];
  for (const k of keys) expectClose((ours as unknown as Record<string, number>)[k]!, dec(theirs[k] as Num), rtol, `${what}.${k}`);
  expect(ours.stat_type).toBe(theirs.stat_type);
  if (ds !== undefined) {
    const [emin, emax] = energyRangeSafe(ds);
    expectClose([emin, emax], [dec(theirs.energy_min as Num), dec(theirs.energy_max as Num)], 1e-12, `${what}.energy_range`);
  }
}

/**
 * npred, statistics, residuals and info_dict against Gammapy's. `statAtol` bounds the
 * absolute difference of statistics, which are differences of large terms: a relative
 * error ε of the inputs becomes ~ε·n_on·ln(μ) in the statistic.
 */
function compareEval(ds: AnySpectrumDataset, g: Json, rtol: number, what: string, statAtol = 0): void {
  expectClose(npredSignal(ds), decArr(g.npred_signal), rtol, `${what} npred_signal`);
  expectClose(npred(ds), decArr(g.npred), rtol, `${what} npred`);
  expectClose(npredBackground(ds)!, decArr(g.npred_background), rtol, `${what} npred_background`);
  expectClose(statArray(ds), decArr(g.stat_array), rtol, `${what} stat_array`, statAtol);
  expectClose(statSum(ds), dec(g.stat_sum as Num), rtol, `${what} stat_sum`, statAtol);
  expectClose(residuals(ds), decArr(g.residuals), rtol, `${what} residuals`, statAtol);
  compareInfo(infoDict(ds), g.info as Json, rtol, `${what} info`, ds);
}

/** The stored content of a dataset against Gammapy's. */
function compareContent(
  ds: AnySpectrumDataset,
  g: Json,
  rtol: number,
  what: string,
  options: { edispRtol?: number; edispExposureFactor?: number } = {},
): void {
  expect(ds.name, `${what} name`).toBe(g.name);
  expectClose(ds.counts!.data, decArr(g.counts), 0, `${what} counts`);
  expectClose(ds.exposure!.data, decArr(g.exposure), rtol, `${what} exposure`);
  expectClose(ds.edisp!.kernel.pdfMatrix, decArr(g.edisp), options.edispRtol ?? rtol, `${what} edisp`);
  if (g.edisp_exposure !== null) {
    const f = options.edispExposureFactor ?? 1;
    expectClose(ds.edisp!.exposure!.map((v) => v * f), decArr(g.edisp_exposure), rtol, `${what} edisp exposure`);
  }
  expectClose(ds.maskSafe!, decArr(g.mask_safe), 0, `${what} mask_safe`);
  if (g.mask_fit === null) expect(ds.maskFit, `${what} mask_fit`).toBeNull();
  else expectClose(ds.maskFit!, decArr(g.mask_fit), 0, `${what} mask_fit`);
  if (!Number.isNaN(dec(g.livetime as Num))) expectClose(ds.livetime!, dec(g.livetime as Num), rtol, `${what} livetime`);
  if (g.gti_start !== undefined) {
    const { start, stop } = gtiMjd(ds.gti!);
    // MJD of astropy vs ours: 1e-11 d ≈ 1 µs.
    for (const [x, y] of [
      [start, decArr(g.gti_start)],
      [stop, decArr(g.gti_stop)],
    ] as const) {
      expect(x.length, `${what} gti`).toBe(y.length);
      x.forEach((v, i) => expect(Math.abs(v - y[i]!), `${what} gti`).toBeLessThan(1e-9));
    }
  }
  if (g.obs_ids !== undefined) expect(metaTableObsIds(ds.metaTable).map(Number)).toEqual(g.obs_ids);
  if (ds.tag === "SpectrumDatasetOnOff") {
    expectClose(ds.countsOff!.data, decArr(g.counts_off), 0, `${what} counts_off`);
    expectClose(ds.acceptance!.data, decArr(g.acceptance), rtol, `${what} acceptance`);
    expectClose(ds.acceptanceOff!.data, decArr(g.acceptance_off), rtol, `${what} acceptance_off`);
    expectClose(alpha(ds), decArr(g.alpha), rtol, `${what} alpha`);
  } else if (g.background !== undefined) {
    expectClose(ds.background!.data, decArr(g.background), rtol, `${what} background`);
  }
}

function skipReason(): string | undefined {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const r = spawnSync(PYTHON, ["-c", "import gammapy; print(gammapy.__version__)"], { encoding: "utf8" });
  if (r.status !== 0) return "Gammapy is not importable by /usr/bin/python3";
  return undefined;
}

const reason = skipReason();
if (reason !== undefined) console.log(`skipping the Gammapy live cross-check of spectrum datasets: ${reason}`);

describe.skipIf(reason !== undefined)("spectrum datasets vs Gammapy 1.0 (live)", () => {
  const [a, b, c] = FIXTURES as [(typeof FIXTURES)[0], (typeof FIXTURES)[0], (typeof FIXTURES)[0]];
  let dir = "";
  let paths: Record<string, string> = {};
  let gp: Record<string, Json> = {};
  // Files written here first; Gammapy then reads them, computes its numbers and writes its files.
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "gammats-spectrum-"));
    paths = {
      ours_ogip: join(dir, "ours", "pha_obs23523.fits"),
      ours_gadf_onoff: join(dir, "ours_onoff.fits"),
      ours_gadf_cash: join(dir, "ours_cash.fits"),
      gp_ogip: join(dir, "gp", "pha_obs23523.fits"),
      gp_gadf_onoff: join(dir, "gp_onoff.fits"),
      gp_gadf_cash: join(dir, "gp_cash.fits"),
    };
    writeSpectrumDataset(paths.ours_ogip!, onOffFixture(a), { format: "ogip" });
    writeSpectrumDataset(paths.ours_gadf_onoff!, onOffFixture(a), { format: "gadf" });
    writeSpectrumDataset(paths.ours_gadf_cash!, cashFixture(a));
    const input = { e_reco: Array.from(ERECO.edges), e_true: Array.from(ETRUE.edges), region: REGION, datasets: FIXTURES, model: PL, paths };
    const run = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify(input), encoding: "utf8", maxBuffer: 64 << 20 });
    if (run.status !== 0) throw new Error(`Gammapy script failed: ${run.stderr}`);
    gp = JSON.parse(run.stdout) as Record<string, Json>;
  });
  afterAll(() => {
    if (dir !== "") rmSync(dir, { recursive: true, force: true });
  });

  for (const kind of ["onoff", "cash"] as const) {
    const make = kind === "onoff" ? onOffFixture : cashFixture;

    test(`${kind}: npred, statistics, residuals and info_dict of each dataset (1e-9)`, () => {
      const models = plModels();
      const g = gp[kind]!;
      FIXTURES.forEach((d, i) => compareEval(make(d, models), (g.datasets as Json[])[i]!, 1e-9, `${kind} ${d.name}`));
      FIXTURES.forEach((d, i) => compareInfo(infoDict(make(d)), (g.no_models as Json[])[i]!, 1e-9, `${kind} ${d.name} (no models)`));
    });

    test(`${kind}: in-place stack of two datasets (1e-9)`, () => {
      const stacked = stackDatasets(make(a), make(b));
      const inplace = gp[kind]!.inplace as Json;
      compareContent(stacked, inplace, 1e-9, `${kind} inplace`);
      stacked.models = plModels();
      compareEval(stacked, inplace.eval as Json, 1e-9, `${kind} inplace`);
    });

    test(`${kind}: Datasets.stack and info_table(cumulative) (Gammapy stores stacked maps in float32: 1e-6)`, () => {
      const datasets = new Datasets([make(a), make(b), make(c)]);
      const stacked = datasets.stack("stacked");
      const g = gp[kind]!;
      const reduce = g.reduce as Json;
      compareContent(stacked, reduce, 1e-6, `${kind} reduce`);
      stacked.models = plModels();
      compareEval(stacked, reduce.eval as Json, 1e-6, `${kind} reduce`, 1e-5);
      const rows = datasets.infoTable({ cumulative: true });
      const theirs = g.info_table as Json[];
      expect(rows.map((r) => r.name)).toEqual(theirs.map((r) => r.name));
      rows.forEach((row, i) => compareInfo(row, theirs[i]!, 1e-6, `${kind} info_table[${i}]`));
    });
  }

  test("Gammapy reads the files gammats writes (OGIP, gadf on/off, gadf)", () => {
    const read = gp.read as Record<string, Json>;
    // The RMF stores the matrix in float32, as Gammapy writes it. Gammapy's OGIP reader
    // puts the exposure's cm2 s numbers into a kernel exposure map labelled m2 s (×1e4
    // when converted back); only ratios of these weights matter when stacking.
    // OGIP has no fit mask.
    const ogip = { ...onOffFixture(a), maskFit: null };
    compareContent(ogip, read.ogip!, 1e-12, "ogip", { edispRtol: 1e-7, edispExposureFactor: 1e4 });
    compareContent(onOffFixture(a), read.gadf_onoff!, 0, "gadf on/off");
    compareContent(cashFixture(a), read.gadf_cash!, 0, "gadf");
  });

  test("gammats reads the files Gammapy writes (OGIP, gadf on/off, gadf)", () => {
    const ogip = readSpectrumDataset(paths.gp_ogip!, { format: "ogip" });
    const ref = onOffFixture(a);
    expect(ogip.name).toBe("23523");
    expect(ogip.tag).toBe("SpectrumDatasetOnOff");
    expectClose(ogip.counts!.data, ref.counts!.data, 0, "ogip counts");
    expectClose(ogip.exposure!.data, ref.exposure!.data, 1e-12, "ogip exposure");
    expectClose(ogip.edisp!.kernel.pdfMatrix, ref.edisp!.kernel.pdfMatrix, 1e-7, "ogip edisp (float32)");
    expectClose(ogip.maskSafe!, ref.maskSafe!, 0, "ogip mask");
    expect(ogip.livetime).toBe(a.livetime);
    const onoff = readSpectrumDataset(paths.gp_gadf_onoff!);
    const cash = readSpectrumDataset(paths.gp_gadf_cash!);
    for (const [ds, ref2] of [
      [onoff, onOffFixture(a)],
      [cash, cashFixture(a)],
    ] as const) {
      expect(ds.tag).toBe(ref2.tag);
      expect(ds.name).toBe("23523");
      // Gammapy does not write the livetime in this layout.
      expect(ds.livetime).toBeNull();
      const models = plModels();
      ds.models = models.forDataset(ds.name);
      const ref3 = { ...ref2, models: plModels() } as AnySpectrumDataset;
      expectClose(statSum(ds), statSum(ref3), 0, `${ds.tag} stat_sum after reading`);
      expectClose(ds.edisp!.exposure!, ref2.edisp!.exposure!, 0, "edisp exposure");
      expect(Array.from(ds.maskFit!)).toEqual(a.mask_fit);
      expect(metaTableObsIds(ds.metaTable)).toEqual([23523]);
    }
  });
});
