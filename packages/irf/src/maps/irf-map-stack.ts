/**
 * The numerical core of stacking IRF maps (Gammapy's `IRFMap.stack`): every IRF value is
 * weighted by its exposure, the other map's exposure-weighted values (times the stacking
 * weights) are added, the exposures are added, and the sum is divided by the summed
 * exposure. A plain kernel over Float64Arrays: one image window, planes mapped onto
 * exposure and weight planes by index tables (broadcasting of length-1 axes).
 *
 * The region (1D) kernel of `@gammats/datasets` (`stackEdispKernelMaps`) is the
 * one-pixel case of this.
 */

/** Window and plane layout of {@link stackIrfMapData}. */
export interface IrfStackLayout {
  /** Number of IRF planes (product of the non-spatial axis sizes). */
  nPlanes: number;
  /** Number of exposure planes. */
  nExposurePlanes: number;
  /** Exposure plane of every IRF plane. */
  exposurePlaneOf: Int32Array;
  /** Target image size [nx, ny]. */
  target: readonly [number, number];
  /** Other image size [nx, ny]. */
  other: readonly [number, number];
  /** Target pixel of the other map's pixel (0, 0) (0 for equal geometries). */
  offset: readonly [number, number];
}

/** Stacking weights (Gammapy's mask_safe_psf / mask_safe_edisp) on the other map's image. */
export interface IrfStackWeights {
  /** Weights of the IRF values: planes × other image. */
  irf: ArrayLike<number>;
  /** Weight plane of every IRF plane. */
  irfPlaneOf: Int32Array;
  /** Weights of the exposure values: planes × other image. */
  exposure: ArrayLike<number>;
  /** Weight plane of every exposure plane. */
  exposurePlaneOf: Int32Array;
}

/**
 * Stacks `other` into `target` in place: within the overlap window,
 * T ← (T·E_T + nan→0(O·E_O)·w) / (E_T + nan→0(E_O)·w_E), then NaN → 0 and ±inf → ±max
 * over all of T (NumPy's `nan_to_num`). Exposures must be in one unit.
 *
 * @param layout - planes, image sizes and the offset of other in target
 * @param target - target IRF data (changed)
 * @param targetExposure - target exposure (changed)
 * @param other - other IRF data
 * @param otherExposure - other exposure (in the target's exposure unit)
 * @param weights - weights, or null for all 1
 * @param otherFactor - factor converting other's IRF values to the target's unit (default 1)
 * @example
 * ```ts
 * stackIrfMapData(layout, psfA.data, expA.data, psfB.data, expB.data, null);
 * ```
 */
export function stackIrfMapData(
  layout: IrfStackLayout,
  target: Float64Array,
  targetExposure: Float64Array,
  other: ArrayLike<number>,
  otherExposure: ArrayLike<number>,
  weights: IrfStackWeights | null,
  otherFactor = 1,
): void {
  const [dnx, dny] = layout.target;
  const [snx, sny] = layout.other;
  const [x0, y0] = layout.offset;
  const xa = Math.max(0, -x0);
  const xb = Math.min(snx, dnx - x0);
  const ya = Math.max(0, -y0);
  const yb = Math.min(sny, dny - y0);
  const dImg = dnx * dny;
  const sImg = snx * sny;
  const overlap = xb > xa && yb > ya;
  if (overlap) {
    // The summed exposure first, into scratch: every IRF plane needs the old and the new
    // exposure of its exposure plane (several IRF planes share one exposure plane).
    const nx = xb - xa;
    const ny = yb - ya;
    const win = nx * ny;
    const summed = new Float64Array(layout.nExposurePlanes * win);
    const w: Window = { xa, xb, ya, yb, x0, y0, dnx, snx, nx };
    for (let e = 0; e < layout.nExposurePlanes; e++) {
      const wp = weights === null ? -1 : weights.exposurePlaneOf[e]!;
      exposurePlane(summed, targetExposure, otherExposure, weights === null ? null : weights.exposure, wp >= 0, e * dImg, e * win, e * sImg, wp * sImg, w);
    }
    // One pass per IRF plane: T ← nan→0((T·E_T + v) / (E_T + v_E)), the arithmetic of
    // three separate passes (weight, add, divide) followed by nan_to_num.
    for (let p = 0; p < layout.nPlanes; p++) {
      const e = layout.exposurePlaneOf[p]!;
      const wp = weights === null ? -1 : weights.irfPlaneOf[p]!;
      const irfW = weights === null ? null : weights.irf;
      stackPlane(target, targetExposure, summed, other, otherExposure, irfW, wp >= 0, otherFactor, p * dImg, e * dImg, e * win, p * sImg, e * sImg, wp * sImg, w);
    }
    for (let e = 0; e < layout.nExposurePlanes; e++) {
      for (let y = ya; y < yb; y++) {
        const drow = e * dImg + (y + y0) * dnx + x0;
        const krow = e * win + (y - ya) * nx - xa;
        targetExposure.set(summed.subarray(krow + xa, krow + xb), drow + xa);
      }
    }
  }
  // Outside the window T is unchanged, but nan_to_num applies to all of it.
  nanToNumOutside(target, layout, overlap ? [xa + x0, xb + x0, ya + y0, yb + y0] : null);
}

