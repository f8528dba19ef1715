/**
 * Effective area versus true energy and field-of-view offset (GADF `AEFF_2D`, Gammapy's
 * `EffectiveAreaTable2D`).
 */
import { DataError } from "@gammats/core";
import { MapAxis } from "@gammats/maps";
import type { Hdu, BinTableHduSpec } from "@gammats/fits";
import { Irf } from "./irf-core.js";
import type { IrfInit, IrfSpec } from "./irf-core.js";
import type { IrfEvaluateOptions } from "./irf-evaluator.js";
import { gadfKeywords, irfTableHdu, readIrfTable } from "./irf-hdu.js";
import type { IrfToHduOptions, ReadIrfOptions } from "./irf-hdu.js";
import { IRF_REGISTRY, headerText } from "./irf-registry.js";

const SPEC: IrfSpec = Object.freeze({
  tag: "aeff_2d",
  requiredAxes: Object.freeze(["energy_true", "offset"]),
  unit: "cm2",
  fileUnit: "m2",
  interpolation: Object.freeze({ method: "linear", valuesScale: "lin", fillValue: 0 }),
  gadf: Object.freeze({ extname: "EFFECTIVE AREA", columns: Object.freeze(["EFFAREA"]), hduClass2: "EFF_AREA", hduClass4: "AEFF_2D" }),
}) as IrfSpec;

/**
 * Effective area A(E_true, offset) [cm2].
 *
 * Linear interpolation in (log E_true, offset), 0 outside the axes (Gammapy's defaults).
 * The low and high energy thresholds of the file (`LO_THRES`, `HI_THRES` [TeV]) stay in
 * {@link Irf.meta}.
 *
 * @example
 * ```ts
 * const aeff = EffectiveAreaTable2D.read(readFitsSync(path).hdu("AEFF"));
 * aeff.evaluate([1, 10], [0.5]);   // Float64Array [cm2] at 1 and 10 TeV, 0.5 deg
 * aeff.meta.LO_THRES;              // 0.870963589956081
 * ```
 */
export class EffectiveAreaTable2D extends Irf {
  /** Class description (tag "aeff_2d", axes energy_true × offset, unit cm2). */
  static readonly spec: IrfSpec = SPEC;

  /**
   * @param init - axes [energy_true, offset], data (default unit cm2), meta, ...
   * @throws DataError or UnitError for axes, data or unit that do not fit
   */
  constructor(init: IrfInit) {
    super(SPEC, init);
  }

  /**
   * Reads a GADF `AEFF_2D` table.
   *
   * @param hdu - the table HDU (EXTNAME "EFFECTIVE AREA" or "AEFF")
   * @param options - file (for messages), logger, allowNonFinite
   * @returns the effective area
   * @throws FitsError for missing columns, wrong units, bad axes or non-finite data
   * @example
   * ```ts
   * EffectiveAreaTable2D.read(file.hdu("EFFECTIVE AREA"), { file: path });
   * ```
   */
  static read(hdu: Hdu, options: ReadIrfOptions = {}): EffectiveAreaTable2D {
    const t = readIrfTable(hdu, { tag: SPEC.tag, requiredAxes: SPEC.requiredAxes, columns: [{ names: SPEC.gadf.columns, unit: SPEC.unit }] }, options);
    const col = t.columns[0]!;
    return new EffectiveAreaTable2D({ axes: t.axes, data: col.data, unit: col.unit, meta: t.meta, isPointlike: t.isPointlike });
  }

