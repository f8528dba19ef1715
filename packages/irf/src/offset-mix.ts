/**
 * Normalised per-pixel profiles mixed from the two node profiles around each pixel's
 * offset (see offset-nodes.ts). A pixel's profile is u·P_c + t·P_{c+1} (u = 1 − t); where
 * it has no negative value nothing is clipped, its running integral is monotone, and its
 * integral is u·S_c + t·S_{c+1} (S: the nodes' integrals). Anything linear in the profile
 * and then divided by its integral (a PSF's rad profile normalised, an edisp kernel) is
 * then K_c·a + K_{c+1}·b with a = u / N, b = t / N, N = u·S_c + t·S_{c+1}.
 */
import type { OffsetPositions } from "./offset-nodes.js";

/** Relative margin kept from the offsets where an extrapolated profile reaches 0. */
const EXTRAPOLATION_MARGIN = 1e-9;

/**
 * Whether each node profile is finite and non-negative, and how far beyond the outer
 * nodes the extrapolated profiles stay non-negative (kernel; no allocation).
 *
 * @param nodes - node values, C order [bin][node] from `base`
 * @param base - index of bin 0, node 0
 * @param nbin - number of profile bins
 * @param nn - number of nodes
 * @param ok - output, 1 for node profiles that are finite and ≥ 0
 * @param limits - output: [lowest t of the first cell, highest t of the last cell] for
 *   which the profile is ≥ 0 everywhere (±∞ without a limit), with a small margin; they
 *   matter only where the outer nodes are ok
 * @example
 * ```ts
 * profileLimits(table.nodes, row0 * nn, nr, nn, ok, limits);
 * ```
 */
export function profileLimits(nodes: Float64Array, base: number, nbin: number, nn: number, ok: Uint8Array, limits: Float64Array): void {
  ok.fill(1, 0, nn);
  let lo = -Infinity;
  let hi = Infinity;
  for (let r = 0; r < nbin; r++) {
    const row = base + r * nn;
    for (let k = 0; k < nn; k++) {
      const v = nodes[row + k]!;
      if (!(v >= 0 && v < Infinity)) ok[k] = 0;
    }
    // A + t·(B − A) ≥ 0 below the first node (t < 0) and above the last (t > 1).
    const a0 = nodes[row]!;
    const d0 = nodes[row + 1]! - a0;
    if (d0 > 0) lo = Math.max(lo, -a0 / d0);
    const a1 = nodes[row + nn - 2]!;
    const d1 = nodes[row + nn - 1]! - a1;
    if (d1 < 0) hi = Math.min(hi, -a1 / d1);
  }
  limits[0] = lo === -Infinity ? lo : lo + EXTRAPOLATION_MARGIN * Math.abs(lo);
  limits[1] = hi === Infinity ? hi : hi - EXTRAPOLATION_MARGIN * Math.abs(hi);
}

/**
 * Per-pixel weights of the normalised profiles (kernel; no allocation): a_i = u·factor / N,
 * b_i = t·factor / N for every pixel whose profile is non-negative — t in [0, 1] between
 * two ok nodes, or extrapolated within `limits` from ok outer nodes; a zero profile
 * (N = 0) stays 0. Pixels outside the offset axis get a = b = 0 when `zeroOutside`
 * (their profile is the fill value 0). Every other pixel (NaN, next to a node with
 * negative or non-finite values, extrapolated too far) gets a = b = 0 and is listed in
 * `general`, for the caller to compute in full.
 *
 * @param pos - pixel positions on the offset nodes
 * @param sums - integral S of each node profile
 * @param ok - 1 for node profiles that are finite and non-negative
 * @param limits - extrapolation limits from {@link profileLimits}
 * @param zeroOutside - pixels outside the offset axis are 0
 * @param factor - multiplies every normalised value
 * @param a - output, weight of the lower node per pixel
 * @param b - output, weight of the upper node per pixel
 * @param general - output, the pixels left to the caller
 * @returns the number of pixels in `general`
 * @example
 * ```ts
 * const m = normalizedMixWeights(pos, sums, ok, limits, true, 1, a, b, general);
 * ```
 */
export function normalizedMixWeights(
  pos: OffsetPositions,
  sums: Float64Array,
  ok: Uint8Array,
  limits: Float64Array,
  zeroOutside: boolean,
  factor: number,
  a: Float64Array,
  b: Float64Array,
  general: Int32Array,
): number {
  const { cell, frac, flag } = pos;
  const n = flag.length;
  const lo = limits[0]!;
  const hi = limits[1]!;
  let m = 0;
  for (let i = 0; i < n; i++) {
    a[i] = 0;
    b[i] = 0;
    const f = flag[i]!;
    if (f !== 0) {
      if (f === 2 || !zeroOutside) general[m++] = i;
      continue;
    }
    const c = cell[i]!;
    const t = frac[i]!;
    // t < 0 only in the first cell, t > 1 only in the last.
    const inRange = t >= 0 ? t <= 1 || t <= hi : t >= lo;
    if (!inRange || ok[c] !== 1 || ok[c + 1] !== 1) {
      general[m++] = i;
      continue;
    }
    const u = 1 - t;
    const norm = u * sums[c]! + t * sums[c + 1]!;
    if (norm > 0 && norm < Infinity) {
      const g = factor / norm;
      a[i] = u * g;
      b[i] = t * g;
    } else if (norm !== 0) general[m++] = i;
  }
  return m;
}

/**
 * out[outOffset + i] = nodes[base + cell_i]·a_i + nodes[base + cell_i + 1]·b_i for every
 * pixel i < n (kernel; no allocation).
 *
 * @param nodes - node values, one row of nodes from `base`
 * @param base - first node of the row
 * @param cell - lower node per pixel
 * @param a - weight of the lower node per pixel
 * @param b - weight of the upper node per pixel
 * @param out - output
 * @param outOffset - index of pixel 0 in `out`
 * @param n - number of pixels
 * @example
 * ```ts
 * mixRow(table.nodes, row * table.nnode, pos.cell, a, b, out, row * n, n);
 * ```
 */
export function mixRow(nodes: Float64Array, base: number, cell: Int32Array, a: Float64Array, b: Float64Array, out: Float64Array, outOffset: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const c = base + cell[i]!;
    out[outOffset + i] = nodes[c]! * a[i]! + nodes[c + 1]! * b[i]!;
  }
}
