/**
 * Behaviour of the estimators beyond the numbers compared with Gammapy: options, errors,
 * bins without data, untouched inputs, time binning, and the adapter for the datasets
 * package's records.
 */
import { ConfigError, DataError, Time } from "@gammats/core";
import { createGti, createSpectrumDataset, createSpectrumDatasetOnOff } from "@gammats/datasets";
import { MapAxis, RegionNDMap } from "@gammats/maps";
import { CompoundSpectralModel, Models, PowerLawSpectralModel, SkyModel } from "@gammats/modeling";
import { describe, expect, test } from "vitest";
import { FluxPointsEstimator, LightCurveEstimator, fluxPointsToTable, spectrumEstimatorDataset } from "../src/index.js";
import { MJD_REF, MODEL, lightCurveRuns } from "./cases.js";
import { type SpectrumArrays, StandInDataset, expectClose, simulateSpectrum, sourceModels } from "./helpers.js";

const A = simulateSpectrum({ kind: "spectrum", name: "a", seed: 1, model: MODEL });
const tt = (mjd: number) => Time.fromMjd(mjd, "tt");

describe("FluxPointsEstimator", () => {
  test("rejects bad options with the option's name", () => {
    expect(() => new FluxPointsEstimator({ selectionOptional: ["ul", "limits" as never] })).toThrow(ConfigError);
    expect(() => new FluxPointsEstimator({ energyEdges: [1, 1, 10] })).toThrow(/energyEdges/);
    expect(() => new FluxPointsEstimator({ normMin: 2, normMax: 1 })).toThrow(/normMax/);
    expect(new FluxPointsEstimator({ selectionOptional: "all" }).options.selection).toEqual(["errn-errp", "ul", "scan"]);
    expect(Array.from(new FluxPointsEstimator().energyEdges)).toEqual([1, 10]);
  });

  test("needs datasets and a source with one free norm", () => {
    const ds = new StandInDataset(A, sourceModels(MODEL));
    expect(() => new FluxPointsEstimator().run([])).toThrow(DataError);
    expect(() => new FluxPointsEstimator({ source: "crab" }).run([ds])).toThrow(/no model "crab"/);
    const two = new CompoundSpectralModel(new PowerLawSpectralModel(), new PowerLawSpectralModel({ index: 3 }), "add");
    const compound = new StandInDataset(A, new Models([new SkyModel({ name: "src", spectral: two })]));
    expect(() => new FluxPointsEstimator().run([compound])).toThrow(/one and only one free norm/);
  });

  test("leaves the datasets' models as they were", () => {
    const models = sourceModels(MODEL);
    const before = models.parameters.values;
    new FluxPointsEstimator({ energyEdges: [1, 10], selectionOptional: "all", reoptimize: true }).run([new StandInDataset(A, models)]);
    expect(Array.from(models.parameters.values)).toEqual(Array.from(before));
    expect(models.parameters.list.map((p) => p.frozen)).toEqual([false, false, true]);
  });

  test("a bin the masks exclude is fitted by nobody; a bin without data has no datasets", () => {
    // 0.1–0.3 TeV lies in the two masked bins; 100–300 TeV beyond the data.
    const fp = new FluxPointsEstimator({ energyEdges: [0.1, 0.3, 1, 100, 300], selectionOptional: ["ul"] }).run([
      new StandInDataset(A, sourceModels(MODEL)),
    ]);
    expect(Array.from(fp.energyEdges!).map((e) => +e.toPrecision(6))).toEqual([0.1, 0.316228, 1, 100, 300]);
    expect(Array.from(fp.success!)).toEqual([0, 1, 1, 0]);
    expect(Array.from(fp.raw("norm")!)).toEqual([NaN, fp.norm[1], fp.norm[2], NaN]);
    // Gammapy: stat 0 when the datasets are there but masked, NaN when there are none.
    expect([fp.stat![0], fp.stat![3]]).toEqual([0, NaN]);
    expect([fp.counts![0], fp.counts![3]]).toEqual([0, 0]);
    expect(fp.npred![0]).toBeNaN();
    expect(fp.normUl![0]).toBeNaN();
    expect(fp.counts![1]).toBe(A.counts[2]! + A.counts[3]!);
  });
});

/** The same arrays as a record of @gammats/datasets (no energy dispersion). */
function record(arrays: SpectrumArrays, models: Models) {
  const region = "icrs;circle(83.63,22.01,0.11)";
  const reco = MapAxis.fromEdges(arrays.energyEdges, { name: "energy", unit: "TeV", interp: "log" });
  const etrue = MapAxis.fromEdges(arrays.energyTrueEdges, { name: "energy_true", unit: "TeV", interp: "log" });
  const map = (data: number[]) => RegionNDMap.create(region, { axes: [reco], data });
  const common = {
    name: arrays.name,
    counts: map(arrays.counts),
    exposure: RegionNDMap.create(region, { axes: [etrue], unit: "cm2 s", data: arrays.exposure }),
    maskSafe: arrays.maskSafe!,
    models,
    ...(arrays.gti ? { gti: createGti(arrays.gti.start, arrays.gti.stop, tt(arrays.gti.mjdRef)) } : {}),
  };
  return arrays.kind === "spectrum"
    ? createSpectrumDataset({ ...common, background: map(arrays.background!) })
    : createSpectrumDatasetOnOff({
        ...common,
        countsOff: map(arrays.countsOff!),
        acceptance: map(arrays.acceptance!),
        acceptanceOff: map(arrays.acceptanceOff!),
      });
}

