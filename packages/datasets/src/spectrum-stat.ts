/**
 * Fit statistics of 1D datasets as Gammapy computes them: Cash for SpectrumDataset,
 * WStat (background profiled) for SpectrumDatasetOnOff, summed over the bins selected by
 * mask = maskSafe ∧ maskFit; and residuals.
 */
import { DataError } from "@gammats/core";
import { combinedMask } from "./mask.js";
import { nanToNum } from "./non-finite.js";
import { npred, npredSignal } from "./npred.js";
import { alpha } from "./spectrum-dataset-on-off.js";
import type { AnySpectrumDataset, SpectrumDatasetOnOff } from "./spectrum-dataset-on-off.js";
import { cash, cashSum } from "./stats/cash.js";
import { wstatBin } from "./stats/wstat.js";

/** Name of a dataset's fit statistic (Gammapy's `stat_type`). */
export type StatType = "cash" | "wstat";

/** Residual definitions of Gammapy's `residuals`. */
export type ResidualsMethod = "diff" | "diff/model" | "diff/sqrt(model)";

/**
 * The fit statistic of a dataset kind.
 *
 * @param dataset - the dataset
 * @returns "cash" or "wstat"
 */
export function statType(dataset: AnySpectrumDataset): StatType {
  return dataset.tag === "SpectrumDataset" ? "cash" : "wstat";
}

/**
 * The mask statistics are summed over (Gammapy's `Dataset.mask`): maskSafe ∧ maskFit, or
 * null when neither is set.
 *
 * @param dataset - the dataset
 * @returns the mask or null
 */
export function datasetMask(dataset: AnySpectrumDataset): Uint8Array | null {
  return combinedMask(dataset.maskSafe, dataset.maskFit);
}

function requireCounts(dataset: AnySpectrumDataset): Float64Array {
  if (dataset.counts === null) {
    throw new DataError(`dataset '${dataset.name}' has no counts to compute a statistic on`, { hint: "give the dataset counts" });
  }
  return dataset.counts.data;
}

function onOffArrays(dataset: SpectrumDatasetOnOff): { nOn: Float64Array; nOff: Float64Array; a: Float64Array } {
  const nOn = requireCounts(dataset);
  if (dataset.countsOff === null) {
    throw new DataError(`dataset '${dataset.name}' has no countsOff for WStat`, { hint: "give the off counts" });
  }
  return { nOn, nOff: dataset.countsOff.data, a: alpha(dataset) };
}

/**
 * The statistic per reco bin, every bin (Gammapy's `stat_array`): Cash of counts and
 * npred, or WStat of on, off, α and the predicted signal (NaN → 0, ±∞ → ±largest double).
 *
 * @param dataset - the dataset
 * @returns one value per reco bin
 * @throws DataError without counts (or off counts)
 */
export function statArray(dataset: AnySpectrumDataset): Float64Array {
  if (dataset.tag === "SpectrumDataset") {
    const counts = requireCounts(dataset);
    return cash(counts.length, counts, npred(dataset), new Float64Array(counts.length));
  }
  const { nOn, nOff, a } = onOffArrays(dataset);
  const signal = npredSignal(dataset);
  const out = new Float64Array(nOn.length);
  for (let i = 0; i < out.length; i++) out[i] = nanToNum(wstatBin(nOn[i]!, nOff[i]!, a[i]!, signal[i]!));
  return out;
}

/**
 * The summed statistic over mask = maskSafe ∧ maskFit (Gammapy's `stat_sum`: the compiled
 * Cash sum for SpectrumDataset, the sum of the WStat array for on/off datasets).
 *
 * @param dataset - the dataset
 * @returns −2 ln L up to a model-independent term
 * @throws DataError without counts (or off counts)
 * @example
 * ```ts
 * statSum(onoff); // 8.393242649671866 for the README's on/off example without models
 * ```
 */
export function statSum(dataset: AnySpectrumDataset): number {
  const mask = datasetMask(dataset);
  if (dataset.tag === "SpectrumDataset") {
    const counts = requireCounts(dataset);
    return cashSum(counts.length, counts, npred(dataset), mask);
  }
  const stat = statArray(dataset);
  let sum = 0;
  for (let i = 0; i < stat.length; i++) if (mask === null || mask[i] !== 0) sum += stat[i]!;
  return sum;
}

/**
 * Residuals per reco bin (Gammapy's `residuals`): counts − npred, (counts − npred)/npred or
 * (counts − npred)/√npred; NaN outside mask = maskSafe ∧ maskFit.
 *
 * @param dataset - the dataset
 * @param method - "diff" (default), "diff/model" or "diff/sqrt(model)"
 * @returns one value per reco bin
 * @throws DataError without counts or for an unknown method
 */
export function residuals(dataset: AnySpectrumDataset, method: ResidualsMethod = "diff"): Float64Array {
  const counts = requireCounts(dataset);
  const model = npred(dataset);
  const mask = datasetMask(dataset);
  const out = new Float64Array(counts.length);
  for (let i = 0; i < out.length; i++) {
    if (mask !== null && mask[i] === 0) {
      out[i] = NaN;
      continue;
    }
    const d = counts[i]! - model[i]!;
    if (method === "diff") out[i] = d;
    else if (method === "diff/model") out[i] = d / model[i]!;
    else if (method === "diff/sqrt(model)") out[i] = d / Math.sqrt(model[i]!);
    else {
      throw new DataError(`unknown residuals method '${String(method)}'`, { hint: "use 'diff', 'diff/model' or 'diff/sqrt(model)'" });
    }
  }
  return out;
}
