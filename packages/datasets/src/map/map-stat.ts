/**
 * Fit statistics of map datasets as Gammapy computes them: Cash of counts and npred for
 * MapDataset (the compiled sum over mask = maskSafe ∧ maskFit), WStat of on, off, α and
 * the predicted signal for MapDatasetOnOff (NaN bins count 0).
 */
import { DataError } from "@gammats/core";
import { WcsNDMap } from "@gammats/maps";
import { nanToNum } from "../non-finite.js";
import { cash } from "../stats/cash.js";
import { wstatBin, wstatSum } from "../stats/wstat.js";
import { mapCashSum } from "./map-cash-sum.js";
import { mapAlpha } from "./map-dataset-on-off.js";
import type { AnyMapDataset, MapDatasetOnOff } from "./map-dataset-on-off.js";
import { mapDatasetMask, mapRecoGeom, npredBuffers } from "./map-npred.js";

/**
 * The fit statistic of a map dataset kind (Gammapy's `stat_type`).
 *
 * @param dataset - the dataset
 * @returns "cash" or "wstat"
 */
export function mapStatType(dataset: AnyMapDataset): "cash" | "wstat" {
  return dataset.tag === "MapDataset" ? "cash" : "wstat";
}

function countsOf(dataset: AnyMapDataset): Float64Array {
  if (dataset.counts === null) {
    throw new DataError(`dataset '${dataset.name}' has no counts to compute a statistic on`, { hint: "give the dataset counts" });
  }
  return dataset.counts.data as Float64Array;
}

function offOf(dataset: MapDatasetOnOff): Float64Array {
  if (dataset.countsOff === null) throw new DataError(`dataset '${dataset.name}' has no countsOff for WStat`, { hint: "give the off counts" });
  return dataset.countsOff.data as Float64Array;
}

/**
 * The statistic per bin, every bin (Gammapy's `stat_array`).
 *
 * @param dataset - the dataset
 * @returns a new map on the counts geometry
 * @throws DataError without counts (or off counts)
 */
export function mapStatArray(dataset: AnyMapDataset): WcsNDMap {
  const counts = countsOf(dataset);
  const geom = mapRecoGeom(dataset);
  const out = new Float64Array(counts.length);
  if (dataset.tag === "MapDataset") {
    cash(counts.length, counts, npredBuffers(dataset).npred, out);
  } else {
    const off = offOf(dataset);
    const a = mapAlpha(dataset);
    const { signal } = npredBuffers(dataset);
    for (let i = 0; i < out.length; i++) out[i] = nanToNum(wstatBin(counts[i]!, off[i]!, a[i]!, signal[i]!));
  }
  return new WcsNDMap(geom, out);
}

/**
 * The summed statistic over mask = maskSafe ∧ maskFit (Gammapy's `stat_sum`), what a fit
 * calls: allocates nothing once the dataset's evaluators exist and stay put; Cash costs
 * the models' cut-outs, not the cube (see map-cash-sum.ts), equal to the bin-by-bin sum
 * to round-off.
 *
 * @param dataset - the dataset
 * @returns −2 ln L up to a model-independent term
 * @throws DataError without counts (or off counts)
 * @example
 * ```ts
 * mapStatSum(ds); // Cash over the safe and fit bins
 * ```
 */
export function mapStatSum(dataset: AnyMapDataset): number {
  const counts = countsOf(dataset);
  if (dataset.tag === "MapDataset") return mapCashSum(dataset, dataset.counts!);
  const mask = mapDatasetMask(dataset);
  const off = offOf(dataset);
  return wstatSum(counts.length, counts, off, mapAlpha(dataset), npredBuffers(dataset).signal, mask);
}
