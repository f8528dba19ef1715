/**
 * Summary numbers of map datasets as Gammapy's `MapDataset.info_dict` gives them (sums
 * over all bins of the cube, by default inside the safe mask), the safe energy range, and
 * the dataset row of gammats' `summary.json` with `n_pixels`.
 */
import type { MapAxis } from "@gammats/maps";
import type { InfoDict, SummaryDatasetRow } from "../info.js";
import { assembleInfoDict, cashInfoCounts, countsColumns, exposureRange, infoCounts, maskedSum, summaryRowFrom } from "../info-sums.js";
import type { InfoBackground, InfoCounts } from "../info-sums.js";
import { energyRange } from "../mask.js";
import { mapAlpha } from "./map-dataset-on-off.js";
import type { AnyMapDataset } from "./map-dataset-on-off.js";
import { mapDatasetMask, mapNpred, mapNpredBackground, mapNpredSignal, mapRecoGeom } from "./map-npred.js";
import { mapStatSum, mapStatType } from "./map-stat.js";

/** A `summary.json` dataset row of a map dataset: the 1D row plus the cube size. */
export interface MapSummaryDatasetRow extends SummaryDatasetRow {
  /** All bins of the counts cube (energy × lat × lon), as the summary contract defines. */
  n_pixels: number | null;
}

