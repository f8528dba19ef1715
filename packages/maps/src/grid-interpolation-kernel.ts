/**
 * The hot loop of {@link ScaledGridInterpolator}: multilinear (or nearest-node)
 * interpolation on a regular, not necessarily uniform, N-dimensional grid, with SciPy
 * `RegularGridInterpolator` arithmetic (cell search with extrapolation, normalised
 * distances, sum over the 2^N cell corners in itertools.product order).
 *
 * Plain functions over typed arrays: no validation, no per-point allocation.
 */
import { scaleForward, scaleInverse } from "./interpolation-scale.js";
import type { InterpScale } from "./interpolation-scale.js";

/** A grid prepared once: scaled nodes and scaled values of the dimensions that vary. */
export interface ScaledGridPlan {
  /** Scaled, strictly ascending nodes of each interpolated dimension (length >= 2). */
  readonly grids: readonly Float64Array[];
  /** Scale applied to the coordinates of each interpolated dimension. */
  readonly pointsScale: readonly InterpScale[];
  /** Element stride in `values` of each interpolated dimension. */
  readonly strides: Int32Array;
  /** Index, among the caller's coordinate arrays, of each interpolated dimension. */
  readonly dims: Int32Array;
  /** Scaled values, C order over the full grid shape. */
  readonly values: Float64Array;
  /** Scale applied to the values. */
  readonly valuesScale: InterpScale;
  /**
   * True when every scaled value is finite: corners of weight exactly 0 then add exactly
   * nothing and may be skipped (0 · v = ±0 for finite v). Default false.
   */
  readonly allFinite?: boolean;
}

/** Per-call settings of {@link evaluateScaledGrid}. */
export interface ScaledGridCall {
  /** Nearest node instead of multilinear. */
  readonly nearest: boolean;
  /** Extrapolate outside the grid; when false `fillValue` is used there. */
  readonly extrapolate: boolean;
  /** Output value outside the grid when not extrapolating. */
  readonly fillValue: number;
  /** Replace negative results by 0. */
  readonly clip: boolean;
}

/**
 * Lower node index of the grid cell used for `x`: i with g[i] <= x < g[i+1], clamped to
 * [0, n-2] so that points outside the grid use the first or last cell (extrapolation).
 *
 * @param g - ascending nodes, length n >= 2
 * @param x - scaled coordinate (not NaN)
 * @returns cell index in [0, n-2]
 * @example
 * ```ts
 * findCell(new Float64Array([0, 1, 2]), 1.5); // 1
 * ```
 */
export function findCell(g: Float64Array, x: number): number {
  const n = g.length;
  if (!(x >= g[0]!)) return 0;
  if (x >= g[n - 1]!) return n - 2;
  let lo = 0;
  let hi = n - 1;
  // Invariant: g[lo] <= x < g[hi].
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (g[mid]! <= x) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Interpolates `n` points given by parallel coordinate arrays into `out`.
 *
 * `coords[d]` holds the coordinates of dimension d (in its own unit, unscaled);
 * `coordStep[d]` is 1 for a per-point array and 0 for a broadcast scalar (length 1).
 * `cell` and `frac` are scratch arrays of length `plan.grids.length`.
 *
 * @param plan - prepared grid
 * @param call - method, fill and clip settings
 * @param coords - coordinate arrays, indexed by the caller's dimension order
 * @param coordStep - 0 or 1 per caller dimension
 * @param n - number of points
 * @param cell - scratch, Int32Array(ndim)
 * @param frac - scratch, Float64Array(ndim)
 * @param out - output values, length >= n
 * @returns `out`
 * @example
 * ```ts
 * // see ScaledGridInterpolator.evaluate, which builds plan and scratch arrays
 * ```
 */
export function evaluateScaledGrid(
  plan: ScaledGridPlan,
  call: ScaledGridCall,
  coords: readonly ArrayLike<number>[],
  coordStep: Int32Array,
  n: number,
  cell: Int32Array,
  frac: Float64Array,
  out: Float64Array,
): Float64Array {
  const { grids, pointsScale, strides, dims, values, valuesScale } = plan;
  const { nearest, extrapolate, fillValue, clip } = call;
  const ndim = grids.length;
  const ncorner = 1 << ndim;
  // Corner weights are built dimension by dimension, so each is ((1·w0)·w1)·…, the
  // product order of SciPy; corner offsets relative to the cell's lower corner are fixed.
  const weights = new Float64Array(ncorner);
  const cornerOffset = new Int32Array(ncorner);
  for (let corner = 0; corner < ncorner; corner++) {
    let offset = 0;
    for (let k = 0; k < ndim; k++) if ((corner >> (ndim - 1 - k)) & 1) offset += strides[k]!;
    cornerOffset[corner] = offset;
  }

  for (let i = 0; i < n; i++) {
    let outside = false;
    let isNan = false;
    let base = 0;
    for (let k = 0; k < ndim; k++) {
      const d = dims[k]!;
      const x = scaleForward(coords[d]![i * coordStep[d]!]!, pointsScale[k]!);
      if (x !== x) {
        isNan = true;
        break;
      }
      const g = grids[k]!;
      if (x < g[0]! || x > g[g.length - 1]!) outside = true;
      const c = findCell(g, x);
      cell[k] = c;
      frac[k] = (x - g[c]!) / (g[c + 1]! - g[c]!);
      base += c * strides[k]!;
    }
    if (isNan) {
      out[i] = NaN;
      continue;
    }

    let result: number;
    if (outside && !extrapolate) {
      result = fillValue;
    } else {
      let scaled: number;
      if (nearest) {
        let offset = 0;
        for (let k = 0; k < ndim; k++) {
          // SciPy rounds a tie (distance exactly 0.5) towards the lower node.
          offset += (frac[k]! <= 0.5 ? cell[k]! : cell[k]! + 1) * strides[k]!;
        }
        scaled = values[offset]!;
      } else {
        weights[0] = 1;
        let filled = 1;
        for (let k = 0; k < ndim; k++) {
          const t = frac[k]!;
          // Expand in place from the back: corner j splits into 2j (lower) and 2j+1 (upper).
          for (let j = filled - 1; j >= 0; j--) {
            const w = weights[j]!;
            weights[2 * j + 1] = w * t;
            weights[2 * j] = w * (1 - t);
          }
          filled *= 2;
        }
        scaled = 0;
        for (let corner = 0; corner < ncorner; corner++) {
          scaled += values[base + cornerOffset[corner]!]! * weights[corner]!;
        }
      }
      result = scaleInverse(scaled, valuesScale);
    }
    out[i] = clip && result < 0 ? 0 : result;
  }
  return out;
}
