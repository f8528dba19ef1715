/**
 * The kernel behind `EnergyDispersion2D.toEdispKernel`: turns migration pdfs (one row per
 * true energy) into reco-energy bin probabilities, as Gammapy's `EDispMap` does
 * (`make_edisp_map` → `normalize("migra")` → `to_edisp_kernel_map`).
 */
import { MapAxis } from "@gammats/maps";

/**
 * Fractional positions of reco-energy edges on the migration edges, per true energy:
 * `pix[t·(nr+1) + r]` is the pixel coordinate of μ = E_r / E_t on the axis whose nodes
 * are the migration edges (what {@link migraKernelRow} interpolates the running integral at).
 *
 * @param energyTrue - true energy of each row [TeV]
 * @param migra - migration axis
 * @param recoEdges - reco-energy bin edges [TeV]
 * @returns positions, C order [true energy][reco edge]
 * @example
 * ```ts
 * migraEdgePositions([1], migraAxis, [0.5, 1, 2]); // where μ = 0.5, 1, 2 fall on the migra edges
 * ```
 */
export function migraEdgePositions(energyTrue: ArrayLike<number>, migra: MapAxis, recoEdges: ArrayLike<number>): Float64Array {
  const nt = energyTrue.length;
  const ne = recoEdges.length;
  // The cumulative integral lives on the migration edges, as nodes.
  const cumAxis = MapAxis.fromNodes(migra.edges, { interp: migra.interp });
  const x = new Float64Array(ne);
  const pix = new Float64Array(nt * ne);
  for (let t = 0; t < nt; t++) {
    const et = energyTrue[t]!;
    for (let r = 0; r < ne; r++) x[r] = recoEdges[r]! / et;
    cumAxis.coordToPix(x, pix.subarray(t * ne, (t + 1) * ne));
  }
  return pix;
}

/** Options of {@link migraKernelColumns}. */
export interface MigraKernelOptions {
  /** Normalise the pdfs first, in place, as Gammapy's `make_edisp_map` does. Default false. */
  normalizeFirst?: boolean;
  /** Migration bins [from, to) that may be non-zero; the others are 0 in every column. Default all. */
  rows?: readonly [number, number];
}

/** Scratch arrays of {@link migraKernelColumns} for up to `ncol` columns and `nr` reco bins. */
export interface MigraKernelScratch {
  /** Running integral per column. */
  readonly acc: Float64Array;
  /** Total integral per column. */
  readonly max: Float64Array;
  /** Total integral per column before the first normalisation (`normalizeFirst`). */
  readonly max0: Float64Array;
  /** Running integral at the migration edges the reco edges fall between, [slot][column]. */
  readonly snap: Float64Array;
  /** Slot in `snap` of each migration edge, or -1. */
  readonly slotOf: Int32Array;
}

/**
 * Scratch arrays for {@link migraKernelColumns}.
 *
 * @param nm - number of migration bins
 * @param nr - number of reco bins
 * @param ncol - number of columns (pixels)
 * @returns the scratch arrays
 */
export function migraKernelScratch(nm: number, nr: number, ncol: number): MigraKernelScratch {
  return {
    acc: new Float64Array(ncol),
    max: new Float64Array(ncol),
    max0: new Float64Array(ncol),
    snap: new Float64Array(2 * (nr + 1) * ncol),
    slotOf: new Int32Array(nm + 1),
  };
}

/**
 * Reco-energy bin probabilities from migration pdfs of one true energy, one pdf per
 * column (kernel; no validation, no allocation). Per column: the pdf is normalised by its
 * integral over μ (the maximum of the running sum Σ pdf·Δμ, which starts at 0; NaN → 0),
 * its running integral C is tabulated on the migration edges (0 at the first edge), and
 * the probability of reco bin r is max(0, C(p_{r+1}) − C(p_r)), with C linear between the
 * edges at the positions p (see {@link migraEdgePositions}), 0 below the first edge and
 * the total above the last. Columns are processed side by side, so that a block of
 * pixels [migra][pixel] is read in memory order.
 *
 * @param pdf - dP/dμ on the migration centres, C order [migra][column] from `pdfOffset`
 * @param pdfOffset - first index of the block in `pdf`
 * @param ncol - number of columns
 * @param widths - migration bin widths, nm values
 * @param pix - positions of the nr + 1 reco edges, from `pixOffset`
 * @param pixOffset - first index in `pix`
 * @param nr - number of reco bins
 * @param scratch - from {@link migraKernelScratch} (at least nm, nr, ncol)
 * @param out - output; bin r of column i goes to `out[outOffset + r·outStride + i]`
 * @param outOffset - index of bin 0, column 0 in `out`
 * @param outStride - step between bins in `out` (≥ ncol)
 * @param options - normalizeFirst: first normalise the pdfs in place as
 *   `normalizeAlongAxis` does (Gammapy's `normalize("migra")` of `make_edisp_map`: the
 *   running sum's maximum starts at −∞), in the same pass as the totals of the second
 *   normalisation; `pdf` must then be a writable Float64Array (default false). rows:
 *   [from, to) — the migration bins outside are 0 (±0) in every column and are not read
 *   (they add exactly nothing; default all)
 * @returns `out`
 * @example
 * ```ts
 * migraKernelColumns(pdf, 0, 1, migra.widths, pix, 0, 4, migraKernelScratch(nm, 4, 1), out, 0, 1);
 * ```
 */
