/**
 * Maps bounded ("external") parameter values to unbounded ("internal") ones so that the
 * minimisers can work without constraints.
 *
 * MINUIT manual (F. James, CERN D506, 1994), "Parameter limits": sin transform for two
 * bounds, sqrt transforms for one bound.
 */

/** No bound. */
export const UNBOUNDED = 0;
/** Lower bound only: ext = a − 1 + sqrt(int² + 1). */
export const LOWER_BOUND = 1;
/** Upper bound only: ext = b + 1 − sqrt(int² + 1). */
export const UPPER_BOUND = 2;
/** Both bounds: ext = a + (b − a)(sin(int) + 1)/2. */
export const BOTH_BOUNDS = 3;

// Minuit's precision constants (see migrad-gradient.ts; repeated here to keep this
// module free of imports): eps2 = 2·sqrt(4·Number.EPSILON).
const EPS2 = 2 * Math.sqrt(4 * Number.EPSILON);
// Minuit keeps internal values of doubly bounded parameters this far inside ±π/2.
const SIN_EDGE = Math.PI / 2 - 8 * Math.sqrt(EPS2);

/** Per-parameter bounds and the kind of transform each one uses. */
export interface BoundsTransform {
  /** Number of parameters. */
  readonly n: number;
  /** {@link UNBOUNDED}, {@link LOWER_BOUND}, {@link UPPER_BOUND} or {@link BOTH_BOUNDS} per parameter. */
  readonly kind: Int8Array;
  /** Lower bounds (NaN = none). */
  readonly lower: Float64Array;
  /** Upper bounds (NaN = none). */
  readonly upper: Float64Array;
}

/**
 * Builds the transform for `n` parameters; NaN or ±Infinity (or a missing array) means
 * "no bound". Bounds are not validated here (see `resolveMinimizeOptions`).
 *
 * @param n - number of parameters
 * @param lower - lower bounds, or undefined
 * @param upper - upper bounds, or undefined
 * @example
 * ```ts
 * makeBoundsTransform(2, [0, NaN], [1, NaN]).kind;   // Int8Array [3, 0]
 * ```
 */
export function makeBoundsTransform(n: number, lower?: ArrayLike<number>, upper?: ArrayLike<number>): BoundsTransform {
  const lo = new Float64Array(n).fill(NaN);
  const hi = new Float64Array(n).fill(NaN);
  const kind = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const a = lower?.[i] ?? NaN;
    const b = upper?.[i] ?? NaN;
    if (Number.isFinite(a)) lo[i] = a;
    if (Number.isFinite(b)) hi[i] = b;
    const hasLo = !Number.isNaN(lo[i]!);
    const hasHi = !Number.isNaN(hi[i]!);
    kind[i] = hasLo && hasHi ? BOTH_BOUNDS : hasLo ? LOWER_BOUND : hasHi ? UPPER_BOUND : UNBOUNDED;
  }
  return { n, kind, lower: lo, upper: hi };
}

/**
 * Internal value of parameter `i` (Minuit's Ext2int): values on or beyond two bounds map to the
 * edges ±(π/2 − 8·sqrt(eps2)), below a single bound to 0.
 *
 * @param t - the transform
 * @param i - parameter index
 * @param ext - external value
 * @example
 * ```ts
 * toInternal(makeBoundsTransform(1, [0], [2]), 0, 1);   // 0 (asin(0))
 * ```
 */
export function toInternal(t: BoundsTransform, i: number, ext: number): number {
  const a = t.lower[i]!;
  const b = t.upper[i]!;
  // Minuit's Ext2int: asin inside the bounds, the edges ±(π/2 − 8·sqrt(eps2)) on them.
  switch (t.kind[i]) {
    case BOTH_BOUNDS: {
      const y = (2 * (ext - a)) / (b - a) - 1;
      if (!(y * y <= 1 - EPS2)) return y < 0 ? -SIN_EDGE : SIN_EDGE;
      return Math.asin(y);
    }
    case LOWER_BOUND: {
      const y = ext - a + 1;
      return y * y < 1 ? 0 : Math.sqrt(y * y - 1);
    }
    case UPPER_BOUND: {
      const y = b - ext + 1;
      return y * y < 1 ? 0 : Math.sqrt(y * y - 1);
    }
    default:
      return ext;
  }
}

