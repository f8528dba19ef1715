/**
 * npred, statistics, residuals and info_dict of 1D datasets: closed forms on a diagonal
 * response, and Gammapy 1.0's numbers for the shared fixtures (recorded from
 * spectrum_gammapy.py; the live test recomputes them).
 */
import { EDispKernel } from "@gammats/irf";
import { MapAxis, RegionNDMap } from "@gammats/maps";
import { FoVBackgroundModel, Models, PowerLawNormSpectralModel, PowerLawSpectralModel, SkyModel } from "@gammats/modeling";
import { describe, expect, test } from "vitest";
import {
  cashSum,
  createSpectrumDataset,
  createSpectrumDatasetOnOff,
  energyRangeSafe,
  infoDict,
  npred,
  npredBackground,
  npredSignal,
  residuals,
  statArray,
  statSum,
  summaryRow,
  wstatBin,
} from "@gammats/datasets";
import { FIXTURES, cashFixture, onOffFixture, plModels } from "./spectrum-fixtures.js";

function expectRel(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol = 1e-12): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const tol = rtol * Math.abs(expected[i]!) + 1e-300;
    if (!(Math.abs(actual[i]! - expected[i]!) <= tol)) throw new Error(`[${i}] ${actual[i]} vs ${expected[i]}`);
  }
}

const region = "icrs;circle(83.633,22.014,0.1)";
const energy = MapAxis.fromEnergyEdges([1, 2, 5, 10], { unit: "TeV" });
const etrue = energy.rename("energy_true");

/** ∫ A (E/E0)^-Γ dE over [e1, e2]. */
function plIntegral(a: number, gamma: number, e0: number, e1: number, e2: number): number {
  return ((a * e0) / (1 - gamma)) * ((e2 / e0) ** (1 - gamma) - (e1 / e0) ** (1 - gamma));
}

describe("npred on a diagonal response", () => {
  const exposure = RegionNDMap.create(region, { axes: [etrue], unit: "cm2 s", data: [1e10, 2e10, 4e10] });
  const pl = () => new SkyModel({ name: "src", spectral: new PowerLawSpectralModel({ index: 2.5, amplitude: "1e-11 cm-2 s-1 TeV-1", reference: "1 TeV" }) });
  const expected = [0, 1, 2].map((i) => [1e10, 2e10, 4e10][i]! * plIntegral(1e-11, 2.5, 1, [1, 2, 5][i]!, [2, 5, 10][i]!));

  test("signal = spectral integral over the true bin × exposure, with and without the identity kernel", () => {
    const withEdisp = createSpectrumDataset({ counts: RegionNDMap.create(region, { axes: [energy], data: [1, 1, 1] }), exposure, edisp: EDispKernel.fromDiagonalResponse(etrue), models: [pl()] });
    expectRel(npredSignal(withEdisp), expected);
    const without = createSpectrumDataset({ counts: RegionNDMap.create(region, { axes: [energy], data: [1, 1, 1] }), exposure, models: [pl()] });
    expectRel(npredSignal(without), expected);
  });

  test("a kernel moves counts between reco bins: row t → reco bins by its probabilities", () => {
    // True bin 0 goes half to reco 0, half to reco 1; the others stay.
    const kernel = new EDispKernel({ axes: [etrue, energy], data: [0.5, 0.5, 0, 0, 1, 0, 0, 0, 1] });
    const ds = createSpectrumDataset({ counts: RegionNDMap.create(region, { axes: [energy], data: [1, 1, 1] }), exposure, edisp: kernel, models: [pl()] });
    expectRel(npredSignal(ds), [0.5 * expected[0]!, 0.5 * expected[0]! + expected[1]!, expected[2]!]);
    // Without applying the edisp (apply_irf), the true bins are the reco bins.
    ds.models!.skyModels()[0]!.applyIrf.edisp = false;
    expectRel(npredSignal(ds), expected);
  });

  test("background × FoV norm; npred = signal + background; one model by name", () => {
    const bkg = new FoVBackgroundModel({ datasetName: "d", spectral: new PowerLawNormSpectralModel({ norm: 1.5, tilt: 0.1, reference: "1 TeV" }) });
    const ds = createSpectrumDataset({
      name: "d",
      counts: RegionNDMap.create(region, { axes: [energy], data: [5, 3, 1] }),
      exposure,
      background: RegionNDMap.create(region, { axes: [energy], data: [2, 1, 0.5] }),
      models: new Models([pl(), bkg]),
    });
    const centers = energy.centers;
    const b = [2, 1, 0.5].map((v, i) => v * 1.5 * centers[i]! ** -0.1);
    expectRel(npredBackground(ds)!, b);
    expectRel(npred(ds), b.map((v, i) => v + expected[i]!));
    expectRel(npredSignal(ds, "src"), expected);
    expect(() => npredSignal(ds, "nope")).toThrow(/dataset 'd' has no sky model 'nope'/);
  });

  test("models without exposure are refused", () => {
    const ds = createSpectrumDataset({ name: "e", counts: RegionNDMap.create(region, { axes: [energy], data: [1, 1, 1] }), models: [pl()] });
    expect(() => npred(ds)).toThrow(/dataset 'e' has no exposure to predict counts of model 'src'/);
  });
});

