/**
 * The typed error of @gammats/fit for input a fit cannot start from.
 */
import { DataError, type GammatsErrorOptions } from "@gammats/core";

/**
 * Bad fit input: no free parameters, a lower bound above the upper bound, a start value
 * that is NaN, vectors of the wrong length. (A fit that runs but does not converge is not
 * an error: it is reported in the result's `success` / `status` / `message`.)
 *
 * @example
 * ```ts
 * try { minimize((x) => x[0]! ** 2, [NaN]); }
 * catch (e) { e instanceof FitInputError; }   // true: "start value x[0] is NaN ..."
 * ```
 */
export class FitInputError extends DataError {
  constructor(message: string, options: GammatsErrorOptions = {}) {
    super(message, options);
  }
}
