/**
 * IRF maps interpolated in offset only (the node table here; pixel values in
 * offset-rows.ts, normalised profiles in offset-mix.ts and offset-profiles.ts). For a
 * fixed pointing an IRF depends on a pixel through its offset alone, and the IRF's
 * multilinear interpolation is separable: the IRF is evaluated once at its own offset
 * nodes (for every other coordinate of the map) and each pixel interpolates linearly
 * between its two bracketing nodes, in the offset axis' scale and the IRF's value scale.
 * The rules of {@link IrfEvaluator} are kept: extrapolation beyond the outer nodes,
 * negative results clipped to 0, the fill value where the IRF's out-of-bounds rule puts a
 * point outside its axes' edges and where a result is not finite. Values equal the full
 * evaluation up to round-off.
 */
import { conversionFactor } from "@gammats/core";
import { ScaledGridInterpolator, findCell, scaleArray } from "@gammats/maps";
import type { InterpScale, MapAxis } from "@gammats/maps";
import type { Irf } from "./irf-core.js";
import type { OutOfBoundsRule } from "./irf-evaluator.js";

/** Where pixel offsets fall on an IRF's offset nodes. */
export interface OffsetPositions {
  /** Lower node of the cell used, in [0, nodes − 2] (the outer cells extrapolate). */
  readonly cell: Int32Array;
  /** Normalised distance from that node in the axis' scale; outside [0, 1] when extrapolating. */
  readonly frac: Float64Array;
  /** 0 inside the axis edges, 1 outside them, 2 NaN. */
  readonly flag: Uint8Array;
  /** The pixels whose flag is not 0 (the first `nspecial` entries). */
  readonly special: Int32Array;
  /** Number of pixels whose flag is not 0. */
  readonly nspecial: number;
}

/**
 * Locates offsets on an offset axis' nodes (bin centres) as the IRF interpolator does:
 * cells and distances in the axis' interpolation scale, "outside" from the axis edges.
 *
 * @param axis - the IRF's offset axis (≥ 2 bins), internal unit [deg]
 * @param offsets - offsets [deg]
 * @returns cells, distances and flags
 * @example
 * ```ts
 * locateOffsets(aeff.axis("offset"), [0.3, 9]).flag; // [0, 1] for H.E.S.S. DR1 (edges -0.25..2.75 deg)
 * ```
 */
export function locateOffsets(axis: MapAxis, offsets: ArrayLike<number>): OffsetPositions {
  const scale = axis.interp;
  const g = scaleArray(axis.centers, scale, new Float64Array(axis.nbin));
  const edges = axis.edges;
  const n = offsets.length;
  const x = offsets instanceof Float64Array ? offsets : Float64Array.from(offsets);
  const scaled = scale === "lin" ? x : scaleArray(x, scale, new Float64Array(n));
  const cell = new Int32Array(n);
  const frac = new Float64Array(n);
  const flag = new Uint8Array(n);
  const special = new Int32Array(n);
  const nspecial = locateKernel(x, scaled, g, edges[0]!, edges[edges.length - 1]!, cell, frac, flag, special);
  return { cell, frac, flag, special, nspecial };
}

/** Cells, distances, flags and the list of flagged points (kernel; returns their number). */
function locateKernel(
  x: Float64Array,
  s: Float64Array,
  g: Float64Array,
  lo: number,
  hi: number,
  cell: Int32Array,
  frac: Float64Array,
  flag: Uint8Array,
  special: Int32Array,
): number {
  let m = 0;
  for (let j = 0; j < x.length; j++) {
    const v = s[j]!;
    if (v !== v) {
      flag[j] = 2;
      special[m++] = j;
      continue;
    }
    const xj = x[j]!;
    if (!(xj >= lo && xj <= hi)) {
      flag[j] = 1;
      special[m++] = j;
    }
    const c = findCell(g, v);
    cell[j] = c;
    frac[j] = (v - g[c]!) / (g[c + 1]! - g[c]!);
  }
  return m;
}

