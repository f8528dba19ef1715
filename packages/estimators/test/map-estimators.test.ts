/**
 * Offline tests of the map estimators: hand-computed excess maps on tiny datasets, the
 * correlation disk, energy grouping, FluxMaps conversions, the summary fields, the TS
 * building blocks against numbers from Gammapy 1.0 (its compiled `norm_bounds`,
 * `f_cash_root`, `cash_sum`, `BrentqFluxEstimator`, its kernels and scipy's upsampling).
 */
import { describe, expect, test } from "vitest";
import { mapDataset, mapDatasetOnOff } from "@gammats/datasets";
import { MapAxis, WcsGeom, WcsNDMap } from "@gammats/maps";
import { GaussianSpatialModel, PointSpatialModel, PowerLawSpectralModel } from "@gammats/modeling";
import {
  ExcessMapEstimator,
  FluxMaps,
  TSMapEstimator,
  correlationKernel,
  energyGroups,
  excessMapSummary,
  fitTsPixel,
  mapEstimatorDataset,
  recoExposure,
  tsCashDerivative,
  tsCashSum,
  tsKernel,
  tsNormBounds,
} from "../src/index.js";
import type { MapEstimatorDataset, TsPixelData } from "../src/index.js";
import { blockReduceCube, cropCube, padCube, upsampleCube } from "../src/map/map-resample.js";
import { tsPadWidth } from "../src/map/ts-dataset-prep.js";

const energy = MapAxis.fromEnergyBounds(0.1, 10, 5, { unit: "TeV" });

/** A 7 × 7 single-bin dataset of 0.1° pixels: counts 2 everywhere, 7 at (x 4, y 3), background 1. */
function tinyDataset(overrides: Partial<MapEstimatorDataset> = {}): MapEstimatorDataset {
  const axis = MapAxis.fromEdges([1, 10], { name: "energy", unit: "TeV", interp: "log" });
  const geom = WcsGeom.create({ skydir: [10, 20], binsz: 0.1, npix: [7, 7], frame: "galactic", axes: [axis] });
  const counts = new Float64Array(49).fill(2);
  counts[3 * 7 + 4] = 7;
  return { geom, counts, background: new Float64Array(49).fill(1), ...overrides };
}

const cashTs = (n: number, mu: number) => 2 * (n * Math.log(n / mu) - (n - mu));

