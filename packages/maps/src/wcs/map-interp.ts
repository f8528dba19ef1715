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

/**
 * Interpolates many points whose leading dimensions hold one coordinate each (e.g. one
 * sky position × many rad and energy values): the same values as {@link interpPoint} per
 * point, with the leading dimensions located once and their corner weights multiplied
 * once — the weight of a corner is built dimension by dimension from 1 in both, and
 * the leading dimensions' corners are the low bits of the corner order in both.
 *
 * @param plan - from {@link interpPlan}
 * @param pix - pixel coordinates per dimension; pix[k] of length 1 for k < lead, n or 1 after
 * @param lead - number of leading single-coordinate dimensions (≥ 1)
 * @param n - number of points
 * @param method - "linear" or "nearest"
 * @param fillValue - as {@link interpPoint}
 * @param out - output, n values
 * @returns `out`
 * @example
 * ```ts
 * interpPointsLeadFixed(plan, [[10.3], [4.5], rad, energy], 2, rad.length, "linear", null, out);
 * ```
 */
export function interpPointsLeadFixed(
  plan: InterpPlan,
  pix: readonly ArrayLike<number>[],
  lead: number,
  n: number,
  method: InterpMethod,
  fillValue: number | null,
  out: Float64Array,
): Float64Array {
  const { sizes, strides } = plan;
  const d = sizes.length;
  let bad = false;
  if (fillValue !== null) {
    for (let k = 0; k < lead; k++) {
      const idx = rintHalfEven(pix[k]![0]!);
      if (!(idx >= 0 && idx < sizes[k]!)) bad = true;
    }
  }
  let offsetLead = 0;
  let activeLead = 0;
  const fracLead = new Float64Array(lead);
  const activeDims = new Int32Array(lead);
  for (let k = 0; k < lead && !bad; k++) {
    const p = pix[k]![0]!;
    if (Number.isNaN(p)) {
      bad = true;
      break;
    }
    const nk = sizes[k]!;
    if (nk === 1) continue;
    let i = Math.floor(p);
    if (i < 0) i = 0;
    else if (i > nk - 2) i = nk - 2;
    const t = p - i;
    if (method === "nearest") offsetLead += (t <= 0.5 ? i : i + 1) * strides[k]!;
    else {
      offsetLead += i * strides[k]!;
      fracLead[activeLead] = t;
      activeDims[activeLead++] = k;
    }
  }
  if (bad) return out.fill(fillValue ?? NaN, 0, n);
  // The leading corners: weight from 1, dimension by dimension, and offset.
  const nLead = 1 << activeLead;
  const wLead = new Float64Array(nLead);
  const oLead = new Int32Array(nLead);
  for (let c = 0; c < nLead; c++) {
    let w = 1;
    let o = 0;
    for (let b = 0; b < activeLead; b++) {
      if ((c >> b) & 1) {
        w *= fracLead[b]!;
        o += strides[activeDims[b]!]!;
      } else w *= 1 - fracLead[b]!;
    }
    wLead[c] = w;
    oLead[c] = o;
  }
  const rest = d - lead;
  const base = new Int32Array(rest);
  const frac = new Float64Array(rest);
  const cell = new Int32Array(rest);
  for (let i = 0; i < n; i++) {
    out[i] = trailingPoint(plan, pix, lead, i, method, fillValue, offsetLead, activeLead, wLead, oLead, base, frac, cell);
  }
  return out;
}

/** One point of {@link interpPointsLeadFixed}: its trailing dimensions as interpPoint treats them. */
function trailingPoint(
  plan: InterpPlan,
  pix: readonly ArrayLike<number>[],
  lead: number,
  i: number,
  method: InterpMethod,
  fillValue: number | null,
  offsetLead: number,
  activeLead: number,
  wLead: Float64Array,
  oLead: Int32Array,
  base: Int32Array,
  frac: Float64Array,
  cell: Int32Array,
): number {
  const { sizes, strides } = plan;
  const d = sizes.length;
  if (fillValue !== null) {
    for (let k = lead; k < d; k++) {
      const a = pix[k]!;
      const idx = rintHalfEven(a.length === 1 ? a[0]! : a[i]!);
      if (!(idx >= 0 && idx < sizes[k]!)) return fillValue;
    }
  }
  let offset = offsetLead;
  let active = 0;
  for (let k = lead; k < d; k++) {
    const a = pix[k]!;
    const p = a.length === 1 ? a[0]! : a[i]!;
    if (Number.isNaN(p)) return fillValue ?? NaN;
    const nk = sizes[k]!;
    if (nk === 1) continue;
    let c = Math.floor(p);
    if (c < 0) c = 0;
    else if (c > nk - 2) c = nk - 2;
    const t = p - c;
    if (method === "nearest") offset += (t <= 0.5 ? c : c + 1) * strides[k]!;
    else {
      offset += c * strides[k]!;
      frac[active] = t;
      cell[active] = strides[k]!;
      base[active++] = k;
    }
  }
  let result: number;
  if (activeLead + active === 0) result = valueAt(plan, offset);
  else {
    result = 0;
    const nLead = 1 << activeLead;
    const corners = 1 << active;
    for (let cs = 0; cs < corners; cs++) {
      let o = offset;
      for (let b = 0; b < active; b++) if ((cs >> b) & 1) o += cell[b]!;
      for (let cl = 0; cl < nLead; cl++) {
        let w = wLead[cl]!;
        for (let b = 0; b < active; b++) w *= (cs >> b) & 1 ? frac[b]! : 1 - frac[b]!;
        result += w * valueAt(plan, o + oLead[cl]!);
      }
    }
  }
  if (fillValue !== null && !Number.isFinite(result)) return fillValue;
  return result;
}
