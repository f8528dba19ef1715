/**
 * The dataset records: constructor checks (axes, units, lengths, livetime), unit
 * conversion of the exposure, masks, α with Gammapy's nan_to_num, and the conversions
 * between SpectrumDataset and SpectrumDatasetOnOff.
 */
import { DataError } from "@gammats/core";
import { EDispKernel } from "@gammats/irf";
import { MapAxis, RegionNDMap } from "@gammats/maps";
import { Models, PowerLawSpectralModel, SkyModel } from "@gammats/modeling";
import { describe, expect, test } from "vitest";
import {
  alpha,
  createSpectrumDataset,
  createSpectrumDatasetOnOff,
  onOffBackground,
  onOffToSpectrumDataset,
  spectrumDatasetOnOffFromSpectrumDataset,
} from "@gammats/datasets";

const region = "icrs;circle(83.633,22.014,0.1)";
const energy = MapAxis.fromEnergyBounds(1, 10, 3, { unit: "TeV" });
const etrue = MapAxis.fromEnergyBounds(0.5, 20, 5, { unit: "TeV", name: "energy_true" });
const reco = (data: number[]) => RegionNDMap.create(region, { axes: [energy], data });
const exposure = RegionNDMap.create(region, { axes: [etrue], unit: "m2 s", data: [1e5, 2e5, 3e5, 3e5, 2e5] });

describe("createSpectrumDataset", () => {
  test("keeps the inputs, converts the exposure to cm2 s and the livetime to s", () => {
    const ds = createSpectrumDataset({
      name: "a",
      counts: reco([10, 5, 2]),
      exposure,
      background: reco([3, 1.5, 0.6]),
      maskSafe: [false, true, true],
      livetime: "30 min",
    });
    expect(ds.tag).toBe("SpectrumDataset");
    expect(ds.exposure!.unit).toBe("cm2 s");
    expect(Array.from(ds.exposure!.data)).toEqual([1e9, 2e9, 3e9, 3e9, 2e9]);
    expect(ds.livetime).toBe(1800);
    expect(Array.from(ds.maskSafe!)).toEqual([0, 1, 1]);
    expect(ds.maskFit).toBeNull();
  });

  test("a bare kernel is weighted by the dataset exposure when stacked", () => {
    const ds = createSpectrumDataset({ counts: reco([1, 2, 3]), exposure, edisp: EDispKernel.fromGauss(etrue, energy, 0.1, 0) });
    expect(Array.from(ds.edisp!.exposure!)).toEqual([1e9, 2e9, 3e9, 3e9, 2e9]);
    expect(ds.name).toMatch(/^[0-9a-f]{8}$/);
  });

  test("keeps only the models that apply to the dataset", () => {
    const spectral = () => new PowerLawSpectralModel();
    const models = new Models([
      new SkyModel({ name: "all", spectral: spectral() }),
      new SkyModel({ name: "mine", spectral: spectral(), datasetsNames: ["a"] }),
      new SkyModel({ name: "other", spectral: spectral(), datasetsNames: ["b"] }),
    ]);
    expect(createSpectrumDataset({ name: "a", counts: reco([1, 1, 1]), models }).models!.names).toEqual(["all", "mine"]);
  });

  test.each([
    ["counts on the true axis", () => ({ counts: RegionNDMap.create(region, { axes: [etrue], data: [1, 1, 1, 1, 1] }) }), /counts of dataset 'x' has axes \[energy_true\]/],
    ["exposure on the reco axis", () => ({ exposure: reco([1, 1, 1]) }), /exposure of dataset 'x' has axes \[energy\]/],
    ["exposure in cm2", () => ({ exposure: RegionNDMap.create(region, { axes: [etrue], unit: "cm2", data: [1, 1, 1, 1, 1] }) }), /unit 'cm2', expected an area × time/],
    [
      "background on other reco bins",
      () => ({ counts: reco([1, 1, 1]), background: RegionNDMap.create(region, { axes: [MapAxis.fromEnergyBounds(1, 10, 4)], data: [1, 1, 1, 1] }) }),
      /background of dataset 'x' is binned as 4 bins/,
    ],
    [
      "kernel on other true bins",
      () => ({ counts: reco([1, 1, 1]), exposure, edisp: EDispKernel.fromGauss(MapAxis.fromEnergyBounds(0.5, 20, 6, { name: "energy_true" }), energy, 0.1, 0) }),
      /edisp of dataset 'x' has true energies of 6 bins/,
    ],
    ["a mask of two bins", () => ({ counts: reco([1, 1, 1]), maskSafe: [1, 0] }), /maskSafe of dataset 'x' has 2 bins but the reco energy axis has 3/],
    ["a mask without reco maps", () => ({ maskFit: [1, 0, 1] }), /maskFit of dataset 'x' given without counts/],
    ["a negative livetime", () => ({ livetime: -1 }), /livetime of dataset 'x' is -1/],
  ])("refuses %s", (_, make, message) => {
    expect(() => createSpectrumDataset({ name: "x", ...make() })).toThrow(DataError);
    expect(() => createSpectrumDataset({ name: "x", ...make() })).toThrow(message);
  });

  test("refuses an empty name", () => {
    expect(() => createSpectrumDataset({ name: " " })).toThrow(/dataset name " " is not a non-empty string/);
  });
});

describe("SpectrumDatasetOnOff", () => {
  test("α = acceptance / acceptance_off with numpy's nan_to_num (0/0 → 0, 1/0 → largest double)", () => {
    const ds = createSpectrumDatasetOnOff({ counts: reco([1, 2, 3]), countsOff: reco([4, 5, 6]), acceptance: [1, 0, 1], acceptanceOff: [5, 0, 0] });
    expect(Array.from(alpha(ds))).toEqual([0.2, 0, Number.MAX_VALUE]);
    expect(Array.from(onOffBackground(ds)!.data)).toEqual([0.8, 0, Infinity]);
  });

  test("numbers broadcast over the reco bins; α needs both acceptances", () => {
    const ds = createSpectrumDatasetOnOff({ counts: reco([1, 2, 3]), countsOff: reco([4, 5, 6]), acceptance: 1, acceptanceOff: 4 });
    expect(Array.from(ds.acceptanceOff!.data)).toEqual([4, 4, 4]);
    expect(Array.from(alpha(ds))).toEqual([0.25, 0.25, 0.25]);
    const noOff = createSpectrumDatasetOnOff({ name: "y", counts: reco([1, 2, 3]), acceptance: 1 });
    expect(() => alpha(noOff)).toThrow(/dataset 'y' has no acceptanceOff/);
  });

  test("from a SpectrumDataset: off counts = background / α (Gammapy's from_spectrum_dataset)", () => {
    const ds = createSpectrumDataset({ name: "a", counts: reco([10, 5, 2]), background: reco([3, 1.5, 0.6]), livetime: 100 });
    const onoff = spectrumDatasetOnOffFromSpectrumDataset(ds, { acceptance: 1, acceptanceOff: 5, name: "b" });
    expect(onoff.name).toBe("b");
    expect(Array.from(onoff.countsOff!.data)).toEqual([3 / 0.2, 1.5 / 0.2, 0.6 / 0.2]);
    expect(onoff.livetime).toBe(100);
    const back = onOffToSpectrumDataset(onoff, "c");
    expect(back.tag).toBe("SpectrumDataset");
    expect(Array.from(back.background!.data)).toEqual([3, 1.5, 0.6]);
  });
});
