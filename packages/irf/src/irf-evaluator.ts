/**
 * Evaluation of an IRF grid with Gammapy 1.0's rules (`IRF.evaluate`): interpolate with
 * extrapolation everywhere, then put the fill value where a coordinate lies outside its
 * axis' edges (which axes count is decided per IRF) and where the result is not finite.
 */
import { DataError } from "@gammats/core";
import { ScaledGridInterpolator } from "@gammats/maps";
import type { GridPostFill, InterpMethod, InterpScale, MapAxis } from "@gammats/maps";

/** Interpolation settings of an IRF (Gammapy's `interp_kwargs`). */
export interface IrfInterpolation {
  /** "linear" (multilinear in the axes' scales) or "nearest". */
  method: InterpMethod;
  /** Scale of the values: "log" for quantities spanning decades (background), else "lin". */
  valuesScale: InterpScale;
  /**
   * Value outside the axes (and for non-finite results) [IRF unit], or `null` to
   * extrapolate everywhere (Gammapy's `fill_value=None`). Gammapy's default is 0.
   */
  fillValue: number | null;
}

/**
 * Decides, from the bit mask of axes whose coordinate is outside the axis edges (bit d set
 * for axis d), whether a point gets the fill value. Gammapy's default: any axis outside.
 */
export type OutOfBoundsRule = (invalidAxes: number) => boolean;

/** Gammapy's default rule: a point is outside when any coordinate is. */
export const ANY_AXIS_OUTSIDE: OutOfBoundsRule = (invalidAxes) => invalidAxes !== 0;

/** Per-call options of {@link IrfEvaluator.evaluate}. */
export interface IrfEvaluateOptions {
  /** Interpolation method for this call. Default: the IRF's. */
  method?: InterpMethod;
}

/**
 * Interpolates values given on the bin centres of axes, with an IRF's fill rules.
 *
 * A coordinate is outside its axis when it is below the first edge, above the last edge
 * or not finite (Gammapy's `coord_to_idx(clip=False) == -1`; a coordinate exactly on the
 * last edge is inside). Coordinates are in the axes' units.
 *
 * Edges are the exact node values. Gammapy recomputes them as exp(log(x)) with NumPy's
 * SIMD log/exp, whose last bit depends on the CPU (on AVX-512 machines a 100 TeV edge
 * becomes 99.99999999999994): a coordinate exactly on an outer edge is then inside or
 * outside depending on the machine. Here both outer edges are inside, always.
 *
 * @example
 * ```ts
 * const ev = new IrfEvaluator([energy, offset], aeff, { method: "linear", valuesScale: "lin", fillValue: 0 });
 * ev.evaluate([new Float64Array([1, 300]), new Float64Array([0.5])]); // [a(1 TeV, 0.5 deg), 0]
 * ```
 */
export class IrfEvaluator {
  /** Axes of the grid, in data order. */
  readonly axes: readonly MapAxis[];
  /** Interpolation settings. */
  readonly interpolation: Readonly<IrfInterpolation>;
  private readonly interpolator: ScaledGridInterpolator;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  private readonly outside: OutOfBoundsRule;

  /**
   * @param axes - axes of the grid (values sit on their centres)
   * @param values - values in C order over `axes` (last axis fastest)
   * @param interpolation - method, value scale and fill value
   * @param outside - which out-of-range axes make a point "outside" (default: any)
   * @throws DataError when the values do not fit the axes
   */
  constructor(
    axes: readonly MapAxis[],
    values: ArrayLike<number>,
    interpolation: IrfInterpolation,
    outside: OutOfBoundsRule = ANY_AXIS_OUTSIDE,
  ) {
    if (axes.length > 30) {
      throw new DataError(`IRF with ${axes.length} axes`, { hint: "an IRF has at most 30 axes" });
    }
    this.axes = axes;
    this.interpolation = Object.freeze({ ...interpolation });
    // Gammapy interpolates with extrapolation and applies the fill value afterwards.
    this.interpolator = ScaledGridInterpolator.fromAxes(axes, values, {
      valuesScale: interpolation.valuesScale,
      method: interpolation.method,
      fillValue: "extrapolate",
      clip: true,
    });
    this.lo = new Float64Array(axes.length);
    this.hi = new Float64Array(axes.length);
    axes.forEach((a, d) => {
      const e = a.edges;
      this.lo[d] = e[0]!;
      this.hi[d] = e[e.length - 1]!;
    });
    this.outside = outside;
  }

