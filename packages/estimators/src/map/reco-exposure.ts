/**
 * Exposure in reconstructed energy (Gammapy's `estimate_exposure_reco_energy`): the
 * predicted counts of a spatially constant source with a given spectrum — per pixel and
 * per estimator energy bin — which turn excess counts into a norm of that spectrum.
 */
import { DataError } from "@gammats/core";
import type { SpectralModel } from "@gammats/modeling";
import type { EnergyGroup } from "./energy-groups.js";
import type { MapEstimatorDataset } from "./map-estimator-dataset.js";

/**
 * Reconstructed-energy exposure of a dataset on merged energy bins, not normalised
 * (`normalize=False`): out[g, p] = Σ_t F_t · exposure[t, p] · Σ_{r in g} edisp[t, r] · w_r,
 * with F_t the model's integral flux over true bin t and w_r the edisp safe mask. Without
 * an edisp the true bins are taken as the reconstructed ones.
 *
 * @param dataset - the dataset (must have an exposure)
 * @param groups - reconstructed-energy bin groups
 * @param model - the spectral model
 * @returns counts per pixel, groups.length × (ny · nx)
 * @throws DataError when the dataset has no exposure or the edisp shape does not fit
 * @example
 * ```ts
 * recoExposure(dataset, energyGroups(dataset.geom.axes[0]).groups, new PowerLawSpectralModel({ index: 2 }));
 * ```
 */
export function recoExposure(dataset: MapEstimatorDataset, groups: readonly EnergyGroup[], model: SpectralModel): Float64Array {
  const exposure = dataset.exposure;
  if (exposure === undefined) {
    throw new DataError(`dataset '${dataset.name ?? ""}' has no exposure`, { hint: "give the dataset an exposure map" });
  }
  const [nx, ny] = dataset.geom.npix;
  const plane = nx * ny;
  const trueAxis = exposure.energyAxisTrue.unit === "TeV" ? exposure.energyAxisTrue : exposure.energyAxisTrue.toUnit("TeV");
  const nTrue = trueAxis.nbin;
  const nReco = dataset.geom.axes[0]!.nbin;
  if (exposure.data.length !== nTrue * plane) {
    throw new DataError(`exposure has ${exposure.data.length} values, expected ${nTrue} x ${ny} x ${nx}`, {
      hint: "the exposure must be on the counts' image grid with its true-energy axis",
    });
  }
  const edges = trueAxis.edges;
  const flux = model.integral(edges.subarray(0, nTrue), edges.subarray(1));
  // Weight of true bin t in group g: F_t times the merged migration probability.
  const weight = new Float64Array(groups.length * nTrue);
  const edisp = dataset.edisp;
  if (edisp === undefined && nTrue !== nReco) {
    throw new DataError(`dataset without edisp has ${nTrue} true and ${nReco} reconstructed energy bins`, {
      hint: "give the edisp kernel, or the same true and reconstructed energy axes",
    });
  }
  if (edisp !== undefined && edisp.matrix.length !== nTrue * nReco) {
    throw new DataError(`edisp kernel has ${edisp.matrix.length} values, expected ${nTrue} x ${nReco}`, {
      hint: "the kernel rows are true-energy bins, its columns reconstructed-energy bins",
    });
  }
  groups.forEach((g, k) => {
    for (let t = 0; t < nTrue; t++) {
      let p = 0;
      for (let r = g.start; r < g.stop; r++) {
        if (edisp === undefined) p += r === t ? 1 : 0;
        else p += edisp.matrix[t * nReco + r]! * (edisp.maskSafe === undefined ? 1 : edisp.maskSafe[r]!);
      }
      weight[k * nTrue + t] = flux[t]! * p;
    }
  });
  const out = new Float64Array(groups.length * plane);
  for (let k = 0; k < groups.length; k++) {
    const o = k * plane;
    for (let t = 0; t < nTrue; t++) {
      const w = weight[k * nTrue + t]!;
      if (w === 0) continue;
      addScaledPlane(out, o, exposure.data, t * plane, w, plane);
    }
  }
  return out;
}

/** out[o + i] += w · data[base + i] (a small function: V8 optimises it sooner than the loop nest). */
function addScaledPlane(out: Float64Array, o: number, data: ArrayLike<number>, base: number, w: number, n: number): void {
  for (let i = 0; i < n; i++) out[o + i] += w * data[base + i]!;
}
