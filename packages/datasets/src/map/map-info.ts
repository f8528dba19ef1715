/**
 * Summary numbers of map datasets as Gammapy's `MapDataset.info_dict` gives them (sums
 * over all bins of the cube, by default inside the safe mask), the safe energy range, and
 * the dataset row of gammats' `summary.json` with `n_pixels`.
 */
import type { MapAxis } from "@gammats/maps";
import { gtiTimeSum } from "../gti.js";
import type { InfoDict, SummaryDatasetRow } from "../info.js";
import { energyRange } from "../mask.js";
import { CashCountsStatistic } from "../stats/cash-counts-statistic.js";
import { WStatCountsStatistic } from "../stats/wstat-counts-statistic.js";
import { mapAlpha, mapOnOffBackground } from "./map-dataset-on-off.js";
import type { AnyMapDataset } from "./map-dataset-on-off.js";
import { mapDatasetMask, mapNpred, mapNpredBackground, mapNpredSignal, mapRecoGeom } from "./map-npred.js";
import { mapStatSum, mapStatType } from "./map-stat.js";

/** A `summary.json` dataset row of a map dataset: the 1D row plus the cube size. */
export interface MapSummaryDatasetRow extends SummaryDatasetRow {
  /** All bins of the counts cube (energy × lat × lon), as the summary contract defines. */
  n_pixels: number | null;
}

function maskedSum(values: ArrayLike<number>, mask: Uint8Array | null): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) if (mask === null || mask[i] !== 0) s += values[i]!;
  return s;
}

function masked(values: ArrayLike<number>, mask: Uint8Array | null): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (mask === null || mask[i] !== 0) out.push(values[i]!);
  return Float64Array.from(out);
}

/** Safe mask OR-ed over reco energy, per pixel (Gammapy's `mask_safe_image`). */
function safeImage(dataset: AnyMapDataset): Uint8Array | null {
  const m = dataset.maskSafe;
  if (m === null) return null;
  const npix = m.geom.npix[0] * m.geom.npix[1];
  const out = new Uint8Array(npix);
  for (let i = 0; i < m.data.length; i++) if (m.data[i] !== 0) out[i % npix] = 1;
  return out;
}

/** exposure_min / max: over exposure > 0 in pixels with a safe bin (all values if none). */
function exposureRange(dataset: AnyMapDataset): [number, number] {
  const exposure = dataset.exposure;
  if (exposure === null) return [NaN, NaN];
  const spatial = safeImage(dataset);
  const npix = exposure.geom.npix[0] * exposure.geom.npix[1];
  let min = Infinity;
  let max = -Infinity;
  let any = false;
  for (let i = 0; i < exposure.data.length; i++) {
    const v = exposure.data[i]!;
    if (!(v > 0) || (spatial !== null && spatial[i % npix] === 0)) continue;
    any = true;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!any) {
    for (const v of exposure.data) {
      if (v < min || v !== v) min = v;
      if (v > max || v !== v) max = v;
    }
  }
  return [min, max];
}

function hasModels(dataset: AnyMapDataset): boolean {
  return dataset.models !== null && dataset.models.length > 0;
}

/**
 * Summary numbers of a map dataset, as Gammapy's `info_dict` (keys are its column names;
 * exposures in cm2 s, times in s).
 *
 * @param dataset - the dataset
 * @param inSafeDataRange - sum only inside the safe mask (default true)
 * @returns the numbers
 * @example
 * ```ts
 * mapInfoDict(ds).n_bins; // energy bins × pixels of the counts cube
 * ```
 */
