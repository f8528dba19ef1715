/**
 * N-dimensional interpolation on a regular grid in scaled coordinates and values, the
 * gammats counterpart of Gammapy's `ScaledRegularGridInterpolator` (used by every IRF).
 */
import { DataError } from "@gammats/core";
import { evaluateScaledGrid } from "./grid-interpolation-kernel.js";
import { evaluateScaledGridProduct } from "./grid-product-kernel.js";
import type { GridPostFill } from "./grid-product-kernel.js";
import type { ScaledGridCall, ScaledGridPlan } from "./grid-interpolation-kernel.js";
import { isInterpScale, scaleArray } from "./interpolation-scale.js";
import type { InterpScale } from "./interpolation-scale.js";

/** Interpolation method: multilinear, or the value of the nearest grid node. */
export type InterpMethod = "linear" | "nearest";

/** Options of {@link ScaledGridInterpolator}; every one has Gammapy's default. */
export interface ScaledGridInterpolatorOptions {
  /** Scale of each dimension's coordinates (`MapAxis.interp`). Default: all "lin". */
  pointsScale?: readonly InterpScale[];
  /** Scale of the values: "log" for quantities spanning decades (aeff, background). Default "lin". */
  valuesScale?: InterpScale;
  /** Default method of {@link ScaledGridInterpolator.evaluate}. Default "linear". */
  method?: InterpMethod;
  /**
   * Result outside the grid nodes: "extrapolate" (linear extrapolation from the edge
   * cells, in the scaled space; Gammapy's `extrapolate=True`) or a number such as NaN
   * or 0. Default "extrapolate". The number is an output value; Gammapy sets it before
   * undoing the value scale, which differs only for a non-zero, non-NaN fill with
   * `valuesScale` "log" (Gammapy returns exp(fill)) or "sqrt" (fill²).
   */
  fillValue?: number | "extrapolate";
  /** Replace negative results by 0 (Gammapy's `clip=True`). Default true. */
  clip?: boolean;
}

/** Per-call overrides of {@link ScaledGridInterpolator.evaluate}. */
export interface EvaluateOptions {
  /** Method for this call. Default: the interpolator's. */
  method?: InterpMethod;
  /** Clip negative results at 0. Default: the interpolator's. */
  clip?: boolean;
  /**
   * {@link evaluateGrid} and {@link evaluateGridPoints} only: a value put in afterwards,
   * row by row, where the caller's mask or a non-finite result says so (e.g. an IRF's
   * fill value outside its axes). Default none.
   */
  post?: GridPostFill;
}

/** Something with nodes and an interpolation scale, such as a {@link MapAxis}. */
export interface InterpolationAxisLike {
  /** Grid nodes (bin centres) [axis unit]. */
  readonly centers: Float64Array;
  /** Scale of the axis. */
  readonly interp: InterpScale;
}

/**
 * Multilinear interpolator over a regular grid (1 to 16 dimensions, any node spacing)
 * with per-dimension coordinate scales and a value scale.
 *
 * Grid nodes and values are scaled once at construction. Dimensions with a single node
 * are ignored (their coordinates are not used), as in Gammapy. Points outside the grid
 * are extrapolated linearly in the scaled space unless `fillValue` is a number.
 *
 * @example
 * ```ts
 * const e = new Float64Array([1, 10, 100]);           // TeV
 * const interp = new ScaledGridInterpolator([e], new Float64Array([1e4, 1e3, 1e2]), {
 *   pointsScale: ["log"], valuesScale: "log",
 * });
 * interp.evaluate([new Float64Array([3.1622776601683795])]); // [3162.27766...] (10^3.5, exact power law)
 * ```
 */
export class ScaledGridInterpolator {
  /** Number of points per dimension, as given. */
  readonly shape: readonly number[];
  private readonly plan: ScaledGridPlan;
  private readonly method: InterpMethod;
  private readonly extrapolate: boolean;
  private readonly fillValue: number;
  private readonly clip: boolean;

