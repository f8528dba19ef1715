/**
 * The comparisons with Gammapy 1.0 shared by the stored-number tests and the live test:
 * the dataset maker per run, every safe-mask method, and the 1D analysis loop.
 */
import { expect } from "vitest";
import { RadMax2D } from "@gammats/irf";
import { MapAxis, PointSkyRegion, RegionGeom } from "@gammats/maps";
import { gtiMjd, infoDict, energyRangeSafe } from "@gammats/datasets";
import type { SpectrumDataset } from "@gammats/datasets";
import type { Observation } from "@gammats/data-store";
import {
  DatasetsMaker,
  SafeMaskMaker,
  SpectrumDatasetMaker,
  aeffMaxEnergy,
  edispBiasEnergy,
  emptySpectrumDataset,
  makeCountsRadMax,
} from "@gammats/reduce";
import type { SafeMaskMakerOptions } from "@gammats/reduce";
import { bits, crabSetup, expectClose, hessStore } from "./helpers.js";
import type { ReduceRef } from "./helpers.js";

/** The RAD_MAX table gammapy_reduce.py builds: energy × offset cuts [deg]. */
export function radMaxTable(): RadMax2D {
  const energy = MapAxis.fromEnergyEdges([0.1, 0.5, 1, 3, 10, 100], { name: "energy" });
  const offset = MapAxis.fromEdges([0, 0.3, 0.7, 1.5, 2.5], { name: "offset", unit: "deg" });
  const values = [0.08, 0.1, 0.12, 0.14, 0.07, 0.09, 0.11, 0.13, 0.06, 0.08, 0.1, 0.12, 0.05, 0.07, 0.09, 0.11, 0.05, 0.06, 0.08, 0.1];
  return new RadMax2D({ axes: [energy, offset], data: values, unit: "deg" });
}

/** The SafeMaskMaker settings behind each mask of gammapy_reduce.py. */
export const MASK_CASES: Record<string, SafeMaskMakerOptions> = {
  "aeff-default": { methods: ["aeff-default"] },
  "aeff-max": { methods: ["aeff-max"], aeffPercent: 10 },
  "aeff-max-30": { methods: ["aeff-max"], aeffPercent: 30 },
  "aeff-max-fixed": { methods: ["aeff-max"], aeffPercent: 10, fixedOffset: "1.2 deg" },
  "edisp-bias": { methods: ["edisp-bias"], biasPercent: 10 },
  "edisp-bias-5": { methods: ["edisp-bias"], biasPercent: 5 },
  "edisp-bias-fixed": { methods: ["edisp-bias"], biasPercent: 10, fixedOffset: 1.5 },
  "offset-max": { methods: ["offset-max"] },
  "offset-max-small": { methods: ["offset-max"], offsetMax: "0.4 deg" },
  "bkg-peak": { methods: ["bkg-peak"] },
  all: { methods: ["aeff-default", "aeff-max", "edisp-bias", "offset-max", "bkg-peak"] },
  none: { methods: [] },
};

/** One run reduced as gammapy_reduce.py does (all four maps, containment corrected). */
export function makeRun(ref: ReduceRef, obs: Observation): SpectrumDataset {
  const { geom, energyTrue } = crabSetup(ref.request);
  return new SpectrumDatasetMaker({ containmentCorrection: true }).run(emptySpectrumDataset(geom, { energyAxisTrue: energyTrue, name: "ref" }), obs);
}

/** SpectrumDatasetMaker vs Gammapy: counts, exposure, edisp, background, GTIs, meta. */
export function checkMaker(ref: ReduceRef, dataDir: string): void {
  const store = hessStore(dataDir);
  const { geom, energyTrue } = crabSetup(ref.request);
  const plain = new SpectrumDatasetMaker({ selection: ["exposure"] });
  for (const run of ref.runs) {
    const obs = store.obs(run.obs_id);
    const ds = makeRun(ref, obs);
    const what = `run ${run.obs_id}`;
    expect(ds.name).toBe("ref");
    expect(Array.from(ds.counts!.data), `${what} counts`).toEqual(run.counts);
    expect(ds.livetime).toBeCloseTo(run.livetime, 9);
    expectClose(ds.exposure!.data, run.exposure, 1e-6, 0, `${what} exposure`);
    expectClose(ds.edisp!.kernel.pdfMatrix, run.edisp, 1e-6, 1e-12, `${what} edisp`);
    expectClose(ds.edisp!.exposure!, run.edisp_exposure, 1e-6, 0, `${what} edisp exposure`);
    expectClose(ds.background!.data, run.background, 1e-6, 1e-12, `${what} background`);
    expect(Array.from(ds.maskSafe!)).toEqual(new Array(ds.counts!.data.length).fill(1));
    const mjd = gtiMjd(ds.gti!);
    expectClose(mjd.start, run.gti_start, 1e-12, 0, `${what} gti start`);
    expectClose(mjd.stop, run.gti_stop, 1e-12, 0, `${what} gti stop`);
    expect(ds.metaTable!.columns.OBS_ID).toEqual([run.meta.OBS_ID]);
    expect(ds.metaTable!.columns.TELESCOP).toEqual([run.meta.TELESCOP]);
    expect(ds.metaTable!.columns.OBS_MODE).toEqual([run.meta.OBS_MODE]);
    expect(ds.metaTable!.columns.RA_PNT![0]).toBeCloseTo(run.meta.RA_PNT as number, 10);
    expectClose(
      plain.run(emptySpectrumDataset(geom, { energyAxisTrue: energyTrue }), obs).exposure!.data,
      run.exposure_nocc,
      1e-6,
      0,
      `${what} exposure without containment`,
    );
    const point = RegionGeom.create(new PointSkyRegion(ref.request.on[0], ref.request.on[1]), { axes: [geom.axes[0]!] });
    expect(Array.from(makeCountsRadMax(point, radMaxTable(), obs.events).data), `${what} RAD_MAX counts`).toEqual(run.counts_rad_max);
  }
}

