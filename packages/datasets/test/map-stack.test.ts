/**
 * Stacking of map datasets (Gammapy's `stack` / `to_masked` / `stack_reduce`): counts and
 * background inside the safe masks, exposure inside the safe image, livetime, OR-ed masks,
 * IRF maps weighted by exposure, a cut-out stacked into its parent grid, on/off α, and
 * `Datasets` holding map datasets.
 */
import { describe, expect, test } from "vitest";
import { PSFMap } from "@gammats/irf";
import { FoVBackgroundModel, Models, PowerLawNormSpectralModel } from "@gammats/modeling";
import {
  Datasets,
  createSpectrumDataset,
  mapAlpha,
  mapDatasetCutout,
  mapDatasetOnOff,
  mapInfoDict,
  mapStatSum,
  copyMapDatasetDeep,
  mapToMasked,
  stackMapDatasets,
  stackMapDatasetsInPlace,
} from "@gammats/datasets";
import type { AnyDataset } from "@gammats/datasets";
import { countsMap, datasetSpec, irfMapDataset, skyModels, sum } from "./map-fixtures.js";

const fixture = irfMapDataset;

describe("stackMapDatasets", () => {
  test("counts and background inside each safe mask, exposure inside the safe image, livetime, masks OR-ed", () => {
    const a = mapToMasked(fixture(1), "stacked");
    const b = fixture(2);
    const s = stackMapDatasets(a, b);
    const sa = datasetSpec(1);
    const sb = datasetSpec(2);
    for (const i of [0, 5, 6, 700, 2 * 720 + 21 * 30 + 3]) {
      expect(s.counts!.data[i]).toBe(sa.counts[i]! * sa.mask_safe[i]! + sb.counts[i]! * sb.mask_safe[i]!);
      expect(s.background!.data[i]).toBeCloseTo(sa.background[i]! * sa.mask_safe[i]! + sb.background[i]! * sb.mask_safe[i]!, 14);
      expect(s.maskSafe!.data[i]).toBe(sa.mask_safe[i]! | sb.mask_safe[i]!);
    }
    // Every pixel has a safe bin in both: exposures add everywhere.
    expect(s.exposure!.data[123]).toBeCloseTo(sa.exposure[123]! + sb.exposure[123]!, 2);
    expect(s.livetime).toBe(3300);
    expect(s.gti!.start.length).toBe(3);
    // The first's fit mask came through toMasked (stacked onto an empty one); the other has none.
    expect(Array.from(s.maskFit!.data)).toEqual(datasetSpec(1).mask_fit);
  });

  test("IRF maps are averaged weighted by their exposure", () => {
    const a = fixture(1);
    const b = fixture(2);
    const s = stackMapDatasets(mapToMasked(a), b);
    const pa = (a.psf as PSFMap).psfMap.data;
    const pb = (b.psf as PSFMap).psfMap.data;
    const ps = (s.psf as PSFMap).psfMap.data;
    const ea = datasetSpec(1).irf_exposure;
    const eb = datasetSpec(2).irf_exposure;
    const img = 8 * 6;
    // true bin 2, rad bin 3, pixel 10
    const i = (2 * 66 + 3) * img + 10;
    expect(ps[i]).toBeCloseTo((pa[i]! * ea[2]! + pb[i]! * eb[2]!) / (ea[2]! + eb[2]!), 6);
    expect((s.psf as PSFMap).exposureMap!.data[2 * img + 10]).toBeCloseTo((ea[2]! + eb[2]!) * 1e4, 0);
  });

  test("a cut-out stacks into its parent's pixel grid", () => {
    const parent = fixture(1);
    const cut = mapDatasetCutout(fixture(2), { lon: 83.63, lat: 22.01, frame: "icrs" }, 0.5, "cut");
    const s = stackMapDatasets(parent, cut);
    const [x0, y0] = parent.counts!.geom.offsetOf(cut.counts!.geom);
    const i = 1 * 720 + (y0 + 2) * 30 + x0 + 3;
    const sb = datasetSpec(2);
    expect(s.counts!.data[i]).toBe(parent.counts!.data[i]! + sb.counts[i]! * sb.mask_safe[i]!);
    expect(s.counts!.data[0]).toBe(parent.counts!.data[0]); // outside the cut-out
  });

  test("in place: the same numbers as stackMapDatasets, the deep copy's source untouched", () => {
    const reference = mapToMasked(fixture(1), "stacked");
    const refPsf = Float64Array.from((reference.psf as PSFMap).psfMap.data);
    const refCounts = Float64Array.from(reference.counts!.data);
    const others = [fixture(2), fixture(1, "again")];
    let copied = reference;
    for (const d of others) copied = stackMapDatasets(copied, d);
    let inPlace = copyMapDatasetDeep(reference, "stacked");
    for (const d of others) inPlace = stackMapDatasetsInPlace(inPlace, d);
    expect(Array.from(inPlace.counts!.data)).toEqual(Array.from(copied.counts!.data));
    expect(Array.from(inPlace.background!.data)).toEqual(Array.from(copied.background!.data));
    expect(Array.from(inPlace.exposure!.data)).toEqual(Array.from(copied.exposure!.data));
    expect(Array.from(inPlace.maskSafe!.data)).toEqual(Array.from(copied.maskSafe!.data));
    expect(Array.from((inPlace.psf as PSFMap).psfMap.data)).toEqual(Array.from((copied.psf as PSFMap).psfMap.data));
    expect(inPlace.livetime).toBe(copied.livetime);
    // The statistic sees the stacked masks (no stale per-record cache).
    expect(mapStatSum(inPlace)).toBe(mapStatSum(copied));
    expect(Array.from((reference.psf as PSFMap).psfMap.data)).toEqual(Array.from(refPsf));
    expect(Array.from(reference.counts!.data)).toEqual(Array.from(refCounts));
  });

  test("on/off: off counts summed, α the off-weighted mean", () => {
    const base = fixture(1);
    const other = fixture(2);
    const allSafe = countsMap(new Array(2160).fill(1), "bool");
    const on1 = mapDatasetOnOff({ ...base, maskSafe: allSafe, countsOff: countsMap(new Array(2160).fill(10)), acceptance: 1, acceptanceOff: 5 });
    const on2 = mapDatasetOnOff({ ...other, maskSafe: allSafe, countsOff: countsMap(new Array(2160).fill(30)), acceptance: 1, acceptanceOff: 10 });
    const s = stackMapDatasets(on1, on2);
    expect(s.countsOff!.data[17]).toBe(40);
    expect(mapAlpha(s)[17]).toBeCloseTo((0.2 * 10 + 0.1 * 30) / 40, 14);
  });
});

