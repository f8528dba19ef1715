/**
 * The view of 1D datasets that the flux estimators take (`EstimatorDataset` of
 * @gammats/estimators): a thin adapter over the datasets package's records and
 * functions, sharing their arrays. (It belongs next to the estimators; it lives here
 * until the estimators package offers one.)
 */
import { datasetMask, isMapDataset, npred, npredSignal, recoGeom, statSum } from "@gammats/datasets";
import type { AnyDataset, AnySpectrumDataset, Datasets } from "@gammats/datasets";
import { mapFluxEstimatorDataset } from "@gammats/estimators";
import type { EstimatorDataset } from "@gammats/estimators";
import type { MapAxis } from "@gammats/maps";
import type { Models } from "@gammats/modeling";

class SpectrumEstimatorDataset implements EstimatorDataset {
  readonly name: string;
  readonly energyAxis: MapAxis;
  readonly counts: Float64Array;
  readonly mask: Uint8Array | undefined;
  readonly gti;
  readonly models: Models | undefined;

  constructor(private readonly dataset: AnySpectrumDataset) {
    this.name = dataset.name;
    this.energyAxis = recoGeom(dataset).axes[0] as MapAxis;
    this.counts = dataset.counts?.data ?? new Float64Array(this.energyAxis.nbin);
    this.mask = datasetMask(dataset) ?? undefined;
    this.gti = dataset.gti ?? undefined;
    this.models = dataset.models ?? undefined;
  }

  withModels(models: Models): EstimatorDataset {
    // A shallow copy: same arrays, other models (those that apply to this dataset).
    return new SpectrumEstimatorDataset({ ...this.dataset, models: models.forDataset(this.name) });
  }

  statSum(mask: Uint8Array): number {
    return statSum({ ...this.dataset, maskSafe: mask, maskFit: null });
  }

  npred(): Float64Array {
    return npred(this.dataset);
  }

  npredSignal(modelName: string): Float64Array {
    return npredSignal(this.dataset, modelName);
  }
}

/**
 * The datasets as the flux estimators see them.
 *
 * @param datasets - 1D or map datasets carrying their models (map datasets through the
 *   estimators' `mapFluxEstimatorDataset`)
 * @returns one estimator view per dataset, in order
 * @example
 * ```ts
 * new FluxPointsEstimator({ energyEdges: [1, 10], source: "crab" }).run(estimatorDatasets(datasets));
 * ```
 */
export function estimatorDatasets(datasets: Datasets<AnyDataset>): EstimatorDataset[] {
  return datasets.list.map((d) => (isMapDataset(d) ? mapFluxEstimatorDataset(d) : new SpectrumEstimatorDataset(d)));
}
