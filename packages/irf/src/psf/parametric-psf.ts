/**
 * What the analytic PSFs share (Gammapy's `ParametricPSF`): model parameters tabulated
 * on true energy × offset, interpolated to the wanted point, then an analytic profile in
 * rad for the PSF value and its containment.
 */
import { DataError, conversionFactor } from "@gammats/core";
import type { BinTableHduSpec, Hdu } from "@gammats/fits";
import { MapAxis, ScaledGridInterpolator } from "@gammats/maps";
import { normalizeAlongAxisInPlace } from "../axis-cumsum.js";
import type { AxisNormalization } from "../axis-cumsum.js";
import { Irf } from "../irf-core.js";
import { gridCoordinates } from "../irf-evaluator.js";
import type { IrfGrid, IrfInit, IrfMeta, IrfSpec } from "../irf-core.js";
import { gadfKeywords, irfTableHdu, readIrfTable } from "../irf-hdu.js";
import type { IrfColumnRequest, IrfToHduOptions, ReadIrfOptions } from "../irf-hdu.js";
import { PSF3D } from "./psf-table.js";
import {
  CONTAINMENT_UPSAMPLE,
  DEG2_PER_SR,
  broadcastLength,
  containmentRadGrid,
  containmentRadii,
  defaultRadAxis,
} from "./psf-containment.js";

/** One model parameter of a parametric PSF: name, GADF column and kind. */
export interface PsfParameterSpec {
  /** Gammapy's name, e.g. "sigma_1". */
  readonly name: string;
  /** GADF column, e.g. "SIGMA_1". */
  readonly column: string;
  /**
   * "angle": stored in deg (converted from the column's unit); "dimensionless": no unit;
   * "any": kept as a number whatever its unit (SCALE of psf_3gauss, which cancels in the
   * normalisation).
   */
  readonly kind: "angle" | "dimensionless" | "any";
}

/** What a parametric PSF is built from. */
export interface ParametricPsfInit {
  /** Axes [energy_true, offset] (converted to TeV and deg). */
  axes: readonly MapAxis[];
  /** Parameter name → values in C order over (energy_true, offset); angles in deg. */
  parameters: Readonly<Record<string, ArrayLike<number>>>;
  /** Units of "any"-kind parameters, written back by `toHdu()`. Default "". */
  units?: Readonly<Record<string, string>>;
  /** Header keywords to keep. Default {}. */
  meta?: IrfMeta;
}

/**
 * Base class of {@link EnergyDependentMultiGaussPSF} and {@link PSFKing}.
 *
 * Each parameter is interpolated linearly in (log E_true, offset) on the bin centres and
 * extrapolated everywhere, negative results clipped to 0 — there is no fill value, so
 * a parametric PSF gives a finite PSF far outside its axes (Gammapy's behaviour). The
 * profile is analytic and normalised, so containment needs no numerical integration.
 *
 * PSF values are returned in sr-1 (Gammapy returns deg-2 for parametric PSFs; multiply
 * ours by (π/180)² to compare). `data` of the {@link Irf} base is not used (NaN): the
 * model lives in {@link parameters}; `cumsum`, `integral`, `normalized` and `dataIn`
 * throw, as Gammapy's `normalize` and `to_unit` do.
 *
 * @example
 * ```ts
 * const psf = readIrfHdu(hdu) as ParametricPSF;     // a 3-Gauss or King PSF
 * psf.evaluateParameters([1], [0.5]);               // parameters at 1 TeV, 0.5 deg
 * psf.containmentRadius([0.68], [1], [0.5]);        // deg
 * ```
 */
export abstract class ParametricPSF extends Irf {
  /** Parameter name → values in C order over (energy_true, offset); angles in deg. */
  readonly parameters: Readonly<Record<string, Float64Array>>;
  /** Units of the parameters as written by `toHdu()` (deg for angles). */
  readonly parameterUnits: Readonly<Record<string, string>>;
  /** The model parameters, in the packing order of the kernels. */
  readonly parameterSpecs: readonly PsfParameterSpec[];
  private interpolators: ScaledGridInterpolator[] | undefined;

