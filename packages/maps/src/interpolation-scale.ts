/**
 * Interpolation scales: the transforms applied to grid coordinates and values before
 * linear interpolation, and undone after it (Gammapy's `interpolation_scale`).
 *
 * Interpolating log(values) against log(energy) makes a power law exact; "sqrt" suits
 * quantities that grow like a square (offset in a radially symmetric IRF).
 */

/** Scale of an axis or of interpolated values: linear, logarithmic or square root. */
export type InterpScale = "lin" | "log" | "sqrt";

/** The scales accepted in options, in the order they are documented. */
export const INTERP_SCALES: readonly InterpScale[] = Object.freeze(["lin", "log", "sqrt"]);

/**
 * Smallest positive normal float32 (2^-126 ≈ 1.175e-38): the log scale clips zeros and
 * negatives to it before taking the log, and maps results below twice it back to zero,
 * exactly as Gammapy does, so that grids with zeros interpolate to finite numbers.
 */
export const LOG_SCALE_TINY = 1.1754943508222875e-38;

/**
 * True when `value` names an interpolation scale ("lin", "log" or "sqrt").
 *
 * @param value - candidate scale name
 * @example
 * ```ts
 * isInterpScale("log"); // true
 * isInterpScale("linear"); // false
 * ```
 */
export function isInterpScale(value: unknown): value is InterpScale {
  return value === "lin" || value === "log" || value === "sqrt";
}

/**
 * Transforms one number into the given scale.
 *
 * log: log(max(x, 2^-126)); sqrt: sign(x)·sqrt(|x|); lin: x. NaN stays NaN.
 *
 * @param x - value in its own unit
 * @param scale - interpolation scale
 * @returns the scaled value
 * @example
 * ```ts
 * scaleForward(100, "log"); // 4.605170185988092
 * scaleForward(0, "log");   // -87.3365447505531
 * ```
 */
export function scaleForward(x: number, scale: InterpScale): number {
  if (scale === "log") return Math.log(x < LOG_SCALE_TINY ? LOG_SCALE_TINY : x);
  if (scale === "sqrt") return x < 0 ? -Math.sqrt(-x) : Math.sqrt(x);
  return x;
}

/**
 * Undoes {@link scaleForward}.
 *
 * log: exp(y), with results at or below 2·2^-126 returned as 0 (so that zeros survive a
 * round trip); sqrt: y² (the sign is lost, as in Gammapy); lin: y.
 *
 * @param y - scaled value
 * @param scale - interpolation scale
 * @returns the value in its own unit
 * @example
 * ```ts
 * scaleInverse(Math.log(5), "log"); // 5
 * scaleInverse(scaleForward(0, "log"), "log"); // 0
 * ```
 */
export function scaleInverse(y: number, scale: InterpScale): number {
  if (scale === "log") {
    const v = Math.exp(y);
    return Math.abs(v) - LOG_SCALE_TINY <= LOG_SCALE_TINY ? 0 : v;
  }
  if (scale === "sqrt") return y * y;
  return y;
}

/**
 * Applies {@link scaleForward} to every element of `x`, writing into `out`.
 *
 * Kernel: no validation, no allocation; `out` may be `x` itself.
 *
 * @param x - input values
 * @param scale - interpolation scale
 * @param out - output array, at least as long as `x`
 * @returns `out`
 * @example
 * ```ts
 * scaleArray(new Float64Array([1, Math.E]), "log", new Float64Array(2)); // [0, 1]
 * ```
 */
export function scaleArray(x: ArrayLike<number>, scale: InterpScale, out: Float64Array): Float64Array {
  const n = x.length;
  for (let i = 0; i < n; i++) out[i] = scaleForward(x[i]!, scale);
  return out;
}

/**
 * Applies {@link scaleInverse} to every element of `y`, writing into `out`.
 *
 * @param y - scaled values
 * @param scale - interpolation scale
 * @param out - output array, at least as long as `y`; may be `y` itself
 * @returns `out`
 * @example
 * ```ts
 * scaleInverseArray(new Float64Array([0, 1]), "log", new Float64Array(2)); // [1, 2.718281828459045]
 * ```
 */
export function scaleInverseArray(y: ArrayLike<number>, scale: InterpScale, out: Float64Array): Float64Array {
  const n = y.length;
  for (let i = 0; i < n; i++) out[i] = scaleInverse(y[i]!, scale);
  return out;
}