  /**
   * Effective area from the parametrisation of Abramowski et al. (2010), Appendix B:
   * A(E) = g1 (E / MeV)^−g2 exp(−g3 / E), flat in offset over [0, 5] deg, evaluated at
   * the bin centres (Gammapy's `from_parametrization`).
   *
   * @param energyAxisTrue - true-energy axis (default 2 GeV–200 TeV, 20 bins per decade)
   * @param instrument - "HESS", "HESS2" or "CTA" (default "HESS")
   * @returns the effective area
   * @example
   * ```ts
   * EffectiveAreaTable2D.fromParametrization(undefined, "CTA").evaluate([1], [0.5]);
   * ```
   */
  static fromParametrization(energyAxisTrue?: MapAxis, instrument: "HESS" | "HESS2" | "CTA" = "HESS"): EffectiveAreaTable2D {
    // g1 [cm2], g2, g3 [MeV]
    const pars: Record<string, [number, number, number]> = {
      HESS: [6.85e9, 0.0891, 5e5],
      HESS2: [2.05e9, 0.0891, 1e5],
      CTA: [1.71e11, 0.0891, 1e5],
    };
    const p = pars[instrument];
    if (p === undefined) {
      throw new DataError(`unknown instrument '${String(instrument)}'`, { hint: "use HESS, HESS2 or CTA" });
    }
    const energy = energyAxisTrue ?? MapAxis.fromEnergyBounds("2 GeV", "200 TeV", 20, { perDecade: true, name: "energy_true" });
    const offset = MapAxis.fromEdges([0, 5], { name: "offset", unit: "deg" });
    const eMeV = energy.centersIn("MeV");
    const [g1, g2, g3] = p;
    const data = eMeV.map((e) => g1 * e ** -g2 * Math.exp(-g3 / e));
    return new EffectiveAreaTable2D({ axes: [energy, offset], data, unit: "cm2", meta: { TELESCOP: instrument } });
  }

  /**
   * Effective area at pairs of (true energy, offset); a length-1 array broadcasts.
   *
   * @param energyTrue - true energies [TeV]
   * @param offset - offsets [deg]
   * @param out - output (default: new)
   * @param options - interpolation method
   * @returns effective areas [cm2]; 0 outside the axes
   * @example
   * ```ts
   * aeff.evaluate([0.5, 1, 2], [1]); // three values [cm2]
   * ```
   */
  evaluate(energyTrue: ArrayLike<number>, offset: ArrayLike<number>, out?: Float64Array, options?: IrfEvaluateOptions): Float64Array {
    return this.evaluateCoords([energyTrue, offset], out, options);
  }

  /** Low energy threshold from `LO_THRES` [TeV], if present. */
  get loThreshold(): number | undefined {
    const v = this.meta.LO_THRES;
    return typeof v === "number" ? v : undefined;
  }

  /** High energy threshold from `HI_THRES` [TeV], if present. */
  get hiThreshold(): number | undefined {
    const v = this.meta.HI_THRES;
    return typeof v === "number" ? v : undefined;
  }

  /**
   * GADF `AEFF_2D` table HDU for `writeFits` (Gammapy reads it with `EffectiveAreaTable2D.read`).
   *
   * @param options - data unit (default m2), extname, float32
   * @returns the HDU description
   * @example
   * ```ts
   * writeFits("aeff.fits", [imageHdu(), aeff.toHdu()], { overwrite: true });
   * ```
   */
  toHdu(options: IrfToHduOptions = {}): BinTableHduSpec {
    const unit = options.unit ?? SPEC.fileUnit;
    return irfTableHdu({
      extname: options.extname ?? SPEC.gadf.extname,
      axes: this.axes,
      columns: [{ name: SPEC.gadf.columns[0]!, data: this.dataIn(unit), unit, float32: options.float32 ?? false }],
      meta: this.meta,
      keywords: gadfKeywords(SPEC.gadf, this.isPointlike),
    });
  }
}

IRF_REGISTRY.register({
  tag: SPEC.tag,
  hduClass2: SPEC.gadf.hduClass2,
  hduClass4: SPEC.gadf.hduClass4,
  matches: (hdu) => headerText(hdu, "HDUCLAS2") === "EFF_AREA" && hdu.hasColumn("EFFAREA"),
  read: (hdu, options) => EffectiveAreaTable2D.read(hdu, options),
});