/** An IRF evaluated at its offset nodes for every combination of the other coordinates. */
export interface OffsetNodeTable {
  /**
   * Values in the IRF's value scale, not clipped, C order [row][node]; a row is one
   * combination of the other coordinates (C order over them, the IRF's axis order). With
   * fill value 0 and a linear value scale, rows filled everywhere inside the offset axis
   * hold 0.
   */
  readonly nodes: Float64Array;
  /** Number of offset nodes. */
  readonly nnode: number;
  /** Number of rows. */
  readonly nrow: number;
  /** Scale the nodes' values are in. */
  readonly valuesScale: InterpScale;
  /** Fill value [IRF unit], or null (extrapolate everywhere). */
  readonly fill: number | null;
  /** Per row: 1 when a pixel inside the offset axis gets the fill value. */
  readonly fillInside: Uint8Array;
  /** Per row: 1 when a pixel outside the offset axis gets the fill value. */
  readonly fillOutside: Uint8Array;
}

// Interpolators over each IRF's table in its value scale, without clipping or fill. When
// the table is finite, one over the whole table: at a node's offset the neighbouring
// node's weight is exactly 0 and adds exactly 0. Otherwise one per node on its slice of
// the table, which keeps a node's values free of its neighbours (NaN · 0 is NaN). An
// IRF's axes and data are not changed after construction (as for its own evaluator), so
// the interpolators of an IRF object serve every map made from it.
const NODE_INTERPOLATORS = new WeakMap<Irf, NodeInterpolators>();

interface NodeInterpolators {
  /** Over the whole table, or null. */
  readonly whole: ScaledGridInterpolator | null;
  /** One per node over the other axes, when `whole` is null. */
  readonly slices: readonly ScaledGridInterpolator[];
}

/**
 * The IRF at its offset nodes, for the outer product of the other coordinates; null when
 * the IRF cannot be evaluated so (method "nearest", a single offset bin, no other axis
 * with more than one bin, more than 10 axes, or a non-linear value scale with data given
 * in another unit) — use the full evaluation then.
 *
 * @param irf - the IRF (with an "offset" axis)
 * @param outside - the IRF's out-of-bounds rule (bit d for axis d)
 * @param coords - coordinates per IRF axis in internal units; the offset entry is ignored
 * @returns the node table, or null
 * @example
 * ```ts
 * const table = offsetNodeTable(aeff, ANY_AXIS_OUTSIDE, [energies, null]); // rows: energies
 * ```
 */
export function offsetNodeTable(irf: Irf, outside: OutOfBoundsRule, coords: readonly (ArrayLike<number> | null)[]): OffsetNodeTable | null {
  const k = irf.axes.findIndex((a) => a.name === "offset");
  const interp = irf.interpolation;
  // (More than 10 axes: the rule's table of axis combinations would be large; no IRF has them.)
  if (k < 0 || irf.axes[k]!.nbin < 2 || interp.method !== "linear" || irf.axes.length > 10) return null;
  if (!irf.axes.some((a, d) => d !== k && a.nbin > 1)) return null;
  const valuesScale = interp.valuesScale;
  // A log or sqrt scale interpolates the values in their source unit (Irf.sourceUnit).
  if (valuesScale !== "lin" && conversionFactor(irf.sourceUnit, irf.unit) !== 1) return null;
  const nnode = irf.axes[k]!.nbin;
  let ips = NODE_INTERPOLATORS.get(irf);
  if (ips === undefined) {
    ips = nodeInterpolators(irf, k, valuesScale);
    NODE_INTERPOLATORS.set(irf, ips);
  }
  const other = irf.axes.flatMap((_, d) => (d === k ? [] : [coords[d]!]));
  let nrow = 1;
  for (const c of other) nrow *= c.length;
  let nodes: Float64Array;
  if (ips.whole !== null) {
    const raw = ips.whole.evaluateGrid(irf.axes.map((a, d) => (d === k ? a.centers : coords[d]!)));
    let after = 1;
    for (let d = k + 1; d < irf.axes.length; d++) after *= coords[d]!.length;
    nodes = after === 1 ? raw : transposeMiddle(raw, nrow / after, nnode, after, new Float64Array(raw.length));
  } else {
    nodes = new Float64Array(nrow * nnode);
    const slice = new Float64Array(nrow);
    for (let j = 0; j < nnode; j++) {
      ips.slices[j]!.evaluateGrid(other, slice);
      for (let r = 0; r < nrow; r++) nodes[r * nnode + j] = slice[r]!;
    }
  }
  const fill = interp.fillValue;
  const fillInside = new Uint8Array(nrow);
  const fillOutside = new Uint8Array(nrow);
  if (fill !== null) {
    const bits = rowBits(irf.axes, coords, k, nrow);
    // The rule asked once per combination of axes outside (few), not once per row.
    const ncomb = 1 << irf.axes.length;
    const ruleIn = new Uint8Array(ncomb);
    const ruleOut = new Uint8Array(ncomb);
    for (let b = 0; b < ncomb; b++) {
      if ((b & (1 << k)) !== 0) continue;
      ruleIn[b] = b !== 0 && outside(b) ? 1 : 0;
      ruleOut[b] = outside(b | (1 << k)) ? 1 : 0;
    }
    for (let r = 0; r < nrow; r++) {
      fillInside[r] = ruleIn[bits[r]!]!;
      fillOutside[r] = ruleOut[bits[r]!]!;
    }
    if (fill === 0 && valuesScale === "lin") {
      for (let r = 0; r < nrow; r++) if (fillInside[r] === 1) nodes.fill(0, r * nnode, (r + 1) * nnode);
    }
  }
  return { nodes, nnode, nrow, valuesScale, fill, fillInside, fillOutside };
}

