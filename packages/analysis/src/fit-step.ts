/**
 * The fit step (Gammapy's `Analysis.run_fit`): the fit mask of every dataset from
 * `fit.fit_range`, then one `Fit.run` over the datasets' joint statistic.
 */
import { ConfigError } from "@gammats/core";
import type { AnyDataset, Datasets } from "@gammats/datasets";
import { isMapDataset, mapRecoGeom, recoGeom } from "@gammats/datasets";
import type { Fit, FitResult } from "@gammats/fit";
import { WcsNDMap } from "@gammats/maps";
import type { MapAxis } from "@gammats/maps";
import { setSubCovariance } from "@gammats/modeling";
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
  const result = fit.run(parameters, () => datasets.statSum());
  // The fit stores the covariance on the list it was given; hand it to the models (as
  // Gammapy's Fit does), so that writing the models writes it and their errors agree.
  const models = datasets.models;
  const joint = models.covariance;
  setSubCovariance(models.parameters, joint, parameters, result.covariance);
  models.covariance = joint;
  ctx.logger.info(`Fit ${result.success ? "succeeded" : "failed"}: ${result.message} (nfev ${result.nfev}, total stat ${result.totalStat})`);
  return result;
}
