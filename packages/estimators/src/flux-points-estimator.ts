/**
 * FluxPointsEstimator: the source flux in each of a list of energy bins, by fitting the
 * norm of the source spectrum to the data of that bin alone (Gammapy's
 * FluxPointsEstimator, with its defaults and its per-bin procedure).
 */
import { ConfigError, DataError } from "@gammats/core";
import type { EstimatorDataset } from "./estimator-dataset.js";
import { datasetsModels, sourceModel } from "./flux-estimate.js";
import { type FluxEstimatorOptions, type ResolvedFluxOptions, resolveFluxOptions } from "./flux-estimator-options.js";
import { estimateFluxPointRows, fluxPointsFromRows } from "./flux-point-rows.js";
import type { FluxPoints } from "./flux-points.js";

/** Options of {@link FluxPointsEstimator}. */
export interface FluxPointsEstimatorOptions extends FluxEstimatorOptions {
  /** Edges of the flux-point bins, increasing [TeV]; snapped to the data's bins. Default [1, 10]. */
  energyEdges?: ArrayLike<number>;
}

/**
 * Checks energy edges: at least two, finite, positive, increasing.
 *
 * @param edges - the edges [TeV]
 * @param key - option name for the message
 * @returns a copy
 * @throws ConfigError when they are not usable
 */
export function checkEnergyEdges(edges: ArrayLike<number>, key = "energyEdges"): Float64Array {
  const e = Float64Array.from(edges);
  const ok = e.length >= 2 && e.every((v, i) => Number.isFinite(v) && v > 0 && (i === 0 || v > e[i - 1]!));
  if (!ok) {
    throw new ConfigError(`energy edges [${Array.from(e).join(", ")}] are not usable`, key, {
      hint: "give at least two positive, increasing energies in TeV",
    });
  }
  return e;
}

/**
 * Estimates flux points. For each energy bin, each dataset is restricted to its
 * reconstructed-energy bins nearest to the requested edges (and to its safe/fit mask);
 * the source spectrum is multiplied by a norm that is fitted with all other parameters
 * frozen (or re-optimised with `reoptimize`); TS compares with norm = 0; optional steps
 * add asymmetric errors, upper limits and likelihood scans.
 *
 * @example
 * ```ts
 * const fpe = new FluxPointsEstimator({ energyEdges: [1, 3, 10, 30], source: "crab", selectionOptional: "all" });
 * const fp = fpe.run(datasets);
 * fp.sed("e2dnde").value;   // [TeV cm-2 s-1] per bin
 * fp.isUl;                  // √TS < 2
 * ```
 */
export class FluxPointsEstimator {
  /** Requested bin edges [TeV]. */
  readonly energyEdges: Float64Array;
  /** Resolved options. */
  readonly options: ResolvedFluxOptions;

  /**
   * @param options - energy edges, source, σ levels, optional steps, scan, fit options
   * @throws ConfigError for invalid options
   */
  constructor(options: FluxPointsEstimatorOptions = {}) {
    this.energyEdges = checkEnergyEdges(options.energyEdges ?? [1, 10]);
    this.options = resolveFluxOptions(options);
  }

  /**
   * Runs the estimation. The datasets and their models are left unchanged.
   *
   * @param datasets - datasets with aligned energy axes, carrying the source model
   * @returns one flux point per energy bin
   * @throws DataError when there are no datasets or their energy axes differ
   * @throws ConfigError when the source is not among the models or has no single free norm
   */
  run(datasets: readonly EstimatorDataset[]): FluxPoints {
    if (datasets.length === 0) throw new DataError("FluxPointsEstimator: no datasets given", { hint: "pass at least one dataset" });
    const reference = sourceModel(datasetsModels(datasets), this.options.source).spectral.copy();
    const rows = estimateFluxPointRows(datasets, this.energyEdges, this.options);
    return fluxPointsFromRows(rows, {
      datasetNames: datasets.map((d) => d.name),
      referenceModel: reference,
      nSigma: this.options.nSigma,
      nSigmaUl: this.options.nSigmaUl,
    });
  }
}