export function migraKernelColumns(
  pdf: ArrayLike<number>,
  pdfOffset: number,
  ncol: number,
  widths: ArrayLike<number>,
  pix: ArrayLike<number>,
  pixOffset: number,
  nr: number,
  scratch: MigraKernelScratch,
  out: Float64Array,
  outOffset: number,
  outStride: number,
  options: MigraKernelOptions = {},
): Float64Array {
  const nm = widths.length;
  const normalizeFirst = options.normalizeFirst ?? false;
  const [m0, m1] = options.rows ?? [0, nm];
  const { acc, max, max0, snap, slotOf } = scratch;
  if (normalizeFirst) {
    acc.fill(0, 0, ncol);
    // Leading zero rows would have raised the maximum from −∞ to the running sum, 0.
    max0.fill(m0 > 0 ? 0 : -Infinity, 0, ncol);
    for (let m = m0; m < m1; m++) runningMaxRow(pdf, pdfOffset + m * ncol, ncol, widths[m]!, acc, max0);
  }
  // Total integral: the maximum of the running sum (which starts at 0).
  acc.fill(0, 0, ncol);
  max.fill(0, 0, ncol);
  for (let m = m0; m < m1; m++) {
    const row = pdfOffset + m * ncol;
    if (normalizeFirst) normalizeRunningMaxRow(pdf as Float64Array, row, ncol, max0, widths[m]!, acc, max);
    else runningMaxRow(pdf, row, ncol, widths[m]!, acc, max);
  }
  // The running integral of the normalised pdf is kept only at the migration edges the
  // reco edges are interpolated between (slot 2r: lower, 2r + 1: upper edge of edge r).
  slotOf.fill(-1, 0, nm + 1);
  for (let r = 0; r <= nr; r++) {
    const p = pix[pixOffset + r]!;
    const lo = !(p > 0) ? 0 : p >= nm ? nm : Math.floor(p);
    slotOf[lo] = 2 * r;
    if (lo + 1 <= nm) slotOf[lo + 1] = 2 * r + 1;
  }
  // Slots are filled in a second pass: two reco edges may share a migration edge. The
  // running integral is 0 up to edge m0 and final from edge m1 on.
  acc.fill(0, 0, ncol);
  snapSlots(0, m0, pix, pixOffset, nr, nm, acc, snap, ncol);
  for (let m = m0; m < m1; m++) {
    cumulateRow(pdf, pdfOffset + m * ncol, ncol, widths[m]!, acc, max);
    if (slotOf[m + 1]! >= 0) snapSlots(m + 1, m + 1, pix, pixOffset, nr, nm, acc, snap, ncol);
  }
  if (m1 < nm) snapSlots(m1 + 1, nm, pix, pixOffset, nr, nm, acc, snap, ncol);
  for (let r = 0; r < nr; r++) {
    const lo = r * 2 * ncol;
    const hi = (r + 1) * 2 * ncol;
    const pLo = pix[pixOffset + r]!;
    const pHi = pix[pixOffset + r + 1]!;
    const fLo = pLo - Math.floor(pLo);
    const fHi = pHi - Math.floor(pHi);
    const o = outOffset + r * outStride;
    for (let i = 0; i < ncol; i++) {
      const d = edgeValue(snap, hi, ncol, i, pHi, fHi, nm) - edgeValue(snap, lo, ncol, i, pLo, fLo, nm);
      out[o + i] = d > 0 ? d : 0;
    }
  }
  return out;
}

