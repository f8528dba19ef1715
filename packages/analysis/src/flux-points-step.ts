/**
 * The flux-points step (Gammapy's `Analysis.get_flux_points`): a FluxPointsEstimator
 * with the `flux_points` section's bins, source and parameters, run on the datasets.
 */
import { DataError } from "@gammats/core";
import type { AnyDataset, Datasets } from "@gammats/datasets";
import { FluxPointsEstimator, fluxPointsToTable } from "@gammats/estimators";
import type { FluxPoints } from "@gammats/estimators";
import type { Fit } from "@gammats/fit";
import type { StepContext } from "./context.js";
import { estimatorDatasets } from "./estimator-datasets.js";
import { estimatorOptions } from "./estimator-options.js";
import { checkEstimatorSource, warnMissingEstimates } from "./input-checks.js";
import { formatTable } from "./report.js";

/**
 * Estimates flux points of `flux_points.source`.
 *
 * @param ctx - config, logger
 * @param datasets - datasets carrying the (fitted) models
 * @param fit - the session's fitter (its settings are reused)
 * @returns the flux points
 * @throws DataError without datasets; ConfigError for unset bins, an unknown source or parameter
 * @example
 * ```ts
 * const fp = runFluxPointsStep(ctx, datasets, fit);
 * fp.energyRef; // [TeV]
 * ```
 */
export function runFluxPointsStep(ctx: StepContext, datasets: Datasets<AnyDataset> | null, fit: Fit): FluxPoints {
  if (datasets === null || datasets.length === 0) {
    throw new DataError("No datasets defined. Impossible to compute flux points", { hint: "run getDatasets() or readDatasets() first" });
  }
  checkEstimatorSource(ctx, "flux_points", datasets.models.names);
  ctx.logger.info("Calculating flux points.");
  const fp = new FluxPointsEstimator(estimatorOptions(ctx, "flux_points", fit)).run(estimatorDatasets(datasets));
  warnMissingEstimates(ctx, "flux points", fp);
  const table = fluxPointsToTable(fp, { sedType: "dnde", format: "gadf-sed" });
  ctx.logger.info(`\n${formatTable(table, ["e_ref", "dnde", "dnde_ul", "dnde_err", "sqrt_ts"])}`);
  return fp;
}
