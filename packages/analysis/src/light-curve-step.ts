/**
 * The light-curve step (Gammapy's `Analysis.get_light_curve`): a LightCurveEstimator
 * with the `light_curve` section's time intervals (none: one bin per dataset), energy
 * bins, source and parameters.
 */
import { DataError } from "@gammats/core";
import type { AnyDataset, Datasets } from "@gammats/datasets";
import { LightCurveEstimator, fluxPointsToTable } from "@gammats/estimators";
import type { FluxPoints, TimeInterval } from "@gammats/estimators";
import type { Fit } from "@gammats/fit";
import type { StepContext } from "./context.js";
import { estimatorDatasets } from "./estimator-datasets.js";
import { estimatorOptions } from "./estimator-options.js";
import { checkEstimatorSource, warnMissingEstimates } from "./input-checks.js";
import { formatTable } from "./report.js";

/**
 * Estimates the light curve of `light_curve.source`.
 *
 * @param ctx - config, logger
 * @param datasets - datasets with GTIs, carrying the (fitted) models
 * @param fit - the session's fitter (its settings are reused)
 * @returns flux points with a time axis
 * @throws DataError without datasets or when no dataset lies in a time bin; ConfigError
 *   for unset energy bins, an unknown source or parameter
 * @example
 * ```ts
 * const lc = runLightCurveStep(ctx, datasets, fit);
 * lc.timeMin; // MJD, one per time bin
 * ```
 */
export function runLightCurveStep(ctx: StepContext, datasets: Datasets<AnyDataset> | null, fit: Fit): FluxPoints {
  if (datasets === null || datasets.length === 0) {
    throw new DataError("No datasets defined. Impossible to compute a light curve", { hint: "run getDatasets() or readDatasets() first" });
  }
  checkEstimatorSource(ctx, "light_curve", datasets.models.names);
  ctx.logger.info("Computing light curve.");
  const intervals = ctx.config.timeIntervals("light_curve.time_intervals");
  let timeIntervals: TimeInterval[] | undefined;
  if (intervals === null) {
    ctx.logger.info("Time intervals not defined. Extract light curve on datasets GTIs.");
  } else {
    timeIntervals = intervals.map((i): TimeInterval => [i.start, i.stop]);
  }
  const lc = new LightCurveEstimator({ ...estimatorOptions(ctx, "light_curve", fit), timeIntervals }).run(estimatorDatasets(datasets));
  warnMissingEstimates(ctx, "light curve", lc);
  const table = fluxPointsToTable(lc, { sedType: "flux", format: "lightcurve" });
  ctx.logger.info(`\n${formatTable(table, ["time_min", "time_max", "e_min", "e_max", "flux", "flux_err", "flux_ul", "sqrt_ts"])}`);
  return lc;
}