describe("ExcessMapEstimator on a tiny dataset", () => {
  test("disk sums with zeros outside the map, Cash significance, NaN outside the mask", () => {
    const maskSafe = new Uint8Array(49).fill(1);
    maskSafe[0] = 0;
    const maps = new ExcessMapEstimator({ correlationRadius: "0.1 deg", selectionOptional: "all" }).run(tinyDataset({ maskSafe }));
    const at = (name: string, x: number, y: number) => maps.get(name)[y * 7 + x]!;
    // Radius of one pixel: the plus-shaped disk of 5 pixels.
    expect(at("counts", 1, 1)).toBe(10);
    expect(at("ts", 1, 1)).toBeCloseTo(cashTs(10, 5), 12);
    // Pixels of the source's plus: 15 counts on 5 expected.
    expect(at("counts", 4, 2)).toBe(15);
    expect(at("npred_excess", 4, 2)).toBe(10);
    expect(at("sqrt_ts", 4, 2)).toBeCloseTo(Math.sqrt(cashTs(15, 5)), 12);
    // Edge pixel (6, 3): 4 disk pixels inside the map; the corner (0, 0) is masked out and
    // its neighbour (1, 0) loses the masked pixel: 2 + 2 + 2 on 3 expected.
    expect(at("counts", 6, 3)).toBe(8);
    expect(at("counts", 1, 0)).toBe(6);
    expect(at("npred_excess", 1, 0)).toBe(3);
    expect(Number.isNaN(at("sqrt_ts", 0, 0))).toBe(true);
    // Without exposure the norm is the excess; errors are Cash profile errors of the sums.
    expect(at("norm", 4, 2)).toBe(10);
    expect(at("norm_err", 4, 2)).toBeCloseTo(Math.sqrt(15), 12);
    expect(at("norm_ul", 4, 2)).toBeGreaterThan(at("norm", 4, 2) + at("norm_errp", 4, 2));
    // npred_excess_err = npred_excess / norm × norm_err (here the error on the disk sum).
    expect(maps.npredExcess("norm_err")[2 * 7 + 4]).toBeCloseTo(Math.sqrt(15), 12);
  });

  test("summary: the first maximum in (energy, lat, lon) order, its pixel centre, the summed excess", () => {
    const maps = new ExcessMapEstimator({ correlationRadius: 0.1 }).run(tinyDataset());
    const summary = excessMapSummary(maps);
    // Five pixels tie at 15 counts; (4, 2) comes first.
    expect(summary.max_sqrt_ts).toBeCloseTo(Math.sqrt(cashTs(15, 5)), 12);
    const centre = maps.geom.pixToSky(Float64Array.of(4), Float64Array.of(2));
    expect(summary.lon_deg).toBe(centre.lon[0]);
    expect(summary.lat_deg).toBe(centre.lat[0]);
    expect(summary.frame).toBe("galactic");
    // Σ over pixels of (disk counts − disk background) = Σ counts × disk pixels inside − …
    const excess = maps.get("npred_excess").reduce((a, b) => a + b, 0);
    expect(summary.excess_sum).toBe(excess);
    expect(excess).toBeGreaterThan(20);
  });

  test("on-off: α from the correlated background and off counts", () => {
    const onOff = {
      countsOff: new Float64Array(49).fill(4),
      acceptance: new Float64Array(49).fill(1),
      acceptanceOff: new Float64Array(49).fill(4),
    };
    const maps = new ExcessMapEstimator({ correlationRadius: 0.1 }).run(tinyDataset({ onOff }));
    // Centre of the plus: n_on 15, n_off 20, α = 5 / 20: excess 10, Li & Ma significance.
    const i = 2 * 7 + 4;
    expect(maps.get("npred_excess")[i]).toBeCloseTo(10, 12);
    const [on, off, a] = [15, 20, 0.25];
    const liMa = Math.sqrt(2 * (on * Math.log(((1 + a) / a) * (on / (on + off))) + off * Math.log((1 + a) * (off / (on + off)))));
    expect(maps.get("sqrt_ts")[i]).toBeCloseTo(liMa, 10);
  });

  test("energy groups snap to the data edges as Gammapy's group_table", () => {
    const g = energyGroups(energy, [0.1, 1, 10]);
    expect(g.groups).toEqual([
      { start: 0, stop: 2 },
      { start: 2, stop: 5 },
    ]);
    expect(g.axis.edges[1]).toBeCloseTo(0.1 * 10 ** 0.8, 12);
    // Edges collapsing onto one data edge are dropped; no edges: one bin over the axis.
    expect(energyGroups(energy, [0.1, 0.11, 10]).groups).toEqual([{ start: 0, stop: 5 }]);
    expect(energyGroups(energy).groups).toEqual([{ start: 0, stop: 5 }]);
    expect(() => energyGroups(energy, [20, 30])).toThrow(/do not overlap/);
  });

  test("reco exposure: Σ_t F_t exposure_t Σ_r edisp_tr w_r", () => {
    const axis = MapAxis.fromEdges([1, 2, 4], { name: "energy", unit: "TeV", interp: "log" });
    const geom = WcsGeom.create({ skydir: [0, 0], binsz: 1, npix: [1, 1], axes: [axis] });
    const trueAxis = MapAxis.fromEdges([1, 2, 4], { name: "energy_true", unit: "TeV", interp: "log" });
    const pl = new PowerLawSpectralModel({ index: 2 });
    const d: MapEstimatorDataset = {
      geom,
      counts: [0, 0],
      exposure: { energyAxisTrue: trueAxis, data: [1e10, 2e10] },
      edisp: { matrix: [0.8, 0.2, 0.1, 0.9], maskSafe: [1, 0] },
    };
    const [f1, f2] = pl.integral([1, 2], [2, 4]);
    // One group of both reco bins, the second masked in the edisp: only column 0 counts.
    expect(recoExposure(d, [{ start: 0, stop: 2 }], pl)[0]).toBeCloseTo(f1! * 1e10 * 0.8 + f2! * 2e10 * 0.1, 20);
  });
});

describe("MapDataset records through mapEstimatorDataset", () => {
  test("the same maps as from the plain arrays, Cash and on-off", () => {
    const base = tinyDataset();
    const trueAxis = base.geom.axes[0]!.rename("energy_true");
    const exposure = new WcsNDMap(base.geom.toImage().toCube([trueAxis]), new Float64Array(49).fill(1e9), "cm2 s");
    const maskSafe = new Uint8Array(49).fill(1);
    maskSafe[10] = 0;
    const arrays: MapEstimatorDataset = { ...base, maskSafe, exposure: { energyAxisTrue: trueAxis, data: exposure.data } };
    const map = (data: ArrayLike<number>) => new WcsNDMap(base.geom, Float64Array.from(data));
    const common = { counts: map(base.counts), exposure, maskSafe: new WcsNDMap(base.geom, maskSafe) };
    const estimator = new ExcessMapEstimator({ correlationRadius: 0.1, selectionOptional: ["ul"] });
    const fromRecord = estimator.run(mapEstimatorDataset(mapDataset({ name: "d", ...common, background: map(base.background!) })));
    const fromArrays = estimator.run(arrays);
    for (const name of ["npred_excess", "sqrt_ts", "norm", "norm_ul"]) expect(Array.from(fromRecord.get(name))).toEqual(Array.from(fromArrays.get(name)));
    // Uniform exposure: the disk average is the pixel value, 1e9 cm2 s × 0.9e-12 cm-2 s-1.
    expect(fromRecord.get("norm")[2 * 7 + 4]).toBeCloseTo(10 / (1e9 * 0.9e-12), 8);
    const onOff = { countsOff: new Float64Array(49).fill(4), acceptance: new Float64Array(49).fill(1), acceptanceOff: new Float64Array(49).fill(4) };
    const record = mapDatasetOnOff({ name: "o", ...common, countsOff: map(onOff.countsOff), acceptance: 1, acceptanceOff: 4 });
    expect(Array.from(estimator.run(mapEstimatorDataset(record)).get("sqrt_ts"))).toEqual(Array.from(estimator.run({ ...arrays, onOff }).get("sqrt_ts")));
  });
});

