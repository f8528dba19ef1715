/**
 * Small 1D datasets shared by the spectrum tests (and sent to Gammapy by the live test):
 * six reco bins, ten true bins, a Gaussian energy dispersion, three observations whose
 * off acceptances make the stacked α exact in float32 for the first two (Gammapy keeps
 * stacked off data in float32) and generic for the third.
 */
import { Time } from "@gammats/core";
import { EDispKernel } from "@gammats/irf";
import { MapAxis, RegionNDMap } from "@gammats/maps";
import { Models, PowerLawSpectralModel, SkyModel } from "@gammats/modeling";
import {
  createGti,
  createMetaTable,
  createSpectrumDataset,
  createSpectrumDatasetOnOff,
  edispKernelMap,
} from "@gammats/datasets";
import type { SpectrumDataset, SpectrumDatasetOnOff } from "@gammats/datasets";

export const REGION = "icrs;circle(83.633,22.014,0.11)";
export const ERECO = MapAxis.fromEnergyBounds(0.5, 50, 6, { unit: "TeV" });
export const ETRUE = MapAxis.fromEnergyBounds(0.3, 100, 10, { unit: "TeV", name: "energy_true" });
export const KERNEL = EDispKernel.fromGauss(ETRUE, ERECO, 0.15, 0.05);

/** One observation as plain arrays (the JSON the live test sends to Gammapy). */
export interface FixtureData {
  name: string;
  obs_id: number;
  ra_pnt: number;
  counts: number[];
  counts_off: number[];
  acceptance: number[];
  acceptance_off: number[];
  background: number[];
  exposure: number[];
  edisp: number[];
  edisp_exposure: number[];
  mask_safe: number[];
  mask_fit: number[] | null;
  livetime: number;
  gti_ref_mjd: number;
  gti_start: number[];
  gti_stop: number[];
}

const exposureA = [2.1e8, 9.7e8, 2.3e9, 3.1e9, 3.4e9, 3.5e9, 3.52e9, 3.3e9, 3.0e9, 2.7e9];
const exposureB = exposureA.map((v, i) => v * (0.9 + 0.02 * i));
const exposureC = exposureA.map((v, i) => v * (1.1 - 0.03 * i));

export const FIXTURES: FixtureData[] = [
  {
    name: "23523",
    obs_id: 23523,
    ra_pnt: 83.633,
    counts: [8, 25, 17, 9, 3, 0],
    counts_off: [40, 90, 52, 20, 4, 0],
    acceptance: [1, 1, 1, 1, 1, 1],
    acceptance_off: [4, 4, 4, 4, 4, 4],
    background: [10, 22.5, 13, 5, 1, 0.2],
    exposure: exposureA,
    edisp: Array.from(KERNEL.pdfMatrix),
    edisp_exposure: exposureA,
    mask_safe: [0, 1, 1, 1, 1, 1],
    mask_fit: [1, 1, 1, 1, 0, 1],
    livetime: 1687.0,
    gti_ref_mjd: 53343.9,
    gti_start: [0],
    gti_stop: [1687.5],
  },
  {
    name: "23526",
    obs_id: 23526,
    ra_pnt: 83.133,
    counts: [5, 31, 20, 6, 5, 1],
    counts_off: [0, 90, 52, 20, 4, 0],
    acceptance: [3, 3, 3, 3, 3, 3],
    acceptance_off: [4, 4, 4, 4, 4, 4],
    background: [0.5, 60, 35, 14, 2.5, 0.4],
    exposure: exposureB,
    edisp: Array.from(KERNEL.pdfMatrix, (v, i) => v * (i % 3 === 0 ? 0.96 : 1.0)),
    edisp_exposure: exposureB,
    mask_safe: [1, 1, 1, 1, 1, 0],
    mask_fit: null,
    livetime: 1683.0,
    gti_ref_mjd: 53343.95,
    gti_start: [100],
    gti_stop: [1800],
  },
  {
    name: "23559",
    obs_id: 23559,
    ra_pnt: 84.133,
    counts: [2, 19, 23, 11, 2, 2],
    counts_off: [17, 71, 63, 25, 9, 3],
    acceptance: [1, 1, 1, 1, 1, 1],
    acceptance_off: [7.3, 7.3, 6.1, 7.3, 7.3, 5.2],
    background: [2.3, 9.7, 10.3, 3.4, 1.2, 0.6],
    exposure: exposureC,
    edisp: Array.from(KERNEL.pdfMatrix),
    edisp_exposure: exposureC,
    mask_safe: [0, 0, 1, 1, 1, 1],
    mask_fit: null,
    livetime: 1500.0,
    gti_ref_mjd: 53345.0,
    gti_start: [0],
    gti_stop: [1600],
  },
];

export const PL = { index: 2.4, amplitude: 2e-11, reference: 1 };

/** The power law of the fixtures as a model collection. */
export function plModels(): Models {
  return new Models([
    new SkyModel({
      name: "pl",
      spectral: new PowerLawSpectralModel({ index: PL.index, amplitude: `${PL.amplitude} cm-2 s-1 TeV-1`, reference: `${PL.reference} TeV` }),
    }),
  ]);
}

function common(d: FixtureData) {
  const reco = (data: number[]) => RegionNDMap.create(REGION, { axes: [ERECO], data });
  return {
    name: d.name,
    counts: reco(d.counts),
    exposure: RegionNDMap.create(REGION, { axes: [ETRUE], unit: "cm2 s", data: d.exposure }),
    edisp: edispKernelMap(new EDispKernel({ axes: [ETRUE, ERECO], data: d.edisp }), d.edisp_exposure),
    maskSafe: d.mask_safe,
    maskFit: d.mask_fit,
    livetime: d.livetime,
    gti: createGti(d.gti_start, d.gti_stop, Time.fromMjd(d.gti_ref_mjd, "tt")),
    metaTable: createMetaTable({ OBS_ID: d.obs_id, RA_PNT: d.ra_pnt }, { RA_PNT: "deg" }),
  };
}

/** The fixture as an on/off dataset. */
export function onOffFixture(d: FixtureData, models: Models | null = null): SpectrumDatasetOnOff {
  const reco = (data: number[]) => RegionNDMap.create(REGION, { axes: [ERECO], data });
  return createSpectrumDatasetOnOff({
    ...common(d),
    countsOff: reco(d.counts_off),
    acceptance: reco(d.acceptance),
    acceptanceOff: reco(d.acceptance_off),
    models,
  });
}

/** The fixture as a dataset with a background model. */
export function cashFixture(d: FixtureData, models: Models | null = null): SpectrumDataset {
  return createSpectrumDataset({ ...common(d), background: RegionNDMap.create(REGION, { axes: [ERECO], data: d.background }), models });
}
