/**
 * The base of every tabulated IRF (Gammapy's `IRF`): named axes, a data array in C order
 * over them, a unit, header meta data, and evaluation by interpolation with Gammapy's
 * fill/extrapolation rules. Concrete classes (effective area, energy dispersion,
 * background, RAD_MAX, PSF) describe themselves with an {@link IrfSpec}.
 *
 * How to add an IRF class:
 * 1. `const SPEC: IrfSpec = { tag, requiredAxes, unit, fileUnit, interpolation, gadf }`;
 * 2. `class MyIrf extends Irf { constructor(init: IrfInit) { super(SPEC, init); } }` — the
 *    one-argument constructor is what {@link Irf.copy} calls;
 * 3. `static read(hdu, options)` via `readIrfTable` and `toHdu()` via `irfTableHdu`
 *    (irf-hdu.ts); 4. register it in `IRF_REGISTRY` (irf-registry.ts) so `readIrfHdu` finds it.
 */
import { DataError, UnitError, conversionFactor, formatUnit, isCompatible, parseUnit } from "@gammats/core";
import type { FitsValue } from "@gammats/fits";
import { MapAxis } from "@gammats/maps";
import { cumsumAlongAxis, normalizeAlongAxis } from "./axis-cumsum.js";
import { ANY_AXIS_OUTSIDE, IrfEvaluator } from "./irf-evaluator.js";
import type { IrfEvaluateOptions, IrfInterpolation, OutOfBoundsRule } from "./irf-evaluator.js";

/** Orientation of the field-of-view frame of a background IRF (GADF `FOVALIGN`). */
export type FovAlignment = "RADEC" | "ALTAZ";

/** Header keywords kept from a file (or to write), e.g. `LO_THRES`, `OBS_ID`. */
export type IrfMeta = Record<string, FitsValue>;

/** GADF DL3 description of an IRF class: where and how it is stored. */
export interface IrfGadfSpec {
  /** Default EXTNAME, e.g. "EFFECTIVE AREA". */
  readonly extname: string;
  /** Data column(s); the first is written, any is accepted on read (e.g. BKG, BGD). */
  readonly columns: readonly string[];
  /** HDUCLAS2, e.g. "EFF_AREA". */
  readonly hduClass2: string;
  /** HDUCLAS4, e.g. "AEFF_2D". */
  readonly hduClass4: string;
}

/** Static description of an IRF class. */
export interface IrfSpec {
  /** Gammapy's tag, e.g. "aeff_2d" (the lower-case GADF HDUCLAS4). */
  readonly tag: string;
  /** Axis names in data order, e.g. ["energy_true", "offset"]. */
  readonly requiredAxes: readonly string[];
  /** Internal unit of the data, e.g. "cm2" (data are converted to it on construction). */
  readonly unit: string;
  /** Unit written by `toHdu()` by default (GADF's convention, e.g. "m2"). */
  readonly fileUnit: string;
  /** Default interpolation settings (Gammapy's `default_interp_kwargs`). */
  readonly interpolation: IrfInterpolation;
  /** GADF storage. */
  readonly gadf: IrfGadfSpec;
}

/** What an IRF is built from. */
export interface IrfInit {
  /** Axes with the required names, in the required order (converted to internal units). */
  axes: readonly MapAxis[];
  /** Values in C order over the axes (last axis fastest), or one number for all bins. */
  data: ArrayLike<number> | number;
  /** Unit of `data`; default: the class' internal unit. */
  unit?: string;
  /** Header keywords to keep. Default {}. */
  meta?: IrfMeta;
  /** True for point-like IRFs (HDUCLAS3 POINT-LIKE). Default false. */
  isPointlike?: boolean;
  /** Field-of-view alignment. Default "RADEC". */
  fovAlignment?: FovAlignment;
  /** Interpolation overrides. Default: the class' settings. */
  interpolation?: Partial<IrfInterpolation>;
}

