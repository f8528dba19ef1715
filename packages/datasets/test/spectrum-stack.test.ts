/**
 * Stacking as Gammapy 1.0 does it, on small datasets whose stacked values follow by hand:
 * counts and background inside the safe masks, exposure and livetime only when a bin is
 * safe, the edisp weighted by exposure and masked in reco, α recomputed as the
 * off-count-weighted mean, GTIs merged; and the Datasets collection.
 */
import { Time } from "@gammats/core";
import { EDispKernel } from "@gammats/irf";
import { MapAxis, RegionNDMap } from "@gammats/maps";
import { Models, PowerLawSpectralModel, SkyModel } from "@gammats/modeling";
import { describe, expect, test } from "vitest";
import {
  Datasets,
  alpha,
  createGti,
  createMetaTable,
  createSpectrumDataset,
  createSpectrumDatasetOnOff,
  edispKernelMap,
  gtiTimeSum,
  infoDict,
  metaTableObsIds,
  stackDatasets,
  statSum,
  toMasked,
} from "@gammats/datasets";
import type { SpectrumDataset } from "@gammats/datasets";

const region = "icrs;circle(83.633,22.014,0.1)";
const energy = MapAxis.fromEnergyEdges([1, 2, 5, 10], { unit: "TeV" });
const etrue = energy.rename("energy_true");
const reco = (data: number[]) => RegionNDMap.create(region, { axes: [energy], data });
const exposureMap = (v: number) => RegionNDMap.create(region, { axes: [etrue], unit: "cm2 s", data: [v, v, v] });
const kernelA = new EDispKernel({ axes: [etrue, energy], data: [1, 0, 0, 0, 1, 0, 0, 0, 1] });
const kernelB = new EDispKernel({ axes: [etrue, energy], data: [0.5, 0.5, 0, 0, 0.5, 0.5, 0, 0, 1] });
const ref = Time.fromMjd(53343.9, "tt");

function cash(name: string, counts: number[], bkg: number[], expo: number, kernel: EDispKernel, maskSafe: number[] | null, livetime: number, obsId: number): SpectrumDataset {
  return createSpectrumDataset({
    name,
    counts: reco(counts),
    background: reco(bkg),
    exposure: exposureMap(expo),
    edisp: edispKernelMap(kernel, [expo, expo, expo]),
    maskSafe,
    livetime,
    gti: createGti([0], [100], ref),
    metaTable: createMetaTable({ OBS_ID: obsId }),
  });
}

describe("stackDatasets (Cash)", () => {
  const a = cash("a", [1, 2, 3], [1, 1, 1], 100, kernelA, [1, 1, 0], 10, 1);
  const b = cash("b", [10, 20, 30], [2, 2, 2], 50, kernelB, [0, 1, 1], 20, 2);

  test("counts of the other inside its safe mask; backgrounds inside each mask; masks OR-ed", () => {
    const s = stackDatasets(a, b);
    expect(s.name).toBe("a");
    expect(Array.from(s.counts!.data)).toEqual([1, 22, 33]);
    expect(Array.from(s.background!.data)).toEqual([1, 3, 2]);
    expect(Array.from(s.maskSafe!)).toEqual([1, 1, 1]);
    expect(Array.from(a.counts!.data)).toEqual([1, 2, 3]); // inputs unchanged
  });

  test("exposure and livetime add up; the kernel is the exposure-weighted mean, the other's masked reco bins dropped", () => {
    const s = stackDatasets(a, b);
    expect(Array.from(s.exposure!.data)).toEqual([150, 150, 150]);
    expect(s.livetime).toBe(30);
    const w = (pa: number, pb: number, r: number) => (pa * 100 + pb * 50 * [0, 1, 1][r]!) / 150;
    const expected = [0, 1, 2].flatMap((t) => [0, 1, 2].map((r) => w(kernelA.pdfMatrix[t * 3 + r]!, kernelB.pdfMatrix[t * 3 + r]!, r)));
    expect(Array.from(s.edisp!.kernel.pdfMatrix)).toEqual(expected);
    expect(Array.from(s.edisp!.exposure!)).toEqual([150, 150, 150]);
  });

  test("a dataset without safe bins adds neither exposure nor livetime", () => {
    const none = cash("n", [5, 5, 5], [1, 1, 1], 70, kernelB, [0, 0, 0], 40, 3);
    const s = stackDatasets(a, none);
    expect(Array.from(s.counts!.data)).toEqual([1, 2, 3]);
    expect(Array.from(s.exposure!.data)).toEqual([100, 100, 100]);
    expect(s.livetime).toBe(10);
    // Kernel: its exposure is not added and its columns are masked: A's kernel stays.
    expect(Array.from(s.edisp!.kernel.pdfMatrix)).toEqual(Array.from(kernelA.pdfMatrix));
  });

  test("GTIs are merged in the first reference, meta tables concatenated", () => {
    const later = createSpectrumDataset({ ...b, gti: createGti([0], [100], Time.fromMjd(53343.9 + 50 / 86400, "tt")) });
    const s = stackDatasets(a, later);
    expect(Array.from(s.gti!.start)).toEqual([0]);
    expect(s.gti!.stop[0]).toBeCloseTo(150, 6);
    expect(gtiTimeSum(s.gti!)).toBeCloseTo(150, 6);
    expect(metaTableObsIds(s.metaTable)).toEqual([1, 2]);
  });

  test("toMasked keeps only safe bins; a dataset without a safe mask gets an all-false one (as Gammapy)", () => {
    const m = toMasked(a, "m");
    expect(m.name).toBe("m");
    expect(Array.from(m.counts!.data)).toEqual([1, 2, 0]);
    expect(Array.from(m.background!.data)).toEqual([1, 1, 0]);
    expect(m.livetime).toBe(10);
    expect(m.models).toBeNull();
    const noMask = createSpectrumDataset({ name: "x", counts: reco([4, 5, 6]), exposure: exposureMap(10), livetime: 5 });
    const mx = toMasked(noMask);
    expect(Array.from(mx.counts!.data)).toEqual([4, 5, 6]);
    expect(Array.from(mx.maskSafe!)).toEqual([0, 0, 0]);
    expect(mx.livetime).toBeNull(); // Gammapy adds the livetime only with a safe bin
    expect(infoDict(mx).counts).toBe(0);
  });

  test("refuses other kinds, axes, or kernels without exposure", () => {
    const onoff = createSpectrumDatasetOnOff({ name: "o", counts: reco([1, 1, 1]) });
    expect(() => stackDatasets(a as never, onoff as never)).toThrow(/cannot stack SpectrumDataset 'a' with SpectrumDatasetOnOff 'o'/);
    const other = createSpectrumDataset({ name: "z", counts: RegionNDMap.create(region, { axes: [MapAxis.fromEnergyEdges([1, 2, 5, 20])], data: [1, 1, 1] }) });
    expect(() => stackDatasets(a, other)).toThrow(/their reco energy axes differ/);
    const noWeights = createSpectrumDataset({ name: "w", counts: reco([1, 1, 1]), edisp: edispKernelMap(kernelB, null) });
    expect(() => stackDatasets(a, noWeights)).toThrow(/missing edisp exposure/);
  });
});