describe("correlation disk and FluxMaps", () => {
  test("the disk of astropy's Tophat2DKernel, peak 1", () => {
    expect(Array.from(correlationKernel(1).data)).toEqual([0, 1, 0, 1, 1, 1, 0, 1, 0]);
    const k = correlationKernel(5);
    expect(k.size).toBe(11);
    expect(k.data.reduce((a, b) => a + b, 0)).toBe(81);
  });

  test("flux SED maps, derived sqrt(TS), upper-limit flags and the success filter", () => {
    const geom = WcsGeom.create({ skydir: [0, 0], binsz: 0.1, npix: [2, 1], axes: [MapAxis.fromEdges([1, 10], { name: "energy", unit: "TeV", interp: "log" })] });
    const maps = new FluxMaps(
      geom,
      {
        norm: Float64Array.of(2, -1),
        norm_err: Float64Array.of(0.5, 0.5),
        norm_ul: Float64Array.of(3, 1),
        ts: Float64Array.of(9, 4),
        success: Float64Array.of(1, 0),
      },
      new PowerLawSpectralModel({ index: 2 }),
      { nSigma: 1, nSigmaUl: 2 },
    );
    // PL index 2, 1e-12 at 1 TeV: ∫_1^10 = 0.9e-12; dN/dE at √10 TeV = 1e-13.
    expect(maps.sed("flux")[0]).toBeCloseTo(2 * 0.9e-12, 25);
    expect(maps.sed("dnde")[0]).toBeCloseTo(2e-13, 25);
    expect(maps.sed("flux_ul")[1]).toBeCloseTo(0.9e-12, 25);
    // The failed pixel's norm is NaN, so its sqrt(TS) takes the negative sign.
    expect(Number.isNaN(maps.norm[1]!)).toBe(true);
    expect(Array.from(maps.sqrtTs)).toEqual([3, -2]);
    expect(Array.from(maps.isUl)).toEqual([0, 1]);
    maps.filterSuccessNan = false;
    expect(maps.norm[1]).toBe(-1);
    expect(() => maps.get("counts")).toThrow(/not defined/);
  });
});

