/**
 * The directional cut of point-like IRFs versus reco energy and offset (GADF
 * `RAD_MAX_2D`, Gammapy's `RadMax2D`).
 */
import { DataError } from "@gammats/core";
import type { BinTableHduSpec, Hdu } from "@gammats/fits";
import { Irf } from "./irf-core.js";
import type { IrfInit, IrfSpec } from "./irf-core.js";
import type { IrfEvaluateOptions } from "./irf-evaluator.js";
import { gadfKeywords, irfTableHdu, readIrfTable } from "./irf-hdu.js";
import type { IrfToHduOptions, ReadIrfOptions } from "./irf-hdu.js";
import { IRF_REGISTRY, headerText } from "./irf-registry.js";

const SPEC: IrfSpec = Object.freeze({
  tag: "rad_max_2d",
  requiredAxes: Object.freeze(["energy", "offset"]),
  unit: "deg",
  fileUnit: "deg",
  interpolation: Object.freeze({ method: "linear", valuesScale: "lin", fillValue: 0 }),
  gadf: Object.freeze({ extname: "RAD_MAX", columns: Object.freeze(["RAD_MAX"]), hduClass2: "RAD_MAX", hduClass4: "RAD_MAX_2D" }),
}) as IrfSpec;

/**
 * Maximum angular distance from the source of the events kept in a point-like analysis,
 * θ_max(E_reco, offset) [deg]. Point-like IRFs are valid inside this radius.
 *
 * @example
 * ```ts
 * const radMax = RadMax2D.read(file.hdu("RAD_MAX"));
 * radMax.evaluate([0.3, 1, 3], [0.4]); // deg
 * radMax.isFixedRadMax;                // true for a single global cut
 * ```
 */
export class RadMax2D extends Irf {
  /** Class description (tag "rad_max_2d", axes energy × offset, unit deg). */
  static readonly spec: IrfSpec = SPEC;

  /**
   * @param init - axes [energy, offset], data (default unit deg), ...
   * @throws DataError or UnitError for axes, data or unit that do not fit
   */
  constructor(init: IrfInit) {
    super(SPEC, { isPointlike: true, ...init });
  }

  /**
   * Reads a GADF `RAD_MAX_2D` table.
   *
   * @param hdu - the table HDU
   * @param options - file, logger, allowNonFinite
   * @returns the cut
   * @throws FitsError for missing columns, wrong units, bad axes or non-finite data
   */
  static read(hdu: Hdu, options: ReadIrfOptions = {}): RadMax2D {
    const t = readIrfTable(hdu, { tag: SPEC.tag, requiredAxes: SPEC.requiredAxes, columns: [{ names: SPEC.gadf.columns, unit: SPEC.unit }] }, options);
    const col = t.columns[0]!;
    return new RadMax2D({ axes: t.axes, data: col.data, unit: col.unit, meta: t.meta, isPointlike: t.isPointlike });
  }

  /**
   * A fixed cut from the `RAD_MAX` keyword of a point-like IRF: one bin spanning its
   * true-energy range (taken as reco energy) and offset range, nearest-neighbour
   * evaluation without fill (Gammapy's `RadMax2D.from_irf`).
   *
   * @param irf - a point-like IRF with energy_true and offset axes and a RAD_MAX keyword [deg]
   * @returns the cut
   * @throws DataError when the IRF is not point-like or has no numeric RAD_MAX
   * @example
   * ```ts
   * RadMax2D.fromIrf(aeffPointLike).evaluate([1], [0.5]); // [RAD_MAX]
   * ```
   */
  static fromIrf(irf: Irf): RadMax2D {
    if (!irf.isPointlike) {
      throw new DataError(`RadMax2D.fromIrf: ${irf.tag} is not point-like`, { hint: "only point-like IRFs carry a RAD_MAX cut" });
    }
    const value = irf.meta.RAD_MAX;
    if (typeof value !== "number") {
      throw new DataError(`RadMax2D.fromIrf: ${irf.tag} has ${value === undefined ? "no" : `a non-numeric (${String(value)})`} RAD_MAX keyword`, {
        hint: "a point-like IRF without a RAD_MAX table needs the RAD_MAX keyword [deg]",
      });
    }
    const energy = irf.axis("energy_true").rename("energy").squash();
    const offset = irf.axis("offset").squash();
    return new RadMax2D({
      axes: [energy, offset],
      data: value,
      unit: "deg",
      interpolation: { method: "nearest", fillValue: null },
    });
  }

  /**
   * Cut radius at (energy, offset) pairs (length-1 arrays broadcast).
   *
   * @param energy - reco energies [TeV]
   * @param offset - offsets [deg]
   * @param out - output (default: new)
   * @param options - interpolation method
   * @returns radii [deg]
   */
  evaluate(energy: ArrayLike<number>, offset: ArrayLike<number>, out?: Float64Array, options?: IrfEvaluateOptions): Float64Array {
    return this.evaluateCoords([energy, offset], out, options);
  }

  /** True when the cut does not depend on energy or offset (every axis has one bin). */
  get isFixedRadMax(): boolean {
    return this.shape.every((n) => n === 1);
  }

  /**
   * GADF `RAD_MAX_2D` table HDU for `writeFits`.
   *
   * @param options - data unit (default deg), extname, float32
   * @returns the HDU description
   */
  toHdu(options: IrfToHduOptions = {}): BinTableHduSpec {
    const unit = options.unit ?? SPEC.fileUnit;
    return irfTableHdu({
      extname: options.extname ?? SPEC.gadf.extname,
      axes: this.axes,
      columns: [{ name: SPEC.gadf.columns[0]!, data: this.dataIn(unit), unit, float32: options.float32 ?? false }],
      meta: this.meta,
      keywords: gadfKeywords(SPEC.gadf, true),
    });
  }
}

IRF_REGISTRY.register({
  tag: SPEC.tag,
  hduClass2: SPEC.gadf.hduClass2,
  hduClass4: SPEC.gadf.hduClass4,
  matches: (hdu) => headerText(hdu, "HDUCLAS2") === "RAD_MAX" && hdu.hasColumn("RAD_MAX"),
  read: (hdu, options) => RadMax2D.read(hdu, options),
});
