/**
 * Map dataset fixtures as plain arrays (built identically here and, from the same JSON, in
 * Gammapy by map_gammapy.py), sky models of every analytic spatial type, and helpers.
 */
import { EDispKernel, PSFMap } from "@gammats/irf";
import { MapAxis, WcsGeom, WcsNDMap } from "@gammats/maps";
import {
  DiskSpatialModel,
  FoVBackgroundModel,
  GaussianSpatialModel,
  GeneralizedGaussianSpatialModel,
  PointSpatialModel,
  PowerLawNormSpectralModel,
  PowerLawSpectralModel,
  Shell2SpatialModel,
  ShellSpatialModel,
  SkyModel,
} from "@gammats/modeling";
import type { SpatialModel } from "@gammats/modeling";
import { createGti, makeEdispKernelMap, mapDataset } from "@gammats/datasets";
import type { Gti, MapDataset } from "@gammats/datasets";
import { Time } from "@gammats/core";

export const GEOM_SPEC = { skydir: [83.63, 22.01] as [number, number], frame: "icrs", binsz: 0.05, npix: [30, 24] as [number, number], proj: "TAN" };
export const ERECO = [1, 2.5, 6, 15];
export const ETRUE = [0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0];
export const BINSZ_IRF = 0.2;

export const ereco = (): MapAxis => MapAxis.fromEnergyEdges(ERECO, { unit: "TeV" });
export const etrue = (): MapAxis => MapAxis.fromEnergyEdges(ETRUE, { unit: "TeV", name: "energy_true" });

/** The counts geometry. */
export function countsGeom(): WcsGeom {
  return WcsGeom.create({ ...GEOM_SPEC, axes: [ereco()] });
}

/** Inputs of one dataset as arrays (C order: energy, lat, lon). */
export interface DatasetSpec {
  counts: number[];
  exposure: number[];
  background: number[];
  mask_safe: number[];
  mask_fit: number[] | null;
  psf_sigma: number[];
  irf_exposure: number[];
  edisp_sigma: number;
  edisp_bias: number;
  gti_start: number[];
  gti_stop: number[];
  gti_ref_mjd: number;
  livetime: number;
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * A deterministic dataset: smooth exposure and background, pseudo-random counts, a safe
 * mask cutting the first energy bin on the left edge (or the last at the top), a fit mask
 * cutting the bottom rows. The mask edges avoid the fine-pixel half-integers where the
 * 0.2 deg IRF pixel centres fall, where nearest-pixel lookups round either way.
 */
export function datasetSpec(variant: 1 | 2): DatasetSpec {
  const [nx, ny] = GEOM_SPEC.npix;
  const nr = ERECO.length - 1;
  const nt = ETRUE.length - 1;
  const rnd = lcg(variant * 7919);
  const counts: number[] = [];
  const background: number[] = [];
  const maskSafe: number[] = [];
  const maskFit: number[] = [];
  for (let r = 0; r < nr; r++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const b = (variant === 1 ? 0.4 : 0.25) * (1 + 0.1 * (x % 5)) * (1 + 0.02 * y) / (r + 1);
        background.push(b);
        counts.push(Math.floor(rnd() * 4 * b + (x === 14 && y === 12 ? 20 : 0) + rnd() * 1.5));
        maskSafe.push(variant === 1 ? (r === 0 && x < 6 ? 0 : 1) : r === nr - 1 && y > 20 ? 0 : 1);
        maskFit.push(y < 2 ? 0 : 1);
      }
    }
  }
  const exposure: number[] = [];
  const scale = variant === 1 ? 1 : 0.7;
  for (let t = 0; t < nt; t++) {
    const e = Math.sqrt(ETRUE[t]! * ETRUE[t + 1]!);
    for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) exposure.push(scale * 1e10 * (1 + (0.3 * x) / nx - (0.2 * y) / ny) * e ** 0.3);
  }
  return {
    counts,
    exposure,
    background,
    mask_safe: maskSafe,
    mask_fit: variant === 1 ? maskFit : null,
    psf_sigma: variant === 1 ? [0.12, 0.1, 0.08, 0.07, 0.06, 0.05] : [0.1, 0.09, 0.08, 0.07, 0.06, 0.06],
    irf_exposure: variant === 1 ? [1e5, 5e5, 1e6, 2e6, 2e6, 1e6] : [3e5, 6e5, 8e5, 1e6, 9e5, 5e5],
    edisp_sigma: variant === 1 ? 0.2 : 0.25,
    edisp_bias: variant === 1 ? 0.05 : 0,
    gti_start: variant === 1 ? [0, 2000] : [5000],
    gti_stop: variant === 1 ? [1000, 3500] : [6000],
    gti_ref_mjd: 55197,
    livetime: variant === 1 ? 2400 : 900,
  };
}