  /**
   * @param spec - the class description
   * @param parameterSpecs - the model parameters, in kernel packing order
   * @param init - axes, parameters, units, meta
   * @throws DataError when axes or parameters do not fit
   */
  protected constructor(spec: IrfSpec, parameterSpecs: readonly PsfParameterSpec[], init: ParametricPsfInit) {
    super(spec, {
      axes: init.axes,
      data: NaN,
      unit: spec.unit,
      meta: init.meta,
      interpolation: { fillValue: null },
    });
    this.parameterSpecs = parameterSpecs;
    const size = this.shape[0]! * this.shape[1]!;
    const parameters: Record<string, Float64Array> = {};
    const units: Record<string, string> = {};
    for (const p of this.parameterSpecs) {
      const values = init.parameters[p.name];
      if (values === undefined) {
        throw new DataError(`${spec.tag}: parameter '${p.name}' missing`, {
          hint: `give all of ${this.parameterSpecs.map((q) => q.name).join(", ")}`,
        });
      }
      if (values.length !== size) {
        throw new DataError(`${spec.tag}: parameter '${p.name}' has ${values.length} values for axes of shape (${this.shape.join(", ")})`, {
          hint: `give ${size} values in C order (energy_true, offset)`,
        });
      }
      parameters[p.name] = Float64Array.from(values);
      units[p.name] = p.kind === "angle" ? "deg" : p.kind === "any" ? (init.units?.[p.name] ?? "") : "";
    }
    this.parameters = Object.freeze(parameters);
    this.parameterUnits = Object.freeze(units);
  }

  /**
   * Evaluates the analytic profile on packed parameter rows.
   *
   * @param n - number of points
   * @param rad - radii [deg], stride radStride
   * @param pars - packed parameters, stride parsStride rows
   * @param out - output [deg-2]
   */
  protected abstract profile(n: number, rad: ArrayLike<number>, radStride: number, pars: Float64Array, parsStride: number, out: Float64Array): Float64Array;

  /**
   * Profile values × `factor` for every radius (rows) and every packed parameter row
   * (columns): `out[outOffset + k·n + i]`. The default calls {@link profile} once per
   * radius; a class may override it with a kernel that hoists the per-parameter terms
   * (the values must stay the same).
   *
   * @param n - number of parameter rows (e.g. pixels)
   * @param rad - radii [deg]
   * @param pars - packed parameters, one row per column
   * @param factor - multiplies every value (e.g. deg² per sr)
   * @param out - output
   * @param outOffset - index of (radius 0, column 0) in `out`
   */
  protected profileRows(n: number, rad: ArrayLike<number>, pars: Float64Array, factor: number, out: Float64Array, outOffset: number): void {
    const rArr = new Float64Array(1);
    for (let k = 0; k < rad.length; k++) {
      rArr[0] = rad[k]!;
      const o = outOffset + k * n;
      const block = out.subarray(o, o + n);
      this.profile(n, rArr, 0, pars, n === 1 ? 0 : 1, block);
      for (let i = 0; i < n; i++) block[i] = block[i]! * factor;
    }
  }

  /** As {@link profile}, for the containment fraction within rad. */
  protected abstract profileContainment(
    n: number,
    rad: ArrayLike<number>,
    radStride: number,
    pars: Float64Array,
    parsStride: number,
    out: Float64Array,
  ): Float64Array;

  /**
   * Model parameters at broadcast (true energy, offset) points, packed row by row in
   * {@link parameterSpecs} order (angles in deg).
   *
   * @param energyTrue - true energies [TeV]
   * @param offset - offsets [deg]
   * @returns n × (number of parameters) values
   * @throws DataError when the lengths do not broadcast
   * @example
   * ```ts
   * psf.evaluateParameters([1], [0.5]); // [sigma_1, sigma_2, sigma_3, scale, ampl_2, ampl_3]
   * ```
   */
  evaluateParameters(energyTrue: ArrayLike<number>, offset: ArrayLike<number>): Float64Array {
    const n = broadcastLength(`${this.constructor.name}.evaluateParameters`, { energyTrue, offset });
    const interps = (this.interpolators ??= this.parameterSpecs.map((p) =>
      ScaledGridInterpolator.fromAxes(this.axes, this.parameters[p.name]!, { fillValue: "extrapolate", clip: true }),
    ));
    const npar = interps.length;
    const packed = new Float64Array(n * npar);
    const tmp = new Float64Array(n);
    for (let p = 0; p < npar; p++) {
      interps[p]!.evaluate([energyTrue, offset], tmp);
      for (let i = 0; i < n; i++) packed[i * npar + p] = tmp[i]!;
    }
    return packed;
  }

