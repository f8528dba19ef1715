/**
 * The outer-product interpolation of {@link evaluateScaledGridProduct} when the caller's
 * last dimensions hold one coordinate each and an earlier one holds many (e.g. a PSF
 * containment curve: energies × fine rad grid × one pixel y × one pixel x). Row by row,
 * each row would hold one point and pay the whole per-row setup; here the long dimension
 * is the inner loop and the single-coordinate dimensions after it are located once.
 * Weights and sums keep SciPy's order (corners in itertools.product order, weights
 * multiplied dimension after dimension), so every value is bit-identical to the row loop.
 */
import type { Located } from "./grid-product-kernel.js";
import type { ScaledGridCall, ScaledGridPlan } from "./grid-interpolation-kernel.js";
import { scaleInverse } from "./interpolation-scale.js";

/**
 * The caller dimension to loop innermost, or -1 when the row loop is as good: the last
 * dimension with more than one coordinate, when every dimension after it has exactly one
 * and it is interpolated (more than one grid node).
 *
 * @param axisCoords - the caller's coordinates per dimension
 * @param dims - caller index of each interpolated dimension (ascending)
 * @returns the caller dimension, or -1
 */
export function innerLongDim(axisCoords: readonly ArrayLike<number>[], dims: Int32Array): number {
  const D = axisCoords.length;
  if (axisCoords[D - 1]!.length !== 1) return -1;
  let m = D - 1;
  while (m >= 0 && axisCoords[m]!.length === 1) m--;
  if (m < 0 || axisCoords[m]!.length < 4) return -1;
  return dims.includes(m) ? m : -1;
}

/**
 * Linear interpolation on the outer product with caller dimension `m` innermost (see
 * {@link innerLongDim}); output in the caller's C order, which is the same order since
 * every dimension after `m` has one coordinate. No post-fill.
 *
 * @param plan - prepared grid
 * @param call - fill and clip settings (`nearest` false)
 * @param axisCoords - coordinates of each caller dimension (unscaled)
 * @param located - cells, fractions and flags of each interpolated dimension
 * @param m - the caller dimension looped innermost
 * @param out - output values
 * @returns `out`
 */
export function productInnerLong(
  plan: ScaledGridPlan,
  call: ScaledGridCall,
  axisCoords: readonly ArrayLike<number>[],
  located: readonly Located[],
  m: number,
  out: Float64Array,
): Float64Array {
  const { strides, dims, values, valuesScale } = plan;
  const ndim = dims.length;
  let kA = 0;
  while (dims[kA]! < m) kA++;
  const kC = ndim - kA - 1;
  const nA = 1 << kA;
  const nC = 1 << kC;
  // The dimensions after m: one coordinate each, so one cell, fraction and flag.
  let baseC = 0;
  let nanC = false;
  let outsideC = false;
  const fracC = new Float64Array(kC);
  for (let k = 0; k < kC; k++) {
    const L = located[kA + 1 + k]!;
    const f = L.flag[0]!;
    if (f === 2) nanC = true;
    if (f === 1) outsideC = true;
    baseC += L.cell[0]! * strides[kA + 1 + k]!;
    fracC[k] = L.frac[0]!;
  }
  const offC = new Int32Array(nC);
  for (let j = 0; j < nC; j++) {
    let o = 0;
    for (let k = 0; k < kC; k++) if ((j >> (kC - 1 - k)) & 1) o += strides[kA + 1 + k]!;
    offC[j] = o;
  }
  const offA = new Int32Array(nA);
  for (let j = 0; j < nA; j++) {
    let o = 0;
    for (let k = 0; k < kA; k++) if ((j >> (kA - 1 - k)) & 1) o += strides[k]!;
    offA[j] = o;
  }
  const pre = new Float64Array(nA);
  const wC = new Float64Array(nC);
  const idx = new Int32Array(Math.max(m, 1));
  let nOuter = 1;
  for (let d = 0; d < m; d++) nOuter *= axisCoords[d]!.length;
  const Lm = located[kA]!;
  const sm = strides[kA]!;
  const nm = axisCoords[m]!.length;
  for (let o = 0; o < nOuter; o++) {
    let nanA = nanC;
    let outsideA = outsideC;
    let baseA = baseC;
    for (let k = 0; k < kA; k++) {
      const L = located[k]!;
      const j = idx[dims[k]!]!;
      const f = L.flag[j]!;
      if (f === 2) nanA = true;
      if (f === 1) outsideA = true;
      baseA += L.cell[j]! * strides[k]!;
    }
    // Leading corner weights, built as the row loop builds them (from 1, dimension by dimension).
    pre[0] = 1;
    let filled = 1;
    for (let k = 0; k < kA; k++) {
      const L = located[k]!;
      const t = L.frac[idx[dims[k]!]!]!;
      for (let j = filled - 1; j >= 0; j--) {
        const w = pre[j]!;
        pre[2 * j + 1] = w * t;
        pre[2 * j] = w * (1 - t);
      }
      filled *= 2;
    }
    innerRow(values, valuesScale, pre, offA, nA, baseA, nanA, outsideA, Lm, sm, fracC, kC, wC, offC, call, out, o * nm, nm);
    for (let d = m - 1; d >= 0; d--) {
      if (++idx[d]! < axisCoords[d]!.length) break;
      idx[d] = 0;
    }
  }
  return out;
}

