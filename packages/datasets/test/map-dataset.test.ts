/**
 * Map dataset records: validation, Gammapy's `MapDataset.create`, statistics (Cash over
 * maskSafe ∧ maskFit, WStat), residuals, info_dict and the summary row, cut-outs.
 */
import { describe, expect, test } from "vitest";
import { MapAxis, WcsGeom, WcsNDMap } from "@gammats/maps";
import { Models } from "@gammats/modeling";
import {
  cashSum,
  createMapDataset,
  createMapDatasetOnOff,
  gtiMjd,
  mapAlpha,
  mapDataset,
  mapDatasetCutout,
  mapDatasetMask,
  mapDatasetOnOff,
  mapEnergyRangeSafe,
  mapInfoDict,
  mapNpred,
  mapNpredSignal,
  mapOnOffToMapDataset,
  mapResiduals,
  mapStatArray,
  mapStatSum,
  mapSummaryRow,
  wstatSum,
} from "@gammats/datasets";
import type { EDispKernelMapLike, PsfMapLike } from "@gammats/datasets";
import { countsGeom, countsMap, datasetSpec, exposureMap, gaussEdisp, gaussKernel, skyModels, specGti, sum } from "./map-fixtures.js";

function fixture(variant: 1 | 2 = 1) {
  const spec = datasetSpec(variant);
  return mapDataset({
    name: `ds${variant}`,
    counts: countsMap(spec.counts),
    background: countsMap(spec.background),
    exposure: exposureMap(spec),
    psf: gaussKernel(spec.psf_sigma),
    edisp: gaussEdisp(spec.edisp_sigma, spec.edisp_bias),
    maskSafe: countsMap(spec.mask_safe, "bool"),
    ...(spec.mask_fit === null ? {} : { maskFit: countsMap(spec.mask_fit, "bool") }),
    livetime: spec.livetime,
    gti: specGti(spec),
  });
}

describe("records", () => {
  test("checks axes, grids and units, naming the dataset", () => {
    const g = countsGeom();
    expect(() => mapDataset({ name: "x", counts: WcsNDMap.fromGeom(g.toImage()) })).toThrow(/counts of dataset 'x' has axes \[\], a map dataset needs exactly \[energy\]/);
    const other = WcsGeom.create({ skydir: [0, 0], binsz: 0.05, npix: [30, 24], axes: g.axes });
    expect(() => mapDataset({ name: "x", counts: WcsNDMap.fromGeom(g), background: WcsNDMap.fromGeom(other) })).toThrow(/background of dataset 'x' is on/);
    const spec = datasetSpec(1);
    const seconds = exposureMap(spec).copy({ unit: "s" });
    expect(() => mapDataset({ name: "x", counts: WcsNDMap.fromGeom(g), exposure: seconds })).toThrow(/unit 's', expected an area × time/);
  });

  test("exposure in m2 s becomes cm2 s; livetime comes from the exposure meta as Gammapy keeps it", () => {
    const spec = datasetSpec(1);
    const m2s = exposureMap(spec).copy({ data: Float64Array.from(spec.exposure, (v) => v / 1e4), unit: "m2 s", meta: { livetime: "1800.0 s" } });
    const ds = mapDataset({ counts: countsMap(spec.counts), exposure: m2s });
    expect(ds.exposure!.unit).toBe("cm2 s");
    expect(ds.exposure!.data[5]).toBeCloseTo(spec.exposure[5]!, 2);
    expect(ds.livetime).toBe(1800);
    expect(ds.name).toMatch(/^[0-9a-f-]{8}$/);
  });

  test("createMapDataset: Gammapy's MapDataset.create geometries and empty maps", () => {
    const energy = MapAxis.fromEnergyBounds(1, 10, 4, { unit: "TeV" });
    const etrue = MapAxis.fromEnergyBounds(0.5, 20, 10, { unit: "TeV", name: "energy_true" });
    const geom = WcsGeom.create({ skydir: [83.633, 22.014], binsz: 0.02, width: [2, 2], frame: "icrs", proj: "CAR", axes: [energy] });
    const empty = createMapDataset(geom, { energyAxisTrue: etrue, name: "empty" });
    expect(empty.name).toBe("empty");
    expect(empty.counts!.geom.dataShape).toEqual([4, 100, 100]);
    expect(empty.exposure!.geom.dataShape).toEqual([10, 100, 100]);
    const psf = empty.psf as PsfMapLike;
    expect(psf.psfMap.geom.dataShape).toEqual([10, 66, 10, 10]); // 2 deg at 0.2 deg, rad 0–0.66 deg
    const edisp = empty.edisp as EDispKernelMapLike;
    expect(edisp.edispMap.geom.dataShape).toEqual([10, 4, 10, 10]);
    // Diagonal kernel: the true bin 0.5–0.72 TeV lies below the reco axis; 1–1.45 TeV falls in reco bin 0.
    const k = edisp.getEdispKernel({ lon: 83.633, lat: 22.014, frame: "icrs" });
    expect(k.pdfMatrix[0]).toBe(0);
    expect(k.pdfMatrix[2 * 4]).toBeCloseTo(1, 12);
    expect(sum(empty.maskSafe!.data)).toBe(0);
    expect(empty.gti!.start.length).toBe(0);
    expect(gtiMjd({ ...empty.gti!, start: Float64Array.of(0), stop: Float64Array.of(0) }).start[0]).toBeCloseTo(51544.0007428703, 8);
    const onoff = createMapDatasetOnOff(geom, { energyAxisTrue: etrue });
    expect(onoff.tag).toBe("MapDatasetOnOff");
    expect(onoff.countsOff!.geom.dataShape).toEqual([4, 100, 100]);
  });
});

