/**
 * One energy bin of a TS map (Gammapy's `TSMapEstimator.estimate_flux_map` on the dataset
 * sliced to the bin and summed into an image): the fit inputs, and the per-pixel fits over
 * the kernel-sized cut-outs.
 */
import { convolveSame } from "@gammats/maps";
import type { SpectralModel } from "@gammats/modeling";
import type { EnergyGroup } from "./energy-groups.js";
import type { MapEstimatorDataset } from "./map-estimator-dataset.js";
import { mergeMapData } from "./merged-map-data.js";
import { recoExposure } from "./reco-exposure.js";
import type { TsKernel } from "./ts-kernel.js";
import { fitTsPixel } from "./ts-norm-fit.js";
import type { TsFitOptions, TsPixelData } from "./ts-norm-fit.js";

/** The image-plane inputs of the per-pixel fits. */
export interface TsFitInputs {
  /** Counts, Σ counts · safe. */
  counts: Float64Array;
  /** Predicted counts without the kernel source (background + models). */
  npred: Float64Array;
  /** Source counts per unit norm and per pixel (reco exposure × reference flux), 0 outside the mask. */
  exposure: Float64Array;
  /** Pixels to fit (1): the mask, where npred ≠ 0. */
  mask: Uint8Array;
  /** Starting norms (the kernel-weighted excess / exposure); only with a threshold. */
  normGuess: Float64Array | undefined;
}

/**
 * Fit inputs of one energy bin.
 *
 * @param d - the (padded) dataset
 * @param group - its energy bins making up the TS-map bin
 * @param kernel - the source kernel
 * @param spectral - the reference spectrum
 * @param withGuess - compute the starting norms
 * @returns the inputs
 */
export function tsFitInputs(d: MapEstimatorDataset, group: EnergyGroup, kernel: TsKernel, spectral: SpectralModel, withGuess: boolean): TsFitInputs {
  const [nx, ny] = d.geom.npix;
  const merged = mergeMapData(d, [group], "background");
  const npred = merged.background.map((b, i) => b + merged.npredSignal[i]!);
  const mask = merged.mask.map((m, i) => (m && npred[i] !== 0 ? 1 : 0));
  const axis = d.geom.axes[0]!.unit === "TeV" ? d.geom.axes[0]! : d.geom.axes[0]!.toUnit("TeV");
  const fluxRef = spectral.integral([axis.edges[group.start]!], [axis.edges[group.stop]!])[0]!;
  // Gammapy normalises the reco exposure by the reference flux and multiplies it back.
  const perFlux = recoExposure(d, [group], spectral).map((v) => v / fluxRef);
  const exposure = perFlux.map((v, i) => v * fluxRef * mask[i]!);
  let normGuess: Float64Array | undefined;
  if (withGuess) {
    let sum2 = 0;
    for (const k of kernel.data) sum2 += k * k;
    const weights = kernel.data.map((k) => k / sum2);
    const flux = merged.counts.map((c, i) => {
      const v = (c - npred[i]!) / perFlux[i]!;
      return Number.isNaN(v) ? 0 : v === Infinity ? Number.MAX_VALUE : v === -Infinity ? -Number.MAX_VALUE : v;
    });
    const [kx, ky] = kernel.geom.npix;
    normGuess = convolveSame(flux, ny, nx, weights, ky, kx, new Float64Array(nx * ny)).map((v) => v / fluxRef);
  }
  return { counts: merged.counts, npred, exposure, mask, normGuess };
}

/**
 * TS-map quantities of one energy bin: each unmasked pixel fitted on the kernel-sized
 * cut-out around it (outside the image counts as empty); NaN elsewhere.
 *
 * @param d - the (padded) dataset
 * @param group - its energy bins making up the TS-map bin
 * @param kernel - the source kernel
 * @param spectral - the reference spectrum
 * @param o - fit settings
 * @returns quantity name → image (ny × nx)
 */
export function tsImageMaps(
  d: MapEstimatorDataset,
  group: EnergyGroup,
  kernel: TsKernel,
  spectral: SpectralModel,
  o: TsFitOptions,
): Record<string, Float64Array> {
  const [nx, ny] = d.geom.npix;
  const inputs = tsFitInputs(d, group, kernel, spectral, o.threshold !== undefined);
  const [kx, ky] = kernel.geom.npix;
  const hx = kx >> 1;
  const hy = ky >> 1;
  const n = kx * ky;
  const px: TsPixelData = { n, counts: new Float64Array(n), background: new Float64Array(n), model: new Float64Array(n) };
  const names = ["ts", "norm", "niter", "norm_err", "npred", "npred_excess", "stat", "stat_null", "success", "norm_errp", "norm_errn", "norm_ul"];
  const out: Record<string, Float64Array> = {};
  for (const name of names) out[name] = new Float64Array(nx * ny).fill(NaN);
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      const pixel = y * nx + x;
      if (!inputs.mask[pixel]) continue;
      fillCutout(inputs, kernel.data, nx, ny, x - hx, y - hy, kx, ky, px);
      const r = fitTsPixel(px, inputs.normGuess === undefined ? NaN : inputs.normGuess[pixel]!, o);
      for (const name of names) {
        const v = r[name as keyof typeof r];
        if (v !== undefined) out[name]![pixel] = typeof v === "boolean" ? (v ? 1 : 0) : v;
      }
    }
  }
  return out;
}

/** Copies the cut-out starting at (x0, y0) into the scratch arrays; model = kernel × exposure. */
function fillCutout(inputs: TsFitInputs, kernel: Float64Array, nx: number, ny: number, x0: number, y0: number, kx: number, ky: number, px: TsPixelData): void {
  for (let j = 0; j < ky; j++) {
    const y = y0 + j;
    for (let i = 0; i < kx; i++) {
      const x = x0 + i;
      const k = j * kx + i;
      if (y < 0 || y >= ny || x < 0 || x >= nx) {
        px.counts[k] = 0;
        px.background[k] = 0;
        px.model[k] = 0;
        continue;
      }
      const p = y * nx + x;
      px.counts[k] = inputs.counts[p]!;
      px.background[k] = inputs.npred[p]!;
      px.model[k] = kernel[k]! * inputs.exposure[p]!;
    }
  }
}