/**
 * One row: every coordinate of the long dimension at one combination of the leading
 * ones. A small function of its own so that V8 optimises it after a few rows (on-stack
 * replacement of the whole kernel deoptimises on branches not yet taken).
 */
function innerRow(
  values: Float64Array,
  valuesScale: ScaledGridPlan["valuesScale"],
  pre: Float64Array,
  offA: Int32Array,
  nA: number,
  baseA: number,
  nanA: boolean,
  outsideA: boolean,
  Lm: Located,
  sm: number,
  fracC: Float64Array,
  kC: number,
  wC: Float64Array,
  offC: Int32Array,
  call: ScaledGridCall,
  out: Float64Array,
  i0: number,
  nm: number,
): void {
  const { extrapolate, fillValue, clip } = call;
  const isLin = valuesScale === "lin";
  const lc = Lm.cell;
  const lf = Lm.frac;
  const lg = Lm.flag;
  for (let jm = 0; jm < nm; jm++) {
    const f = lg[jm]!;
    if (nanA || f === 2) {
      out[i0 + jm] = NaN;
      continue;
    }
    let result: number;
    if ((outsideA || f === 1) && !extrapolate) result = fillValue;
    else {
      const t = lf[jm]!;
      const u = 1 - t;
      const base = baseA + lc[jm]! * sm;
      let scaled = 0;
      for (let a = 0; a < nA; a++) {
        const b = base + offA[a]!;
        scaled = addCorners(values, b, pre[a]! * u, fracC, kC, wC, offC, scaled);
        scaled = addCorners(values, b + sm, pre[a]! * t, fracC, kC, wC, offC, scaled);
      }
      result = isLin ? scaled : scaleInverse(scaled, valuesScale);
    }
    out[i0 + jm] = clip && result < 0 ? 0 : result;
  }
}

/**
 * Adds Σ v · (((w · w_c1) · w_c2) …) over the corners of the trailing dimensions, in
 * corner order, to `sum`: the weights expanded dimension by dimension as the row loop does.
 */
function addCorners(
  values: Float64Array,
  b: number,
  w: number,
  frac: Float64Array,
  k: number,
  wC: Float64Array,
  offC: Int32Array,
  sum: number,
): number {
  if (k === 2) {
    // The usual case (pixel y, x): the expansion of the general loop written out.
    const t1 = frac[0]!;
    const t2 = frac[1]!;
    const w0 = w * (1 - t1);
    const w1 = w * t1;
    sum += values[b + offC[0]!]! * (w0 * (1 - t2));
    sum += values[b + offC[1]!]! * (w0 * t2);
    sum += values[b + offC[2]!]! * (w1 * (1 - t2));
    sum += values[b + offC[3]!]! * (w1 * t2);
    return sum;
  }
  wC[0] = w;
  let n = 1;
  for (let c = 0; c < k; c++) {
    const t = frac[c]!;
    for (let j = n - 1; j >= 0; j--) {
      const x = wC[j]!;
      wC[2 * j + 1] = x * t;
      wC[2 * j] = x * (1 - t);
    }
    n *= 2;
  }
  for (let j = 0; j < n; j++) sum += values[b + offC[j]!]! * wC[j]!;
  return sum;
}