/** Axes, values and unit of a derived grid (e.g. a cumulative sum). */
export interface IrfGrid {
  /** Axes of the grid. */
  readonly axes: readonly MapAxis[];
  /** Values in C order over the axes. */
  readonly data: Float64Array;
  /** Unit of the values. */
  readonly unit: string;
}

/**
 * Base class of tabulated IRFs.
 *
 * Axes are held in gammats' internal units (TeV, deg; migra dimensionless), data in the
 * class' internal unit ({@link IrfSpec.unit}). Evaluation follows Gammapy 1.0: linear
 * interpolation on the bin centres in each axis' scale, extrapolated, then the fill
 * value (default 0) where a coordinate lies outside the axis edges or the result is not
 * finite; negative results are clipped to 0.
 *
 * @example
 * ```ts
 * const aeff = EffectiveAreaTable2D.read(file.hdu("AEFF"));
 * aeff.axis("offset").nbin;                    // 6
 * aeff.evaluateCoords([[1, 10], [0.5]]);       // cm2 at 1 and 10 TeV, 0.5 deg
 * ```
 */
export abstract class Irf {
  /** The class description. */
  readonly spec: IrfSpec;
  /** Axes in data order, in internal units. */
  readonly axes: readonly MapAxis[];
  /** Values in C order over {@link axes} [{@link unit}]. */
  readonly data: Float64Array;
  /** Number of bins per axis. */
  readonly shape: readonly number[];
  /** Unit of {@link data} (the class' internal unit). */
  readonly unit: string;
  /** Header keywords kept from the file. */
  readonly meta: IrfMeta;
  /** True for point-like IRFs. */
  readonly isPointlike: boolean;
  /** Field-of-view alignment (meaningful for FoV-binned backgrounds). */
  readonly fovAlignment: FovAlignment;
  /** Interpolation settings in use. */
  readonly interpolation: Readonly<IrfInterpolation>;
  /**
   * Unit the data were given in. A log value scale interpolates in this unit, as Gammapy
   * does: its log scale clips zeros to 2^-126 *in the data's own unit*, so the values
   * next to empty bins depend on that unit.
   */
  readonly sourceUnit: string;
  // Values interpolated and the factor to the internal unit (log/sqrt scales only).
  private readonly interpValues: Float64Array;
  private readonly interpFactor: number;
  private evaluator: IrfEvaluator | undefined;

  /**
   * @param spec - the class description
   * @param init - axes, data, unit, meta, flags, interpolation
   * @throws DataError when axis names or the data size do not fit, or for an unknown FoV alignment
   * @throws UnitError when the data unit is not compatible with the class' unit
   */
  protected constructor(spec: IrfSpec, init: IrfInit) {
    this.spec = spec;
    const names = init.axes.map((a) => a.name);
    if (names.length !== spec.requiredAxes.length || names.some((n, i) => n !== spec.requiredAxes[i])) {
      throw new DataError(`${spec.tag}: axes [${names.join(", ")}] given, [${spec.requiredAxes.join(", ")}] required`, {
        hint: "pass the axes with these names, in this order",
      });
    }
    this.axes = Object.freeze(init.axes.map(toInternalAxis));
    this.shape = Object.freeze(this.axes.map((a) => a.nbin));
    const size = this.shape.reduce((a, b) => a * b, 1);
    const unit = init.unit ?? spec.unit;
    const f = dataFactor(unit, spec.unit, spec.tag);
    if (typeof init.data === "number") {
      this.data = new Float64Array(size).fill(init.data * f);
    } else {
      if (init.data.length !== size) {
        throw new DataError(
          `${spec.tag}: ${init.data.length} data values for axes of shape (${this.shape.join(", ")})`,
          { hint: `give ${size} values in C order (last axis fastest)` },
        );
      }
      this.data = new Float64Array(size);
      // A native typed-array copy, then one monomorphic scaling pass: the generic
      // element loop over ArrayLike was the slowest step of loading a run's IRFs.
      if (ArrayBuffer.isView(init.data)) this.data.set(init.data as unknown as ArrayLike<number>);
      else for (let i = 0; i < size; i++) this.data[i] = init.data[i]!;
      if (f !== 1) scaleInPlace(this.data, size, f);
    }
    this.unit = spec.unit;
    this.sourceUnit = unit;
    this.interpolation = Object.freeze({ ...spec.interpolation, ...(init.interpolation ?? {}) });
    if (this.interpolation.valuesScale !== "lin" && f !== 1) {
      // The values exactly as given, not data / f.
      this.interpValues =
        typeof init.data === "number"
          ? new Float64Array(size).fill(init.data)
          : ArrayBuffer.isView(init.data)
            ? new Float64Array(init.data as unknown as ArrayLike<number>)
            : Float64Array.from(init.data);
      this.interpFactor = f;
    } else {
      this.interpValues = this.data;
      this.interpFactor = 1;
    }
    this.meta = { ...(init.meta ?? {}) };
    this.isPointlike = init.isPointlike ?? false;
    const align = init.fovAlignment ?? "RADEC";
    if (align !== "RADEC" && align !== "ALTAZ") {
      throw new DataError(`${spec.tag}: unknown FoV alignment '${String(align)}'`, { hint: "use 'RADEC' or 'ALTAZ'" });
    }
    this.fovAlignment = align;
  }

