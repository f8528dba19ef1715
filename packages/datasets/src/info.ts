/**
 * Summary numbers of 1D datasets as Gammapy's `info_dict` gives them (sums over reco
 * bins, by default inside the safe mask), and the row of gammats' `summary.json`.
 */
import type { MapAxis } from "@gammats/maps";
import { gtiTimeSum } from "./gti.js";
import { energyRange } from "./mask.js";
import { npred, npredBackground, npredSignal, recoGeom } from "./npred.js";
import { alpha } from "./spectrum-dataset-on-off.js";
import type { AnySpectrumDataset } from "./spectrum-dataset-on-off.js";
import { datasetMask, statSum, statType } from "./spectrum-stat.js";
import type { StatType } from "./spectrum-stat.js";
import { CashCountsStatistic } from "./stats/cash-counts-statistic.js";
import { WStatCountsStatistic } from "./stats/wstat-counts-statistic.js";

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

function maskedSum(values: Float64Array, mask: Uint8Array | null): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) if (mask === null || mask[i] !== 0) s += values[i]!;
  return s;
}

function masked(values: Float64Array, mask: Uint8Array | null): Float64Array {
  return mask === null ? values : values.filter((_, i) => mask[i] !== 0);
}

function exposureRange(dataset: AnySpectrumDataset): [number, number] {
  const exposure = dataset.exposure;
  if (exposure === null) return [NaN, NaN];
  const spatial = dataset.maskSafe === null || dataset.maskSafe.some((v) => v !== 0);
  let values: Float64Array = exposure.data.filter((v) => v > 0 && spatial);
  if (values.length === 0) values = exposure.data;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min || v !== v) min = v;
    if (v > max || v !== v) max = v;
  }
  return [min, max];
}

function hasModels(dataset: AnySpectrumDataset): boolean {
  return dataset.models !== null && dataset.models.length > 0;
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
  let counts = 0;
  let background = NaN;
  let excess = NaN;
  let sqrtTs = NaN;
  let countsOff = 0;
  let summedAlpha = NaN;
  const offCounts = onOff?.countsOff ?? null;
  const bkgMap = dataset.tag === "SpectrumDataset" ? dataset.background : null;
  if (dataset.counts !== null) {
    counts = maskedSum(dataset.counts.data, mask);
    const nOn = masked(dataset.counts.data, mask);
    // Gammapy's _counts_statistic: WStat with α for on/off datasets, Cash with the background map.
    const stat =
      onOff !== null && offCounts !== null
        ? new WStatCountsStatistic(nOn, masked(offCounts.data, mask), masked(alpha(onOff), mask)).sum()
        : bkgMap !== null
          ? new CashCountsStatistic(nOn, masked(bkgMap.data, mask)).sum()
          : null;
    if (stat !== null) {
      background = stat.nBkg[0]!;
      excess = stat.nSig[0]!;
      sqrtTs = stat.sqrtTs[0]!;
      if (stat instanceof WStatCountsStatistic) {
        countsOff = stat.nOff[0]!;
        summedAlpha = stat.alpha[0]!;
      }
    }
  }
  const nb = npredBackground(dataset);
  const [exposureMin, exposureMax] = exposureRange(dataset);
  const livetime = dataset.livetime ?? NaN;
  const fitMask = datasetMask(dataset);
  const info: InfoDict = {
    name: dataset.name,
    counts: Math.trunc(counts),
    excess,
    sqrt_ts: sqrtTs,
    background,
    npred: hasModels(dataset) || !Number.isNaN(background) ? maskedSum(npred(dataset), mask) : NaN,
    npred_background: nb === null ? NaN : maskedSum(nb, mask),
    npred_signal: hasModels(dataset) ? maskedSum(npredSignal(dataset), mask) : NaN,
    exposure_min: exposureMin,
    exposure_max: exposureMax,
    livetime,
    ontime: dataset.gti === null ? NaN : gtiTimeSum(dataset.gti),
    counts_rate: Math.trunc(counts) / livetime,
    background_rate: background / livetime,
    excess_rate: excess / livetime,
    n_bins: dataset.counts === null ? 0 : dataset.counts.data.length,
    n_fit_bins: fitMask === null ? 0 : fitMask.reduce((s, v) => s + (v !== 0 ? 1 : 0), 0),
    stat_type: statType(dataset),
    stat_sum: NaN,
  };
  if (onOff === null) {
    if (dataset.counts !== null && dataset.models !== null) info.stat_sum = statSum(dataset);
    return info;
  }
  info.counts_off = onOff.countsOff === null ? 0 : Math.trunc(countsOff);
  const acceptance = onOff.acceptance === null ? 1 : maskedSum(onOff.acceptance.data, mask);
  info.acceptance = acceptance;
  const a = onOff.acceptanceOff === null ? NaN : summedAlpha;
  info.acceptance_off = acceptance / a;
  info.alpha = a;
  info.stat_sum = onOff.counts !== null && onOff.countsOff !== null ? statSum(onOff) : NaN;
  return info;
}

function finiteOrNull(x: number | undefined): number | null {
  return x === undefined || !Number.isFinite(x) ? null : x;
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
  const info = infoDict(dataset);
  const [emin, emax] = energyRangeSafe(dataset);
  return {
    name: info.name,
    counts: info.counts,
    counts_off: finiteOrNull(info.counts_off),
    alpha: finiteOrNull(info.alpha),
    background: finiteOrNull(info.background),
    excess: finiteOrNull(info.excess),
    sqrt_ts: finiteOrNull(info.sqrt_ts),
    livetime_s: finiteOrNull(info.livetime),
    energy_min_tev: finiteOrNull(emin),
    energy_max_tev: finiteOrNull(emax),
  };
}
