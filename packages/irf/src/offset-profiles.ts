/**
 * Profiles normalised to unit integral along one axis (a PSF map's rad profiles) made
 * from an IRF's offset-node table: per pixel a mix of the two node profiles around its
 * offset, scaled by the pixel's integral — the same numbers, up to round-off, as
 * evaluating every pixel and then `normalizeAlongAxisInPlace`.
 */
import { normalizeAlongAxisInPlace } from "./axis-cumsum.js";
import { mixRow, normalizedMixWeights, profileLimits } from "./offset-mix.js";
import { offsetBlock } from "./offset-rows.js";
import type { OffsetNodeTable, OffsetPositions } from "./offset-nodes.js";

/**
 * Normalised profiles on [outer][profile bin][pixel], C order, from a node table whose
 * rows are [outer][profile bin]: each (outer, pixel) profile v is divided by the maximum
 * of its running sum Σ v·w (its integral) and multiplied by `factor`; NaN → 0.
 *
 * Pixels whose profile cannot be mixed from the nodes' normalised profiles (extrapolated
 * in offset, next to negative node values, NaN offsets, ...) are evaluated in full with
 * {@link offsetRow} and normalised with `normalizeAlongAxisInPlace`.
 *
 * @param table - node table, rows C order [outer][bin]
 * @param pos - pixel positions on the offset nodes
 * @param nouter - number of outer rows (e.g. true energies)
 * @param nbin - number of profile bins (e.g. rad bins)
 * @param weights - integration weight per profile bin (e.g. 2π·r·Δr)
 * @param factor - multiplies every normalised value
 * @param out - output, length nouter × nbin × pixels
 * @returns `out`
 * @example
 * ```ts
 * normalizedOffsetProfiles(table, pos, ne, nr, radWeights(rad), DEG2_PER_SR, out);
 * ```
 */
export function normalizedOffsetProfiles(
  table: OffsetNodeTable,
  pos: OffsetPositions,
  nouter: number,
  nbin: number,
  weights: ArrayLike<number>,
  factor: number,
  out: Float64Array,
): Float64Array {
  const npix = pos.flag.length;
  const nn = table.nnode;
  const { nodes, fill } = table;
  const a = new Float64Array(npix);
  const b = new Float64Array(npix);
  const general = new Int32Array(npix);
  const sums = new Float64Array(nn);
  const ok = new Uint8Array(nn);
  const limits = new Float64Array(2);
  const block = new Float64Array(nbin * npix);
  const acc = new Float64Array(npix);
  const max = new Float64Array(npix);
  // Mixing needs linear values and nodes that already hold the fill value where it applies.
  const mixable = table.valuesScale === "lin";
  for (let o = 0; o < nouter; o++) {
    const row0 = o * nbin;
    let allOk = mixable;
    let allOut = fill === 0;
    for (let r = 0; r < nbin; r++) {
      if (table.fillInside[row0 + r] === 1 && fill !== 0) allOk = false;
      if (table.fillOutside[row0 + r] !== 1) allOut = false;
    }
    profileLimits(nodes, row0 * nn, nbin, nn, ok, limits);
    nodeSums(nodes, row0 * nn, nbin, nn, weights, sums, ok);
    for (let k = 0; k < nn; k++) if (!allOk) ok[k] = 0;
    let every = true;
    for (let k = 0; k < nn; k++) if (ok[k] !== 1) every = false;
    const m = normalizedMixWeights(pos, sums, ok, limits, allOut && every, factor, a, b, general);
    for (let r = 0; r < nbin; r++) mixRow(nodes, (row0 + r) * nn, pos.cell, a, b, out, (row0 + r) * npix, npix);
    if (m === 0) continue;
    offsetBlock(table, row0, nbin, pos, general, m, block);
    const part = block.subarray(0, nbin * m);
    normalizeAlongAxisInPlace(part, [nbin, m], 0, weights, acc, max, factor);
    for (let r = 0; r < nbin; r++) scatter(part, r * m, general, m, out, (row0 + r) * npix);
  }
  return out;
}

/** Integral Σ_r v·w of each node's profile; a node whose integral is not finite is not ok. */
function nodeSums(nodes: Float64Array, base: number, nbin: number, nn: number, weights: ArrayLike<number>, sums: Float64Array, ok: Uint8Array): void {
  sums.fill(0);
  for (let r = 0; r < nbin; r++) {
    const w = weights[r]!;
    const row = base + r * nn;
    for (let k = 0; k < nn; k++) sums[k] = sums[k]! + nodes[row + k]! * w;
  }
  for (let k = 0; k < nn; k++) if (!(sums[k]! < Infinity)) ok[k] = 0;
}

/** out[outOffset + idx[j]] = src[srcOffset + j], j < n. */
export function scatter(src: Float64Array, srcOffset: number, idx: Int32Array, n: number, out: Float64Array, outOffset: number): void {
  for (let j = 0; j < n; j++) out[outOffset + idx[j]!] = src[srcOffset + j]!;
}