/** One sky model: type, frame, spatial parameters [deg or plain], power law. */
export interface ModelSpec {
  name: string;
  type: "point" | "gauss" | "disk" | "gengauss" | "shell" | "shell2";
  frame: "icrs" | "galactic";
  spatial: Record<string, number>;
  index: number;
  amplitude: number;
  reference: number;
  apply_irf?: { exposure: boolean; psf: boolean; edisp: boolean };
}

export const MODELS: ModelSpec[] = [
  { name: "pt", type: "point", frame: "icrs", spatial: { lon_0: 83.7, lat_0: 22.05 }, index: 2.3, amplitude: 3e-12, reference: 1 },
  {
    name: "gs",
    type: "gauss",
    frame: "galactic",
    spatial: { lon_0: 184.6, lat_0: -5.75, sigma: 0.1, e: 0.3, phi: 30 },
    index: 2.0,
    amplitude: 2e-12,
    reference: 1,
  },
  { name: "dk", type: "disk", frame: "icrs", spatial: { lon_0: 83.45, lat_0: 21.9, r_0: 0.15, e: 0, phi: 0, edge_width: 0.1 }, index: 2.5, amplitude: 4e-12, reference: 2 },
  { name: "gg", type: "gengauss", frame: "icrs", spatial: { lon_0: 83.8, lat_0: 22.2, r_0: 0.1, eta: 0.5, e: 0, phi: 0 }, index: 2.1, amplitude: 1e-12, reference: 1 },
  {
    name: "sh",
    type: "shell",
    frame: "icrs",
    spatial: { lon_0: 83.55, lat_0: 22.1, radius: 0.2, width: 0.05 },
    index: 2.2,
    amplitude: 2e-12,
    reference: 1,
    apply_irf: { exposure: true, psf: false, edisp: true },
  },
  { name: "sh2", type: "shell2", frame: "icrs", spatial: { lon_0: 83.6, lat_0: 21.95, r_0: 0.15, eta: 0.3 }, index: 2.4, amplitude: 1.5e-12, reference: 1 },
  { name: "far", type: "point", frame: "icrs", spatial: { lon_0: 90, lat_0: 30 }, index: 2, amplitude: 1e-11, reference: 1 },
];

export const BKG = { norm: 1.1, tilt: 0.1 };

function spatialModel(m: ModelSpec): SpatialModel {
  const p = { ...m.spatial, frame: m.frame };
  switch (m.type) {
    case "point":
      return new PointSpatialModel(p);
    case "gauss":
      return new GaussianSpatialModel(p);
    case "disk":
      return new DiskSpatialModel(p);
    case "gengauss":
      return new GeneralizedGaussianSpatialModel(p);
    case "shell":
      return new ShellSpatialModel(p);
    case "shell2":
      return new Shell2SpatialModel(p);
  }
}

/** The sky models of the fixture (new objects). */
export function skyModels(specs: readonly ModelSpec[] = MODELS): SkyModel[] {
  return specs.map(
    (m) =>
      new SkyModel({
        name: m.name,
        spectral: new PowerLawSpectralModel({ index: m.index, amplitude: m.amplitude, reference: m.reference }),
        spatial: spatialModel(m),
        ...(m.apply_irf === undefined ? {} : { applyIrf: m.apply_irf }),
      }),
  );
}

/** The FoV background model of a dataset. */
export function bkgModel(datasetName: string): FoVBackgroundModel {
  return new FoVBackgroundModel({ datasetName, spectral: new PowerLawNormSpectralModel({ norm: BKG.norm, tilt: BKG.tilt }) });
}

/** A GTI of the spec. */
export function specGti(spec: DatasetSpec): Gti {
  return createGti(spec.gti_start, spec.gti_stop, Time.fromMjd(spec.gti_ref_mjd, "tt"));
}