function nodeInterpolators(irf: Irf, k: number, valuesScale: InterpScale): NodeInterpolators {
  const axes = irf.axes;
  const data = irf.data;
  const scaled = valuesScale === "lin" ? data : scaleArray(data, valuesScale, new Float64Array(data.length));
  const options = { valuesScale: "lin" as const, fillValue: "extrapolate" as const, clip: false };
  // Native scans: no per-value loop in JavaScript.
  if (!(scaled.includes(NaN) || scaled.includes(Infinity) || scaled.includes(-Infinity))) {
    return { whole: ScaledGridInterpolator.fromAxes(axes, scaled, options), slices: [] };
  }
  const nnode = axes[k]!.nbin;
  let after = 1;
  for (let d = k + 1; d < axes.length; d++) after *= axes[d]!.nbin;
  const before = data.length / (nnode * after);
  const otherAxes = axes.filter((_, d) => d !== k);
  const slices: ScaledGridInterpolator[] = [];
  for (let j = 0; j < nnode; j++) {
    const slice = new Float64Array(before * after);
    for (let b = 0; b < before; b++) slice.set(scaled.subarray((b * nnode + j) * after, (b * nnode + j + 1) * after), b * after);
    slices.push(ScaledGridInterpolator.fromAxes(otherAxes, slice, options));
  }
  return { whole: null, slices };
}

/** [before][mid][after] → [before][after][mid] (kernel). */
function transposeMiddle(raw: Float64Array, before: number, mid: number, after: number, out: Float64Array): Float64Array {
  if (mid === 1 || after === 1) {
    if (out !== raw) out.set(raw);
    return out;
  }
  for (let b = 0; b < before; b++) {
    for (let j = 0; j < mid; j++) {
      const src = (b * mid + j) * after;
      for (let a = 0; a < after; a++) out[(b * after + a) * mid + j] = raw[src + a]!;
    }
  }
  return out;
}

/** Bits of the axes other than `k` whose coordinate is outside the edges (NaN included), per row. */
function rowBits(axes: readonly MapAxis[], coords: readonly (ArrayLike<number> | null)[], k: number, nrow: number): Int32Array {
  const bits = new Int32Array(nrow);
  // Rows run in C order over the axes other than k; `inner` is the number of rows per
  // step of axis d.
  let inner = nrow;
  for (let d = 0; d < axes.length; d++) {
    if (d === k) continue;
    const c = coords[d]!;
    const e = axes[d]!.edges;
    const lo = e[0]!;
    const hi = e[e.length - 1]!;
    const len = c.length;
    inner /= len;
    for (let r = 0; r < nrow; r++) {
      const x = c[Math.floor(r / inner) % len]!;
      if (!(x >= lo && x <= hi)) bits[r] = bits[r]! | (1 << d);
    }
  }
  return bits;
}
