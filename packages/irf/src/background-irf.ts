/**
 * What the 2D and 3D background IRFs share (Gammapy's `BackgroundIRF`): log-scaled
 * interpolation of a rate per energy and solid angle, reading of BKG/BGD columns in
 * either axis order, integration over energy bins and solid angle.
 */
import { INTERNAL_UNITS } from "@gammats/core";
import type { BinTableHduSpec, Hdu } from "@gammats/fits";
import { Irf } from "./irf-core.js";
import type { IrfInit, IrfSpec } from "./irf-core.js";
import type { IrfInterpolation } from "./irf-evaluator.js";
import { gadfKeywords, irfTableHdu, readIrfTable } from "./irf-hdu.js";
import type { IrfTableContents, IrfToHduOptions, ReadIrfOptions } from "./irf-hdu.js";
import { trapzLogLog } from "./trapz-log-log.js";

/** Internal unit of background rates: s-1 TeV-1 sr-1. */
export const BACKGROUND_UNIT = INTERNAL_UNITS.background_rate;

/** Unit of GADF background files, also assumed when a file's unit is missing or unreadable. */
export const BACKGROUND_FILE_UNIT = "s-1 MeV-1 sr-1";

/** Gammapy's background interpolation: log values, 0 outside. */
export const BACKGROUND_INTERPOLATION: IrfInterpolation = Object.freeze({ method: "linear", valuesScale: "log", fillValue: 0 });

/**
 * Reads a GADF background table for a background class.
 *
 * @param hdu - BKG table HDU
 * @param spec - the class description
 * @param options - file, logger, allowNonFinite
 * @returns the table contents
 * @throws FitsError as `readIrfTable`
 */
export function readBackgroundTable(hdu: Hdu, spec: IrfSpec, options: ReadIrfOptions): IrfTableContents {
  return readIrfTable(
    hdu,
    {
      tag: spec.tag,
      requiredAxes: spec.requiredAxes,
      // GADF says BKG; CTA 1DC files say BGD (Gammapy accepts both).
      columns: [{ names: spec.gadf.columns, unit: spec.unit, assumeUnit: BACKGROUND_FILE_UNIT }],
      // Gammapy also accepts the reversed axis order found in HESS and CTA files.
      acceptReversedOrder: true,
    },
    options,
  );
}

/**
 * Base of {@link Background2D} and {@link Background3D}: a background rate
 * [s-1 TeV-1 sr-1] versus reco energy (first axis) and position in the field of view.
 */
export abstract class BackgroundIrf extends Irf {
  protected constructor(spec: IrfSpec, init: IrfInit) {
    super(spec, init);
  }

  /**
   * Rate integrated over reco-energy bins by log-log trapezoids between the bin edges, at
   * field-of-view positions (Gammapy's `integrate_log_log(axis_name="energy")`).
   *
   * @param energyEdges - reco-energy edges [TeV], n + 1 values
   * @param position - coordinates of the non-energy axes [deg], in axis order, each of
   *   length p (or 1)
   * @param out - output (default: new), n·p values
   * @returns rates [s-1 sr-1], C order [energy bin][position]
   * @example
   * ```ts
   * bkg3d.integrateLogLog(ereco.edges, [lon, lat]); // per energy bin and position
   * ```
   */
  integrateLogLog(energyEdges: ArrayLike<number>, position: readonly ArrayLike<number>[], out?: Float64Array): Float64Array {
    let p = 1;
    for (const c of position) if (c.length !== 1) p = c.length;
    const ne = energyEdges.length;
    // Every edge × every position (rows = edges); length-1 coordinates broadcast.
    const points = position.map((c) => (c.length === p ? c : new Float64Array(p).fill(c[0]!)));
    const values = this.evaluateGridPoints([energyEdges], points, undefined, { method: "linear" });
    return trapzLogLog(values, energyEdges, p, out ?? new Float64Array((ne - 1) * p));
  }

  /**
   * Expected background count rate per energy bin and pixel: {@link integrateLogLog}
   * times the pixels' solid angles (multiply by the observation's ontime for counts, as
   * Gammapy's `make_map_background_irf`).
   *
   * @param energyEdges - reco-energy edges [TeV]
   * @param position - coordinates of the non-energy axes [deg], each of length p (or 1)
   * @param solidAngle - solid angle of each position's pixel [sr], p values (or 1)
   * @param out - output (default: new)
   * @returns rates [s-1], C order [energy bin][position]
   * @example
   * ```ts
   * bkg2d.countRate(ereco.edges, [offsets], pixelSolidAngles); // × ontime = counts
   * ```
   */
  countRate(
    energyEdges: ArrayLike<number>,
    position: readonly ArrayLike<number>[],
    solidAngle: ArrayLike<number>,
    out?: Float64Array,
  ): Float64Array {
    const res = this.integrateLogLog(energyEdges, position, out);
    const ne = energyEdges.length - 1;
    const p = res.length / Math.max(ne, 1);
    for (let i = 0; i < ne; i++) {
      for (let j = 0; j < p; j++) res[i * p + j] = res[i * p + j]! * (solidAngle.length === 1 ? solidAngle[0]! : solidAngle[j]!);
    }
    return res;
  }

  /**
   * GADF background table HDU for `writeFits` (Gammapy reads it with `Background2D.read`
   * / `Background3D.read`).
   *
   * @param options - data unit (default s-1 MeV-1 sr-1), extname, float32
   * @returns the HDU description
   */
  toHdu(options: IrfToHduOptions = {}): BinTableHduSpec {
    const unit = options.unit ?? this.spec.fileUnit;
    const keywords = gadfKeywords(this.spec.gadf, this.isPointlike);
    if (this.spec.requiredAxes.includes("fov_lon")) keywords.push(["FOVALIGN", this.fovAlignment]);
    return irfTableHdu({
      extname: options.extname ?? this.spec.gadf.extname,
      axes: this.axes,
      columns: [{ name: this.spec.gadf.columns[0]!, data: this.dataIn(unit), unit, float32: options.float32 ?? false }],
      meta: this.meta,
      keywords,
    });
  }
}