  /** Gammapy's tag of the class, e.g. "aeff_2d". */
  get tag(): string {
    return this.spec.tag;
  }

  /** True when the IRF depends on the field-of-view offset (has an "offset" axis). */
  get hasOffsetAxis(): boolean {
    return this.spec.requiredAxes.includes("offset");
  }

  /**
   * The axis of a given name.
   *
   * @param name - axis name, e.g. "offset"
   * @throws DataError when the IRF has no such axis
   */
  axis(name: string): MapAxis {
    return this.axes[this.axisIndex(name)]!;
  }

  /**
   * Position of an axis in the data order.
   *
   * @param name - axis name
   * @throws DataError when the IRF has no such axis
   */
  axisIndex(name: string): number {
    const i = this.axes.findIndex((a) => a.name === name);
    if (i < 0) {
      throw new DataError(`${this.tag}: no axis '${name}'`, { hint: `axes are ${this.axes.map((a) => a.name).join(", ")}` });
    }
    return i;
  }

  /**
   * Which out-of-range axes put a point outside the IRF (bit d for axis d). Default:
   * any. The energy dispersion overrides it, as in Gammapy.
   */
  protected outOfBounds(invalidAxes: number): boolean {
    return ANY_AXIS_OUTSIDE(invalidAxes);
  }

  /**
   * Evaluates the IRF at points given as one coordinate array per axis.
   *
   * @param coords - coordinates in axis order and internal units (TeV, deg, ...), each
   *   of length n or 1 (broadcast)
   * @param out - output of length >= n (default: new)
   * @param options - interpolation method for this call
   * @returns values [{@link unit}]
   * @throws DataError when the arrays do not fit
   * @example
   * ```ts
   * bkg.evaluateCoords([[0.5, 1, 2], [0.3], [-0.2]]); // s-1 TeV-1 sr-1
   * ```
   */
  evaluateCoords(coords: readonly ArrayLike<number>[], out?: Float64Array, options: IrfEvaluateOptions = {}): Float64Array {
    const res = this.gridEvaluator().evaluate(coords, out, options);
    const f = this.interpFactor;
    if (f !== 1) {
      let n = 1;
      for (const c of coords) if (c.length !== 1) n = c.length;
      scaleInPlace(res, n, f);
    }
    return res;
  }

  /**
   * Evaluates the IRF on the outer product of per-axis coordinates.
   *
   * @param coords - coordinates per axis, internal units
   * @param options - interpolation method
   * @param out - output of length Π coords[d].length (default: new)
   * @returns values in C order over the given coordinates [{@link unit}]
   * @example
   * ```ts
   * aeff.evaluateGrid([energies, [0, 0.5, 1]]); // energies.length × 3 values
   * ```
   */
  evaluateGrid(coords: readonly ArrayLike<number>[], options: IrfEvaluateOptions = {}, out?: Float64Array): Float64Array {
    const res = this.gridEvaluator().evaluateGrid(coords, out, options);
    const f = this.interpFactor;
    if (f !== 1) {
      let n = 1;
      for (const c of coords) n *= c.length;
      scaleInPlace(res, n, f);
    }
    return res;
  }

