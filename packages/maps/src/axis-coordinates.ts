/**
 * Kernels behind MapAxis coordinate conversions: coordinates ↔ fractional pixels
 * (linear in the axis scale) and coordinates/pixels → bin indices. Plain functions over
 * typed arrays; the MapAxis methods are thin wrappers.
 */
import { interp1dLinear } from "./linear-interp-1d.js";
import { scaleForward, scaleInverse } from "./interpolation-scale.js";
import type { InterpScale } from "./interpolation-scale.js";

/**
 * Fractional pixel of each coordinate: interpolates the node pixel numbers against the
 * scaled nodes (extrapolating linearly), then adds `pixOffset` (−0.5 for edge nodes).
 *
 * @param scaledNodes - nodes in the axis scale, ascending
 * @param nodePix - 0, 1, 2, ... (one per node)
 * @param pixOffset - pixel of node 0: −0.5 (edges) or 0 (centres)
 * @param interp - axis scale
 * @param coord - coordinates [axis unit]
 * @param out - output, same length as `coord` (may alias it)
 * @returns `out`
 * @example
 * ```ts
 * coordsToPix(new Float64Array([0, 1]), new Float64Array([0, 1]), -0.5, "lin", [0.5], new Float64Array(1)); // [0]
 * ```
 */
export function coordsToPix(
  scaledNodes: Float64Array,
  nodePix: Float64Array,
  pixOffset: number,
  interp: InterpScale,
  coord: ArrayLike<number>,
  out: Float64Array,
): Float64Array {
  const n = coord.length;
  for (let i = 0; i < n; i++) {
    out[i] = interp1dLinear(scaledNodes, nodePix, scaleForward(coord[i]!, interp)) + pixOffset;
  }
  return out;
}

/**
 * Coordinates of fractional pixels: the inverse of {@link coordsToPix}.
 *
 * @param scaledNodes - nodes in the axis scale, ascending
 * @param nodePix - 0, 1, 2, ... (one per node)
 * @param pixOffset - pixel of node 0: −0.5 (edges) or 0 (centres)
 * @param interp - axis scale
 * @param pix - pixel coordinates
 * @param out - output, same length as `pix` (may alias it)
 * @returns `out` [axis unit]
 * @example
 * ```ts
 * pixToCoords(new Float64Array([0, 1]), new Float64Array([0, 1]), -0.5, "lin", [0], new Float64Array(1)); // [0.5]
 * ```
 */
export function pixToCoords(
  scaledNodes: Float64Array,
  nodePix: Float64Array,
  pixOffset: number,
  interp: InterpScale,
  pix: ArrayLike<number>,
  out: Float64Array,
): Float64Array {
  const n = pix.length;
  for (let i = 0; i < n; i++) {
    out[i] = scaleInverse(interp1dLinear(nodePix, scaledNodes, pix[i]! - pixOffset), interp);
  }
  return out;
}

/**
 * Bin index of each coordinate for ascending `edges` (nbin = edges.length − 1): i with
 * edges[i] <= x < edges[i + 1]; −1 outside or for non-finite x, or the first/last bin
 * for finite x outside when `clip`.
 *
 * @param edges - ascending bin edges
 * @param coord - coordinates [edge unit]
 * @param clip - clip finite out-of-range coordinates instead of returning −1
 * @param out - output, same length as `coord`
 * @returns `out`
 * @example
 * ```ts
 * coordsToIdx(new Float64Array([0, 1, 2]), [1, 2], false, new Int32Array(2)); // [1, -1]
 * ```
 */
export function coordsToIdx(edges: Float64Array, coord: ArrayLike<number>, clip: boolean, out: Int32Array): Int32Array {
  const n = coord.length;
  const last = edges.length - 2;
  for (let i = 0; i < n; i++) {
    const x = coord[i]!;
    if (!Number.isFinite(x)) {
      out[i] = -1;
      continue;
    }
    // First edge greater than x, minus one (NumPy's digitize − 1).
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (edges[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    let idx = lo - 1;
    if (clip) idx = idx < 0 ? 0 : idx > last ? last : idx;
    else if (idx > last) idx = -1;
    out[i] = idx;
  }
  return out;
}

/**
 * Bin index of each fractional pixel, rounded half up (floor(p + 0.5)); −1 outside
 * [0, nbin − 1] or for NaN, or clipped into that range when `clip`.
 *
 * @param nbin - number of bins
 * @param pix - pixel coordinates
 * @param clip - clip instead of returning −1
 * @param out - output, same length as `pix`
 * @returns `out`
 * @example
 * ```ts
 * pixToIdx(2, [-0.6, 0.5, 1.6], false, new Int32Array(3)); // [-1, 1, -1]
 * ```
 */
export function pixToIdx(nbin: number, pix: ArrayLike<number>, clip: boolean, out: Int32Array): Int32Array {
  const n = pix.length;
  const last = nbin - 1;
  for (let i = 0; i < n; i++) {
    const p = Math.floor(pix[i]! + 0.5);
    if (Number.isNaN(p)) out[i] = -1;
    else if (clip) out[i] = p < 0 ? 0 : p > last ? last : p;
    else out[i] = p < 0 || p > last ? -1 : p;
  }
  return out;
}