/** Safe mask OR-ed over reco energy, per pixel (Gammapy's `mask_safe_image`). */
function safeImage(dataset: AnyMapDataset): Uint8Array | null {
  const m = dataset.maskSafe;
  if (m === null) return null;
  const npix = m.geom.npix[0] * m.geom.npix[1];
  const out = new Uint8Array(npix);
  const data = m.data;
  for (let p0 = 0; p0 < data.length; p0 += npix) for (let i = 0; i < npix; i++) if (data[p0 + i] !== 0) out[i] = 1;
  return out;
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
  const bkgMap = onOff === null && dataset.tag === "MapDataset" ? dataset.background : null;
  const against = countsAgainst(dataset);
  const hasModels = dataset.models !== null && dataset.models.length > 0;
  const exposure = dataset.exposure;
  const common = {
    name: dataset.name,
    mask,
    hasModels,
    livetime: exposure === null ? NaN : (dataset.livetime ?? NaN),
    gti: dataset.gti,
    nBins: dataset.counts === null ? 0 : dataset.counts.data.length,
    statType: mapStatType(dataset),
  };
  const exposureRangeWith = (image: Uint8Array | null): [number, number] =>
    exposure === null ? [NaN, NaN] : exposureRange(exposure.data, image, exposure.geom.npix[0] * exposure.geom.npix[1]);
  // A Cash dataset without models (a stacked dataset in the info table): npred is the
  // background, so counts, background and npred are summed in one pass — with the safe
  // image and the fit-bin count when the sums run over the safe mask — and no npred
  // workspace is set up for the record.
  if (onOff === null && dataset.models === null && dataset.counts !== null && bkgMap !== null && bkgMap.data.length === dataset.counts.data.length) {
    const safe = dataset.maskSafe;
    const fit = dataset.maskFit?.data ?? null;
    const overSafe = mask !== null && safe !== null && safe.data === mask;
    const npix = overSafe ? safe.geom.npix[0] * safe.geom.npix[1] : dataset.counts.data.length;
    const sums = modelFreeSums(dataset.counts.data, bkgMap.data, mask, fit, npix, overSafe);
    return assembleInfoDict({
      ...common,
      exposure: exposureRangeWith(overSafe ? sums.safeImage : safeImage(dataset)),
      sums: sums.info,
      npred: () => sums.npred,
      npredBackground: sums.info.background,
      npredSignal: () => NaN,
      nFitBins: overSafe ? sums.fitBins : fitBinCount(safe?.data ?? null, fit),
      statSum: NaN,
      onOff: null,
    });
  }
  const fitMask = mapDatasetMask(dataset);
  return assembleInfoDict({
    ...common,
    exposure: exposureRangeWith(safeImage(dataset)),
    sums: infoCounts(dataset.counts === null ? null : dataset.counts.data, mask, against),
    npred: () => maskedSum(mapNpred(dataset, { view: true }).data, mask),
    npredBackground: against === null ? NaN : maskedSum(mapNpredBackground(dataset, { view: true })!.data, mask),
    npredSignal: () => maskedSum(mapNpredSignal(dataset, undefined, { view: true }).data, mask),
    nFitBins: fitMask === null ? 0 : maskedSum(fitMask, null),
    statSum: onOff !== null || (dataset.counts !== null && dataset.models !== null) ? mapStatSum(dataset) : NaN,
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

/**
 * What the counts statistic of `info_dict` is summed against: the off counts with α for
 * an on/off dataset (none without off counts), else the background map (none without).
 */
function countsAgainst(dataset: AnyMapDataset): InfoBackground {
  if (dataset.tag === "MapDatasetOnOff") {
    return dataset.countsOff === null ? null : { kind: "wstat", countsOff: dataset.countsOff.data, alpha: mapAlpha(dataset) };
  }
  return dataset.tag === "MapDataset" && dataset.background !== null ? { kind: "cash", background: dataset.background.data } : null;
}

/** What {@link modelFreeSums} adds up. */
interface ModelFreeSums {
  info: InfoCounts;
  npred: number;
  /** With `overSafe`: the safe mask OR-ed over the planes (else empty). */
  safeImage: Uint8Array;
  /** With `overSafe`: Σ safe ∧ fit (Σ safe without a fit mask), as mapDatasetMask sums. */
  fitBins: number;
}

/**
 * Σ counts, Σ background and Σ npred inside the mask of a dataset without models, in one
 * pass and in the order of the separate sums: npred = max(0, 0 + background) per bin, as
 * the npred of a dataset whose signal is all 0. When the mask is the safe mask
 * (`overSafe`), the same pass ORs it over the planes of `npix` pixels and counts the fit
 * bins (bins outside the safe mask add nothing to either).
 */
function modelFreeSums(
  counts: ArrayLike<number>,
  background: ArrayLike<number>,
  mask: Uint8Array | null,
  fit: ArrayLike<number> | null,
  npix: number,
  overSafe: boolean,
): ModelFreeSums {
  const image = new Uint8Array(overSafe ? npix : 0);
  let n = 0;
  let b = 0;
  let npred = 0;
  let fitBins = 0;
  for (let p0 = 0; p0 < counts.length; p0 += npix) {
    const end = Math.min(p0 + npix, counts.length);
    for (let i = p0; i < end; i++) {
      if (mask !== null && mask[i] === 0) continue;
      n += counts[i]!;
      const bi = background[i]!;
      b += bi;
      // npred += max(0, 0 + bi): a negative bi adds +0 and −0 adds −0, neither of which
      // changes a sum that starts at +0 (it never becomes −0), so those bins are skipped.
      if (!(bi < 0)) npred += bi;
      if (overSafe) {
        image[i - p0] = 1;
        fitBins += fit === null ? mask![i]! : mask![i]! & fit[i]!;
      }
    }
  }
  return { info: cashInfoCounts(n, b), npred, safeImage: image, fitBins };
}

/** Σ of the fit mask maskSafe ∧ maskFit (either alone when the other is absent; 0 without both), as mapDatasetMask gives it. */
function fitBinCount(safe: ArrayLike<number> | null, fit: ArrayLike<number> | null): number {
  if (safe === null && fit === null) return 0;
  let count = 0;
  if (safe === null || fit === null) {
    const m = (safe ?? fit)!;
    for (let i = 0; i < m.length; i++) count += m[i]!;
  } else for (let i = 0; i < safe.length; i++) count += safe[i]! & fit[i]!;
  return count;
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
  for (let k = 0; k < planes.length; k++) planes[k] = anySet(m.data, k * npix, Math.min((k + 1) * npix, m.data.length));
  return energyRange(axis, planes);
}

/** 1 when any of `data[start..end)` is non-zero (stops at the first), else 0. */
function anySet(data: ArrayLike<number>, start: number, end: number): number {
  for (let i = start; i < end; i++) if (data[i] !== 0) return 1;
  return 0;
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
  // The row reads only the counts columns of info_dict: the counts statistic inside the
  // safe mask and the livetime, as mapInfoDict computes them, without its npred, stat and
  // exposure sums.
  const mask = dataset.maskSafe === null ? null : (dataset.maskSafe.data as Uint8Array);
  const onOff = dataset.tag === "MapDatasetOnOff" ? dataset : null;
  const columns = countsColumns({
    name: dataset.name,
    sums: infoCounts(dataset.counts === null ? null : dataset.counts.data, mask, countsAgainst(dataset)),
    livetime: dataset.exposure === null ? NaN : (dataset.livetime ?? NaN),
    onOff: onOff === null ? null : { hasCountsOff: onOff.countsOff !== null, acceptance: null, hasAcceptanceOff: onOff.acceptanceOff !== null },
  });
  return {
    ...summaryRowFrom(columns, mapEnergyRangeSafe(dataset)),
    n_pixels: dataset.counts === null ? null : dataset.counts.data.length,
  };
}