  /**
   * Evaluates the IRF on the outer product of the leading axes' coordinates with a list of
   * points in the trailing axes (e.g. every energy edge × every (fov_lon, fov_lat) pixel).
   *
   * @param gridCoords - coordinates per leading axis, internal units
   * @param pointCoords - coordinates per trailing axis, one value per point each
   * @param out - output of length Π gridCoords[d].length × points (default: new)
   * @param options - interpolation method
   * @returns values in C order [leading...][point] [{@link unit}]
   * @example
   * ```ts
   * bkg3d.evaluateGridPoints([energies], [fovLon, fovLat]); // energies.length × pixels
   * ```
   */
  evaluateGridPoints(gridCoords: readonly ArrayLike<number>[], pointCoords: readonly ArrayLike<number>[], out?: Float64Array, options: IrfEvaluateOptions = {}): Float64Array {
    const res = this.gridEvaluator().evaluateGridPoints(gridCoords, pointCoords, out, options);
    const f = this.interpFactor;
    if (f !== 1) {
      let n = pointCoords[0]!.length;
      for (const c of gridCoords) n *= c.length;
      scaleInPlace(res, n, f);
    }
    return res;
  }

  /** The evaluator of {@link evaluateCoords}, built on first use. */
  private gridEvaluator(): IrfEvaluator {
    if (this.evaluator === undefined) {
      const interp = { ...this.interpolation };
      if (interp.fillValue !== null) interp.fillValue /= this.interpFactor;
      this.evaluator = new IrfEvaluator(this.axes, this.interpValues, interp, (m) => this.outOfBounds(m));
    }
    return this.evaluator;
  }

  /**
   * Data converted to another unit.
   *
   * @param unit - compatible unit, e.g. "m2"
   * @returns a new array
   * @throws UnitError for an incompatible unit
   */
  dataIn(unit: string): Float64Array {
    const f = conversionFactor(this.unit, unit);
    const out = new Float64Array(this.data);
    if (f !== 1) scaleInPlace(out, out.length, f);
    return out;
  }

  /**
   * Cumulative sum of data × bin width along an axis (× 2π·r for "rad", the Jacobian of a
   * radial profile), on an axis whose nodes are the upper bin edges (Gammapy's `IRF.cumsum`).
   *
   * @param axisName - axis to sum along
   * @returns the grid, unit = data unit × axis unit (× axis unit again for "rad")
   * @example
   * ```ts
   * edisp.cumsum("migra").data; // running integral of the migration pdf
   * ```
   */
  cumsum(axisName: string): IrfGrid {
    const k = this.axisIndex(axisName);
    const axis = this.axes[k]!;
    const isRad = axisName === "rad";
    const widths = axis.widths;
    const centers = axis.centers;
    const weights = isRad ? widths.map((w, i) => 2 * Math.PI * centers[i]! * w) : widths;
    const data = cumsumAlongAxis(this.data, this.shape, k, weights, new Float64Array(this.data.length));
    const shifted = MapAxis.fromNodes(axis.edges.slice(1), { name: axis.name, unit: axis.unit, interp: axis.interp });
    const axes = this.axes.map((a, d) => (d === k ? shifted : a));
    const unitText = [this.unit, axis.unit, isRad ? axis.unit : ""].filter((s) => s !== "").join(" ");
    return { axes, data, unit: formatUnit(parseUnit(unitText)) };
  }