  /**
   * PSF values on the grid of a PSF map, C order [energy][rad][offset]: the parameters
   * are interpolated once per (energy, offset), not once per rad. Same values as
   * {@link evaluate} at each point.
   *
   * @param energyTrue - true energies [TeV]
   * @param rad - radii [deg]
   * @param offset - offsets [deg] (e.g. one per pixel)
   * @param out - output of length ne × nr × no (default: new)
   * @param normalize - then normalise every (energy, offset) profile along rad (as
   *   `normalizeAlongAxisInPlace` on the result); default none
   * @returns dP/dΩ [sr-1]
   * @example
   * ```ts
   * psf.evaluateMapGrid([1, 2], [0.05, 0.1], pixelOffsets); // 2 × 2 × pixels
   * ```
   */
  evaluateMapGrid(
    energyTrue: ArrayLike<number>,
    rad: ArrayLike<number>,
    offset: ArrayLike<number>,
    out?: Float64Array,
    normalize?: AxisNormalization,
  ): Float64Array {
    const ne = energyTrue.length;
    const nr = rad.length;
    const no = offset.length;
    const interps = (this.interpolators ??= this.parameterSpecs.map((p) =>
      ScaledGridInterpolator.fromAxes(this.axes, this.parameters[p.name]!, { fillValue: "extrapolate", clip: true }),
    ));
    const npar = interps.length;
    const res = out ?? new Float64Array(ne * nr * no);
    const packed = new Float64Array(no * npar);
    const tmp = new Float64Array(no);
    const eArr = new Float64Array(1);
    for (let j = 0; j < ne; j++) {
      eArr[0] = energyTrue[j]!;
      for (let p = 0; p < npar; p++) {
        interps[p]!.evaluateGrid([eArr, offset], tmp);
        for (let i = 0; i < no; i++) packed[i * npar + p] = tmp[i]!;
      }
      this.profileRows(no, rad, packed, DEG2_PER_SR, res, j * nr * no);
    }
    if (normalize !== undefined) normalizeAlongAxisInPlace(res, [ne, nr, no], 1, normalize.weights, new Float64Array(no), new Float64Array(no), normalize.factor);
    return res;
  }

  /**
   * PSF value at broadcast (true energy, offset, rad) points.
   *
   * @param energyTrue - true energies [TeV]
   * @param offset - offsets [deg]
   * @param rad - angular distances from the source [deg]
   * @param out - output (default: new)
   * @returns dP/dΩ [sr-1]
   * @throws DataError when the lengths do not broadcast
   * @example
   * ```ts
   * psf.evaluate([1], [0.5], [0, 0.05, 0.1]); // sr-1
   * ```
   */
  evaluate(energyTrue: ArrayLike<number>, offset: ArrayLike<number>, rad: ArrayLike<number>, out?: Float64Array): Float64Array {
    const n = broadcastLength(`${this.constructor.name}.evaluate`, { energyTrue, offset, rad });
    const pars = this.evaluateParameters(energyTrue, offset);
    const res = out ?? new Float64Array(n);
    this.profile(n, rad, rad.length === 1 ? 0 : 1, pars, pars.length === this.parameterSpecs.length ? 0 : 1, res);
    for (let i = 0; i < n; i++) res[i] = res[i]! * DEG2_PER_SR;
    return res;
  }

  /**
   * Fraction of the PSF within `rad` of the source (analytic).
   *
   * @param rad - radii [deg]
   * @param energyTrue - true energies [TeV]
   * @param offset - offsets [deg]
   * @param out - output (default: new)
   * @returns containment fractions
   * @throws DataError when the lengths do not broadcast
   * @example
   * ```ts
   * psf.containment([0.1], [1], [0.5]); // fraction within 0.1 deg
   * ```
   */
  containment(rad: ArrayLike<number>, energyTrue: ArrayLike<number>, offset: ArrayLike<number>, out?: Float64Array): Float64Array {
    const n = broadcastLength(`${this.constructor.name}.containment`, { rad, energyTrue, offset });
    const pars = this.evaluateParameters(energyTrue, offset);
    const res = out ?? new Float64Array(n);
    return this.profileContainment(n, rad, rad.length === 1 ? 0 : 1, pars, pars.length === this.parameterSpecs.length ? 0 : 1, res);
  }