describe("statistics and residuals", () => {
  test("Cash over maskSafe ∧ maskFit equals cashSum of counts and npred; the fit mask may be replaced", () => {
    const ds = fixture();
    ds.models = new Models(skyModels());
    const npred = mapNpred(ds).data as Float64Array;
    const counts = ds.counts!.data as Float64Array;
    const mask = Uint8Array.from(ds.maskSafe!.data, (v, i) => v & ds.maskFit!.data[i]!);
    expect(mapStatSum(ds)).toBeCloseTo(cashSum(counts.length, counts, npred, mask), 8);
    expect(sum(mapDatasetMask(ds)!)).toBe(sum(mask));
    ds.maskFit = null;
    expect(mapStatSum(ds)).toBeCloseTo(cashSum(counts.length, counts, npred, ds.maskSafe!.data as Uint8Array), 8);
    // The per-bin array sums to the unmasked statistic.
    expect(sum(mapStatArray(ds).data)).toBeCloseTo(cashSum(counts.length, counts, npred), 8);
  });

  test("WStat of an on/off dataset: α = acceptance / acceptance_off, signal from the models", () => {
    const base = fixture();
    const spec = datasetSpec(2);
    const onoff = mapDatasetOnOff({ ...base, countsOff: countsMap(spec.counts.map((c) => 3 * c + 1)), acceptance: 1, acceptanceOff: 4 });
    onoff.models = new Models(skyModels());
    expect(mapAlpha(onoff)[7]).toBe(0.25);
    const signal = mapNpredSignal(onoff).data as Float64Array;
    const n = signal.length;
    const mask = mapDatasetMask(onoff);
    const expected = wstatSum(n, onoff.counts!.data as Float64Array, onoff.countsOff!.data as Float64Array, mapAlpha(onoff), signal, mask);
    expect(mapStatSum(onoff)).toBeCloseTo(expected, 8);
    // α · n_off becomes the background of the Cash dataset.
    const cash = mapOnOffToMapDataset(onoff, "cash");
    expect(cash.background!.data[3]).toBeCloseTo(0.25 * onoff.countsOff!.data[3]!, 14);
  });

  test("residuals: diff and diff/sqrt(model), NaN outside the mask", () => {
    const ds = fixture();
    ds.models = new Models(skyModels());
    const npred = mapNpred(ds).data as Float64Array;
    const diff = mapResiduals(ds).data;
    const sig = mapResiduals(ds, "diff/sqrt(model)").data;
    const i = 1 * 24 * 30 + 12 * 30 + 14; // inside both masks
    expect(diff[i]).toBeCloseTo(ds.counts!.data[i]! - npred[i]!, 12);
    expect(sig[i]).toBeCloseTo((ds.counts!.data[i]! - npred[i]!) / Math.sqrt(npred[i]!), 12);
    expect(diff[0]).toBeNaN(); // first energy bin, x < 6: not safe
    expect(diff[1 * 24 * 30 + 0 * 30 + 10]).toBeNaN(); // row 0: not fitted
  });
});

describe("info_dict and the summary row", () => {
  test("sums inside the safe mask; n_bins, n_fit_bins, n_pixels and the safe energy range", () => {
    const ds = fixture();
    const spec = datasetSpec(1);
    const info = mapInfoDict(ds);
    let counts = 0;
    let bkg = 0;
    for (let i = 0; i < spec.counts.length; i++) {
      if (spec.mask_safe[i]) {
        counts += spec.counts[i]!;
        bkg += spec.background[i]!;
      }
    }
    expect(info.counts).toBe(counts);
    expect(info.background).toBeCloseTo(bkg, 10);
    expect(info.excess).toBeCloseTo(counts - bkg, 10);
    expect(info.n_bins).toBe(3 * 24 * 30);
    expect(info.n_fit_bins).toBe(sum(spec.mask_safe.map((v, i) => v & spec.mask_fit![i]!)));
    expect(info.livetime).toBe(2400);
    expect(info.ontime).toBe(2500);
    expect(info.stat_sum).toBeNaN(); // no models
    const row = mapSummaryRow(ds);
    expect(row.n_pixels).toBe(2160);
    expect(row.energy_min_tev).toBe(1); // bin 0 is safe for x >= 6
    expect(row.energy_max_tev).toBe(15);
    const onlyTop = mapDataset({ ...ds, maskSafe: countsMap(spec.mask_safe.map((_, i) => (i >= 2 * 720 ? 1 : 0)), "bool") });
    expect(mapEnergyRangeSafe(onlyTop)).toEqual([6, 15]);
  });
});

describe("cut-outs", () => {
  test("every map cut around a position (trim); GTI and livetime kept, no models", () => {
    const ds = fixture();
    ds.models = new Models(skyModels());
    const cut = mapDatasetCutout(ds, { lon: 83.63, lat: 22.01, frame: "icrs" }, 0.5, "small");
    expect(cut.name).toBe("small");
    expect([...cut.counts!.geom.npix]).toEqual([10, 10]);
    expect(cut.exposure!.geom.dataShape).toEqual([6, 10, 10]);
    const [x0, y0] = ds.counts!.geom.offsetOf(cut.counts!.geom);
    expect(cut.counts!.data[2 * 100 + 3 * 10 + 4]).toBe(ds.counts!.data[2 * 720 + (y0 + 3) * 30 + x0 + 4]);
    expect(cut.maskSafe!.data.length).toBe(300);
    expect(cut.livetime).toBe(2400);
    expect(cut.gti).toBe(ds.gti);
    expect(cut.models).toBeNull();
    expect(cut.psf).toBe(ds.psf); // a fixed kernel serves any cut-out
  });
});