  /**
   * @param points - node coordinates of each dimension, strictly increasing after scaling [axis unit]
   * @param values - grid values in C order (last dimension fastest), length = product of point counts
   * @param options - scales, method, fill and clip
   * @throws DataError when shapes disagree, a scale is unknown, nodes are not strictly
   *   increasing, or all dimensions have one node and the method is not "nearest"
   */
  constructor(
    points: readonly ArrayLike<number>[],
    values: ArrayLike<number>,
    options: ScaledGridInterpolatorOptions = {},
  ) {
    const ndim = points.length;
    if (ndim < 1 || ndim > 16) {
      throw new DataError(`ScaledGridInterpolator: ${ndim} grid dimensions given`, {
        hint: "pass between 1 and 16 arrays of grid nodes",
      });
    }
    const pointsScale = options.pointsScale ?? new Array<InterpScale>(ndim).fill("lin");
    if (pointsScale.length !== ndim) {
      throw new DataError(
        `ScaledGridInterpolator: ${pointsScale.length} point scales for ${ndim} dimensions`,
        { hint: "give one scale ('lin', 'log' or 'sqrt') per dimension" },
      );
    }
    const valuesScale = options.valuesScale ?? "lin";
    for (const s of [...pointsScale, valuesScale]) {
      if (!isInterpScale(s)) {
        throw new DataError(`ScaledGridInterpolator: unknown interpolation scale '${String(s)}'`, {
          hint: "use 'lin', 'log' or 'sqrt'",
        });
      }
    }
    this.method = options.method ?? "linear";
    checkMethod(this.method);

    const shape = points.map((p) => p.length);
    const size = shape.reduce((a, b) => a * b, 1);
    if (values.length !== size) {
      throw new DataError(
        `ScaledGridInterpolator: ${values.length} values for a grid of shape (${shape.join(", ")})`,
        { hint: `give ${size} values in C order (last dimension fastest)` },
      );
    }

    const grids: Float64Array[] = [];
    const usedScales: InterpScale[] = [];
    const strides: number[] = [];
    const dims: number[] = [];
    let stride = 1;
    for (let d = ndim - 1; d >= 0; d--) {
      const n = shape[d]!;
      if (n === 0) {
        throw new DataError(`ScaledGridInterpolator: dimension ${d} has no nodes`, {
          hint: "every grid dimension needs at least one node",
        });
      }
      if (n > 1) {
        const g = scaleArray(points[d]!, pointsScale[d]!, new Float64Array(n));
        checkAscending(g, d, pointsScale[d]!);
        grids.unshift(g);
        usedScales.unshift(pointsScale[d]!);
        strides.unshift(stride);
        dims.unshift(d);
      }
      stride *= n;
    }
    if (grids.length === 0 && this.method !== "nearest") {
      throw new DataError("ScaledGridInterpolator: every dimension has a single node", {
        hint: "interpolating a single value requires method 'nearest'",
      });
    }

    this.shape = Object.freeze(shape);
    // "lin" values are copied natively (IRF tables are 1e4–1e5 values, read once per run).
    const scaled = valuesScale === "lin" && ArrayBuffer.isView(values) ? new Float64Array(values as unknown as ArrayLike<number>) : scaleArray(values, valuesScale, new Float64Array(size));
    // Native scans (includes finds NaN too): no per-value loop in JavaScript.
    const allFinite = !(scaled.includes(NaN) || scaled.includes(Infinity) || scaled.includes(-Infinity));
    this.plan = {
      grids,
      pointsScale: usedScales,
      strides: Int32Array.from(strides),
      dims: Int32Array.from(dims),
      values: scaled,
      valuesScale,
      allFinite,
    };
    const fill = options.fillValue ?? "extrapolate";
    this.extrapolate = fill === "extrapolate";
    this.fillValue = fill === "extrapolate" ? NaN : fill;
    this.clip = options.clip ?? true;
  }

