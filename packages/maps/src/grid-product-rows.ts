/**
 * The per-row loops of {@link evaluateScaledGridProduct}: one or two interpolated
 * trailing dimensions, the post-fill of a row, and the test for rows whose corners are
 * all zero. Kept as small functions so that V8 optimises them after a few rows.
 */
import type { Located } from "./grid-product-kernel.js";
import type { ScaledGridCall, ScaledGridPlan } from "./grid-interpolation-kernel.js";
import { scaleInverse } from "./interpolation-scale.js";

/** True when the values of every active leading corner are 0 at all n nodes of the trailing dimension. */
export function zeroSlabs(values: Float64Array, activeO: Int32Array, nActive: number, n: number, stride: number): boolean {
  for (let a = 0; a < nActive; a++) {
    const b = activeO[a]!;
    for (let c = 0; c < n; c++) if (values[b + c * stride] !== 0) return false;
  }
  return true;
}

/**
 * One row with a single interpolated trailing dimension (e.g. the offset of every pixel):
 * the hot loop, kept small so that V8 optimises it after a few rows instead of on-stack
 * replacing the whole kernel (which takes long to compile, and deoptimises on branches
 * not yet taken). Arithmetic as evaluateScaledGrid: Σ v · (w_lead · (1 − t) or w_lead · t).
 */
export function rowLinear1(
  values: Float64Array,
  valuesScale: ScaledGridPlan["valuesScale"],
  activeW: Float64Array,
  activeO: Int32Array,
  nActive: number,
  located: Located,
  s0: number,
  nanPre: boolean,
  outsidePre: boolean,
  call: ScaledGridCall,
  out: Float64Array,
  i0: number,
  n: number,
  mask: Uint8Array | null,
  postValue: number,
  nonFinite: boolean,
): void {
  const { extrapolate, fillValue, clip } = call;
  const isLin = valuesScale === "lin";
  const lc = located.cell;
  const lf = located.frac;
  const lg = located.flag;
  const w0 = activeW[0]!;
  const w1 = activeW[1]!;
  const w2 = activeW[2]!;
  const w3 = activeW[3]!;
  const o0 = activeO[0]!;
  const o1 = activeO[1]!;
  const o2 = activeO[2]!;
  const o3 = activeO[3]!;
  for (let jl = 0; jl < n; jl++) {
    const f = lg[jl]!;
    if (nanPre || f === 2) {
      out[i0 + jl] = (mask !== null && mask[jl] === 1) || nonFinite ? postValue : NaN;
      continue;
    }
    let result: number;
    if ((outsidePre || f === 1) && !extrapolate) result = fillValue;
    else {
      const t = lf[jl]!;
      const u = 1 - t;
      const base = lc[jl]! * s0;
      let scaled = 0;
      // Unrolled for the usual numbers of leading corners (a loop of variable length in
      // the hot loop costs a third of its time); the same terms in the same order.
      if (nActive === 2) {
        const b0 = o0 + base;
        const b1 = o1 + base;
        scaled += values[b0]! * (w0 * u);
        scaled += values[b0 + s0]! * (w0 * t);
        scaled += values[b1]! * (w1 * u);
        scaled += values[b1 + s0]! * (w1 * t);
      } else if (nActive === 4) {
        const b0 = o0 + base;
        const b1 = o1 + base;
        const b2 = o2 + base;
        const b3 = o3 + base;
        scaled += values[b0]! * (w0 * u);
        scaled += values[b0 + s0]! * (w0 * t);
        scaled += values[b1]! * (w1 * u);
        scaled += values[b1 + s0]! * (w1 * t);
        scaled += values[b2]! * (w2 * u);
        scaled += values[b2 + s0]! * (w2 * t);
        scaled += values[b3]! * (w3 * u);
        scaled += values[b3 + s0]! * (w3 * t);
      } else {
        for (let a = 0; a < nActive; a++) {
          const w = activeW[a]!;
          const b = activeO[a]! + base;
          scaled += values[b]! * (w * u);
          scaled += values[b + s0]! * (w * t);
        }
      }
      result = isLin ? scaled : scaleInverse(scaled, valuesScale);
    }
    const v = clip && result < 0 ? 0 : result;
    out[i0 + jl] = (mask !== null && mask[jl] === 1) || (nonFinite && !Number.isFinite(v)) ? postValue : v;
  }
}