/** The overlap window of {@link stackIrfMapData}: other's [xa, xb) × [ya, yb) at (x0, y0) in target. */
interface Window {
  xa: number;
  xb: number;
  ya: number;
  yb: number;
  x0: number;
  y0: number;
  /** Target and other image widths, window width. */
  dnx: number;
  snx: number;
  nx: number;
}

/**
 * One exposure plane of {@link stackIrfMapData}: summed ← E_T + nan→0(E_O)·w_E. Planes,
 * not rows, per call: IRF images are small (e.g. 25 × 25), a call per row cost more
 * than the row.
 */
function exposurePlane(
  summed: Float64Array,
  targetExposure: Float64Array,
  otherExposure: ArrayLike<number>,
  weights: ArrayLike<number> | null,
  weighted: boolean,
  dPlane: number,
  kPlane: number,
  sPlane: number,
  wPlane: number,
  win: Window,
): void {
  const { xa, xb, ya, yb, x0, y0, dnx, snx, nx } = win;
  for (let y = ya; y < yb; y++) {
    const drow = dPlane + (y + y0) * dnx + x0;
    const srow = sPlane + y * snx;
    const wrow = wPlane + y * snx;
    const krow = kPlane + (y - ya) * nx - xa;
    for (let x = xa; x < xb; x++) {
      let v = otherExposure[srow + x]!;
      if (!Number.isFinite(v)) v = 0;
      if (weighted) v *= weights![wrow + x]!;
      summed[krow + x] = targetExposure[drow + x]! + v;
    }
  }
}

/** One IRF plane of {@link stackIrfMapData}'s single pass. */
function stackPlane(
  target: Float64Array,
  targetExposure: Float64Array,
  summed: Float64Array,
  other: ArrayLike<number>,
  otherExposure: ArrayLike<number>,
  weights: ArrayLike<number> | null,
  weighted: boolean,
  otherFactor: number,
  dPlane: number,
  ePlane: number,
  kPlane: number,
  sPlane: number,
  sePlane: number,
  wPlane: number,
  win: Window,
): void {
  const { xa, xb, ya, yb, x0, y0, dnx, snx, nx } = win;
  for (let y = ya; y < yb; y++) {
    const drow = dPlane + (y + y0) * dnx + x0;
    const erow = ePlane + (y + y0) * dnx + x0;
    const srow = sPlane + y * snx;
    const serow = sePlane + y * snx;
    const wrow = wPlane + y * snx;
    const krow = kPlane + (y - ya) * nx - xa;
    for (let x = xa; x < xb; x++) {
      let v = other[srow + x]! * otherFactor * otherExposure[serow + x]!;
      if (!Number.isFinite(v)) v = 0;
      if (weighted) v *= weights![wrow + x]!;
      const r = (target[drow + x]! * targetExposure[erow + x]! + v) / summed[krow + x]!;
      target[drow + x] = r !== r ? 0 : r === Infinity ? Number.MAX_VALUE : r === -Infinity ? -Number.MAX_VALUE : r;
    }
  }
}

