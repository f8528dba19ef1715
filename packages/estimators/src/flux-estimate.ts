/**
 * The flux of the source in one energy range from a group of datasets (Gammapy's
 * FluxEstimator.run): the source spectrum is wrapped in a ScaleSpectralModel on a copy of
 * the models, its norm is fitted by {@link fitNorm}, and the counts and predicted source
 * counts are summed over the bins used.
 */
import { ConfigError, DataError } from "@gammats/core";
import { type Model, Models, ScaleSpectralModel, SkyModel } from "@gammats/modeling";
import type { EstimatorDataset } from "./estimator-dataset.js";
import { anySet, maskedSum } from "./estimator-dataset.js";
import { type ResolvedFluxOptions, scanValues } from "./flux-estimator-options.js";
import type { NormFitProblem } from "./norm-confidence.js";
import { type NormFitResult, fitNorm } from "./norm-fit.js";

/** A dataset and the bins of it that belong to the flux point (energy slice ∧ its mask). */
export interface MaskedDataset {
  dataset: EstimatorDataset;
  mask: Uint8Array;
}

/** {@link NormFitResult} plus the per-dataset sums and the scan values used. */
export interface FluxEstimate extends NormFitResult {
  /** Observed counts in the used bins, one per dataset. */
  counts: Float64Array;
  /** Predicted source counts at the best-fit norm, one per dataset. */
  npredExcess: Float64Array;
  /** Norm values of the scan. */
  normScan: Float64Array;
}

/**
 * All models of the datasets, each once (by name, first occurrence first), as Gammapy's
 * `Datasets.models`.
 *
 * @param datasets - the datasets
 * @returns a collection sharing the model objects
 */
export function datasetsModels(datasets: readonly EstimatorDataset[]): Models {
  const seen = new Map<string, Model>();
  for (const d of datasets) for (const m of d.models ?? []) if (!seen.has(m.name)) seen.set(m.name, m);
  return new Models(seen.values());
}

/**
 * The source model of the estimators.
 *
 * @param models - the datasets' models
 * @param source - name or index
 * @returns the sky model
 * @throws ConfigError when it is missing or a background model
 */
export function sourceModel(models: Models, source: string | number): SkyModel {
  if (models.length === 0) {
    throw new ConfigError("the datasets have no models", "source", { hint: "set the source model on the datasets first" });
  }
  const m = models.get(source);
  if (!(m instanceof SkyModel)) {
    throw new ConfigError(`model '${m.name}' is a background model, not a source`, "source", {
      hint: `choose one of ${models.skyModels().map((s) => s.name).join(", ")}`,
    });
  }
  return m;
}

/**
 * Estimates the source flux in one energy range. The datasets' models are copied, so
 * neither the datasets nor their models change.
 *
 * @param inputs - the datasets that cover the range, with the bins to use
 * @param options - resolved estimator options
 * @returns norm, errors, TS, ... and per-dataset counts and npred
 * @throws ConfigError when the source is missing, is a norm model, or has no single free norm parameter
 */
export function estimateFlux(inputs: readonly MaskedDataset[], options: ResolvedFluxOptions): FluxEstimate {
  const models = datasetsModels(inputs.map((i) => i.dataset)).copy();
  const source = sourceModel(models, options.source);
  const scaled = scaleSourceModel(source);
  const scaledModels = new Models(models.list.map((m) => (m === source ? scaled.model : m)));
  const datasets = inputs.map((i) => ({ dataset: i.dataset.withModels(scaledModels), mask: i.mask }));
  const norm = scaled.norm;
  // With nothing re-optimised only the norm moves: datasets that can, give the statistic
  // as a function of it (npred linear in the norm) instead of re-evaluating their models.
  const stats = datasets.map((d) => (options.reoptimize ? undefined : d.dataset.normStat?.(source.name, norm, d.mask)) ?? (() => d.dataset.statSum(d.mask)));
  const problem: NormFitProblem = {
    parameters: scaledModels.parameters.unique(),
    norm,
    contributes: datasets.some((d) => anySet(d.mask)),
    stat: () => stats.reduce((s, f) => s + f(norm.value), 0),
    npred: () => Float64Array.from(datasets, (d) => d.dataset.npredSum?.(d.mask) ?? maskedSum(d.dataset.npred(), d.mask)),
  };
  const normScan = scanValues(options, norm.interp);
  const result = fitNorm(problem, {
    fit: options.fit,
    confidenceBackend: options.confidenceBackend,
    nSigma: options.nSigma,
    nSigmaUl: options.nSigmaUl,
    selection: options.selection,
    reoptimize: options.reoptimize,
    nullValue: 0,
    scanValues: normScan,
    scanMin: options.normMin,
    scanMax: options.normMax,
  });
  norm.value = result.norm;
  const npredExcess = Float64Array.from(datasets, (d) => d.dataset.npredSignalSum?.(source.name, d.mask) ?? maskedSum(d.dataset.npredSignal(source.name), d.mask));
  const counts = Float64Array.from(datasets, (d) => maskedSum(d.dataset.counts, d.mask));
  return { ...result, counts, npredExcess, normScan };
}

/**
 * Wraps the source spectrum in a ScaleSpectralModel whose norm takes the bounds and scan
 * scale of the source's free norm parameter (relative to its value), as Gammapy does.
 */
function scaleSourceModel(source: SkyModel): { model: SkyModel; norm: ScaleSpectralModel["norm"] } {
  const ref = source.spectral;
  if (ref.kind !== "flux") {
    throw new ConfigError(`source '${source.name}' has a norm spectral model (${ref.tag[0]})`, "source", {
      hint: "flux points need a source spectrum in flux units",
    });
  }
  const norms = ref.parameters.list.filter((p) => p.isNorm);
  const free = norms.filter((p) => !p.frozen);
  if (norms.length === 0 || free.length > 1) {
    throw new ConfigError(
      `source '${source.name}' needs one and only one free norm parameter, has ${free.length} of ${norms.length}`,
      "source",
      { hint: "freeze all but one amplitude/norm parameter of the source spectrum" },
    );
  }
  const scaledParameter = (free[0] ?? norms[0])!;
  if (!(scaledParameter.value !== 0 && Number.isFinite(scaledParameter.value))) {
    throw new DataError(`norm parameter '${scaledParameter.name}' of '${source.name}' is ${scaledParameter.value}`, {
      hint: "flux points scale the model: give it a finite, non-zero amplitude",
    });
  }
  const spectral = new ScaleSpectralModel(ref);
  const norm = spectral.norm;
  norm.value = 1;
  norm.frozen = false;
  norm.min = scaledParameter.min / scaledParameter.value;
  norm.max = scaledParameter.max / scaledParameter.value;
  norm.interp = scaledParameter.interp;
  const model = new SkyModel({
    name: source.name,
    spectral,
    spatial: source.spatial,
    datasetsNames: source.datasetsNames,
    applyIrf: source.applyIrf,
  });
  return { model, norm };
}