/**
 * One row with two interpolated trailing dimensions (e.g. FoV lon and lat of every
 * pixel), as {@link rowLinear1}: corners in SciPy's order, weights (w_lead · w_1) · w_2.
 */
export function rowLinear2(
  values: Float64Array,
  valuesScale: ScaledGridPlan["valuesScale"],
  activeW: Float64Array,
  activeO: Int32Array,
  nActive: number,
  first: Located,
  second: Located,
  s0: number,
  s1: number,
  nanPre: boolean,
  outsidePre: boolean,
  call: ScaledGridCall,
  out: Float64Array,
  i0: number,
  n: number,
  mask: Uint8Array | null,
  postValue: number,
  nonFinite: boolean,
): void {
  const { extrapolate, fillValue, clip } = call;
  const isLin = valuesScale === "lin";
  const w0 = activeW[0]!;
  const w1 = activeW[1]!;
  const o0 = activeO[0]!;
  const o1 = activeO[1]!;
  for (let jl = 0; jl < n; jl++) {
    const f1 = first.flag[jl]!;
    const f2 = second.flag[jl]!;
    if (nanPre || f1 === 2 || f2 === 2) {
      out[i0 + jl] = (mask !== null && mask[jl] === 1) || nonFinite ? postValue : NaN;
      continue;
    }
    let result: number;
    if ((outsidePre || f1 === 1 || f2 === 1) && !extrapolate) result = fillValue;
    else {
      const t = first.frac[jl]!;
      const u = 1 - t;
      const t2 = second.frac[jl]!;
      const u2 = 1 - t2;
      const base = first.cell[jl]! * s0 + second.cell[jl]! * s1;
      let scaled = 0;
      if (nActive === 2) {
        // Two leading corners (an energy between two nodes), written out as in
        // rowLinear1: the same terms in the same order.
        const b0 = o0 + base;
        const wl0 = w0 * u;
        const wh0 = w0 * t;
        scaled += values[b0]! * (wl0 * u2);
        scaled += values[b0 + s1]! * (wl0 * t2);
        scaled += values[b0 + s0]! * (wh0 * u2);
        scaled += values[b0 + s0 + s1]! * (wh0 * t2);
        const b1 = o1 + base;
        const wl1 = w1 * u;
        const wh1 = w1 * t;
        scaled += values[b1]! * (wl1 * u2);
        scaled += values[b1 + s1]! * (wl1 * t2);
        scaled += values[b1 + s0]! * (wh1 * u2);
        scaled += values[b1 + s0 + s1]! * (wh1 * t2);
      } else {
        for (let a = 0; a < nActive; a++) {
          const w = activeW[a]!;
          const b = activeO[a]! + base;
          const wl = w * u;
          const wh = w * t;
          scaled += values[b]! * (wl * u2);
          scaled += values[b + s1]! * (wl * t2);
          scaled += values[b + s0]! * (wh * u2);
          scaled += values[b + s0 + s1]! * (wh * t2);
        }
      }
      result = isLin ? scaled : scaleInverse(scaled, valuesScale);
    }
    const v = clip && result < 0 ? 0 : result;
    out[i0 + jl] = (mask !== null && mask[jl] === 1) || (nonFinite && !Number.isFinite(v)) ? postValue : v;
  }
}

/** The post-fill of one row computed without it (constant and general rows). */
export function applyPost(out: Float64Array, i0: number, n: number, mask: Uint8Array | null, value: number, nonFinite: boolean): void {
  for (let j = 0; j < n; j++) {
    if ((mask !== null && mask[j] === 1) || (nonFinite && !Number.isFinite(out[i0 + j]!))) out[i0 + j] = value;
  }
}