/**
 * Internal start value as Minuit sets it when limits are given: a value on or beyond a
 * bound is first moved inside by a tenth of its error (so the fit does not start where
 * the transform is flat).
 *
 * @param t - the transform
 * @param i - parameter index
 * @param ext - external start value
 * @param err - external error (initial step) of the parameter
 */
export function startInternal(t: BoundsTransform, i: number, ext: number, err: number): number {
  const a = t.lower[i]!;
  const b = t.upper[i]!;
  let v = ext;
  const hasLo = t.kind[i] === LOWER_BOUND || t.kind[i] === BOTH_BOUNDS;
  const hasHi = t.kind[i] === UPPER_BOUND || t.kind[i] === BOTH_BOUNDS;
  if (hasLo && !(a < v)) v = a + 0.1 * err;
  else if (hasHi && !(v < b)) v = b - 0.1 * err;
  return toInternal(t, i, v);
}

/**
 * External value of parameter `i`, always within its bounds.
 *
 * @param t - the transform
 * @param i - parameter index
 * @param int - internal value
 * @example
 * ```ts
 * toExternal(makeBoundsTransform(1, [0], [2]), 0, Math.PI / 2);   // 2
 * ```
 */
export function toExternal(t: BoundsTransform, i: number, int: number): number {
  switch (t.kind[i]) {
    case BOTH_BOUNDS: {
      const a = t.lower[i]!;
      return a + ((t.upper[i]! - a) * (Math.sin(int) + 1)) / 2;
    }
    case LOWER_BOUND:
      return t.lower[i]! - 1 + Math.sqrt(int * int + 1);
    case UPPER_BOUND:
      return t.upper[i]! + 1 - Math.sqrt(int * int + 1);
    default:
      return int;
  }
}

/**
 * Derivative d(external)/d(internal) of parameter `i`, the Jacobian that carries
 * gradients and covariances between the two spaces.
 *
 * @param t - the transform
 * @param i - parameter index
 * @param int - internal value
 */
export function externalDerivative(t: BoundsTransform, i: number, int: number): number {
  switch (t.kind[i]) {
    case BOTH_BOUNDS:
      return ((t.upper[i]! - t.lower[i]!) * Math.cos(int)) / 2;
    case LOWER_BOUND:
      return int / Math.sqrt(int * int + 1);
    case UPPER_BOUND:
      return -int / Math.sqrt(int * int + 1);
    default:
      return 1;
  }
}

/**
 * Whole-vector external → internal (a kernel: writes into `out`, allocates nothing).
 *
 * @returns out
 */
export function internalVector(t: BoundsTransform, ext: ArrayLike<number>, out: Float64Array): Float64Array {
  for (let i = 0; i < t.n; i++) out[i] = toInternal(t, i, ext[i]!);
  return out;
}

/**
 * Whole-vector internal → external (a kernel: writes into `out`, allocates nothing).
 *
 * @returns out
 */
export function externalVector(t: BoundsTransform, int: ArrayLike<number>, out: Float64Array): Float64Array {
  for (let i = 0; i < t.n; i++) out[i] = toExternal(t, i, int[i]!);
  return out;
}

/**
 * Internal size of an external step `step` at external value `ext`: the mean of the
 * internal distances to ext ± step, each clipped at the bounds (so a start next to a
 * bound still gets a useful step).
 *
 * @param t - the transform
 * @param i - parameter index
 * @param ext - external value
 * @param step - external step (> 0)
 */
export function internalStep(t: BoundsTransform, i: number, ext: number, step: number): number {
  if (t.kind[i] === UNBOUNDED) return step;
  const x0 = toInternal(t, i, ext);
  const up = Math.abs(toInternal(t, i, ext + step) - x0);
  const down = Math.abs(toInternal(t, i, ext - step) - x0);
  const d = up > 0 && down > 0 ? 0.5 * (up + down) : Math.max(up, down);
  // Sin-transformed parameters are periodic: steps beyond ~1 rad are meaningless.
  const limit = t.kind[i] === BOTH_BOUNDS ? 1 : Infinity;
  return d > 0 ? Math.min(d, limit) : 0.1;
}
