/**
 * The union of every dataset kind gammats has — 1D spectrum datasets and map datasets —
 * and the test that tells the two families apart (by Gammapy's tag).
 */
import type { AnySpectrumDataset } from "../spectrum-dataset-on-off.js";
import type { AnyMapDataset } from "./map-dataset-on-off.js";

/** Any dataset: SpectrumDataset(OnOff) or MapDataset(OnOff). */
export type AnyDataset = AnySpectrumDataset | AnyMapDataset;

/**
 * Whether a dataset is a map dataset (tag "MapDataset" or "MapDatasetOnOff").
 *
 * @param dataset - the dataset
 * @returns true for map datasets
 * @example
 * ```ts
 * isMapDataset(createMapDataset(geom)); // true
 * ```
 */
export function isMapDataset(dataset: AnyDataset): dataset is AnyMapDataset {
  return dataset.tag === "MapDataset" || dataset.tag === "MapDatasetOnOff";
}
