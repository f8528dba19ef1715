/**
 * Tabulated light curve (Gammapy's LightCurveTemplateTemporalModel, "template"): NORM at
 * TIME offsets from t_ref, linearly interpolated (and extrapolated from the end segments,
 * as Gammapy's map interpolation does), negative values clipped to 0. Its integral is
 * Gammapy's generic sampled one. Files: a FITS table with TIME and NORM columns and
 * MJDREFI, MJDREFF, TIMEUNIT (and TIMESYS) in the header, Gammapy's "table" format.
 */
import { existsSync } from "node:fs";
import { DataError, IoError, conversionFactor } from "@gammats/core";
import { readFitsSync, type Hdu } from "@gammats/fits";
import { MapAxis } from "@gammats/maps";
import { buildParameters, type ParameterInput, type ParameterSpec } from "../model-parameters.js";
import { expandPath } from "../spatial/template-map-io.js";
import { DEFAULT_T_REF_MJD, TemporalModel } from "./temporal-model.js";

/** Parameters of {@link LightCurveTemplateTemporalModel} (Gammapy 1.0). */
export const LIGHT_CURVE_TEMPLATE_PARAMETERS = [
  { name: "t_ref", value: DEFAULT_T_REF_MJD, unit: "d" },
] as const satisfies readonly ParameterSpec[];

/** Options of {@link LightCurveTemplateTemporalModel}. */
export interface LightCurveTemplateOptions {
  /** Node times, offsets from t_ref [timeUnit], ascending. */
  time: ArrayLike<number>;
  /** Norm at each node (dimensionless). */
  norm: ArrayLike<number>;
  /** Unit of `time` ("d" default, "s", "h", ...). */
  timeUnit?: string;
  /** Reference time [MJD] or a Parameter (default 51544, Gammapy's). */
  t_ref?: ParameterInput;
  /** Unit of the norm as written to YAML ("" default). */
  normUnit?: string;
  /** File the table came from (written to YAML). */
  filename?: string | undefined;
}

/**
 * Light-curve template temporal model.
 *
 * @example
 * ```ts
 * const lc = new LightCurveTemplateTemporalModel({ time: [0, 1, 2], norm: [1, 3, 2], t_ref: 59000.5 });
 * lc.evaluate(Float64Array.of(59001));   // [2]
 * const fromFile = readLightCurveTemplate("lightcrv_PKSB1222+216.fits");
 * ```
 */
export class LightCurveTemplateTemporalModel extends TemporalModel {
  /** Type names accepted in YAML. */
  static readonly tags = ["LightCurveTemplateTemporalModel", "template"] as const;
  /** Parameter declarations. */
  static readonly defaults = LIGHT_CURVE_TEMPLATE_PARAMETERS;

  /** Node times as an axis [timeUnit]. */
  readonly timeAxis: MapAxis;
  /** Norm at each node. */
  readonly norm: Float64Array;
  /** Unit of the norm, as written to YAML. */
  readonly normUnit: string;
  /** File the table came from, if any. */
  filename: string | undefined;
  private readonly daysToTimeUnit: number;

  /**
   * @param options - time, norm, timeUnit, t_ref, normUnit, filename
   * @throws DataError for time and norm of different lengths or non-ascending times;
   *   UnitError for a time unit that is not a time
   */
  constructor(options: LightCurveTemplateOptions) {
    const t_ref = options.t_ref;
    super(
      LightCurveTemplateTemporalModel.tags,
      buildParameters("LightCurveTemplateTemporalModel", LIGHT_CURVE_TEMPLATE_PARAMETERS, t_ref === undefined ? {} : { t_ref }),
    );
    if (options.time.length !== options.norm.length || options.time.length === 0) {
      throw new DataError(`light curve needs as many TIME as NORM values (got ${options.time.length}, ${options.norm.length})`);
    }
    const unit = options.timeUnit ?? "d";
    this.timeAxis = MapAxis.fromNodes(options.time, { name: "time", unit });
    this.norm = Float64Array.from(options.norm);
    this.normUnit = options.normUnit ?? "";
    this.filename = options.filename;
    this.daysToTimeUnit = conversionFactor("d", unit);
  }

