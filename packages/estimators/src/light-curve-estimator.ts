/**
 * LightCurveEstimator: flux points per time bin (Gammapy's LightCurveEstimator): the
 * datasets whose good time intervals lie inside a bin are fitted together, energy bin by
 * energy bin, exactly as the flux-point estimator does for all datasets.
 */
import { DataError } from "@gammats/core";
import type { EstimatorDataset } from "./estimator-dataset.js";
import { datasetsModels, sourceModel } from "./flux-estimate.js";
import { type ResolvedFluxOptions, resolveFluxOptions } from "./flux-estimator-options.js";
import { type FluxPointRow, estimateFluxPointRows, fluxPointsFromRows } from "./flux-point-rows.js";
import { type FluxPointsEstimatorOptions, checkEnergyEdges } from "./flux-points-estimator.js";
import type { FluxPoints } from "./flux-points.js";
import { type TimeInterval, gtiRange, selectDatasetsInTime, sortedTimeBins } from "./time-slices.js";

/** Options of {@link LightCurveEstimator}. */
export interface LightCurveEstimatorOptions extends FluxPointsEstimatorOptions {
  /**
   * Time bins [start, stop]; they must not overlap. Default: one bin per dataset, from the
   * start of its first to the stop of its last good time interval.
   */
  timeIntervals?: readonly TimeInterval[] | undefined;
  /** Tolerance of the time comparisons [s]. Default 1e-6. */
  atol?: number;
}

/**
 * Estimates a light curve: for each time bin, the datasets whose GTIs lie entirely inside
 * it (within `atol`) give flux points in the energy bins. Time bins without such datasets
 * are dropped. Per-dataset quantities (counts, npred, npred_excess) have a slot for every
 * dataset, NaN where the dataset is not in the time bin.
 *
 * @example
 * ```ts
 * const lc = new LightCurveEstimator({ energyEdges: [1, 100], source: "pks", selectionOptional: ["ul"] }).run(datasets);
 * lc.timeMin;            // MJD (TT), one per time bin kept
 * lc.sed("flux").value;  // [cm-2 s-1], time bin × energy bin
 * ```
 */
export class LightCurveEstimator {
  /** Requested energy bin edges [TeV]. */
  readonly energyEdges: Float64Array;
  /** Requested time bins (undefined: one per dataset). */
  readonly timeIntervals: readonly TimeInterval[] | undefined;
  /** Time tolerance [s]. */
  readonly atol: number;
  /** Resolved flux options. */
  readonly options: ResolvedFluxOptions;

  /**
   * @param options - time bins, energy edges, source, σ levels, optional steps, fit options
   * @throws ConfigError for invalid options
   */
  constructor(options: LightCurveEstimatorOptions = {}) {
    this.energyEdges = checkEnergyEdges(options.energyEdges ?? [1, 10]);
    this.timeIntervals = options.timeIntervals;
    this.atol = options.atol ?? 1e-6;
    this.options = resolveFluxOptions(options);
  }

  /**
   * Runs the estimation; datasets and models are left unchanged.
   *
   * @param datasets - datasets with GTIs and the source model
   * @returns flux points with a time axis (time bin slowest)
   * @throws DataError when no dataset falls in any time bin, time bins overlap, or a dataset has no GTI
   * @throws ConfigError when the source is not among the models
   */
  run(datasets: readonly EstimatorDataset[]): FluxPoints {
    if (datasets.length === 0) throw new DataError("LightCurveEstimator: no datasets given", { hint: "pass at least one dataset" });
    const reference = sourceModel(datasetsModels(datasets), this.options.source).spectral.copy();
    const requested =
      this.timeIntervals ?? datasets.map((d) => gtiRange(d.gti)).filter((r): r is TimeInterval => r !== undefined);
    const rows: FluxPointRow[] = [];
    const timeMin: number[] = [];
    const timeMax: number[] = [];
    for (const bin of sortedTimeBins(requested)) {
      const selected = selectDatasetsInTime(datasets, bin, this.atol);
      if (selected.length === 0) continue;
      timeMin.push(bin[0].tt().mjd);
      timeMax.push(bin[1].tt().mjd);
      rows.push(...estimateFluxPointRows(selected, this.energyEdges, this.options));
    }
    if (rows.length === 0) {
      throw new DataError("LightCurveEstimator: no dataset lies inside any time interval", {
        hint: "check the time intervals against the datasets' GTIs (a dataset must lie entirely inside a bin)",
      });
    }
    return fluxPointsFromRows(rows, {
      datasetNames: datasets.map((d) => d.name),
      referenceModel: reference,
      nSigma: this.options.nSigma,
      nSigmaUl: this.options.nSigmaUl,
      timeMin,
      timeMax,
    });
  }
}