test("SpectrumDataset(OnOff) records give the same flux points and light curves as the stand-ins", () => {
  const arrays = [
    simulateSpectrum({ kind: "spectrum", name: "a", seed: 3, model: MODEL, identityEdisp: true }),
    simulateSpectrum({ kind: "onoff", name: "b", seed: 4, model: MODEL, identityEdisp: true }),
  ];
  const options = { energyEdges: [0.3, 3, 30], source: "src", selectionOptional: "all" as const };
  const ours = fluxPointsToTable(new FluxPointsEstimator(options).run(arrays.map((a) => new StandInDataset(a, sourceModels(MODEL)))));
  const real = fluxPointsToTable(new FluxPointsEstimator(options).run(arrays.map((a) => spectrumEstimatorDataset(record(a, sourceModels(MODEL))))));
  real.columns.forEach((c, i) => expectClose(Array.from(c.data, Number), Array.from(ours.columns[i]!.data, Number), 1e-9, 1e-12, c.name));

  const runs = lightCurveRuns().map((r) => ({ ...r, ...simulateSpectrum({ ...r, kind: "onoff", seed: 5, model: MODEL, identityEdisp: true }), name: r.name, gti: r.gti }));
  const lc = new LightCurveEstimator({ energyEdges: [0.3, 30] });
  const lcOurs = fluxPointsToTable(lc.run(runs.map((a) => new StandInDataset(a, sourceModels(MODEL)))));
  const lcReal = fluxPointsToTable(lc.run(runs.map((a) => spectrumEstimatorDataset(record(a, sourceModels(MODEL))))));
  lcReal.columns.forEach((c, i) => expectClose(Array.from(c.data, Number), Array.from(lcOurs.columns[i]!.data, Number), 1e-9, 1e-12, c.name));
});

describe("LightCurveEstimator", () => {
  const runs = () => lightCurveRuns().map((r) => new StandInDataset(r, sourceModels(MODEL)));

  test("without time bins: one per dataset, in time order", () => {
    const reversed = runs().reverse();
    const lc = new LightCurveEstimator({ energyEdges: [0.3, 30] }).run(reversed);
    expectClose(lc.timeMin!, [0, 2, 4, 6].map((h) => MJD_REF + h / 24), 0, 1e-9);
    expectClose(lc.timeMax!, [1, 3, 5, 7].map((h) => MJD_REF + h / 24), 0, 1e-9);
    // Per-dataset slots follow the input order (r3 first): each time bin fills one.
    expect(lc.datasetNames).toEqual(["r3", "r2", "r1", "r0"]);
    expect(Array.from(lc.counts!.slice(0, 4)).map(Number.isNaN)).toEqual([true, true, true, false]);
    // The source brightens 30 % per run.
    expect(lc.norm[3]! / lc.norm[0]!).toBeGreaterThan(1.4);
  });

  test("a dataset must lie inside a time bin (to atol) to be used", () => {
    // Run 1 spans 2–3 h: a bin ending 1 ms early loses it; atol 0.01 s does not help.
    const bins = [[tt(MJD_REF), tt(MJD_REF + (3 * 3600 - 0.001) / 86400)] as const];
    const lc = new LightCurveEstimator({ energyEdges: [0.3, 30], timeIntervals: bins }).run(runs());
    expect(Array.from(lc.counts!).map(Number.isNaN)).toEqual([false, true, true, true]);
    const tolerant = new LightCurveEstimator({ energyEdges: [0.3, 30], timeIntervals: bins, atol: 0.01 }).run(runs());
    expect(Array.from(tolerant.counts!).map(Number.isNaN)).toEqual([false, false, true, true]);
  });

  test("refuses overlapping bins, datasets without GTI, and bins without datasets", () => {
    const lc = (timeIntervals: (readonly [Time, Time])[]) => new LightCurveEstimator({ energyEdges: [0.3, 30], timeIntervals });
    expect(() => lc([[tt(MJD_REF), tt(MJD_REF + 0.2)], [tt(MJD_REF + 0.1), tt(MJD_REF + 0.3)]]).run(runs())).toThrow(/overlap/);
    expect(() => lc([[tt(MJD_REF + 1), tt(MJD_REF + 2)]]).run(runs())).toThrow(/no dataset lies inside/);
    const noGti = new StandInDataset(A, sourceModels(MODEL));
    expect(() => lc([[tt(MJD_REF), tt(MJD_REF + 1)]]).run([noGti])).toThrow(/no good time intervals/);
  });
});