  /** Unit of the node times. */
  get timeUnit(): string {
    return this.timeAxis.unit;
  }

  /** @inheritDoc */
  evaluate(time: Float64Array, out: Float64Array = new Float64Array(time.length)): Float64Array {
    const tRef = this.parameters.list[0]!.internalValue;
    const offsets = new Float64Array(time.length);
    for (let i = 0; i < time.length; i++) offsets[i] = (time[i]! - tRef) * this.daysToTimeUnit;
    // Time → fractional node index → linear in the index, extrapolating (Gammapy's map interpolation).
    const pix = this.timeAxis.coordToPix(offsets, offsets);
    const n = this.norm.length;
    for (let i = 0; i < time.length; i++) {
      let v: number;
      if (n === 1) v = this.norm[0]!;
      else {
        const k = Math.min(Math.max(Math.floor(pix[i]!), 0), n - 2);
        const w = pix[i]! - k;
        v = (1 - w) * this.norm[k]! + w * this.norm[k + 1]!;
      }
      out[i] = v > 0 ? v : 0;
    }
    return out;
  }

  /** A copy (new t_ref parameter, shared node arrays). */
  copy(): LightCurveTemplateTemporalModel {
    return new LightCurveTemplateTemporalModel({
      time: this.timeAxis.nodes,
      norm: this.norm,
      timeUnit: this.timeUnit,
      t_ref: this.parameters.list[0]!.copy(),
      normUnit: this.normUnit,
      filename: this.filename,
    });
  }
}

/** The first binary table of a file (astropy's `Table.read` default). */
function firstTable(hdus: readonly Hdu[], path: string): Hdu {
  const hdu = hdus.find((h) => h.type === "bintable" || h.type === "table");
  if (hdu === undefined) throw new IoError("no table HDU in light-curve file", path);
  return hdu;
}

/**
 * Reads a light-curve template from a FITS table (Gammapy's
 * `LightCurveTemplateTemporalModel.read(filename, format="table")`): TIME and NORM columns,
 * t_ref = MJDREFI + MJDREFF, node unit TIMEUNIT.
 *
 * @param path - FITS file; kept as `filename` ($VARS expanded, as Gammapy)
 * @returns the model
 * @throws IoError for a missing file or table; DataError for missing columns or keywords
 * @example
 * ```ts
 * const lc = readLightCurveTemplate("$GAMMAPY_DATA/tests/models/light_curve/lightcrv_PKSB1222+216.fits");
 * lc.parameters.get("t_ref").value;   // 59000.5
 * ```
 */
export function readLightCurveTemplate(path: string): LightCurveTemplateTemporalModel {
  const file = expandPath(path);
  if (!existsSync(file)) throw new IoError("light-curve template not found", file);
  const fits = readFitsSync(file);
  const hdu = firstTable(fits.hdus, file);
  const h = hdu.header;
  for (const column of ["TIME", "NORM"]) {
    if (!hdu.hasColumn(column)) throw new DataError(`light-curve table ${file} has no ${column} column`, { hint: "columns TIME and NORM are needed" });
  }
  for (const key of ["MJDREFI", "MJDREFF", "TIMEUNIT"]) {
    if (!h.has(key)) throw new DataError(`light-curve table ${file} has no ${key} keyword`, { hint: "the time reference needs MJDREFI, MJDREFF and TIMEUNIT" });
  }
  const norm = hdu.readFloat64("NORM");
  return new LightCurveTemplateTemporalModel({
    time: hdu.readFloat64("TIME").data,
    norm: norm.data,
    timeUnit: h.getString("TIMEUNIT").trim(),
    t_ref: h.getNumber("MJDREFI") + h.getNumber("MJDREFF"),
    normUnit: norm.unit ?? "",
    filename: file,
  });
}