export function mapInfoDict(dataset: AnyMapDataset, inSafeDataRange = true): InfoDict {
  const mask = dataset.maskSafe !== null && inSafeDataRange ? (dataset.maskSafe.data as Uint8Array) : null;
  const onOff = dataset.tag === "MapDatasetOnOff" ? dataset : null;
  const bkgMap = onOff === null ? (dataset.tag === "MapDataset" ? dataset.background : null) : mapOnOffBackground(onOff);
  let counts = 0;
  let background = NaN;
  let excess = NaN;
  let sqrtTs = NaN;
  let countsOff = 0;
  let summedAlpha = NaN;
  if (dataset.counts !== null) {
    counts = maskedSum(dataset.counts.data, mask);
    if (bkgMap !== null) {
      const nOn = masked(dataset.counts.data, mask);
      const stat =
        onOff !== null
          ? new WStatCountsStatistic(nOn, masked(onOff.countsOff!.data, mask), masked(mapAlpha(onOff), mask)).sum()
          : new CashCountsStatistic(nOn, masked(bkgMap.data, mask)).sum();
      background = stat.nBkg[0]!;
      excess = stat.nSig[0]!;
      sqrtTs = stat.sqrtTs[0]!;
      if (stat instanceof WStatCountsStatistic) {
        countsOff = stat.nOff[0]!;
        summedAlpha = stat.alpha[0]!;
      }
    }
  }
  const nb = bkgMap === null ? null : mapNpredBackground(dataset);
  const [exposureMin, exposureMax] = exposureRange(dataset);
  const livetime = dataset.exposure === null ? NaN : (dataset.livetime ?? NaN);
  const fitMask = mapDatasetMask(dataset);
  const info: InfoDict = {
    name: dataset.name,
    counts: Math.trunc(counts),
    excess,
    sqrt_ts: sqrtTs,
    background,
    npred: hasModels(dataset) || !Number.isNaN(background) ? maskedSum(mapNpred(dataset).data, mask) : NaN,
    npred_background: nb === null ? NaN : maskedSum(nb.data, mask),
    npred_signal: hasModels(dataset) ? maskedSum(mapNpredSignal(dataset).data, mask) : NaN,
    exposure_min: exposureMin,
    exposure_max: exposureMax,
    livetime,
    ontime: dataset.gti === null ? NaN : gtiTimeSum(dataset.gti),
    counts_rate: Math.trunc(counts) / livetime,
    background_rate: background / livetime,
    excess_rate: excess / livetime,
    n_bins: dataset.counts === null ? 0 : dataset.counts.data.length,
    n_fit_bins: fitMask === null ? 0 : maskedSum(fitMask, null),
    stat_type: mapStatType(dataset),
    stat_sum: NaN,
  };
  if (onOff === null) {
    if (dataset.counts !== null && dataset.models !== null) info.stat_sum = mapStatSum(dataset);
    return info;
  }
  info.counts_off = onOff.countsOff === null ? 0 : Math.trunc(countsOff);
  const acceptance = onOff.acceptance === null ? 1 : maskedSum(onOff.acceptance.data, mask);
  info.acceptance = acceptance;
  const a = onOff.acceptanceOff === null ? NaN : summedAlpha;
  info.acceptance_off = acceptance / a;
  info.alpha = a;
  info.stat_sum = mapStatSum(onOff);
  return info;
}

/**
 * The safe energy range over all pixels (Gammapy's `energy_range_safe` reduced with
 * nanmin / nanmax): lower edge of the first reco bin safe in any pixel, upper edge of the
 * last; the whole axis without a safe mask; NaN when nothing is safe.
 *
 * @param dataset - the dataset
 * @returns [min, max] [TeV]
 */
export function mapEnergyRangeSafe(dataset: AnyMapDataset): [number, number] {
  const geom = mapRecoGeom(dataset);
  const axis = geom.axes[0] as MapAxis;
  const m = dataset.maskSafe;
  if (m === null) return energyRange(axis, null);
  const npix = geom.npix[0] * geom.npix[1];
  const planes = new Uint8Array(axis.nbin);
  for (let i = 0; i < m.data.length; i++) if (m.data[i] !== 0) planes[Math.floor(i / npix)] = 1;
  return energyRange(axis, planes);
}

function finiteOrNull(x: number | undefined): number | null {
  return x === undefined || !Number.isFinite(x) ? null : x;
}

/**
 * The dataset row of `summary.json` for a map dataset (the summary contract): info_dict
 * numbers, the safe energy range and n_pixels = all bins of the counts cube.
 *
 * @param dataset - the dataset
 * @returns the row (null where a value does not apply)
 * @example
 * ```ts
 * mapSummaryRow(stacked).n_pixels; // e.g. 4 × 250 × 250
 * ```
 */
export function mapSummaryRow(dataset: AnyMapDataset): MapSummaryDatasetRow {
  const info = mapInfoDict(dataset);
  const [emin, emax] = mapEnergyRangeSafe(dataset);
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
    n_pixels: dataset.counts === null ? null : dataset.counts.data.length,
  };
}