  /**
   * Values at points given as one coordinate array per axis (length n, or 1 to broadcast).
   *
   * @param coords - coordinates per axis, in the axes' order and units
   * @param out - output of length >= n (default: new)
   * @param options - per-call interpolation method
   * @returns `out` with n values
   * @throws DataError when the number or lengths of the arrays do not fit
   */
  evaluate(coords: readonly ArrayLike<number>[], out?: Float64Array, options: IrfEvaluateOptions = {}): Float64Array {
    const method = options.method ?? this.interpolation.method;
    const res = this.interpolator.evaluate(coords, out, { method });
    const fill = this.interpolation.fillValue;
    if (fill === null) return res;
    let n = 1;
    for (const c of coords) if (c.length !== 1) n = c.length;
    const ndim = coords.length;
    const lo = this.lo;
    const hi = this.hi;
    for (let i = 0; i < n; i++) {
      let invalid = 0;
      for (let d = 0; d < ndim; d++) {
        const c = coords[d]!;
        const x = c.length === 1 ? c[0]! : c[i]!;
        // Written so that NaN lands in the invalid branch.
        if (!(x >= lo[d]! && x <= hi[d]!)) invalid |= 1 << d;
      }
      if ((invalid !== 0 && this.outside(invalid)) || !Number.isFinite(res[i]!)) res[i] = fill;
    }
    return res;
  }

  /**
   * Values on the outer product of per-axis coordinates, C order (last axis fastest):
   * the same as {@link evaluate} on {@link gridCoordinates}, with each coordinate scaled,
   * located and range-checked once per axis.
   *
   * @param axisCoords - coordinates per axis, in the axes' order and units
   * @param out - output of length >= Π axisCoords[d].length (default: new)
   * @param options - per-call interpolation method
   * @returns `out`
   * @throws DataError when the number of arrays or the output length do not fit
   */
  evaluateGrid(axisCoords: readonly ArrayLike<number>[], out?: Float64Array, options: IrfEvaluateOptions = {}): Float64Array {
    const method = options.method ?? this.interpolation.method;
    const last = axisCoords[axisCoords.length - 1];
    if (this.interpolation.fillValue !== null && last !== undefined && last.length === 1) {
      // Rows of one point: a row-wise fill rule would be asked once per point, and it
      // keeps the interpolator from looping the long dimension innermost.
      const res = this.interpolator.evaluateGrid(axisCoords, out, { method });
      this.fillGrid(axisCoords, res, this.interpolation.fillValue);
      return res;
    }
    const post = this.postFill(axisCoords, 1);
    return this.interpolator.evaluateGrid(axisCoords, out, post === null ? { method } : { method, post });
  }

  /**
   * The fill rule of {@link evaluate} applied to a product evaluation in one pass: the
   * fill value where the rule finds the point outside (NaN coordinates included) or the
   * value is not finite.
   */
  private fillGrid(axisCoords: readonly ArrayLike<number>[], res: Float64Array, fill: number): void {
    const ndim = axisCoords.length;
    // Loop as the values are laid out, with the last dimension of more than one
    // coordinate (m) innermost; the single coordinates after it are constant.
    let m = ndim - 1;
    while (m > 0 && axisCoords[m]!.length === 1) m--;
    const bits: Int32Array[] = [];
    let constant = 0;
    for (let d = 0; d < ndim; d++) {
      const b = outsideBits(axisCoords[d]!, this.lo[d]!, this.hi[d]!, 1 << d);
      bits.push(b);
      if (d > m) constant |= b[0]!;
    }
    const inner = bits[m]!;
    const nm = inner.length;
    let nOuter = 1;
    for (let d = 0; d < m; d++) nOuter *= axisCoords[d]!.length;
    const idx = new Int32Array(Math.max(m, 1));
    const outside = this.outside;
    for (let o = 0; o < nOuter; o++) {
      let row = constant;
      for (let d = 0; d < m; d++) row |= bits[d]![idx[d]!]!;
      // Within a row only dimension m's bit varies: the rule is asked at most twice.
      const outRow = row !== 0 && outside(row);
      const outWith = outside(row | (1 << m));
      const i0 = o * nm;
      for (let j = 0; j < nm; j++) {
        const i = i0 + j;
        if ((inner[j] === 0 ? outRow : outWith) || !Number.isFinite(res[i]!)) res[i] = fill;
      }
      for (let d = m - 1; d >= 0; d--) {
        if (++idx[d]! < axisCoords[d]!.length) break;
        idx[d] = 0;
      }
    }
  }


