/**
 * Interpolation on an outer product of per-dimension coordinates (the batch form of
 * {@link evaluateScaledGrid}): each coordinate is scaled and located once per axis, the
 * corner weights of the leading dimensions once per row, and only the trailing
 * dimensions' factors per point — with SciPy's arithmetic order kept, so every value is
 * bit-identical to {@link evaluateScaledGrid} on the flattened points.
 */
import { findCell } from "./grid-interpolation-kernel.js";
import type { ScaledGridCall, ScaledGridPlan } from "./grid-interpolation-kernel.js";
import { scaleForward, scaleInverse } from "./interpolation-scale.js";
import { applyPost, rowLinear1, rowLinear2, zeroSlabs } from "./grid-product-rows.js";
import { innerLongDim, productInnerLong } from "./grid-product-inner.js";

/**
 * A value put in after interpolation, where a caller's rule says so (an IRF's fill value
 * outside its axes' edges) and optionally where the result is not finite; applied while
 * each row is still in cache instead of in a second pass.
 */
export interface GridPostFill {
  /** The value put in. */
  readonly value: number;
  /** Also put it where the result is not finite. */
  readonly nonFinite: boolean;
  /**
   * Points of row `row` (0-based, C order over the leading coordinates) that get the
   * value: 1 in a mask over the row's points, or null for none. Called once per row.
   */
  readonly rowMask: (row: number) => Uint8Array | null;
}

/** Cell, normalised distance and flag (1 outside, 2 NaN) of every coordinate of one dimension. */
export interface Located {
  cell: Int32Array;
  frac: Float64Array;
  flag: Uint8Array;
}

function locate(c: ArrayLike<number>, g: Float64Array, scale: ScaledGridPlan["pointsScale"][number]): Located {
  const len = c.length;
  const cell = new Int32Array(len);
  const frac = new Float64Array(len);
  const flag = new Uint8Array(len);
  for (let j = 0; j < len; j++) {
    const x = scaleForward(c[j]!, scale);
    if (x !== x) {
      flag[j] = 2;
      continue;
    }
    if (x < g[0]! || x > g[g.length - 1]!) flag[j] = 1;
    const cc = findCell(g, x);
    cell[j] = cc;
    frac[j] = (x - g[cc]!) / (g[cc + 1]! - g[cc]!);
  }
  return { cell, frac, flag };
}

/**
 * As {@link evaluateScaledGrid}, on the outer product of the leading caller dimensions
 * with a list of points in the trailing `nPaired` dimensions (C order, the points
 * fastest). With `nPaired` 1 this is the plain outer product of all dimensions.
 *
 * Each row (one combination of the leading coordinates) expands the leading corner
 * weights once; per point only the trailing factors are applied, in SciPy's order, so
 * the results are bit-identical to evaluating the flattened points one by one. When the
 * plan's values are all finite, corners whose leading weight is exactly 0 (a coordinate
 * on a grid node) are skipped: they add exactly ±0.
 *
 * @param plan - prepared grid
 * @param call - method, fill and clip settings
 * @param axisCoords - coordinates of each caller dimension (unscaled); the trailing
 *   `nPaired` arrays all hold the points (same length)
 * @param out - output values, length >= Π(leading lengths) × points
 * @param nPaired - number of trailing dimensions given as points (≥ 1; default 1)
 * @param post - value put in afterwards where a mask or a non-finite result says so (default none)
 * @returns `out`
 * @example
 * ```ts
 * // see ScaledGridInterpolator.evaluateGrid and evaluateGridPoints, which build the plan
 * ```
 */