describe("statistics", () => {
  test("Cash: statSum = cashSum over maskSafe ∧ maskFit, statArray per bin", () => {
    const ds = cashFixture(FIXTURES[0]!, plModels());
    const mask = Uint8Array.from(FIXTURES[0]!.mask_safe, (v, i) => v & (FIXTURES[0]!.mask_fit![i]!));
    const counts = Float64Array.from(FIXTURES[0]!.counts);
    expect(statSum(ds)).toBe(cashSum(6, counts, npred(ds), mask));
    const arr = statArray(ds);
    expect(arr[4]).toBeCloseTo(2 * (npred(ds)[4]! - 3 * Math.log(npred(ds)[4]!)), 12);
  });

  test("WStat: per bin with the profiled background, masked bins skipped", () => {
    const ds = onOffFixture(FIXTURES[0]!, plModels());
    const sig = npredSignal(ds);
    const arr = statArray(ds);
    expect(arr[2]).toBe(wstatBin(17, 52, 0.25, sig[2]!));
    const mask = [0, 1, 1, 1, 0, 1];
    expect(statSum(ds)).toBeCloseTo(arr.reduce((s, v, i) => s + v * mask[i]!, 0), 12);
  });

  test("residuals: NaN outside the mask, three definitions", () => {
    const ds = cashFixture(FIXTURES[0]!, plModels());
    const model = npred(ds);
    const r = residuals(ds);
    expect(r[0]).toBeNaN();
    expect(r[4]).toBeNaN();
    expect(r[1]).toBe(25 - model[1]!);
    expect(residuals(ds, "diff/model")[2]).toBe((17 - model[2]!) / model[2]!);
    expect(residuals(ds, "diff/sqrt(model)")[3]).toBe((9 - model[3]!) / Math.sqrt(model[3]!));
  });
});

// Gammapy 1.0 (spectrum_gammapy.py) for the first fixture with the power law.
const GAMMAPY_ONOFF_SIGNAL = [
  0.02068746727665871, 0.022513272748789656, 0.011864648918970148, 0.0033449625931412127, 0.0012458453598293865, 0.00047120652636251017,
];
const GAMMAPY_CASH_NPRED = [10.020687467276659, 22.52251327274879, 13.01186464891897, 5.003344962593141, 1.0012458453598294, 0.20047120652636252];

