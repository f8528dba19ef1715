/**
 * MapDataset / MapDatasetOnOff records of @gammats/datasets as the flux-point and
 * light-curve estimators see them ({@link EstimatorDataset}): the record's own npred and
 * Cash / WStat statistic over the whole cube, energy slowest. (The excess-map and TS-map
 * estimators take `map/map-dataset-adapter.ts` instead.)
 */
import { DataError } from "@gammats/core";
import { mapDatasetMask, mapNpred, mapNpredSignal, mapStatSum } from "@gammats/datasets";
import type { AnyMapDataset } from "@gammats/datasets";
import { MapAxis, WcsNDMap } from "@gammats/maps";
import type { Models } from "@gammats/modeling";
import type { EstimatorDataset } from "./estimator-dataset.js";

function countsOf(dataset: AnyMapDataset): { counts: WcsNDMap; axis: MapAxis } {
  const counts = dataset.counts;
  if (counts === null) throw new DataError(`dataset '${dataset.name}' has no counts`, { hint: "the estimators need observed counts" });
  const axis = counts.geom.axes[0];
  if (!(axis instanceof MapAxis) || axis.name !== "energy" || counts.geom.axes.length !== 1) {
    throw new DataError(`dataset '${dataset.name}' has axes [${counts.geom.axes.map((a) => a.name).join(", ")}], expected [energy]`, {
      hint: "give the counts one 'energy' MapAxis (one bin for 2D)",
    });
  }
  return { counts, axis };
}

/**
 * Wraps a map dataset record for the flux-point and light-curve estimators. Nothing is
 * copied but the counts; the statistic over a mask runs on one shallow copy of the record
 * per mask (so its model evaluators are made once, not per call).
 *
 * @param dataset - a MapDataset or MapDatasetOnOff with counts
 * @returns the estimator view of it (bins: the whole cube, energy slowest)
 * @throws DataError when the dataset has no counts or no single energy axis
 * @example
 * ```ts
 * const fp = new FluxPointsEstimator({ energyEdges: [1, 3, 10], source: "crab" })
 *   .run(datasets.map(mapFluxEstimatorDataset));
 * ```
 */
export function mapFluxEstimatorDataset(dataset: AnyMapDataset): EstimatorDataset {
  const { counts, axis } = countsOf(dataset);
  const geom = counts.geom;
  const mask = mapDatasetMask(dataset);
  const applies = (modelName: string) =>
    dataset.models?.skyModels().some((m) => m.name === modelName && (m.datasetsNames?.includes(dataset.name) ?? true)) ?? false;
  let masked: { mask: Uint8Array; record: AnyMapDataset } | undefined;
  return {
    name: dataset.name,
    energyAxis: axis,
    counts: Float64Array.from(counts.data),
    mask: mask === null ? undefined : Uint8Array.from(mask),
    gti: dataset.gti ?? undefined,
    models: dataset.models ?? undefined,
    withModels: (models: Models) => mapFluxEstimatorDataset({ ...dataset, models }),
    // The estimator's mask already holds the safe and fit masks; it replaces both here.
    statSum: (m: Uint8Array) => {
      if (masked?.mask !== m) masked = { mask: m, record: { ...dataset, maskSafe: new WcsNDMap(geom, m), maskFit: null } };
      return mapStatSum(masked.record);
    },
    npred: () => mapNpred(dataset).data as Float64Array,
    // A source that does not apply to this dataset predicts nothing in it.
    npredSignal: (modelName: string) => (applies(modelName) ? (mapNpredSignal(dataset, modelName).data as Float64Array) : new Float64Array(counts.data.length)),
  };
}