describe("stackDatasets (on/off)", () => {
  const onoff = (name: string, off: number[], accOff: number, mask: number[]) =>
    createSpectrumDatasetOnOff({ name, counts: reco([5, 5, 5]), countsOff: reco(off), acceptance: 1, acceptanceOff: accOff, maskSafe: mask });

  test("α = Σ α n_off / Σ n_off per bin, the all-bin mean where no off counts; acceptance 1", () => {
    const s = stackDatasets(onoff("a", [10, 20, 0], 2, [1, 1, 1]), onoff("b", [30, 0, 0], 4, [1, 1, 1]));
    expect(Array.from(s.countsOff!.data)).toEqual([40, 20, 0]);
    expect(Array.from(s.acceptance!.data)).toEqual([1, 1, 1]);
    // total α·n_off = [12.5, 10, 0]; mean α = 22.5 / 60.
    expect(Array.from(alpha(s))).toEqual([1 / (40 / 12.5), 1 / (20 / 10), 1 / (1 / (22.5 / 60))]);
  });

  test("the target's own off counts are masked too; incomplete datasets with safe bins are refused", () => {
    const s = stackDatasets(onoff("a", [10, 20, 30], 2, [1, 0, 1]), onoff("b", [30, 10, 0], 4, [0, 1, 1]));
    expect(Array.from(s.countsOff!.data)).toEqual([10, 10, 30]);
    const incomplete = createSpectrumDatasetOnOff({ name: "i", counts: reco([1, 1, 1]), maskSafe: [1, 0, 0] });
    expect(() => stackDatasets(onoff("a", [1, 1, 1], 2, [1, 1, 1]), incomplete)).toThrow(/'i' has safe bins but no countsOff/);
  });
});

describe("Datasets", () => {
  const a = cash("a", [1, 2, 3], [1, 1, 1], 100, kernelA, [1, 1, 0], 10, 1);
  const b = cash("b", [10, 20, 30], [2, 2, 2], 50, kernelB, [0, 1, 1], 20, 2);

  test("names are unique", () => {
    expect(() => new Datasets([a, cash("a", [1, 1, 1], [1, 1, 1], 1, kernelA, null, 1, 1)])).toThrow(/dataset name 'a' is used twice/);
  });

  test("models are shared, filtered per dataset; parameters counted once; statSum is the sum", () => {
    const datasets = new Datasets([createSpectrumDataset({ ...a }), createSpectrumDataset({ ...b })]);
    const shared = new SkyModel({ name: "shared", spectral: new PowerLawSpectralModel() });
    const onlyB = new SkyModel({ name: "onlyB", spectral: new PowerLawSpectralModel(), datasetsNames: ["b"] });
    datasets.models = new Models([shared, onlyB]);
    expect(datasets.get("a").models!.names).toEqual(["shared"]);
    expect(datasets.get("b").models!.names).toEqual(["shared", "onlyB"]);
    expect(datasets.models.names).toEqual(["shared", "onlyB"]);
    expect(datasets.parameters.length).toBe(6);
    expect(datasets.statSum()).toBe(statSum(datasets.get(0)) + statSum(datasets.get(1)));
    expect(datasets.contributesToStat).toEqual([true, true]);
    expect(() => datasets.get("c")).toThrow(/no dataset "c"/);
  });

  test("stack() masks the first and stacks the rest; infoTable as Gammapy's info_table", () => {
    const datasets = new Datasets([a, b]);
    const s = datasets.stack();
    expect(s.name).toBe("stacked");
    expect(Array.from(s.counts!.data)).toEqual([1, 22, 30]);
    expect(s.livetime).toBe(30);
    const rows = datasets.infoTable({ cumulative: true });
    expect(rows.map((r) => [r.name, r.counts, r.livetime])).toEqual([
      ["stacked", 3, 10],
      ["stacked", 53, 30],
    ]);
    const plain = datasets.infoTable();
    expect(plain.map((r) => [r.name, r.counts])).toEqual([
      ["a", 3],
      ["b", 50],
    ]);
    const mixed = new Datasets([a, createSpectrumDatasetOnOff({ name: "o", counts: reco([1, 1, 1]) })]);
    expect(() => mixed.stack()).toThrow(/stack needs datasets of one kind, got SpectrumDataset and SpectrumDatasetOnOff/);
  });
});
