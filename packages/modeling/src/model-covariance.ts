/**
 * Covariance of composite models (SkyModel, Models) kept consistent with their parts:
 * writing hands each part its block (which also sets parameter errors); reading takes
 * whichever was written last — a part's newer block replaces the composite's (dropping
 * its stale correlations, as Gammapy does), a composite's newer matrix (e.g. set through
 * `models.parameters.setCovariance`) is handed down to the parts.
 */
import { setSubCovariance, subCovariance } from "./covariance.js";
import type { Parameters } from "./parameters.js";

/** Anything with parameters and a covariance accessor pair (models and their parts). */
export interface CovarianceOwner {
  /** Its parameters. */
  readonly parameters: Parameters;
  /** Its covariance, row-major n×n. */
  covariance: Float64Array;
  /** Stamp of the latest covariance write in it or its parts (see `Parameters.covarianceStamp`). */
  readonly covarianceStamp: number;
}

/**
 * The covariance of a composite: its own matrix with each part's block written in.
 *
 * @param own - the composite's parameters (concatenation of the parts')
 * @param parts - the parts
 * @returns row-major n×n (the composite's slot)
 */
export function compositeCovariance(own: Parameters, parts: readonly CovarianceOwner[]): Float64Array {
  const data = own.covariance;
  const ownStamp = own.covarianceStamp;
  for (const part of parts) {
    if (part.covarianceStamp >= ownStamp) setSubCovariance(own, data, part.parameters, part.covariance);
    else part.covariance = subCovariance(own, data, part.parameters);
  }
  return data;
}

/**
 * Sets the covariance of a composite and gives each part its block.
 *
 * @param own - the composite's parameters
 * @param parts - the parts
 * @param matrix - row-major n×n
 * @throws DataError when not n×n
 */
export function setCompositeCovariance(own: Parameters, parts: readonly CovarianceOwner[], matrix: ArrayLike<number>): void {
  own.covariance = matrix;
  const data = own.covariance;
  for (const part of parts) part.covariance = subCovariance(own, data, part.parameters);
}

/**
 * Stamp of the latest covariance write in a composite or any of its parts.
 *
 * @param own - the composite's parameters
 * @param parts - the parts
 */
export function compositeCovarianceStamp(own: Parameters, parts: readonly CovarianceOwner[]): number {
  let stamp = own.covarianceStamp;
  for (const part of parts) stamp = Math.max(stamp, part.covarianceStamp);
  return stamp;
}