  /**
   * Builds an interpolator on the bin centres of axes, each with its own `interp` scale.
   *
   * @param axes - one axis per dimension of `values` (e.g. energy_true, offset)
   * @param values - values on the axes' centres, C order
   * @param options - as for the constructor; `pointsScale` defaults to the axes' scales
   * @returns the interpolator
   * @throws DataError as the constructor
   * @example
   * ```ts
   * const interp = ScaledGridInterpolator.fromAxes([energyAxis, offsetAxis], aeff, { valuesScale: "log" });
   * ```
   */
  static fromAxes(
    axes: readonly InterpolationAxisLike[],
    values: ArrayLike<number>,
    options: ScaledGridInterpolatorOptions = {},
  ): ScaledGridInterpolator {
    return new ScaledGridInterpolator(
      axes.map((a) => a.centers),
      values,
      { ...options, pointsScale: options.pointsScale ?? axes.map((a) => a.interp) },
    );
  }

  /** Number of grid dimensions (including single-node ones). */
  get ndim(): number {
    return this.shape.length;
  }

  /**
   * Interpolates at many points given as parallel coordinate arrays.
   *
   * `coords[d]` holds the coordinates of dimension d [axis unit]; an array of length 1
   * is broadcast to all points. Coordinates of single-node dimensions are ignored. A NaN
   * coordinate gives NaN.
   *
   * @param coords - one array per grid dimension, each of length n or 1
   * @param out - output array of length >= n; allocated when omitted
   * @param options - per-call method and clip
   * @returns `out`, holding n values
   * @throws DataError when the number of arrays or their lengths do not fit
   * @example
   * ```ts
   * const out = new Float64Array(2);
   * interp.evaluate([energies, new Float64Array([0.5])], out); // offset 0.5 deg for both
   * ```
   */
  evaluate(
    coords: readonly ArrayLike<number>[],
    out?: Float64Array,
    options: EvaluateOptions = {},
  ): Float64Array {
    const ndim = this.shape.length;
    if (coords.length !== ndim) {
      throw new DataError(
        `ScaledGridInterpolator.evaluate: ${coords.length} coordinate arrays for ${ndim} dimensions`,
        { hint: "pass one array per grid dimension, in the grid's order" },
      );
    }
    let n = 1;
    for (const c of coords) if (c.length !== 1) n = c.length;
    const step = new Int32Array(ndim);
    for (let d = 0; d < ndim; d++) {
      const len = coords[d]!.length;
      if (len !== 1 && len !== n) {
        throw new DataError(
          `ScaledGridInterpolator.evaluate: coordinate array ${d} has ${len} elements, others ${n}`,
          { hint: "give every coordinate array the same length, or length 1 to broadcast" },
        );
      }
      step[d] = len === 1 ? 0 : 1;
    }
    const result = out ?? new Float64Array(n);
    if (result.length < n) {
      throw new DataError(`ScaledGridInterpolator.evaluate: output has ${result.length} elements, need ${n}`, {
        hint: "pass a longer output array or none",
      });
    }
    const method = options.method ?? this.method;
    checkMethod(method);
    const call: ScaledGridCall = {
      nearest: method === "nearest",
      extrapolate: this.extrapolate,
      fillValue: this.fillValue,
      clip: options.clip ?? this.clip,
    };
    const k = this.plan.grids.length;
    return evaluateScaledGrid(this.plan, call, coords, step, n, new Int32Array(k), new Float64Array(k), result);
  }

  /**
   * Interpolates on the outer product of per-dimension coordinates, C order (last
   * dimension fastest). Same values as {@link evaluate} on the flattened points, but each
   * coordinate is scaled and located once.
   *
   * @param axisCoords - one array per grid dimension [axis unit]
   * @param out - output of length >= Π axisCoords[d].length; allocated when omitted
   * @param options - per-call method and clip
   * @returns `out`
   * @throws DataError when the number of arrays or the output length do not fit
   * @example
   * ```ts
   * interp.evaluateGrid([energies, new Float64Array([0, 0.5])]); // energies.length × 2 values
   * ```
   */
  evaluateGrid(axisCoords: readonly ArrayLike<number>[], out?: Float64Array, options: EvaluateOptions = {}): Float64Array {
    return this.product(axisCoords, 1, out, options, "evaluateGrid");
  }