export function evaluateScaledGridProduct(
  plan: ScaledGridPlan,
  call: ScaledGridCall,
  axisCoords: readonly ArrayLike<number>[],
  out: Float64Array,
  nPaired = 1,
  post: GridPostFill | null = null,
): Float64Array {
  const { grids, pointsScale, strides, dims, values, valuesScale } = plan;
  const skipZero = plan.allFinite === true;
  const { nearest, extrapolate, fillValue, clip } = call;
  const ndim = grids.length;
  const D = axisCoords.length;
  const lead = D - nPaired;
  const located: Located[] = [];
  for (let k = 0; k < ndim; k++) located.push(locate(axisCoords[dims[k]!]!, grids[k]!, pointsScale[k]!));
  if (nPaired === 1 && post === null && !nearest) {
    // Rows of one point (the last dimensions have one coordinate each): loop the long
    // dimension innermost instead of setting up a row per point.
    const m = innerLongDim(axisCoords, dims);
    if (m >= 0) return productInnerLong(plan, call, axisCoords, located, m, out);
  }
  // Interpolated dimensions 0..kPre-1 are leading, kPre..ndim-1 trailing (dims ascend).
  let kPre = 0;
  while (kPre < ndim && dims[kPre]! < lead) kPre++;
  const kT = ndim - kPre;
  let nOuter = 1;
  for (let d = 0; d < lead; d++) nOuter *= axisCoords[d]!.length;
  const nLast = axisCoords[D - 1]!.length;
  if (nOuter * nLast === 0) return out;

  const nPre = 1 << kPre;
  const pre = new Float64Array(nPre);
  // Offset of each leading corner, and the active ones (non-zero weight) of a row.
  const preOffset = new Int32Array(nPre);
  for (let j = 0; j < nPre; j++) {
    let o = 0;
    for (let k = 0; k < kPre; k++) if ((j >> (kPre - 1 - k)) & 1) o += strides[k]!;
    preOffset[j] = o;
  }
  const activeW = new Float64Array(Math.max(nPre, 4));
  const activeO = new Int32Array(Math.max(nPre, 4));
  const nT = 1 << kT;
  const tOffset = new Int32Array(nT);
  for (let j = 0; j < nT; j++) {
    let o = 0;
    for (let k = 0; k < kT; k++) if ((j >> (kT - 1 - k)) & 1) o += strides[kPre + k]!;
    tOffset[j] = o;
  }
  const weights = new Float64Array(nT);
  const frac = new Float64Array(ndim);
  const cell = new Int32Array(ndim);
  const idx = new Int32Array(Math.max(lead, 1));
  const s0 = kT > 0 ? strides[kPre]! : 0;
  const s1 = kT > 1 ? strides[kPre + 1]! : 0;
  // One trailing dimension, no NaN point (nor one outside the grid without
  // extrapolation): a row whose leading corners hold only zeros along that dimension is
  // the constant scaleInverse(0) (every product is ±0 and the sum starts at +0), so it is
  // filled without visiting its points.
  const tGrid = kT === 1 ? grids[kPre]! : null;
  let zeroRowsOk = kT === 1 && skipZero && !nearest;
  if (zeroRowsOk) {
    const flag = located[kPre]!.flag;
    for (let j = 0; j < nLast; j++) {
      if (flag[j] === 2 || (flag[j] === 1 && !extrapolate)) {
        zeroRowsOk = false;
        break;
      }
    }
  }
  const zeroRowResult = scaleInverse(0, valuesScale);
  const zeroRowValue = clip && zeroRowResult < 0 ? 0 : zeroRowResult;

  for (let o = 0; o < nOuter; o++) {
    let outsidePre = false;
    let nanPre = false;
    let basePre = 0;
    for (let k = 0; k < kPre; k++) {
      const j = idx[dims[k]!]!;
      const L = located[k]!;
      const f = L.flag[j]!;
      if (f === 2) nanPre = true;
      if (f === 1) outsidePre = true;
      const c = L.cell[j]!;
      cell[k] = c;
      frac[k] = L.frac[j]!;
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
    let nActive = 0;
    for (let j = 0; j < nPre; j++) {
      if (skipZero && pre[j] === 0) continue;
      activeW[nActive] = pre[j]!;
      activeO[nActive] = basePre + preOffset[j]!;
      nActive++;
    }
    let nearestPre = 0;
    if (nearest) for (let k = 0; k < kPre; k++) nearestPre += (frac[k]! <= 0.5 ? cell[k]! : cell[k]! + 1) * strides[k]!;
    const i0 = o * nLast;
    const mask = post === null ? null : post.rowMask(o);
    const postValue = post === null ? 0 : post.value;
    const nonFinite = post !== null && post.nonFinite;
    if (kT === 0) {
      // No trailing dimension is interpolated: every point of the row has the same value.
      let result: number;
      if (nanPre) result = NaN;
      else if (outsidePre && !extrapolate) result = fillValue;
      else {
        let scaled = 0;
        if (nearest) scaled = values[nearestPre]!;
        else for (let a = 0; a < nActive; a++) scaled += values[activeO[a]!]! * activeW[a]!;
        result = scaleInverse(scaled, valuesScale);
      }
      out.fill(!nanPre && clip && result < 0 ? 0 : result, i0, i0 + nLast);
      if (post !== null) applyPost(out, i0, nLast, mask, postValue, nonFinite);
    } else if (kT === 1 && !nearest) {
      if (zeroRowsOk && !nanPre && (extrapolate || !outsidePre) && zeroSlabs(values, activeO, nActive, tGrid!.length, s0)) {
        out.fill(zeroRowValue, i0, i0 + nLast);
        if (post !== null) applyPost(out, i0, nLast, mask, postValue, nonFinite);
      } else {
        const L = located[kPre]!;
        rowLinear1(values, valuesScale, activeW, activeO, nActive, L, s0, nanPre, outsidePre, call, out, i0, nLast, mask, postValue, nonFinite);
      }
    } else if (kT === 2 && !nearest) {
      rowLinear2(values, valuesScale, activeW, activeO, nActive, located[kPre]!, located[kPre + 1]!, s0, s1, nanPre, outsidePre, call, out, i0, nLast, mask, postValue, nonFinite);
    } else {
      for (let jl = 0; jl < nLast; jl++) {
        let bad = nanPre;
        let outside = outsidePre;
        let base = 0;
        for (let k = kPre; k < ndim; k++) {
          const L = located[k]!;
          const f = L.flag[jl]!;
          if (f === 2) bad = true;
          if (f === 1) outside = true;
          const c = L.cell[jl]!;
          cell[k] = c;
          frac[k] = L.frac[jl]!;
          base += c * strides[k]!;
        }
        if (bad) {
          out[i0 + jl] = NaN;
          continue;
        }
        let result: number;
        if (outside && !extrapolate) {
          result = fillValue;
        } else {
          let scaled = 0;
          if (nearest) {
            let offset = nearestPre;
            for (let k = kPre; k < ndim; k++) offset += (frac[k]! <= 0.5 ? cell[k]! : cell[k]! + 1) * strides[k]!;
            scaled = values[offset]!;
          } else {
            for (let a = 0; a < nActive; a++) {
              weights[0] = activeW[a]!;
              let n = 1;
              for (let k = kPre; k < ndim; k++) {
                const t = frac[k]!;
                for (let j = n - 1; j >= 0; j--) {
                  const w = weights[j]!;
                  weights[2 * j + 1] = w * t;
                  weights[2 * j] = w * (1 - t);
                }
                n *= 2;
              }
              const b = activeO[a]! + base;
              for (let j = 0; j < nT; j++) scaled += values[b + tOffset[j]!]! * weights[j]!;
            }
          }
          result = scaleInverse(scaled, valuesScale);
        }
        out[i0 + jl] = clip && result < 0 ? 0 : result;
      }
      if (post !== null) applyPost(out, i0, nLast, mask, postValue, nonFinite);
    }
    // Next multi-index of the leading dimensions, the last of them fastest.
    for (let d = lead - 1; d >= 0; d--) {
      if (++idx[d]! < axisCoords[d]!.length) break;
      idx[d] = 0;
    }
  }
  return out;
}