  /**
   * Integral along an axis from its first edge up to given coordinates, by interpolating
   * the {@link cumsum} with this IRF's interpolation and fill rules (Gammapy's `IRF.integral`).
   *
   * @param axisName - axis integrated over
   * @param coords - coordinates per axis (axis order, internal units; n or 1 each)
   * @param out - output (default: new)
   * @returns integrals [{@link cumsum} unit]
   * @example
   * ```ts
   * psf.integral("rad", [[1], [0.5], [0.1, 0.2]]); // containment (deg2 sr-1: convert to "")
   * ```
   */
  integral(axisName: string, coords: readonly ArrayLike<number>[], out?: Float64Array): Float64Array {
    const grid = this.cumsum(axisName);
    const ev = new IrfEvaluator(grid.axes, grid.data, this.interpolation, (m) => this.outOfBounds(m));
    return ev.evaluate(coords, out);
  }

  /**
   * A copy normalised along an axis: data divided by the total integral along that axis
   * (the maximum of the cumulative sum), NaN → 0 (Gammapy's `IRF.normalize`, which
   * works in place).
   *
   * @param axisName - axis to normalise along, e.g. "migra" or "rad"
   * @returns the normalised IRF (same class)
   * @throws UnitError when the normalised unit does not convert to the class' unit
   */
  normalized(axisName: string): this {
    const grid = this.cumsum(axisName);
    const k = this.axisIndex(axisName);
    const data = normalizeAlongAxis(this.data, grid.data, this.shape, k, new Float64Array(this.data.length));
    // Unit of data / cumsum: 1 / (axis unit) (squared for "rad").
    const axis = this.axes[k]!;
    const inv = axis.unit === "" ? "" : `${axis.unit}-${axisName === "rad" ? 2 : 1}`;
    return this.copy({ data, unit: inv });
  }

  /**
   * A copy with some of the constructor inputs replaced (same class).
   *
   * @param changes - axes, data, unit, meta, flags or interpolation to replace
   * @returns the new IRF
   */
  copy(changes: Partial<IrfInit> = {}): this {
    const ctor = this.constructor as new (init: IrfInit) => this;
    // Unchanged data keep their source unit (it matters for log interpolation).
    const keep = changes.data === undefined && changes.unit === undefined && this.interpFactor !== 1;
    return new ctor({
      axes: changes.axes ?? this.axes,
      data: changes.data ?? (keep ? this.interpValues : this.data),
      unit: changes.unit ?? (keep ? this.sourceUnit : this.unit),
      meta: changes.meta ?? this.meta,
      isPointlike: changes.isPointlike ?? this.isPointlike,
      fovAlignment: changes.fovAlignment ?? this.fovAlignment,
      interpolation: { ...this.interpolation, ...(changes.interpolation ?? {}) },
    });
  }

  /** Summary in the layout of Gammapy's `str(irf)`. */
  toString(): string {
    const name = this.constructor.name;
    return (
      `${name}\n${"-".repeat(name.length)}\n\n` +
      `  axes  : [${this.axes.map((a) => `'${a.name}'`).join(", ")}]\n` +
      `  shape : (${this.shape.join(", ")}${this.shape.length === 1 ? "," : ""})\n` +
      `  ndim  : ${this.shape.length}\n` +
      `  unit  : ${this.unit}\n`
    );
  }
}

function toInternalAxis(axis: MapAxis): MapAxis {
  const unit = axis.internalUnit;
  return unit === axis.unit ? axis : axis.toUnit(unit);
}

function dataFactor(from: string, to: string, tag: string): number {
  let ok: boolean;
  try {
    ok = isCompatible(from, to);
  } catch (e) {
    throw new UnitError(`${tag}: cannot read data unit '${from}'`, { hint: `give a unit compatible with '${to}'`, cause: e });
  }
  if (!ok) {
    throw new UnitError(`${tag}: data unit '${from}' is not compatible with '${to}'`, {
      hint: `give the data in a unit convertible to '${to}'`,
    });
  }
  return conversionFactor(from, to);
}

/**
 * Multiplies the first n elements by `f` (kernel; monomorphic over Float64Array). One
 * function for every scaling here: it is optimised once, not loop by loop in each caller.
 */
function scaleInPlace(x: Float64Array, n: number, f: number): void {
  for (let i = 0; i < n; i++) x[i] = x[i]! * f;
}