  /**
   * Interpolates on the outer product of the leading dimensions' coordinates with a list
   * of points in the trailing dimensions, C order (points fastest): e.g. every energy ×
   * every (lon, lat) pixel. Same values as {@link evaluate} on the flattened points, but
   * the leading coordinates are scaled and located once per axis, the points once.
   *
   * @param gridCoords - one array per leading grid dimension [axis unit]
   * @param pointCoords - one array per trailing dimension, all of the same length [axis unit]
   * @param out - output of length >= Π gridCoords[d].length × points; allocated when omitted
   * @param options - per-call method and clip
   * @returns `out`
   * @throws DataError when the number of arrays, the point arrays' lengths or the output length do not fit
   * @example
   * ```ts
   * interp.evaluateGridPoints([energies], [lon, lat]); // energies.length × lon.length values
   * ```
   */
  evaluateGridPoints(
    gridCoords: readonly ArrayLike<number>[],
    pointCoords: readonly ArrayLike<number>[],
    out?: Float64Array,
    options: EvaluateOptions = {},
  ): Float64Array {
    const n = pointCoords[0]?.length ?? 0;
    if (pointCoords.length === 0 || pointCoords.some((c) => c.length !== n)) {
      throw new DataError("ScaledGridInterpolator.evaluateGridPoints: the point arrays differ in length (or none given)", {
        hint: "give one array per trailing dimension, all with one value per point",
      });
    }
    return this.product([...gridCoords, ...pointCoords], pointCoords.length, out, options, "evaluateGridPoints");
  }

  private product(axisCoords: readonly ArrayLike<number>[], nPaired: number, out: Float64Array | undefined, options: EvaluateOptions, what: string): Float64Array {
    const ndim = this.shape.length;
    if (axisCoords.length !== ndim) {
      throw new DataError(
        `ScaledGridInterpolator.${what}: ${axisCoords.length} coordinate arrays for ${ndim} dimensions`,
        { hint: "pass one array per grid dimension, in the grid's order" },
      );
    }
    let n = 1;
    for (let d = 0; d <= ndim - nPaired; d++) n *= axisCoords[d]!.length;
    const result = out ?? new Float64Array(n);
    if (result.length < n) {
      throw new DataError(`ScaledGridInterpolator.${what}: output has ${result.length} elements, need ${n}`, {
        hint: "pass a longer output array or none",
      });
    }
    const method = options.method ?? this.method;
    checkMethod(method);
    const call: ScaledGridCall = {
      nearest: method === "nearest",
      extrapolate: this.extrapolate,
      fillValue: this.fillValue,
      clip: options.clip ?? this.clip,
    };
    return evaluateScaledGridProduct(this.plan, call, axisCoords, result, nPaired, options.post ?? null);
  }
}

function checkMethod(method: string): void {
  if (method !== "linear" && method !== "nearest") {
    throw new DataError(`ScaledGridInterpolator: unknown method '${method}'`, {
      hint: "use 'linear' or 'nearest'",
    });
  }
}

function checkAscending(g: Float64Array, d: number, scale: InterpScale): void {
  for (let i = 1; i < g.length; i++) {
    if (!(g[i]! > g[i - 1]!)) {
      throw new DataError(
        `ScaledGridInterpolator: nodes of dimension ${d} are not strictly increasing ` +
          `in '${scale}' scale at index ${i} (${g[i - 1]} then ${g[i]})`,
        {
          hint:
            scale === "log"
              ? "a log-scaled dimension needs distinct positive nodes, increasing"
              : "give strictly increasing nodes",
        },
      );
    }
  }
}
