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
    for (let p = 0; p < layout.nPlanes; p++) {
      const e = layout.exposurePlaneOf[p]!;
      const wp = weights === null ? -1 : weights.irfPlaneOf[p]!;
      for (let y = ya; y < yb; y++) {
        const drow = p * dImg + (y + y0) * dnx + x0;
        const erow = e * dImg + (y + y0) * dnx + x0;
        const srow = p * sImg + y * snx;
        const serow = e * sImg + y * snx;
        const wrow = wp * sImg + y * snx;
        for (let x = xa; x < xb; x++) {
          let v = other[srow + x]! * otherFactor * otherExposure[serow + x]!;
          if (!Number.isFinite(v)) v = 0;
          if (wp >= 0) v *= weights!.irf[wrow + x]!;
          target[drow + x] = target[drow + x]! * targetExposure[erow + x]! + v;
        }
      }
    }
    for (let e = 0; e < layout.nExposurePlanes; e++) {
      const wp = weights === null ? -1 : weights.exposurePlaneOf[e]!;
      for (let y = ya; y < yb; y++) {
        const drow = e * dImg + (y + y0) * dnx + x0;
        const srow = e * sImg + y * snx;
        const wrow = wp * sImg + y * snx;
        for (let x = xa; x < xb; x++) {
          let v = otherExposure[srow + x]!;
          if (!Number.isFinite(v)) v = 0;
          if (wp >= 0) v *= weights!.exposure[wrow + x]!;
          targetExposure[drow + x] = targetExposure[drow + x]! + v;
        }
      }
    }
    for (let p = 0; p < layout.nPlanes; p++) {
      const e = layout.exposurePlaneOf[p]!;
      for (let y = ya; y < yb; y++) {
        const drow = p * dImg + (y + y0) * dnx + x0;
        const erow = e * dImg + (y + y0) * dnx + x0;
        for (let x = xa; x < xb; x++) target[drow + x] = target[drow + x]! / targetExposure[erow + x]!;
      }
    }
  }
  nanToNumInPlace(target);
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
