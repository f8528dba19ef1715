/**
 * The reco-energy kernels of an edisp kernel map from the energy dispersion at its offset
 * nodes. A pixel's migration pdf is u·P_c + t·P_{c+1} (its two bracketing nodes); when it
 * needs no clipping (node pdfs finite and ≥ 0, t in [0, 1] or extrapolated no further
 * than the pdf stays ≥ 0; see offset-mix.ts) every step of the kernel —
 * running integral, the reco edges' interpolation on it, bin differences — is linear in
 * the pdf, and the normalisation only divides by the pdf's integral. So a pixel's kernel
 * is (u·K_c + t·K_{c+1}) / (u·I_c + t·I_{c+1}) with K the nodes' unnormalised kernels and
 * I their integrals: a few operations per reco bin instead of a pass over the migration
 * bins. The other pixels are computed in full, as before.
 */
import { migraKernelColumns, migraKernelScratch } from "../edisp-migra-kernel.js";
import type { MigraKernelScratch } from "../edisp-migra-kernel.js";
import { mixRow, normalizedMixWeights, profileLimits } from "../offset-mix.js";
import { offsetBlock } from "../offset-rows.js";
import type { OffsetNodeTable, OffsetPositions } from "../offset-nodes.js";
import { scatter } from "../offset-profiles.js";

/**
 * Kernel probabilities, C order [true energy][reco bin][pixel], the numbers of
 * `migraKernelColumns(..., { normalizeFirst: true })` on every pixel's pdf up to round-off.
 *
 * @param table - the energy dispersion at its offset nodes, rows [true energy][migra]
 * @param pos - pixel positions on the offset nodes
 * @param widths - migration bin widths
 * @param pix - positions of the reco edges on the migration edges, [true energy][reco edge]
 * @param nt - number of true energies
 * @param nr - number of reco bins
 * @param out - output, length nt × nr × pixels
 * @returns `out`
 * @example
 * ```ts
 * edispKernelsFromNodes(table, pos, migra.widths, migraEdgePositions(e, migra, recoEdges), e.length, nr, out);
 * ```
 */
export function edispKernelsFromNodes(
  table: OffsetNodeTable,
  pos: OffsetPositions,
  widths: ArrayLike<number>,
  pix: Float64Array,
  nt: number,
  nr: number,
  out: Float64Array,
): Float64Array {
  const nm = widths.length;
  const nn = table.nnode;
  const npix = pos.flag.length;
  const { nodes, fill } = table;
  const a = new Float64Array(npix);
  const b = new Float64Array(npix);
  const general = new Int32Array(npix);
  const ok = new Uint8Array(nn);
  const sums = new Float64Array(nn);
  const limits = new Float64Array(2);
  const nodeKernels = new Float64Array(nr * nn);
  const nodeScratch = migraKernelScratch(nm, nr, nn);
  let full: FullScratch | undefined;
  const mixable = table.valuesScale === "lin";
  for (let t = 0; t < nt; t++) {
    const row0 = t * nm;
    let allOk = mixable;
    let allOut = fill === 0;
    for (let m = 0; m < nm; m++) {
      if (table.fillInside[row0 + m] === 1 && fill !== 0) allOk = false;
      if (table.fillOutside[row0 + m] !== 1) allOut = false;
    }
    profileLimits(nodes, row0 * nn, nm, nn, ok, limits);
    // Node kernels max(0, ΔC / I) [reco bin][node] with I, the pdf's integral, left in
    // the scratch; × I gives ΔC (the node pdfs are ≥ 0: nothing was clipped).
    migraKernelColumns(nodes, row0 * nn, nn, widths, pix, t * (nr + 1), nr, nodeScratch, nodeKernels, 0, nn);
    let every = true;
    for (let k = 0; k < nn; k++) {
      const s = nodeScratch.max[k]!;
      sums[k] = s;
      if (!allOk || !(s < Infinity)) ok[k] = 0;
      if (ok[k] !== 1) every = false;
    }
    for (let r = 0; r < nr; r++) for (let k = 0; k < nn; k++) nodeKernels[r * nn + k] = nodeKernels[r * nn + k]! * sums[k]!;
    const m = normalizedMixWeights(pos, sums, ok, limits, allOut && every, 1, a, b, general);
    for (let r = 0; r < nr; r++) mixRow(nodeKernels, r * nn, pos.cell, a, b, out, (t * nr + r) * npix, npix);
    if (m === 0) continue;
    full ??= { block: new Float64Array(nm * npix), part: new Float64Array(nr * npix), scratch: migraKernelScratch(nm, nr, npix) };
    const { block, part, scratch } = full;
    offsetBlock(table, row0, nm, pos, general, m, block);
    const rows = nonZeroRows(block, nm, m);
    migraKernelColumns(block, 0, m, widths, pix, t * (nr + 1), nr, scratch, part, 0, m, { normalizeFirst: true, rows });
    for (let r = 0; r < nr; r++) scatter(part, r * m, general, m, out, (t * nr + r) * npix);
  }
  return out;
}

interface FullScratch {
  block: Float64Array;
  part: Float64Array;
  scratch: MigraKernelScratch;
}

/**
 * [first, last + 1) of the rows of an [n][ncol] block holding anything but ±0 (NaN counts).
 *
 * @param block - values, C order [row][column]
 * @param n - number of rows
 * @param ncol - number of columns
 * @returns the row range
 * @example
 * ```ts
 * nonZeroRows(new Float64Array([0, 0, 1, 0, 0, 0]), 3, 2); // [1, 2]
 * ```
 */
export function nonZeroRows(block: Float64Array, n: number, ncol: number): [number, number] {
  let from = 0;
  while (from < n && isZeroRow(block, from * ncol, ncol)) from++;
  let to = n;
  while (to > from && isZeroRow(block, (to - 1) * ncol, ncol)) to--;
  return [from, to];
}

function isZeroRow(block: Float64Array, offset: number, ncol: number): boolean {
  for (let i = 0; i < ncol; i++) if (block[offset + i] !== 0) return false;
  return true;
}
