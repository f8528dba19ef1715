/**
 * Summary numbers of map datasets as Gammapy's `MapDataset.info_dict` gives them (sums
 * over all bins of the cube, by default inside the safe mask), the safe energy range, and
 * the dataset row of gammats' `summary.json` with `n_pixels`.
 */
import type { MapAxis } from "@gammats/maps";
import type { InfoDict, SummaryDatasetRow } from "../info.js";
import { assembleInfoDict, exposureRange, infoCounts, maskedSum, summaryRowFrom } from "../info-sums.js";
import type { InfoBackground } from "../info-sums.js";
import { energyRange } from "../mask.js";
import { mapAlpha, mapOnOffBackground } from "./map-dataset-on-off.js";
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
  const bkgMap = onOff === null ? (dataset.tag === "MapDataset" ? dataset.background : null) : mapOnOffBackground(onOff);
  const against: InfoBackground =
    bkgMap === null
      ? null
      : onOff !== null
        ? { kind: "wstat", countsOff: onOff.countsOff!.data, alpha: mapAlpha(onOff) }
        : { kind: "cash", background: bkgMap.data };
  const hasModels = dataset.models !== null && dataset.models.length > 0;
  const exposure = dataset.exposure;
  const fitMask = mapDatasetMask(dataset);
  return assembleInfoDict({
    name: dataset.name,
    mask,
    sums: infoCounts(dataset.counts === null ? null : dataset.counts.data, mask, against),
    hasModels,
    npred: () => mapNpred(dataset).data,
    npredBackground: (bkgMap === null ? null : mapNpredBackground(dataset))?.data ?? null,
    npredSignal: () => mapNpredSignal(dataset).data,
    exposure: exposure === null ? [NaN, NaN] : exposureRange(exposure.data, safeImage(dataset), exposure.geom.npix[0] * exposure.geom.npix[1]),
    livetime: exposure === null ? NaN : (dataset.livetime ?? NaN),
    gti: dataset.gti,
    nBins: dataset.counts === null ? 0 : dataset.counts.data.length,
    nFitBins: fitMask === null ? 0 : maskedSum(fitMask, null),
    statType: mapStatType(dataset),
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
  return {
    ...summaryRowFrom(mapInfoDict(dataset), mapEnergyRangeSafe(dataset)),
    n_pixels: dataset.counts === null ? null : dataset.counts.data.length,
  };
}