  /**
   * Radius containing a given fraction of the PSF, searched as Gammapy does on the
   * centres of its default rad axis (0–0.66 deg, 66 bins) up-sampled `factor` times:
   * precise to 0.00025 deg, and at most 0.65975 deg whatever the PSF.
   *
   * @param fraction - containment fractions, e.g. [0.68, 0.95]
   * @param energyTrue - true energies [TeV]
   * @param offset - offsets [deg]
   * @param out - output (default: new)
   * @param factor - up-sampling of the rad axis (default 20)
   * @returns radii [deg]
   * @throws DataError when the lengths do not broadcast
   * @example
   * ```ts
   * psf.containmentRadius([0.68, 0.95], [1], [0.5]); // CTA South_z20_50h: [0.05125, ...] deg
   * ```
   */
  containmentRadius(
    fraction: ArrayLike<number>,
    energyTrue: ArrayLike<number>,
    offset: ArrayLike<number>,
    out?: Float64Array,
    factor = CONTAINMENT_UPSAMPLE,
  ): Float64Array {
    const grid = containmentRadGrid(defaultRadAxis(), factor);
    const e = new Float64Array(1);
    const o = new Float64Array(1);
    return containmentRadii(
      fraction,
      energyTrue,
      offset,
      grid,
      (energy, off, rad, c) => {
        e[0] = energy;
        o[0] = off;
        const pars = this.evaluateParameters(e, o);
        return this.profileContainment(rad.length, rad, 1, pars, 0, c);
      },
      `${this.constructor.name}.containmentRadius`,
      out,
    );
  }

  /**
   * Evaluates this PSF on its energy and offset bin centres and the centres of a rad
   * axis (Gammapy's `to_psf3d`).
   *
   * @param radAxis - rad axis [deg] (default: 0–0.66 deg in 66 bins)
   * @returns the tabulated PSF [sr-1]
   * @example
   * ```ts
   * psf.toPsf3d().shape; // [nEnergy, nOffset, 66]
   * ```
   */
  toPsf3d(radAxis: MapAxis = defaultRadAxis()): PSF3D {
    const rad = radAxis.name === "rad" ? radAxis : radAxis.rename("rad");
    const axes = [this.axes[0]!, this.axes[1]!, rad.toUnit("deg")];
    const data = this.evaluateGrid(axes.map((a) => a.centers));
    return new PSF3D({ axes, data, unit: "sr-1", meta: { ...this.meta } });
  }

  /**
   * PSF values at points given as [energyTrue, offset, rad] arrays, as for {@link PSF3D}.
   *
   * @param coords - [true energies [TeV], offsets [deg], radii [deg]], each length n or 1
   * @param out - output (default: new)
   * @returns dP/dΩ [sr-1]
   * @throws DataError for a number of arrays other than 3, or lengths that do not broadcast
   */
  override evaluateCoords(coords: readonly ArrayLike<number>[], out?: Float64Array): Float64Array {
    if (coords.length !== 3) {
      throw new DataError(`${this.constructor.name}: ${coords.length} coordinate arrays given`, {
        hint: "give [energyTrue, offset, rad]",
      });
    }
    return this.evaluate(coords[0]!, coords[1]!, coords[2]!, out);
  }

  /**
   * PSF values on the outer product of [energyTrue, offset, rad] coordinates, C order.
   *
   * @param coords - [true energies [TeV], offsets [deg], radii [deg]]
   * @returns dP/dΩ [sr-1]
   */
  override evaluateGrid(coords: readonly ArrayLike<number>[]): Float64Array {
    return this.evaluateCoords(gridCoordinates(coords));
  }

  /** Not available: the profile is analytic (use {@link containment}). @throws DataError */
  override cumsum(_axisName: string): IrfGrid {
    throw this.notTabulated("cumsum");
  }

  /** Not available: the profile is analytic (use {@link containment}). @throws DataError */
  override integral(_axisName: string, _coords: readonly ArrayLike<number>[]): Float64Array {
    throw this.notTabulated("integral");
  }

  /** Not available: the profile is normalised by construction. @throws DataError */
  override normalized(_axisName: string): this {
    throw this.notTabulated("normalized");
  }