  /**
   * Values on the outer product of the leading axes' coordinates with a list of points in
   * the trailing axes, C order (points fastest): e.g. every energy × every (lon, lat)
   * pixel. The same as {@link evaluate} on the flattened points.
   *
   * @param gridCoords - coordinates per leading axis, in the axes' order and units
   * @param pointCoords - coordinates per trailing axis, one value per point each
   * @param out - output of length >= Π gridCoords[d].length × points (default: new)
   * @param options - per-call interpolation method
   * @returns `out`
   * @throws DataError when the numbers or lengths of the arrays do not fit
   */
  evaluateGridPoints(
    gridCoords: readonly ArrayLike<number>[],
    pointCoords: readonly ArrayLike<number>[],
    out?: Float64Array,
    options: IrfEvaluateOptions = {},
  ): Float64Array {
    const method = options.method ?? this.interpolation.method;
    const post = this.postFill([...gridCoords, ...pointCoords], pointCoords.length);
    return this.interpolator.evaluateGridPoints(gridCoords, pointCoords, out, post === null ? { method } : { method, post });
  }

  /**
   * The fill rules of {@link evaluate} for a product evaluation: the fill value where the
   * rule finds the point outside (from the bits of the axes outside their edges, NaN
   * included) and where the result is not finite; null without a fill value.
   */
  private postFill(axisCoords: readonly ArrayLike<number>[], nPaired: number): GridPostFill | null {
    const fill = this.interpolation.fillValue;
    if (fill === null) return null;
    const ndim = axisCoords.length;
    const lead = ndim - nPaired;
    // Bit d of bits[d][j] when coordinate j of axis d is outside (NaN included).
    const bits: Int32Array[] = [];
    for (let d = 0; d < ndim; d++) bits.push(outsideBits(axisCoords[d]!, this.lo[d]!, this.hi[d]!, 1 << d));
    // The trailing axes' bits, combined per point.
    const nLast = axisCoords[ndim - 1]!.length;
    const bLast = new Int32Array(nLast);
    for (let d = lead; d < ndim; d++) orInto(bLast, bits[d]!, nLast);
    // One mask per combination of the leading axes' bits (few), made when first needed.
    const masks = new Map<number, Uint8Array | null>();
    const outside = this.outside;
    const rowMask = (row: number): Uint8Array | null => {
      let invalidPre = 0;
      let rest = row;
      for (let d = lead - 1; d >= 0; d--) {
        const len = axisCoords[d]!.length;
        const j = rest % len;
        rest = (rest - j) / len;
        invalidPre |= bits[d]![j]!;
      }
      let mask = masks.get(invalidPre);
      if (mask === undefined) {
        const m = new Uint8Array(nLast);
        let any = false;
        for (let j = 0; j < nLast; j++) {
          const invalid = invalidPre | bLast[j]!;
          if (invalid !== 0 && outside(invalid)) {
            m[j] = 1;
            any = true;
          }
        }
        mask = any ? m : null;
        masks.set(invalidPre, mask);
      }
      return mask;
    };
    return { value: fill, nonFinite: true, rowMask };
  }
}

/**
 * `bit` where a coordinate is outside [lo, hi] (NaN included), else 0: the range test of
 * the fill rules, a kernel of its own (inside the callers, the loop after it had no type
 * feedback when the first was optimised, and the code was thrown away there).
 */
function outsideBits(c: ArrayLike<number>, lo: number, hi: number, bit: number): Int32Array {
  return outsideBitsInto(c, lo, hi, bit, new Int32Array(c.length));
}

/** {@link outsideBits} into `b`, the loop alone. */
function outsideBitsInto(c: ArrayLike<number>, lo: number, hi: number, bit: number, b: Int32Array): Int32Array {
  for (let j = 0; j < c.length; j++) {
    const x = c[j]!;
    // Stored every time: a store only for outside points had no type feedback until the
    // first one came, and threw the optimised code away there.
    b[j] = x >= lo && x <= hi ? 0 : bit;
  }
  return b;
}

/** acc[j] |= b[j] for j < n. */
function orInto(acc: Int32Array, b: Int32Array, n: number): void {
  for (let j = 0; j < n; j++) acc[j] = acc[j]! | b[j]!;
}

/**
 * All points of the outer product of per-axis coordinates, as one flat array per axis in
 * C order (last axis fastest), ready for {@link IrfEvaluator.evaluate}.
 *
 * @param coords - coordinates per axis
 * @returns flat coordinate arrays of length Π coords[d].length
 * @example
 * ```ts
 * gridCoordinates([[1, 2], [5, 6, 7]]); // [[1,1,1,2,2,2], [5,6,7,5,6,7]]
 * ```
 */
export function gridCoordinates(coords: readonly ArrayLike<number>[]): Float64Array[] {
  const n = coords.reduce((p, c) => p * c.length, 1);
  const out: Float64Array[] = [];
  let inner = n;
  for (const c of coords) {
    const len = c.length;
    inner /= len;
    const flat = new Float64Array(n);
    for (let i = 0; i < n; i++) flat[i] = c[Math.floor(i / inner) % len]!;
    out.push(flat);
  }
  return out;
}