describe("Gammapy 1.0 numbers of the first fixture", () => {
  test("on/off: npred_signal, WStat sum and info_dict", () => {
    const ds = onOffFixture(FIXTURES[0]!, plModels());
    // 1e-11: the kernel's tail entries are sums of terms of very different size, whose last
    // bits depend on the summation order (ours vs NumPy's).
    expectRel(npredSignal(ds), GAMMAPY_ONOFF_SIGNAL, 1e-11);
    expect(statSum(ds)).toBeCloseTo(3.0522619570061083, 11);
    const info = infoDict(ds);
    expect(info.counts).toBe(54);
    expect(info.counts_off).toBe(166);
    expect(info.excess).toBeCloseTo(12.5, 12);
    expect(info.background).toBeCloseTo(41.5, 12);
    expect(info.sqrt_ts).toBeCloseTo(1.6422715815221585, 12);
    expect(info.npred).toBeCloseTo(44.03005687105568, 11);
    expect(info.npred_signal).toBeCloseTo(0.03943993614709291, 13);
    expect(info.alpha).toBe(0.25);
    expect(info.acceptance_off).toBe(20);
    expect(info.n_fit_bins).toBe(4);
    expect(info.livetime).toBe(1687);
    expect(info.ontime).toBe(1687.5);
    const [emin, emax] = energyRangeSafe(ds);
    expect(emin).toBeCloseTo(1.077217345015942, 12);
    expect(emax).toBeCloseTo(50, 12);
  });

  test("Cash: npred and the summed statistic", () => {
    const ds = cashFixture(FIXTURES[0]!, plModels());
    expectRel(npred(ds), GAMMAPY_CASH_NPRED, 1e-12);
    expect(statSum(ds)).toBeCloseTo(-190.47059664637374, 10);
    const info = infoDict(ds);
    expect(info.excess).toBeCloseTo(12.299999999999997, 12);
    expect(info.sqrt_ts).toBeCloseTo(1.821031333620596, 12);
    expect(info.npred).toBeCloseTo(41.73943993614709, 11);
  });

  test("without models: the on/off statistic has μ_sig = 0, Cash datasets give NaN (Gammapy's info_dict)", () => {
    // Gammapy 1.0: counts [10, 5, 2], off [20, 10, 4], α = 0.2, no mask.
    const energy3 = MapAxis.fromEnergyBounds(1, 10, 3, { unit: "TeV" });
    const reco = (data: number[]) => RegionNDMap.create(region, { axes: [energy3], data });
    const onoff = createSpectrumDatasetOnOff({ name: "23523", counts: reco([10, 5, 2]), countsOff: reco([20, 10, 4]), acceptance: 1, acceptanceOff: 5, livetime: 1000 });
    const info = infoDict(onoff);
    expect(info.stat_sum).toBeCloseTo(8.393242649671866, 12);
    expect(info.sqrt_ts).toBeCloseTo(2.8971093610134724, 12);
    expect(info.npred).toBeCloseTo(8.5, 12);
    expect(info.n_fit_bins).toBe(0);
    expect(info.npred_signal).toBeNaN();
    const cash = createSpectrumDataset({ name: "a", counts: reco([10, 5, 2]), background: reco([3, 1.5, 0.6]) });
    const ci = infoDict(cash);
    expect(ci.sqrt_ts).toBeCloseTo(4.139453508264326, 12);
    expect(ci.npred).toBeCloseTo(5.1, 12);
    expect(ci.stat_sum).toBeNaN();
    expect(ci.livetime).toBeNaN();
    expect(summaryRow(onoff)).toEqual({
      name: "23523",
      counts: 17,
      counts_off: 34,
      alpha: 0.19999999999999998, // Gammapy: Σ α n_off / Σ n_off, the same rounding
      background: expect.closeTo(6.8, 12),
      excess: expect.closeTo(10.2, 12),
      sqrt_ts: expect.closeTo(2.8971093610134724, 12),
      livetime_s: 1000,
      energy_min_tev: 1,
      energy_max_tev: expect.closeTo(10, 12),
    });
    expect(summaryRow(cash).counts_off).toBeNull();
  });
});
