/**
 * Residual maps of map datasets (Gammapy's `MapDataset.residuals`): counts − npred,
 * divided by npred or √npred on request, NaN outside mask = maskSafe ∧ maskFit. (Gammapy's
 * optional smoothing is not offered: smooth the returned maps' inputs yourself.)
 */
import { DataError } from "@gammats/core";
import { WcsNDMap } from "@gammats/maps";
import type { ResidualsMethod } from "../spectrum-stat.js";
import type { AnyMapDataset } from "./map-dataset-on-off.js";
import { mapDatasetMask, mapRecoGeom, npredBuffers } from "./map-npred.js";

/**
 * Residuals per bin.
 *
 * @param dataset - the dataset
 * @param method - "diff" (default), "diff/model" or "diff/sqrt(model)"
 * @returns a new map on the counts geometry
 * @throws DataError without counts or for an unknown method
 * @example
 * ```ts
 * mapResiduals(ds, "diff/sqrt(model)").data; // significance-like residuals, NaN outside the mask
 * ```
 */
export function mapResiduals(dataset: AnyMapDataset, method: ResidualsMethod = "diff"): WcsNDMap {
  if (dataset.counts === null) throw new DataError(`dataset '${dataset.name}' has no counts for residuals`, { hint: "give the dataset counts" });
  if (method !== "diff" && method !== "diff/model" && method !== "diff/sqrt(model)") {
    throw new DataError(`unknown residuals method '${String(method)}'`, { hint: "use 'diff', 'diff/model' or 'diff/sqrt(model)'" });
  }
  const geom = mapRecoGeom(dataset);
  const mask = mapDatasetMask(dataset);
  const model = npredBuffers(dataset).npred;
  const counts = dataset.counts.data;
  const out = new Float64Array(model.length);
  for (let i = 0; i < out.length; i++) {
    const d = counts[i]! - model[i]!;
    out[i] = method === "diff" ? d : method === "diff/model" ? d / model[i]! : d / Math.sqrt(model[i]!);
    if (mask !== null && mask[i] === 0) out[i] = NaN;
  }
  return new WcsNDMap(geom, out);
}
