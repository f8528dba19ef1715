/**
 * The TS-map kernel of a dataset with a PSF (Gammapy 1.0's `TSMapEstimator.estimate_kernel`
 * when `dataset.psf` is set): the source model, moved to the centre of the odd kernel
 * geometry, evaluated like any model of the dataset — integrated over the pixels,
 * convolved per true-energy bin with the PSF kernel at that position (99.9 % containment,
 * 4× oversampled), times the exposure at the valid pixel nearest to the map centre (the
 * same in every pixel, Gammapy's float32 map), times the spectrum integrated over the
 * true-energy bins, folded through the edisp into the TS-map energy bin — and normalised
 * to a sum of 1. Exposure and spectrum thus weight the PSF over energy.
 */
import { DataError, transformFrame } from "@gammats/core";
import { MapEvaluator } from "@gammats/datasets";
import type { MapDatasetPsf } from "@gammats/datasets";
import { WcsNDMap } from "@gammats/maps";
import type { SkyModel } from "@gammats/modeling";
import type { EnergyGroup } from "./energy-groups.js";
import type { MapEstimatorDataset } from "./map-estimator-dataset.js";
import { tsOddGeom } from "./ts-kernel.js";
import type { TsKernel } from "./ts-kernel.js";

/** A map dataset as the TS-map estimator sees it: the estimator arrays and the PSF. */
export interface TsMapDataset extends MapEstimatorDataset {
  /**
   * The dataset's PSF (a PSF map or a fixed kernel, as @gammats/datasets' MapDataset
   * carries it); undefined = none, the kernel is then the bare spatial model.
   */
  readonly psf?: MapDatasetPsf | undefined;
}

/**
 * Exposure per true-energy bin at the pixel with exposure nearest to the image centre
 * (Gammapy's `get_nearest_valid_exposure_position` then `to_region_nd_map`).
 */
function exposureAtCentre(d: MapEstimatorDataset, nt: number): Float64Array {
  const geom = d.geom.toImage();
  const [nx, ny] = geom.npix;
  const plane = nx * ny;
  const data = d.exposure!.data;
  const c = geom.centerSkydir;
  const sep = geom.separation(c.lon, c.lat, c.frame);
  let best = -1;
  for (let i = 0; i < plane; i++) {
    let valid = false;
    for (let t = 0; t < nt && !valid; t++) valid = data[t * plane + i]! > 0;
    if (valid && (best < 0 || sep[i]! < sep[best]!)) best = i;
  }
  if (best < 0) throw new DataError("TSMapEstimator: no valid exposure. Impossible to compute the kernel", { hint: "the dataset's exposure is zero everywhere" });
  return Float64Array.from({ length: nt }, (_, t) => data[t * plane + best]!);
}

/**
 * The kernel of a dataset with a PSF for one TS-map energy bin.
 *
 * @param d - the (padded, downsampled) dataset; needs exposure and psf
 * @param model - the source model (position ignored: moved to the kernel centre)
 * @param kernelWidth - kernel width [deg]; undefined = the map's larger width
 * @param group - the reco bins of the TS-map energy bin; undefined = all
 * @returns the normalised kernel on the evaluator's cut-out of the kernel geometry
 * @throws DataError without exposure, PSF or valid exposure, or without edisp when the
 *   true and reco axes differ
 */
export function tsPsfKernel(d: TsMapDataset, model: SkyModel, kernelWidth: number | undefined, group: EnergyGroup | undefined): TsKernel {
  const { exposure, psf } = d;
  if (exposure === undefined || psf === undefined) {
    throw new DataError("TSMapEstimator: a PSF kernel needs the dataset's exposure and PSF", { hint: "give the dataset both" });
  }
  const spatial = model.spatial;
  if (spatial === undefined) throw new DataError("TSMapEstimator: the model has no spatial part", { hint: "use a point or Gaussian model" });
  const trueAxis = (exposure.energyAxisTrue.unit === "TeV" ? exposure.energyAxisTrue : exposure.energyAxisTrue.toUnit("TeV")).rename("energy_true");
  const nt = trueAxis.nbin;
  const nReco = d.geom.axes[0]!.nbin;
  const g = group ?? { start: 0, stop: nReco };
  const edisp = d.edisp;
  if (edisp === undefined && nt !== nReco) {
    throw new DataError(`TSMapEstimator: dataset without edisp has ${nt} true and ${nReco} reconstructed energy bins`, {
      hint: "give the edisp kernel, or the same true and reconstructed energy axes",
    });
  }
  // Exposure at the centre, filled into a float32 map on the odd kernel geometry.
  const odd = tsOddGeom(d.geom, kernelWidth);
  const kgeom = odd.toCube([trueAxis]);
  const expoCentre = exposureAtCentre(d, nt);
  const [ox, oy] = odd.npix;
  const expo = new Float64Array(nt * ox * oy);
  for (let t = 0; t < nt; t++) expo.fill(Math.fround(expoCentre[t]!), t * ox * oy, (t + 1) * ox * oy);
  // The model at the kernel centre (Gammapy: `model.spatial_model.position = geom.center_skydir`).
  const m = model.copy("ts-kernel");
  const s = m.spatial!;
  const c = odd.centerSkydir;
  const pos = c.frame === s.frame ? c : transformFrame(c.lon, c.lat, c.frame, s.frame);
  if (s.parameters.has("lon_0")) {
    s.parameters.get("lon_0").value = pos.lon;
    s.parameters.get("lat_0").value = pos.lat;
  }
  const ev = new MapEvaluator(m, { exposure: new WcsNDMap(kgeom, expo, "cm2 s"), psf, edisp: null, recoAxis: trueAxis, gti: null });
  ev.update(null);
  const npred = ev.computeNpred();
  const egeom = ev.geom.toImage();
  const npix = egeom.npix[0] * egeom.npix[1];
  // Fold into the TS-map bin: Σ_t npred_t · Σ_{r in bin} edisp(t, r) · safe(r).
  const data = new Float64Array(npix);
  for (let t = 0; t < nt; t++) {
    let w = 0;
    for (let r = g.start; r < g.stop; r++) {
      if (edisp === undefined) w += r === t ? 1 : 0;
      else w += edisp.matrix[t * nReco + r]! * (edisp.maskSafe === undefined ? 1 : edisp.maskSafe[r]!);
    }
    if (w === 0) continue;
    for (let k = 0; k < npix; k++) data[k] += w * npred[t * npix + k]!;
  }
  let sum = 0;
  for (const v of data) sum += v;
  for (let k = 0; k < npix; k++) data[k] /= sum;
  return { data, geom: egeom };
}