  /** Not available: the model has parameters, not data. @throws DataError */
  override dataIn(_unit: string): Float64Array {
    throw this.notTabulated("dataIn");
  }

  /**
   * A copy with axes and/or meta replaced (parameters are kept, so new axes must have the
   * same shape).
   *
   * @param changes - axes, meta
   * @returns the new PSF (same class)
   * @throws DataError when new axes do not fit the parameters
   */
  override copy(changes: Partial<IrfInit> = {}): this {
    const ctor = this.constructor as new (init: ParametricPsfInit) => this;
    return new ctor({
      axes: changes.axes ?? this.axes,
      parameters: this.parameters,
      units: this.parameterUnits,
      meta: changes.meta ?? this.meta,
    });
  }

  /**
   * GADF table HDU for `writeFits` (axes ENERG, THETA; one column per parameter); Gammapy
   * reads it back with the class' `read`.
   *
   * @param options - extname (default Gammapy's, e.g. "PSF_2D_GAUSS"), float32; `unit` is ignored
   * @returns the HDU description
   * @example
   * ```ts
   * writeFits("psf.fits", [imageHdu(), psf.toHdu()], { overwrite: true });
   * ```
   */
  toHdu(options: IrfToHduOptions = {}): BinTableHduSpec {
    return irfTableHdu({
      extname: options.extname ?? this.spec.gadf.extname,
      axes: this.axes,
      columns: this.parameterSpecs.map((p) => ({
        name: p.column,
        data: this.parameters[p.name]!,
        unit: this.parameterUnits[p.name]!,
        float32: options.float32 ?? false,
      })),
      meta: this.meta,
      keywords: gadfKeywords(this.spec.gadf, false),
    });
  }

  private notTabulated(method: string): DataError {
    return new DataError(`${this.constructor.name}.${method}: not available for a parametric PSF`, {
      hint: "use evaluate(), containment() or containmentRadius(), or toPsf3d() for a table",
    });
  }
}

/**
 * Reads the parameter columns of a parametric PSF table: axes (converted to TeV, deg),
 * parameters in C order over (energy_true, offset), angles converted to deg, and sigma
 * values of exactly 0 replaced by 1 (in the column's unit; Gammapy does so: some files write 0 for unused
 * components).
 *
 * @param hdu - the table HDU
 * @param tag - class tag, for messages
 * @param specs - the parameters
 * @param options - file, logger, allowNonFinite
 * @returns the constructor input
 * @throws FitsError for missing columns, wrong units, bad axes or non-finite values
 * @example
 * ```ts
 * const init = readParametricPsfTable(hdu, "psf_king", PSFKing.parameterSpecs, { file });
 * init.parameters.sigma; // deg, C order over (energy_true, offset)
 * ```
 */
export function readParametricPsfTable(
  hdu: Hdu,
  tag: string,
  specs: readonly PsfParameterSpec[],
  options: ReadIrfOptions,
): ParametricPsfInit {
  const columns: IrfColumnRequest[] = specs.map((p) => {
    if (p.kind === "angle") return { names: [p.column], unit: "deg" };
    if (p.kind === "dimensionless") return { names: [p.column], unit: "" };
    // "any": accept the column's own unit (checked only for being readable).
    const info = hdu.type === "bintable" ? hdu.columns.find((c) => c.name.trim().toUpperCase() === p.column) : undefined;
    return { names: [p.column], unit: info?.unit?.trim() ?? "", assumeUnit: "" };
  });
  const t = readIrfTable(hdu, { tag, requiredAxes: ["energy_true", "offset"], columns }, options);
  const parameters: Record<string, Float64Array> = {};
  const units: Record<string, string> = {};
  specs.forEach((p, i) => {
    const col = t.columns[i]!;
    const values = col.data;
    if (p.kind === "angle") {
      // Replaced before the unit conversion: Gammapy's 1 is in the column's unit.
      for (let k = 0; k < values.length; k++) if (values[k] === 0) values[k] = 1;
      const f = conversionFactor(col.unit, "deg");
      for (let k = 0; k < values.length; k++) values[k] = values[k]! * f;
    }
    parameters[p.name] = values;
    units[p.name] = col.unit;
  });
  return { axes: t.axes, parameters, units, meta: t.meta };
}