/** A map on the counts geometry. */
export function countsMap(data: ArrayLike<number>, dtype?: "bool"): WcsNDMap {
  return WcsNDMap.fromGeom(countsGeom(), { data, ...(dtype === undefined ? {} : { dtype }) });
}

/** The exposure map of a spec [cm2 s]. */
export function exposureMap(spec: DatasetSpec): WcsNDMap {
  return WcsNDMap.fromGeom(countsGeom().toImage().toCube([etrue()]), { data: spec.exposure, unit: "cm2 s" });
}

/** A normalised Gaussian PSF kernel map on the dataset pixels, one image per true bin. */
export function gaussKernel(sigmas: readonly number[], npix = 11): { psfKernelMap: WcsNDMap } {
  const geom = WcsGeom.create({ skydir: GEOM_SPEC.skydir, binsz: GEOM_SPEC.binsz, npix, proj: GEOM_SPEC.proj, axes: [etrue()] });
  const data = new Float64Array(geom.size);
  const c = (npix - 1) / 2;
  for (let t = 0; t < sigmas.length; t++) {
    const s = sigmas[t]! / GEOM_SPEC.binsz;
    let sum = 0;
    for (let y = 0; y < npix; y++) {
      for (let x = 0; x < npix; x++) {
        const v = Math.exp(-((x - c) ** 2 + (y - c) ** 2) / (2 * s * s));
        data[(t * npix + y) * npix + x] = v;
        sum += v;
      }
    }
    for (let k = t * npix * npix; k < (t + 1) * npix * npix; k++) data[k]! /= sum;
  }
  return { psfKernelMap: new WcsNDMap(geom, data) };
}

/** A Gaussian edisp kernel on the fixture axes. */
export function gaussEdisp(sigma = 0.2, bias = 0.05): EDispKernel {
  return EDispKernel.fromGauss(etrue(), ereco(), sigma, bias);
}

/** Largest |a − b| / max|b|. */
export function relToMax(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < b.length; i++) max = Math.max(max, Math.abs(b[i]!));
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return max === 0 ? worst : worst / max;
}

/** Σ of an array. */
export function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}

/** The IRF grid of Gammapy's MapDataset.create for the fixture: 1.5 x 1.2 deg at 0.2 deg, 8 x 6 pixels. */
export function irfGrid(): WcsGeom {
  const c = countsGeom().centerSkydir;
  return WcsGeom.create({ skydir: [c.lon, c.lat], binsz: BINSZ_IRF, width: [1.5, 1.2], proj: "TAN" });
}

/** A fixture dataset with a Gaussian PSF map and an edisp kernel map on the IRF grid. */
export function irfMapDataset(variant: 1 | 2, name = `ds${variant}`): MapDataset {
  const spec = datasetSpec(variant);
  const coarse = irfGrid();
  const psf = PSFMap.fromGauss(etrue(), { sigma: spec.psf_sigma, geom: coarse });
  const psfExposure = psf.exposureMap!.copy({ data: expand(spec.irf_exposure, coarse.size), unit: "m2 s" });
  const kernel = gaussEdisp(spec.edisp_sigma, spec.edisp_bias).pdfMatrix;
  const eg = coarse.toCube([ereco(), etrue()]);
  const edata = new Float64Array(eg.size);
  for (let p = 0; p < kernel.length; p++) edata.fill(kernel[p]!, p * coarse.size, (p + 1) * coarse.size);
  return mapDataset({
    name,
    counts: countsMap(spec.counts),
    background: countsMap(spec.background),
    exposure: exposureMap(spec),
    psf: new PSFMap(psf.psfMap, psfExposure),
    edisp: makeEdispKernelMap(new WcsNDMap(eg, edata), WcsNDMap.fromGeom(eg.squash("energy"), { data: expand(spec.irf_exposure, coarse.size), unit: "m2 s" })),
    maskSafe: countsMap(spec.mask_safe, "bool"),
    ...(spec.mask_fit === null ? {} : { maskFit: countsMap(spec.mask_fit, "bool") }),
    livetime: spec.livetime,
    gti: specGti(spec),
  });
}

/** Per true-energy values repeated over the image. */
function expand(values: readonly number[], image: number): Float64Array {
  const out = new Float64Array(values.length * image);
  values.forEach((v, t) => out.fill(v, t * image, (t + 1) * image));
  return out;
}
