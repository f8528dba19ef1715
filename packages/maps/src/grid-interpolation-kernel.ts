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

/**
 * As {@link evaluateScaledGrid}, on the outer product of per-dimension coordinates (C
 * order, last dimension fastest): each coordinate is scaled and located once per axis,
 * not once per point, so the results are identical to evaluating the flattened points.
 *
 * @param plan - prepared grid
 * @param call - method, fill and clip settings
 * @param axisCoords - coordinates of each caller dimension (unscaled)
 * @param out - output values, length >= Π axisCoords[d].length
 * @returns `out`
 * @example
 * ```ts
 * // see ScaledGridInterpolator.evaluateGrid, which builds the plan
 * ```
 */
export function evaluateScaledGridProduct(
  plan: ScaledGridPlan,
  call: ScaledGridCall,
  axisCoords: readonly ArrayLike<number>[],
  out: Float64Array,
): Float64Array {
  const { grids, pointsScale, strides, dims, values, valuesScale } = plan;
  const { nearest, extrapolate, fillValue, clip } = call;
  const ndim = grids.length;
  const D = axisCoords.length;
  const ncorner = 1 << ndim;
  const weights = new Float64Array(ncorner);
  const cornerOffset = new Int32Array(ncorner);
  for (let corner = 0; corner < ncorner; corner++) {
    let offset = 0;
    for (let k = 0; k < ndim; k++) if ((corner >> (ndim - 1 - k)) & 1) offset += strides[k]!;
    cornerOffset[corner] = offset;
  }
  // Per interpolated dimension and coordinate: cell, normalised distance, flags (1 outside, 2 NaN).
  const cells: Int32Array[] = [];
  const fracs: Float64Array[] = [];
  const flags: Uint8Array[] = [];
  for (let k = 0; k < ndim; k++) {
    const c = axisCoords[dims[k]!]!;
    const g = grids[k]!;
    const len = c.length;
    const ck = new Int32Array(len);
    const fk = new Float64Array(len);
    const gk = new Uint8Array(len);
    for (let j = 0; j < len; j++) {
      const x = scaleForward(c[j]!, pointsScale[k]!);
      if (x !== x) {
        gk[j] = 2;
        continue;
      }
      if (x < g[0]! || x > g[g.length - 1]!) gk[j] = 1;
      const cc = findCell(g, x);
      ck[j] = cc;
      fk[j] = (x - g[cc]!) / (g[cc + 1]! - g[cc]!);
    }
    cells.push(ck);
    fracs.push(fk);
    flags.push(gk);
  }
  let n = 1;
  for (let d = 0; d < D; d++) n *= axisCoords[d]!.length;
  const nLast = axisCoords[D - 1]!.length;
  if (n === 0) return out;
  // Everything but the last caller dimension is done once per row of nLast points: the
  // corner weights of the leading dimensions are expanded once, and only the last
  // dimension's factor per point, in the same order as evaluateScaledGrid (bit-identical).
  const lastInterp = ndim > 0 && dims[ndim - 1] === D - 1;
  const kPre = lastInterp ? ndim - 1 : ndim;
  const pre = new Float64Array(1 << kPre);
  const nOuter = n / nLast;
  const idx = new Int32Array(D);
  const cell = new Int32Array(ndim);
  const frac = new Float64Array(ndim);
  const sLast = lastInterp ? strides[ndim - 1]! : 0;
  const cLast = lastInterp ? cells[ndim - 1]! : cells[0]!;
  const fLast = lastInterp ? fracs[ndim - 1]! : fracs[0]!;
  const gLast = lastInterp ? flags[ndim - 1]! : flags[0]!;
  for (let o = 0; o < nOuter; o++) {
    let outsidePre = false;
    let nanPre = false;
    let basePre = 0;
    for (let k = 0; k < kPre; k++) {
      const j = idx[dims[k]!]!;
      const f = flags[k]![j]!;
      if (f === 2) nanPre = true;
      if (f === 1) outsidePre = true;
      const c = cells[k]![j]!;
      cell[k] = c;
      frac[k] = fracs[k]![j]!;
      basePre += c * strides[k]!;
    }
    pre[0] = 1;
    let filled = 1;
    for (let k = 0; k < kPre; k++) {
      const t = frac[k]!;
      for (let j = filled - 1; j >= 0; j--) {
        const w = pre[j]!;
        pre[2 * j + 1] = w * t;
        pre[2 * j] = w * (1 - t);
      }
      filled *= 2;
    }
    const i0 = o * nLast;
    if (!lastInterp) {
      // The last dimension has a single node: every point of the row has the same value.
      let result: number;
      if (nanPre) result = NaN;
      else if (outsidePre && !extrapolate) result = fillValue;
      else {
        let scaled: number;
        if (nearest) {
          let offset = 0;
          for (let k = 0; k < ndim; k++) offset += (frac[k]! <= 0.5 ? cell[k]! : cell[k]! + 1) * strides[k]!;
          scaled = values[offset]!;
        } else {
          scaled = 0;
          for (let corner = 0; corner < ncorner; corner++) scaled += values[basePre + cornerOffset[corner]!]! * pre[corner]!;
        }
        result = scaleInverse(scaled, valuesScale);
      }
      out.fill(!nanPre && clip && result < 0 ? 0 : result, i0, i0 + nLast);
    } else {
      let nearestPre = 0;
      if (nearest) for (let k = 0; k < kPre; k++) nearestPre += (frac[k]! <= 0.5 ? cell[k]! : cell[k]! + 1) * strides[k]!;
      for (let jl = 0; jl < nLast; jl++) {
        const f = gLast[jl]!;
        if (nanPre || f === 2) {
          out[i0 + jl] = NaN;
          continue;
        }
        let result: number;
        if ((outsidePre || f === 1) && !extrapolate) {
          result = fillValue;
        } else {
          const c = cLast[jl]!;
          const t = fLast[jl]!;
          let scaled: number;
          if (nearest) {
            scaled = values[nearestPre + (t <= 0.5 ? c : c + 1) * sLast]!;
          } else {
            for (let j = filled - 1; j >= 0; j--) {
              const w = pre[j]!;
              weights[2 * j + 1] = w * t;
              weights[2 * j] = w * (1 - t);
            }
            const base = basePre + c * sLast;
            scaled = 0;
            for (let corner = 0; corner < ncorner; corner++) scaled += values[base + cornerOffset[corner]!]! * weights[corner]!;
          }
          result = scaleInverse(scaled, valuesScale);
        }
        out[i0 + jl] = clip && result < 0 ? 0 : result;
      }
    }
    // Next multi-index of the leading dimensions, the last of them fastest.
    for (let d = D - 2; d >= 0; d--) {
      if (++idx[d]! < axisCoords[d]!.length) break;
      idx[d] = 0;
    }
  }
  return out;
}