describe("TS-map building blocks (numbers from Gammapy 1.0)", () => {
  const arr = (v: number[]) => Float64Array.from(v);

  test("norm bounds, Cash derivative and truncated Cash sum as Gammapy's compiled helpers", () => {
    const d: TsPixelData = { n: 4, counts: arr([0, 3, 1, 2]), background: arr([1, 0.5, 2, 0]), model: arr([0.5, 1, 0, 2]) };
    expect(tsNormBounds(d)).toEqual([0.5714285714285714, 1.7142857142857142, -0]);
    expect(tsCashDerivative(d, 0.7)).toBe(-3.7142857142857144);
    const t: TsPixelData = { n: 3, counts: arr([1, 0, 2]), background: arr([1e-30, 0, -1]), model: arr([0, 0, 0]) };
    expect(tsCashSum(t, 0)).toBeCloseTo(345.38776383185797, 11);
    const empty: TsPixelData = { n: 2, counts: arr([0, 0]), background: arr([1, 2]), model: arr([1, 1]) };
    expect(tsNormBounds(empty)).toEqual([-99999999999999.5, -100000000000000.0, -1.0]);
  });

  const cutout: TsPixelData = {
    n: 9,
    counts: arr([2, 5, 1, 4, 12, 6, 0, 3, 2]),
    background: arr([1.5, 2, 1.8, 2.2, 2.5, 2.1, 1.9, 2, 1.7]),
    model: arr([1, 2, 1, 2, 8, 2, 1, 2, 1]),
  };
  const options = { rtol: 0.01, nSigma: 1, nSigmaUl: 2, threshold: undefined, errnErrp: true, ul: true };

  test("one pixel's fit as BrentqFluxEstimator", () => {
    const r = fitTsPixel(cutout, 0.3, options);
    expect(r.niter).toBe(5);
    expect(r.success).toBe(true);
    expect(r.norm).toBeCloseTo(0.9880836669217296, 14);
    expect(r.norm_err).toBeCloseTo(0.2861977604101025, 14);
    expect(r.ts).toBeCloseTo(23.51278516779486, 11);
    expect(r.stat).toBeCloseTo(-41.324971407885975, 11);
    expect(r.npred).toBeCloseTo(37.461673338434586, 11);
    expect(r.npred_excess).toBeCloseTo(19.761673338434587, 11);
    expect(r.norm_errn).toBeCloseTo(0.2690275095548006, 12);
    expect(r.norm_errp).toBeCloseTo(0.30522195576928624, 12);
    expect(r.norm_ul).toBeCloseTo(1.637172461652494, 12);
  });

  test("below the threshold the starting guess is kept", () => {
    const r = fitTsPixel(cutout, 0.3, { ...options, threshold: 100, errnErrp: false, ul: false });
    expect(r.norm).toBe(0.3);
    expect(r.niter).toBe(0);
    expect(r.norm_err).toBeCloseTo(0.1517986644479144, 14);
    expect(r.ts).toBeCloseTo(14.981228488025494, 11);
    expect(r.npred_excess).toBeCloseTo(6, 12);
  });

  test("kernels: a delta for a point source, Gammapy's oversampled Gaussian", () => {
    const geom = WcsGeom.create({ skydir: [83.63, 22.01], binsz: 0.02, npix: [48, 40], frame: "icrs" });
    const point = tsKernel(geom, new PointSpatialModel(), 0.3);
    // 0.3° → 15 pixels, then the evaluator's local cut-out 2 × 0.1° → 11.
    expect(point.geom.npix).toEqual([11, 11]);
    expect(point.data[60]).toBe(1);
    const gauss = tsKernel(geom, new GaussianSpatialModel({ sigma: "0.05 deg" }), 0.3);
    expect(gauss.geom.npix).toEqual([15, 15]);
    // Gammapy's values (its float32 stacking reproduced; solid angles agree to 1e-12).
    const rel = (a: number, b: number) => Math.abs(a / b - 1);
    expect(rel(gauss.data[7 * 15 + 7]!, 0.025345861305521755)).toBeLessThan(1e-11);
    expect(rel(gauss.data[7 * 15 + 10]!, 0.012426090118379755)).toBeLessThan(1e-11);
    expect(rel(gauss.data[3 * 15 + 12]!, 0.000985339262840839)).toBeLessThan(1e-11);
    expect(rel(gauss.data[0]!, 1.078093004670411e-5)).toBeLessThan(1e-11);
  });

  test("padding for downsampling, scipy's upsampling, block sums", () => {
    expect(tsPadWidth(40, 48, 11, 11, undefined)).toEqual([5, 5]);
    expect(tsPadWidth(40, 48, 11, 9, undefined)).toEqual([4, 5]);
    expect(tsPadWidth(40, 48, 11, 11, 2)).toEqual([8, 8]);
    expect(() => tsPadWidth(51, 61, 11, 11, 2)).toThrow(/symmetrically/);
    const d = [1, 2, 4, 3, 0, 5];
    expect(Array.from(upsampleCube(d, 1, 2, 3, 2, 1))).toEqual([
      1, 1.25, 1.75, 2.5, 3.5, 4, 1.5, 1.5, 1.5, 2.1875, 3.5625, 4.25, 2.5, 2, 1, 1.5625, 3.6875, 4.75, 3, 2.25, 0.75, 1.25, 3.75, 5,
    ]);
    expect(Array.from(upsampleCube(d, 1, 2, 3, 2, 0))).toEqual([
      1, 1, 2, 2, 4, 4, 1, 1, 2, 2, 4, 4, 3, 3, 0, 0, 5, 5, 3, 3, 0, 0, 5, 5,
    ]);
    expect(Array.from(blockReduceCube([1, 2, NaN, 4], 1, 2, 2, 2, "sum"))).toEqual([7]);
    expect(Array.from(blockReduceCube([1, 2, NaN, 4], 1, 2, 2, 2, "mean"))).toEqual([7 / 3]);
    const padded = padCube(d, 1, 2, 3, 1, 2);
    expect(padded.length).toBe(4 * 7);
    expect(Array.from(cropCube(padded, 1, 4, 7, 1, 2))).toEqual(d);
  });

  test("the estimator rejects what Gammapy cannot run", () => {
    const d = tinyDataset();
    expect(() => new TSMapEstimator().run(d)).toThrow(/no exposure/);
    expect(() => new TSMapEstimator({ downsamplingFactor: 1.5 })).toThrow(/positive integer/);
    expect(() => new ExcessMapEstimator({ selectionOptional: ["scan" as "ul"] })).toThrow(/not an optional step/);
  });
});