/** SafeMaskMaker vs Gammapy: every method alone and combined, with and without background; the thresholds. */
export function checkMasks(ref: ReduceRef, dataDir: string): void {
  const store = hessStore(dataDir);
  for (const run of ref.runs) {
    const obs = store.obs(run.obs_id);
    const withBkg = makeRun(ref, obs);
    const noBkg = { ...withBkg, background: null };
    for (const [key, expected] of Object.entries(run.masks)) {
      const bkg = key.startsWith("bkg:");
      const options = MASK_CASES[bkg ? key.slice(4) : key]!;
      const masked = new SafeMaskMaker(options).run(bkg ? withBkg : noBkg, obs);
      expect(Array.from(masked.maskSafe!), `run ${run.obs_id} mask ${key}`).toEqual(bits(expected));
    }
    // the thresholds behind the masks, to 1e-6
    const exposure = withBkg.exposure!;
    const centers = (exposure.geom.axes[0] as MapAxis).centersIn("TeV");
    const aeff = exposure.data.map((v) => v / withBkg.livetime!);
    for (const pct of [10, 30, 95]) {
      const e = run.thresholds[`aeff_max_${pct}`]![0] ?? NaN;
      // Gammapy falls back to the first energy with a positive area when the inversion fails
      const expected = Number.isNaN(e) ? centers[aeff.findIndex((v) => v > 0)]! : e;
      expect(Math.abs(aeffMaxEnergy(centers, aeff, pct) / expected - 1), `run ${run.obs_id} aeff-max ${pct}%`).toBeLessThan(1e-6);
    }
    for (const pct of [10, 5, 1]) {
      const e = run.thresholds[`bias_${pct}`]![0]!;
      expect(Math.abs(edispBiasEnergy(withBkg.edisp!.kernel, pct) / e - 1), `run ${run.obs_id} bias ${pct}%`).toBeLessThan(1e-6);
    }
    expectClose(withBkg.edisp!.kernel.getBias(withBkg.edisp!.kernel.axes[0]!.centers), run.thresholds.bias!, 1e-6, 1e-9, `run ${run.obs_id} bias`);
  }
}

/** The 1D analysis loop (counts, exposure, edisp; aeff-default; containment) vs Gammapy, per run and stacked. */
export async function checkAnalysis(ref: ReduceRef, dataDir: string): Promise<void> {
  const store = hessStore(dataDir);
  const observations = ref.request.obs_ids.map((id) => store.obs(id));
  const { geom, energyTrue } = crabSetup(ref.request);
  const options = {
    datasetMaker: new SpectrumDatasetMaker({ selection: ["counts", "exposure", "edisp"], containmentCorrection: true }),
    safeMaskMaker: new SafeMaskMaker({ methods: ["aeff-default"] }),
  };
  const reference = emptySpectrumDataset(geom, { energyAxisTrue: energyTrue });
  const joint = (await new DatasetsMaker({ ...options, stack: false }).run(reference, observations)) as SpectrumDataset[];
  expect(joint.map((d) => d.name)).toEqual(ref.request.obs_ids.map(String));
  joint.forEach((d, i) => {
    const a = ref.runs[i]!.analysis;
    const info = infoDict(d);
    expect(info.counts).toBe(a.counts);
    expect(info.livetime).toBeCloseTo(a.livetime, 9);
    const [emin, emax] = energyRangeSafe(d);
    expect(emin / a.energy_min - 1).toBeCloseTo(0, 12);
    expect(emax / a.energy_max - 1).toBeCloseTo(0, 12);
    expect(Array.from(d.maskSafe!)).toEqual(bits(a.mask_safe));
  });
  const [stacked] = (await new DatasetsMaker({ ...options, stack: true }).run(reference, observations)) as SpectrumDataset[];
  expect(stacked!.name).toBe("stacked");
  expect(Array.from(stacked!.counts!.data)).toEqual(ref.stacked.counts);
  expect(infoDict(stacked!).counts).toBe(ref.stacked.info_counts);
  expect(stacked!.livetime).toBeCloseTo(ref.stacked.livetime, 8);
  expect(Array.from(stacked!.maskSafe!)).toEqual(bits(ref.stacked.mask_safe));
  expectClose(stacked!.exposure!.data, ref.stacked.exposure, 1e-6, 0, "stacked exposure");
  expectClose(stacked!.edisp!.kernel.pdfMatrix, ref.stacked.edisp, 1e-6, 1e-12, "stacked edisp");
}
