/**
 * Base class of temporal models: a dimensionless factor f(t) on the source flux, with
 * times as MJD numbers (in the time scale of the model's `t_ref`, TT for most files) and
 * durations in days. `integral` follows Gammapy 1.0's normalisation: each interval's
 * ∫f dt divided by the summed duration of ALL the intervals given, so for one interval
 * it is the mean of f over it, and for good time intervals the weights of the intervals.
 */
import { DataError } from "@gammats/core";
import type { Parameters } from "../parameters.js";

/** Samples per interval of Gammapy's generic temporal integral. */
export const TEMPORAL_INTEGRAL_SAMPLES = 100;

/** Gammapy's default reference time t_ref, 2000-01-01 [MJD]. */
export const DEFAULT_T_REF_MJD = 51544;

/**
 * Summed duration of intervals [days].
 *
 * @param tMin - starts [MJD]
 * @param tMax - stops [MJD]
 * @example
 * ```ts
 * timeSum(Float64Array.of(0, 10), Float64Array.of(1, 13));   // 4
 * ```
 */
export function timeSum(tMin: Float64Array, tMax: Float64Array): number {
  let s = 0;
  for (let i = 0; i < tMin.length; i++) s += tMax[i]! - tMin[i]!;
  return s;
}

/**
 * A temporal model.
 *
 * @example
 * ```ts
 * const decay = new ExpDecayTemporalModel({ t0: "3 d", t_ref: 59000 });
 * decay.evaluate(Float64Array.of(59000, 59003));               // [1, 1/e]
 * decay.integral(Float64Array.of(59000), Float64Array.of(59003)); // mean over 3 days: 1 - 1/e
 * ```
 */
export abstract class TemporalModel {
  /** Model category in YAML ("temporal"). */
  readonly type = "temporal" as const;
  /** Gammapy type names: the long one (written) and the short alias. */
  readonly tag: readonly [string, string];
  /** Parameters in Gammapy's order. */
  readonly parameters: Parameters;

  /**
   * @param tag - long and short type names
   * @param parameters - the model's parameters
   */
  protected constructor(tag: readonly [string, string], parameters: Parameters) {
    this.tag = tag;
    this.parameters = parameters;
  }

  /**
   * The factor at each time.
   *
   * @param time - times [MJD]
   * @param out - optional output
   * @returns dimensionless values
   */
  abstract evaluate(time: Float64Array, out?: Float64Array): Float64Array;

  /**
   * ∫ f dt over each interval divided by the summed duration of all intervals (Gammapy).
   *
   * @param tMin - interval starts [MJD]
   * @param tMax - interval stops [MJD]
   * @param out - optional output
   * @returns dimensionless values, one per interval
   * @throws DataError when tMin and tMax differ in length
   * @example
   * ```ts
   * new ConstantTemporalModel().integral(Float64Array.of(0, 10), Float64Array.of(1, 13));   // [0.25, 0.75]
   * ```
   */
  integral(tMin: Float64Array, tMax: Float64Array, out: Float64Array = new Float64Array(tMin.length)): Float64Array {
    if (tMin.length !== tMax.length) {
      throw new DataError(`tMin and tMax must have the same length (${tMin.length}, ${tMax.length})`);
    }
    this.intervalIntegrals(tMin, tMax, out);
    const total = timeSum(tMin, tMax);
    for (let i = 0; i < out.length; i++) out[i] = out[i]! / total;
    return out;
  }

  /**
   * ∫ f dt over each interval [days]; by default Gammapy's generic rule: the sum of f at
   * 100 equally spaced times from tMin to tMax (both included) times their spacing.
   * Models with a closed form override it.
   *
   * @param tMin - starts [MJD]
   * @param tMax - stops [MJD]
   * @param out - output, one per interval
   * @returns out
   */
  protected intervalIntegrals(tMin: Float64Array, tMax: Float64Array, out: Float64Array): Float64Array {
    const n = TEMPORAL_INTEGRAL_SAMPLES;
    const times = new Float64Array(tMin.length * n);
    for (let i = 0; i < tMin.length; i++) {
      const a = tMin[i]!;
      const step = (tMax[i]! - a) / (n - 1);
      for (let k = 0; k < n - 1; k++) times[i * n + k] = a + k * step;
      times[i * n + n - 1] = tMax[i]!;
    }
    const values = this.evaluate(times);
    for (let i = 0; i < tMin.length; i++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += values[i * n + k]!;
      out[i] = s * ((tMax[i]! - tMin[i]!) / (n - 1));
    }
    return out;
  }

  /** A deep copy. */
  abstract copy(): TemporalModel;

  /** Covariance of this model's parameters (row-major n×n, parameter units). */
  get covariance(): Float64Array {
    return this.parameters.covariance;
  }

  /** Stamp of the latest covariance write (see `Parameters.covarianceStamp`). */
  get covarianceStamp(): number {
    return this.parameters.covarianceStamp;
  }

  /** Sets the covariance and the parameter errors. @throws DataError when not n×n */
  set covariance(matrix: ArrayLike<number>) {
    this.parameters.covariance = matrix;
  }
}
