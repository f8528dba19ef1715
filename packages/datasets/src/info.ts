/**
 * Summary numbers of 1D datasets as Gammapy's `info_dict` gives them (sums over reco
 * bins, by default inside the safe mask), and the row of gammats' `summary.json`.
 */
import type { MapAxis } from "@gammats/maps";
import { assembleInfoDict, exposureRange, infoCounts, maskedSum, summaryRowFrom } from "./info-sums.js";
import type { InfoBackground } from "./info-sums.js";
import { energyRange } from "./mask.js";
import { npred, npredBackground, npredSignal, recoGeom } from "./npred.js";
import { alpha } from "./spectrum-dataset-on-off.js";
import type { AnySpectrumDataset } from "./spectrum-dataset-on-off.js";
import { datasetMask, statSum, statType } from "./spectrum-stat.js";
import type { StatType } from "./spectrum-stat.js";

/**
 * Gammapy's `info_dict` (keys are its column names). Sums run over the safe mask; NaN
 * where Gammapy gives NaN. Exposures in cm2 s, times in s, rates in s-1.
 */
export interface InfoDict {
  name: string;
  /** Σ counts (truncated to an integer, as Gammapy's `int`). */
  counts: number;
  /** Σ counts − Σ background. */
  excess: number;
  /** Signed √TS of the summed counts (Cash with known background, or WStat). */
  sqrt_ts: number;
  /** Σ background (α·n_off for on/off datasets). */
  background: number;
  npred: number;
  npred_background: number;
  npred_signal: number;
  /** Smallest exposure with exposure > 0 where any bin is safe [cm2 s]. */
  exposure_min: number;
  /** Largest such exposure [cm2 s]. */
  exposure_max: number;
  /** [s] */
  livetime: number;
  /** Σ GTI lengths [s]. */
  ontime: number;
  /** counts / livetime [s-1] */
  counts_rate: number;
  background_rate: number;
  excess_rate: number;
  /** Number of reco bins. */
  n_bins: number;
  /** Bins in maskSafe ∧ maskFit (0 when neither mask is set, as Gammapy). */
  n_fit_bins: number;
  stat_type: StatType;
  stat_sum: number;
  /** On/off datasets only: Σ n_off. */
  counts_off?: number;
  /** On/off only: Σ acceptance (1 without acceptance). */
  acceptance?: number;
  /** On/off only: acceptance / alpha. */
  acceptance_off?: number;
  /** On/off only: Σ α·n_off / Σ n_off. */
  alpha?: number;
}

/** One dataset row of gammats' `summary.json` (see shared/reference/README.md); NaN → null. */
export interface SummaryDatasetRow {
  name: string;
  counts: number | null;
  counts_off: number | null;
  alpha: number | null;
  background: number | null;
  excess: number | null;
  sqrt_ts: number | null;
  livetime_s: number | null;
  energy_min_tev: number | null;
  energy_max_tev: number | null;
}

/**
 * Summary numbers of a dataset, as Gammapy's `info_dict`.
 *
 * @param dataset - the dataset
 * @param inSafeDataRange - sum only inside the safe mask (default true)
 * @returns the numbers, keyed by Gammapy's column names
 * @example
 * ```ts
 * infoDict(onoff).alpha; // 0.2 for acceptance 1, acceptance_off 5
 * ```
 */
export function infoDict(dataset: AnySpectrumDataset, inSafeDataRange = true): InfoDict {
  const mask = dataset.maskSafe !== null && inSafeDataRange ? dataset.maskSafe : null;
  const onOff = dataset.tag === "SpectrumDatasetOnOff" ? dataset : null;
  const bkgMap = dataset.tag === "SpectrumDataset" ? dataset.background : null;
  const against: InfoBackground =
    onOff !== null && onOff.countsOff !== null
      ? { kind: "wstat", countsOff: onOff.countsOff.data, alpha: alpha(onOff) }
      : bkgMap !== null
        ? { kind: "cash", background: bkgMap.data }
        : null;
  const hasModels = dataset.models !== null && dataset.models.length > 0;
  const fitMask = datasetMask(dataset);
  // A spectrum is one pixel: it is spatially safe when any bin is.
  const safeImage = dataset.maskSafe === null ? null : Uint8Array.of(dataset.maskSafe.some((v) => v !== 0) ? 1 : 0);
  const statSumValue =
    onOff === null
      ? dataset.counts !== null && dataset.models !== null
        ? statSum(dataset)
        : NaN
      : onOff.counts !== null && onOff.countsOff !== null
        ? statSum(onOff)
        : NaN;
  return assembleInfoDict({
    name: dataset.name,
    mask,
    sums: infoCounts(dataset.counts === null ? null : dataset.counts.data, mask, against),
    hasModels,
    npred: () => maskedSum(npred(dataset), mask),
    npredBackground: maskedSumOrNaN(npredBackground(dataset), mask),
    npredSignal: () => maskedSum(npredSignal(dataset), mask),
    exposure: dataset.exposure === null ? [NaN, NaN] : exposureRange(dataset.exposure.data, safeImage, 1),
    livetime: dataset.livetime ?? NaN,
    gti: dataset.gti,
    nBins: dataset.counts === null ? 0 : dataset.counts.data.length,
    nFitBins: fitMask === null ? 0 : fitMask.reduce((s, v) => s + (v !== 0 ? 1 : 0), 0),
    statType: statType(dataset),
    statSum: statSumValue,
    onOff:
      onOff === null
        ? null
        : {
            hasCountsOff: onOff.countsOff !== null,
            acceptance: onOff.acceptance === null ? null : onOff.acceptance.data,
            hasAcceptanceOff: onOff.acceptanceOff !== null,
          },
  });
}

function maskedSumOrNaN(values: ArrayLike<number> | null, mask: Uint8Array | null): number {
  return values === null ? NaN : maskedSum(values, mask);
}

/**
 * The safe energy range (Gammapy's `energy_range_safe`): lower edge of the first safe
 * reco bin, upper edge of the last; the whole axis without a safe mask; NaN when no bin
 * is safe.
 *
 * @param dataset - the dataset
 * @returns [min, max] [TeV]
 */
export function energyRangeSafe(dataset: AnySpectrumDataset): [number, number] {
  return energyRange(recoGeom(dataset).axes[0] as MapAxis, dataset.maskSafe);
}

/**
 * The dataset row of `summary.json`: Gammapy's `info_dict` counts, counts_off, alpha,
 * background, excess, sqrt_ts, livetime and the safe energy range; null where the value
 * does not apply (NaN).
 *
 * @param dataset - the dataset
 * @returns the row
 * @example
 * ```ts
 * summaryRow(onoff); // { name: "23523", counts: 17, counts_off: 34, alpha: 0.2, ... }
 * ```
 */
export function summaryRow(dataset: AnySpectrumDataset): SummaryDatasetRow {
  return summaryRowFrom(infoDict(dataset), energyRangeSafe(dataset));
}
