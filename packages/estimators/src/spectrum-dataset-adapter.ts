/**
 * SpectrumDataset / SpectrumDatasetOnOff records of @gammats/datasets as estimator
 * datasets: the record's own npred and statistics, seen through {@link EstimatorDataset}.
 */
import { DataError } from "@gammats/core";
import { type AnySpectrumDataset, datasetMask, npred, npredSignal, statSum } from "@gammats/datasets";
import { MapAxis } from "@gammats/maps";
import type { Models } from "@gammats/modeling";
import type { EstimatorDataset } from "./estimator-dataset.js";

/**
 * Wraps a 1D dataset record for the flux estimators. Nothing is copied: the wrapper reads
 * the record; `withModels` makes a shallow copy of the record with other models.
 *
 * @param dataset - a SpectrumDataset or SpectrumDatasetOnOff with counts
 * @returns the estimator view of it
 * @throws DataError when the dataset has no counts
 * @example
 * ```ts
 * const fp = new FluxPointsEstimator({ energyEdges: [1, 3, 10], source: "crab" })
 *   .run(datasets.map(spectrumEstimatorDataset));
 * ```
 */
export function spectrumEstimatorDataset(dataset: AnySpectrumDataset): EstimatorDataset {
  const counts = dataset.counts;
  if (counts === null) {
    throw new DataError(`dataset '${dataset.name}' has no counts`, { hint: "flux points need observed counts" });
  }
  const axis = counts.geom.axes[0];
  if (!(axis instanceof MapAxis)) {
    throw new DataError(`dataset '${dataset.name}' has no energy axis`, { hint: "give the counts an 'energy' MapAxis" });
  }
  const applies = (modelName: string) =>
    dataset.models?.skyModels().some((m) => m.name === modelName && (m.datasetsNames?.includes(dataset.name) ?? true)) ?? false;
  return {
    name: dataset.name,
    energyAxis: axis,
    counts: Float64Array.from(counts.data),
    mask: datasetMask(dataset) ?? undefined,
    gti: dataset.gti ?? undefined,
    models: dataset.models ?? undefined,
    withModels: (models: Models) => spectrumEstimatorDataset({ ...dataset, models }),
    // The estimator's mask already holds the safe and fit masks; it replaces both here.
    statSum: (mask: Uint8Array) => statSum({ ...dataset, maskSafe: null, maskFit: mask }),
    npred: () => npred(dataset),
    // A source that does not apply to this dataset predicts nothing in it.
    npredSignal: (modelName: string) =>
      applies(modelName) ? npredSignal(dataset, modelName) : new Float64Array(counts.data.length),
  };
}
