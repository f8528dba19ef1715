/**
 * Pixel values from an IRF's offset-node table (see offset-nodes.ts): each pixel
 * interpolates linearly in offset between its two bracketing nodes, with the rules of
 * {@link IrfEvaluator} — extrapolation, negatives clipped to 0, the fill value where the
 * IRF's out-of-bounds rule says so and where a value is not finite.
 */
import { scaleInverse } from "@gammats/maps";
import type { OffsetNodeTable, OffsetPositions } from "./offset-nodes.js";

/**
 * One row of a node table at pixel offsets, with the IRF's rules (kernel; no allocation):
 * `out[outOffset + j] = value(pixel) · factor` for pixel `pixels[j]` (or j when `pixels`
 * is null), j < n.
 *
 * @param table - node table
 * @param row - row of the table
 * @param pos - pixel positions on the offset nodes
 * @param pixels - pixel indices, or null for 0..n−1
 * @param n - number of values
 * @param out - output
 * @param outOffset - index of the first value in `out`
 * @param factor - multiplies every value (e.g. a live time)
 * @example
 * ```ts
 * offsetRow(table, e, locateOffsets(aeff.axis("offset"), offsets), null, offsets.length, out, e * offsets.length, livetime);
 * ```
 */
export function offsetRow(
  table: OffsetNodeTable,
  row: number,
  pos: OffsetPositions,
  pixels: Int32Array | null,
  n: number,
  out: Float64Array,
  outOffset: number,
  factor: number,
): void {
  const { nodes, valuesScale } = table;
  const base = row * table.nnode;
  const isLin = valuesScale === "lin";
  const hasFill = table.fill !== null;
  const fv = table.fill ?? 0;
  const fin = table.fillInside[row] === 1;
  const fout = table.fillOutside[row] === 1;
  const { cell, frac, flag } = pos;
  for (let j = 0; j < n; j++) {
    const i = pixels === null ? j : pixels[j]!;
    const f = flag[i]!;
    let v: number;
    if (f === 2) v = hasFill ? fv : NaN;
    else if (f === 1 ? fout : fin) v = fv;
    else {
      const c = base + cell[i]!;
      const t = frac[i]!;
      const s = nodes[c]! * (1 - t) + nodes[c + 1]! * t;
      const r = isLin ? s : scaleInverse(s, valuesScale);
      v = r < 0 ? 0 : r;
      if (hasFill && !Number.isFinite(v)) v = fv;
    }
    out[outOffset + j] = v * factor;
  }
}

/**
 * Every row of a node table at pixel offsets, with the IRF's rules: `out[row·n + i] =
 * value(row, pixel i) · factor`, n pixels. Rows of finite nodes in a linear value scale
 * are interpolated without branches, the flagged pixels (outside, NaN) fixed afterwards;
 * other rows go through {@link offsetRow}.
 *
 * @param table - node table
 * @param pos - pixel positions on the offset nodes
 * @param out - output, length rows × pixels
 * @param factor - multiplies every value (e.g. a live time)
 * @returns `out`
 * @example
 * ```ts
 * offsetRows(offsetNodeTable(aeff, ANY_AXIS_OUTSIDE, [energies, null])!, locateOffsets(aeff.axis("offset"), offsets), out, livetime);
 * ```
 */
export function offsetRows(table: OffsetNodeTable, pos: OffsetPositions, out: Float64Array, factor: number): Float64Array {
  const n = pos.flag.length;
  const nn = table.nnode;
  const hasFill = table.fill !== null;
  const fv = table.fill ?? 0;
  // Rows filled inside the offset axis hold the fill value 0 in `nodes` when the scale is linear.
  const zeroed = table.fill === 0;
  for (let row = 0; row < table.nrow; row++) {
    const o = row * n;
    if (table.valuesScale !== "lin" || (table.fillInside[row] === 1 && !zeroed) || !finiteRange(table.nodes, row * nn, nn)) {
      offsetRow(table, row, pos, null, n, out, o, factor);
      continue;
    }
    lerpClipRow(table.nodes, row * nn, pos.cell, pos.frac, out, o, n, factor);
    if (pos.nspecial > 0) fixFlagged(pos.flag, pos.special, pos.nspecial, table.fillOutside[row] === 1, hasFill, fv * factor, out, o);
  }
  return out;
}

