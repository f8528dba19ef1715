/**
 * The fit step (Gammapy's `Analysis.run_fit`): the fit mask of every dataset from
 * `fit.fit_range`, then one `Fit.run` over the datasets' joint statistic.
 */
import { ConfigError } from "@gammats/core";
import type { AnyDataset, Datasets } from "@gammats/datasets";
import { isMapDataset, mapEvaluators, mapRecoGeom, recoGeom } from "@gammats/datasets";
import type { Fit, FitResult } from "@gammats/fit";
import { WcsNDMap } from "@gammats/maps";
import type { MapAxis } from "@gammats/maps";
import { type Parameter, SkyModel, setSubCovariance } from "@gammats/modeling";
import { energyMask } from "@gammats/reduce";
import type { StepContext } from "./context.js";
import { checkFitData } from "./input-checks.js";

/**
 * Sets each dataset's fit mask to the bins inside `fit.fit_range` (an open end keeps all
 * bins on that side), as Gammapy's `geom.energy_mask` (map datasets: every pixel of a
 * kept energy plane).
 *
 * @param ctx - the step context
 * @param datasets - the datasets (their `maskFit` is replaced)
 */
export function applyFitRange(ctx: StepContext, datasets: Datasets<AnyDataset>): void {
  const range = ctx.config.energyRange("fit.fit_range");
  for (const dataset of datasets) {
    if (isMapDataset(dataset)) {
      const geom = mapRecoGeom(dataset);
      const bins = energyMask(geom.axes[0] as MapAxis, range.min ?? undefined, range.max ?? undefined);
      const plane = geom.npix[0] * geom.npix[1];
      const mask = new Uint8Array(geom.size);
      bins.forEach((keep, p) => mask.fill(keep, p * plane, (p + 1) * plane));
      dataset.maskFit = new WcsNDMap(geom, mask);
      continue;
    }
    const axis = recoGeom(dataset).axes[0] as MapAxis;
    dataset.maskFit = energyMask(axis, range.min ?? undefined, range.max ?? undefined);
  }
}

/**
 * Fits the datasets' models.
 *
 * @param ctx - config, logger
 * @param datasets - datasets carrying the models
 * @param fit - the fitter (Gammapy: the session's `Fit()`)
 * @returns the fit result; the models hold the best-fit values, errors and covariance
 * @throws ConfigError when the datasets carry no models or `fit.fit_range` leaves no bin
 *   inside a safe range; DataError when those bins hold no counts
 * @example
 * ```ts
 * const result = runFitStep(ctx, datasets, new Fit());
 * result.success; // true
 * ```
 */
export function runFitStep(ctx: StepContext, datasets: Datasets<AnyDataset>, fit: Fit): FitResult {
  if (datasets.models.length === 0) {
    throw new ConfigError("no models to fit", "general.models_file", {
      ...(ctx.config.file === undefined ? {} : { file: ctx.config.file }),
      hint: "call readModels/setModels or set general.models_file",
    });
  }
  applyFitRange(ctx, datasets);
  checkFitData(ctx, datasets);
  ctx.logger.info("Fitting datasets.");
  const parameters = datasets.parameters;
  // A source that reaches no dataset's map predicts no counts: its parameters have no
  // gradient and would only derail the fit of the others. Keep them fixed, say so.
  const held = modelsOutsideEveryMap(datasets).flatMap((model) => {
    const p = model.spatial?.position;
    const at = p === undefined ? "" : ` at (${p.lon.toFixed(3)}, ${p.lat.toFixed(3)}) ${p.frame}`;
    ctx.logger.warning(
      `model '${model.name}'${at} lies outside the maps (safe and fit masks) of every dataset: it predicts no counts, ` +
        "so its parameters are kept at their start values in this fit (check its position or datasets.geom)",
    );
    return model.parameters.list.filter((par) => !par.frozen);
  });
  const result = holdFixed(held, () => fit.run(parameters, () => datasets.statSum()));
  // The fit stores the covariance on the list it was given; hand it to the models (as
  // Gammapy's Fit does), so that writing the models writes it and their errors agree.
  const models = datasets.models;
  const joint = models.covariance;
  setSubCovariance(models.parameters, joint, parameters, result.covariance);
  models.covariance = joint;
  ctx.logger.info(`Fit ${result.success ? "succeeded" : "failed"}: ${result.message} (nfev ${result.nfev}, total stat ${result.totalStat})`);
  return result;
}

/**
 * Sky models of the datasets that reach no map dataset's mask (Gammapy's
 * `SkyModel.contributes` false everywhere). Models are only judged where there are map
 * datasets: a spectrum dataset has no spatial extent to miss.
 *
 * @param datasets - the datasets with their models
 */
export function modelsOutsideEveryMap(datasets: Datasets<AnyDataset>): SkyModel[] {
  const maps = datasets.list.filter(isMapDataset);
  if (maps.length === 0) return [];
  const reached = new Set<string>();
  for (const dataset of maps) for (const [name, ev] of mapEvaluators(dataset)) if (ev.contributes) reached.add(name);
  return datasets.models.list.filter((m): m is SkyModel => m instanceof SkyModel && m.spatial !== undefined && !reached.has(m.name));
}

// Runs `body` with the given parameters frozen, restoring their flags afterwards.
function holdFixed<T>(parameters: Parameter[], body: () => T): T {
  for (const p of parameters) p.frozen = true;
  try {
    return body();
  } finally {
    for (const p of parameters) p.frozen = false;
  }
}