describe("Datasets of map datasets", () => {
  test("joint statistic, stack and info table dispatch to the map functions", () => {
    const a = fixture(1);
    const b = fixture(2);
    const datasets = new Datasets([a, b]);
    datasets.models = new Models(skyModels());
    expect(datasets.statSum()).toBeCloseTo(mapStatSum(a) + mapStatSum(b), 8);
    const stacked = datasets.stack();
    expect(stacked.name).toBe("stacked");
    expect(stacked.tag).toBe("MapDataset");
    const rows = datasets.infoTable({ cumulative: true });
    expect(rows[1]!.counts).toBe(mapInfoDict(stacked).counts);
    expect(rows[1]!.livetime).toBe(3300);
    expect(sum(datasets.contributesToStat.map(Number))).toBe(2);
    const mixed = new Datasets<AnyDataset>([a, createSpectrumDataset({ name: "spec" })]);
    expect(() => mixed.stack()).toThrow(/needs datasets of one kind, got MapDataset and SpectrumDataset/);
  });
});

describe("stackMapDatasetsInPlace, one-pass counts/background/mask", () => {
  test("cut-outs with FoV norms, NaN bins and partial masks: the numbers of stackMapDatasets", () => {
    const withBkgModel = (variant: 1 | 2, name: string, norm: number, tilt: number, at: [number, number]) => {
      const d = mapDatasetCutout(fixture(variant), { lon: at[0], lat: at[1], frame: "icrs" }, 0.6, name);
      const spectral = new PowerLawNormSpectralModel();
      spectral.parameters.get("norm").value = norm;
      spectral.parameters.get("tilt").value = tilt;
      const models = new Models([new FoVBackgroundModel({ datasetName: name, spectral })]);
      // NaN and infinite bins (counted as 0), a NaN norm-independent background bin.
      d.counts!.data[3] = NaN;
      d.counts!.data[40] = Infinity;
      d.background!.data[7] = NaN;
      d.background!.data[55] = -Infinity;
      return { ...d, models };
    };
    const others = [withBkgModel(2, "a", 1.13, 0.2, [83.7, 22.05]), withBkgModel(1, "b", 0.91, -0.1, [83.5, 21.95]), { ...fixture(2, "c"), models: null }];
    const reference = mapToMasked(fixture(1), "stacked");
    let copied = reference;
    for (const d of others) copied = stackMapDatasets(copied, d);
    let inPlace = copyMapDatasetDeep(reference, "stacked");
    for (const d of others) inPlace = stackMapDatasetsInPlace(inPlace, d);
    expect(Array.from(inPlace.counts!.data)).toEqual(Array.from(copied.counts!.data));
    expect(Array.from(inPlace.background!.data)).toEqual(Array.from(copied.background!.data));
    expect(Array.from(inPlace.maskSafe!.data)).toEqual(Array.from(copied.maskSafe!.data));
    expect(Array.from(inPlace.exposure!.data)).toEqual(Array.from(copied.exposure!.data));
    expect(inPlace.livetime).toBe(copied.livetime);
    // The norms reached the stacked background: not the plain sum of the maps.
    expect(sum(inPlace.background!.data)).toBeGreaterThan(0);
    expect(inPlace.background!.data.some((v) => !Number.isFinite(v))).toBe(false);
  });
});