/** acc += row · w and max = max(max, acc) (NaN sticks), per column. */
function runningMaxRow(pdf: ArrayLike<number>, row: number, ncol: number, w: number, acc: Float64Array, max: Float64Array): void {
  for (let i = 0; i < ncol; i++) {
    const a = acc[i]! + pdf[row + i]! * w;
    acc[i] = a;
    if (a > max[i]! || Number.isNaN(a)) max[i] = a;
  }
}

/** acc += nan_to_num(row / max) · w, per column (kept small: V8 optimises it early). */
function cumulateRow(pdf: ArrayLike<number>, row: number, ncol: number, w: number, acc: Float64Array, max: Float64Array): void {
  for (let i = 0; i < ncol; i++) {
    const v = pdf[row + i]! / max[i]!;
    const n = Number.isNaN(v) ? 0 : v === Infinity ? Number.MAX_VALUE : v === -Infinity ? -Number.MAX_VALUE : v;
    acc[i] = acc[i]! + n * w;
  }
}

/** row ← nan_to_num(row / max0), then {@link runningMaxRow} of the new row, per column. */
function normalizeRunningMaxRow(pdf: Float64Array, row: number, ncol: number, max0: Float64Array, w: number, acc: Float64Array, max: Float64Array): void {
  for (let i = 0; i < ncol; i++) {
    const v = pdf[row + i]! / max0[i]!;
    const n = Number.isNaN(v) ? 0 : v === Infinity ? Number.MAX_VALUE : v === -Infinity ? -Number.MAX_VALUE : v;
    pdf[row + i] = n;
    const a = acc[i]! + n * w;
    acc[i] = a;
    if (a > max[i]! || Number.isNaN(a)) max[i] = a;
  }
}

/** Stores the running integral `acc` into every slot whose migration edge lies in [kFrom, kTo]. */
function snapSlots(
  kFrom: number,
  kTo: number,
  pix: ArrayLike<number>,
  pixOffset: number,
  nr: number,
  nm: number,
  acc: Float64Array,
  snap: Float64Array,
  ncol: number,
): void {
  for (let r = 0; r <= nr; r++) {
    const p = pix[pixOffset + r]!;
    const lo = !(p > 0) ? 0 : p >= nm ? nm : Math.floor(p);
    if (lo >= kFrom && lo <= kTo) for (let i = 0; i < ncol; i++) snap[2 * r * ncol + i] = acc[i]!;
    if (lo + 1 >= kFrom && lo + 1 <= kTo) for (let i = 0; i < ncol; i++) snap[(2 * r + 1) * ncol + i] = acc[i]!;
  }
}

/** C at a reco edge from its snapped neighbours: 0 below, the total above, linear between. */
function edgeValue(snap: Float64Array, slot: number, ncol: number, i: number, p: number, f: number, nm: number): number {
  if (!(p > 0) || p >= nm) return snap[slot + i]!;
  return snap[slot + i]! * (1 - f) + snap[slot + ncol + i]! * f;
}

/**
 * Reco-energy bin probabilities from migration pdfs.
 *
 * Per true energy t: the pdf is normalised by its integral over μ (NaN → 0), its running
 * integral C is tabulated on the migration edges (0 at the first edge), and the
 * probability of reco bin r is max(0, C(E_{r+1}/E_t) − C(E_r/E_t)), with C linear between
 * the edges in the migration axis' scale, 0 below the first and the total above the last.
 *
 * @param pdf - dP/dμ, C order [true energy][migration bin]
 * @param energyTrue - true energy of each row [TeV]
 * @param migra - migration axis (the pdf sits on its centres)
 * @param recoEdges - reco-energy bin edges [TeV]
 * @returns probabilities, C order [true energy][reco bin]
 * @example
 * ```ts
 * migraKernel(pdf, etrue.centers, edisp.axis("migra"), ereco.edges); // rows sum to ≈ 1
 * ```
 */
export function migraKernel(pdf: Float64Array, energyTrue: ArrayLike<number>, migra: MapAxis, recoEdges: ArrayLike<number>): Float64Array {
  const nt = energyTrue.length;
  const nm = migra.nbin;
  const nr = recoEdges.length - 1;
  const widths = migra.widths;
  const pix = migraEdgePositions(energyTrue, migra, recoEdges);
  const scratch = migraKernelScratch(nm, nr, 1);
  const out = new Float64Array(nt * nr);
  for (let t = 0; t < nt; t++) migraKernelColumns(pdf, t * nm, 1, widths, pix, t * (nr + 1), nr, scratch, out, t * nr, 1);
  return out;
}