/**
 * Rows row0 .. row0 + nrows − 1 of a node table at listed pixels, compact:
 * `out[r·m + j] = value(row0 + r, pixels[j])`, as {@link offsetRow} gives them.
 *
 * @param table - node table
 * @param row0 - first row
 * @param nrows - number of rows
 * @param pos - pixel positions on the offset nodes
 * @param pixels - pixel indices (the first m)
 * @param m - number of pixels
 * @param out - output, length ≥ nrows × m
 * @returns `out`
 * @example
 * ```ts
 * offsetBlock(table, t * nm, nm, pos, general, m, block); // [migra][listed pixel]
 * ```
 */
export function offsetBlock(table: OffsetNodeTable, row0: number, nrows: number, pos: OffsetPositions, pixels: Int32Array, m: number, out: Float64Array): Float64Array {
  const nn = table.nnode;
  const flagged = anyFlagged(pos.flag, pixels, m);
  for (let r = 0; r < nrows; r++) {
    const row = row0 + r;
    if (flagged || table.valuesScale !== "lin" || (table.fillInside[row] === 1 && table.fill !== 0) || !finiteRange(table.nodes, row * nn, nn)) {
      offsetRow(table, row, pos, pixels, m, out, r * m, 1);
    } else lerpClipPixels(table.nodes, row * nn, pos.cell, pos.frac, pixels, m, out, r * m);
  }
  return out;
}

function anyFlagged(flag: Uint8Array, pixels: Int32Array, m: number): boolean {
  for (let j = 0; j < m; j++) if (flag[pixels[j]!] !== 0) return true;
  return false;
}

/** out[o + j] = max(0, nodes[c]·(1 − t) + nodes[c + 1]·t) for pixel pixels[j] (kernel). */
function lerpClipPixels(nodes: Float64Array, base: number, cell: Int32Array, frac: Float64Array, pixels: Int32Array, m: number, out: Float64Array, o: number): void {
  for (let j = 0; j < m; j++) {
    const i = pixels[j]!;
    const c = base + cell[i]!;
    const t = frac[i]!;
    const v = nodes[c]! * (1 - t) + nodes[c + 1]! * t;
    out[o + j] = v < 0 ? 0 : v;
  }
}

/** True when values[from .. from + n) are all finite. */
function finiteRange(values: Float64Array, from: number, n: number): boolean {
  for (let i = from; i < from + n; i++) if (!Number.isFinite(values[i]!)) return false;
  return true;
}

/** out[o + i] = max(0, nodes[c]·(1 − t) + nodes[c + 1]·t) · factor, c = base + cell_i (kernel). */
function lerpClipRow(nodes: Float64Array, base: number, cell: Int32Array, frac: Float64Array, out: Float64Array, o: number, n: number, factor: number): void {
  for (let i = 0; i < n; i++) {
    const c = base + cell[i]!;
    const t = frac[i]!;
    const v = nodes[c]! * (1 - t) + nodes[c + 1]! * t;
    out[o + i] = (v < 0 ? 0 : v) * factor;
  }
}

/**
 * The flagged pixels of a row interpolated by {@link lerpClipRow}: NaN offsets get the
 * fill value (NaN without one); offsets outside the axis get it when the rule says so or
 * their extrapolated value is not finite.
 */
function fixFlagged(flag: Uint8Array, special: Int32Array, m: number, fillOutside: boolean, hasFill: boolean, fill: number, out: Float64Array, o: number): void {
  for (let j = 0; j < m; j++) {
    const i = special[j]!;
    if (flag[i] === 2) out[o + i] = hasFill ? fill : NaN;
    else if (fillOutside || (hasFill && !Number.isFinite(out[o + i]!))) out[o + i] = fill;
  }
}