/**
 * nan_to_num over the target outside the window [x0, x1) × [y0, y1) of every plane (all
 * of it for null). The stretches between consecutive window rows (right strip, rows
 * below, next plane's rows above, left strip) are contiguous: one call each, and one per
 * plane when the window spans whole rows.
 */
function nanToNumOutside(a: Float64Array, layout: IrfStackLayout, window: readonly [number, number, number, number] | null): void {
  if (window === null) {
    nanToNumInPlace(a);
    return;
  }
  const [dnx, dny] = layout.target;
  const [x0, x1, y0, y1] = window;
  const nPlanes = layout.nPlanes;
  const img = dnx * dny;
  // The stretch after the last window row first (the order does not matter): with
  // everything computed before the loops, an OSR-compiled loop meets no code without
  // type feedback after it.
  nanToNumRange(a, (nPlanes - 1) * img + (y1 - 1) * dnx + x1, nPlanes * img);
  if (x0 === 0 && x1 === dnx) {
    let from = 0;
    for (let p = 0; p < nPlanes; p++) {
      nanToNumRange(a, from, p * img + y0 * dnx);
      from = p * img + y1 * dnx;
    }
  } else {
    let from = 0;
    for (let p = 0; p < nPlanes; p++) from = nanToNumRows(a, from, p * img + y0 * dnx, y1 - y0, dnx, x0, x1);
  }
}

/**
 * nan_to_num from `from` up to the window's first row, and between its `rows` rows
 * (window columns [x0, x1) of rows of width dnx starting at `row0`).
 *
 * @returns the index after the last window row (where the next stretch starts)
 */
function nanToNumRows(a: Float64Array, from: number, row0: number, rows: number, dnx: number, x0: number, x1: number): number {
  let start = from;
  let row = row0;
  for (let r = 0; r < rows; r++) {
    nanToNumRange(a, start, row + x0);
    start = row + x1;
    row += dnx;
  }
  return start;
}

function nanToNumRange(a: Float64Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const v = a[i]!;
    if (v !== v) a[i] = 0;
    else if (v === Infinity) a[i] = Number.MAX_VALUE;
    else if (v === -Infinity) a[i] = -Number.MAX_VALUE;
  }
}

/** NumPy's `nan_to_num`: NaN → 0, ±inf → ±largest double. */
export function nanToNumInPlace(a: Float64Array): Float64Array {
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    if (v !== v) a[i] = 0;
    else if (v === Infinity) a[i] = Number.MAX_VALUE;
    else if (v === -Infinity) a[i] = -Number.MAX_VALUE;
  }
  return a;
}

/**
 * Plane index in a source of axis sizes `source` for every plane of a target with axis
 * sizes `target` (axes in geometry order, the first varying fastest): source axes of
 * length 1 broadcast; a source with fewer axes (an image) maps everything to plane 0.
 *
 * @param target - target axis sizes
 * @param source - source axis sizes (each 1 or equal to the target's)
 * @returns the source plane of every target plane, or null when they do not broadcast
 * @example
 * ```ts
 * broadcastPlanes([66, 8], [1, 8]); // plane (r, e) → e
 * ```
 */
export function broadcastPlanes(target: readonly number[], source: readonly number[]): Int32Array | null {
  const n = target.reduce((a, b) => a * b, 1);
  const out = new Int32Array(n);
  if (source.length === 0 || source.every((s) => s === 1)) return out;
  if (source.length !== target.length || source.some((s, i) => s !== 1 && s !== target[i])) return null;
  for (let p = 0; p < n; p++) {
    let rest = p;
    let q = 0;
    let stride = 1;
    for (let i = 0; i < target.length; i++) {
      const idx = rest % target[i]!;
      rest = (rest - idx) / target[i]!;
      if (source[i] !== 1) q += idx * stride;
      stride *= source[i]!;
    }
    out[p] = q;
  }
  return out;
}
