/**
 * Interpolation of map data in pixel space as Gammapy's `WcsNDMap.interp_by_pix`: a
 * regular grid with nodes at integer pixels, multilinear (or nearest) in every dimension
 * longer than one, linear extrapolation from the edge cells, non-finite data read as 0;
 * with a fill value, points whose rounded pixel lies outside the map get it instead.
 */
import { rintHalfEven } from "./cutout.js";

/** Interpolation methods. */
export type InterpMethod = "linear" | "nearest";

/** A prepared interpolation over one data array (reused for many points). */
export interface InterpPlan {
  /** Data, C order over the dimensions reversed (x fastest). */
  data: ArrayLike<number>;
  /** Sizes per dimension in pixel order [nx, ny, nAxis0, ...]. */
  sizes: Int32Array;
  /** Strides per dimension in `data`. */
  strides: Int32Array;
  /** Whether any value is finite (Gammapy zeroes non-finite data only then). */
  zeroNonFinite: boolean;
  /** Scratch: per-dimension base index and fraction. */
  base: Int32Array;
  frac: Float64Array;
}

/**
 * Prepares interpolation over map data.
 *
 * @param data - the map data
 * @param sizes - sizes per dimension in pixel order (x, y, axes...)
 * @returns the plan
 * @example
 * ```ts
 * const plan = interpPlan(map.data, [nx, ny, nE]);
 * ```
 */
export function interpPlan(data: ArrayLike<number>, sizes: readonly number[]): InterpPlan {
  const d = sizes.length;
  const strides = new Int32Array(d);
  let s = 1;
  for (let k = 0; k < d; k++) {
    strides[k] = s;
    s *= sizes[k]!;
  }
  let finite = false;
  for (let i = 0; i < data.length && !finite; i++) finite = Number.isFinite(data[i]!);
  return { data, sizes: Int32Array.from(sizes), strides, zeroNonFinite: finite, base: new Int32Array(d), frac: new Float64Array(d) };
}

function valueAt(plan: InterpPlan, i: number): number {
  const v = plan.data[i]!;
  return plan.zeroNonFinite && !Number.isFinite(v) ? 0 : v;
}

/**
 * Interpolates at one point (allocation-free).
 *
 * @param plan - from {@link interpPlan}
 * @param pix - pixel coordinates per dimension (x, y, axes...)
 * @param method - "linear" or "nearest"
 * @param fillValue - value for points outside the map (rounded pixel out of range) and
 *   non-finite results; null extrapolates
 * @returns the value
 * @example
 * ```ts
 * interpPoint(plan, Float64Array.of(10.3, 4.5), "linear", null);
 * ```
 */
export function interpPoint(plan: InterpPlan, pix: Float64Array, method: InterpMethod, fillValue: number | null): number {
  const { sizes, strides, base, frac } = plan;
  const d = sizes.length;
  if (fillValue !== null) {
    for (let k = 0; k < d; k++) {
      const idx = rintHalfEven(pix[k]);
      if (!(idx >= 0 && idx < sizes[k])) return fillValue;
    }
  }
  let offset = 0;
  let active = 0;
  for (let k = 0; k < d; k++) {
    const p = pix[k];
    if (Number.isNaN(p)) return fillValue ?? NaN;
    const n = sizes[k];
    if (n === 1) {
      // Dimensions of length one are ignored, as Gammapy's ScaledRegularGridInterpolator does.
      base[k] = -1;
      continue;
    }
    // scipy's RegularGridInterpolator: cell index clipped to [0, n - 2], fraction unclipped.
    let i = Math.floor(p);
    if (i < 0) i = 0;
    else if (i > n - 2) i = n - 2;
    const t = p - i;
    if (method === "nearest") {
      offset += (t <= 0.5 ? i : i + 1) * strides[k];
      base[k] = -1;
    } else {
      offset += i * strides[k];
      base[k] = active++;
      frac[k] = t;
    }
  }
  let result: number;
  if (active === 0) result = valueAt(plan, offset);
  else {
    result = 0;
    const corners = 1 << active;
    for (let c = 0; c < corners; c++) {
      let w = 1;
      let idx = offset;
      for (let k = 0; k < d; k++) {
        const b = base[k];
        if (b < 0) continue;
        if ((c >> b) & 1) {
          w *= frac[k];
          idx += strides[k];
        } else w *= 1 - frac[k];
      }
      result += w * valueAt(plan, idx);
    }
  }
  if (fillValue !== null && !Number.isFinite(result)) return fillValue;
  return result;
}
