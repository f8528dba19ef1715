/**
 * Radially symmetric background rate versus reco energy and field-of-view offset (GADF
 * `BKG_2D`, Gammapy's `Background2D`).
 */
import type { Hdu } from "@gammats/fits";
import { MapAxis } from "@gammats/maps";
import { BACKGROUND_FILE_UNIT, BACKGROUND_INTERPOLATION, BACKGROUND_UNIT, BackgroundIrf, readBackgroundTable } from "./background-irf.js";
import { Background3D } from "./background-3d.js";
import type { IrfInit, IrfSpec } from "./irf-core.js";
import { gridCoordinates } from "./irf-evaluator.js";
import type { IrfEvaluateOptions } from "./irf-evaluator.js";
import type { ReadIrfOptions } from "./irf-hdu.js";
import { IRF_REGISTRY, headerText } from "./irf-registry.js";

const SPEC: IrfSpec = Object.freeze({
  tag: "bkg_2d",
  requiredAxes: Object.freeze(["energy", "offset"]),
  unit: BACKGROUND_UNIT,
  fileUnit: BACKGROUND_FILE_UNIT,
  interpolation: BACKGROUND_INTERPOLATION,
  gadf: Object.freeze({ extname: "BACKGROUND", columns: Object.freeze(["BKG", "BGD"]), hduClass2: "BKG", hduClass4: "BKG_2D" }),
}) as IrfSpec;

/**
 * Background rate B(E_reco, offset) [s-1 TeV-1 sr-1].
 *
 * Interpolated linearly in (log E, offset) on log values, 0 outside the axes.
 *
 * @example
 * ```ts
 * const bkg = Background2D.read(file.hdu("BKG"));
 * bkg.evaluate([0.5, 1, 2], [1]);                // s-1 TeV-1 sr-1 at 1 deg
 * bkg.countRate([1, 2, 4], [[1]], [1e-5]);       // s-1 in two bins, 1e-5 sr pixel
 * ```
 */
export class Background2D extends BackgroundIrf {
  /** Class description (tag "bkg_2d", axes energy × offset). */
  static readonly spec: IrfSpec = SPEC;

  /**
   * @param init - axes [energy, offset], data (default unit s-1 TeV-1 sr-1), ...
   * @throws DataError or UnitError for axes, data or unit that do not fit
   */
  constructor(init: IrfInit) {
    super(SPEC, init);
  }

  /**
   * Reads a GADF `BKG_2D` table (column BKG or BGD; either axis order).
   *
   * @param hdu - the table HDU
   * @param options - file, logger (warned when the unit is assumed), allowNonFinite
   * @returns the background
   * @throws FitsError for missing columns, bad axes or non-finite data
   * @example
   * ```ts
   * Background2D.read(file.hdu("BKG"), { file: path });
   * ```
   */
  static read(hdu: Hdu, options: ReadIrfOptions = {}): Background2D {
    const t = readBackgroundTable(hdu, SPEC, options);
    const col = t.columns[0]!;
    return new Background2D({ axes: t.axes, data: col.data, unit: col.unit, meta: t.meta, isPointlike: t.isPointlike });
  }

  /**
   * Background rate at (energy, offset) pairs (length-1 arrays broadcast).
   *
   * @param energy - reco energies [TeV]
   * @param offset - offsets [deg]
   * @param out - output (default: new)
   * @param options - interpolation method
   * @returns rates [s-1 TeV-1 sr-1]
   */
  evaluate(energy: ArrayLike<number>, offset: ArrayLike<number>, out?: Float64Array, options?: IrfEvaluateOptions): Float64Array {
    return this.evaluateCoords([energy, offset], out, options);
  }

  /**
   * The 3D background on a square field of view with edges ±(offset edges), evaluated at
   * offset √(lon² + lat²) of each bin centre (Gammapy's `to_3d`).
   *
   * @returns the 3D background
   */
  to3d(): Background3D {
    const off = this.axis("offset").edges;
    const n = off.length;
    const edges = new Float64Array(2 * n - 1);
    for (let i = 0; i < n - 1; i++) edges[i] = -off[n - 1 - i]!;
    edges.set(off, n - 1);
    const lon = MapAxis.fromEdges(edges, { name: "fov_lon", unit: "deg" });
    const lat = MapAxis.fromEdges(edges, { name: "fov_lat", unit: "deg" });
    const energy = this.axes[0]!;
    const [e, x, y] = gridCoordinates([energy.centers, lon.centers, lat.centers]) as [Float64Array, Float64Array, Float64Array];
    const r = x.map((v, i) => Math.sqrt(v * v + y[i]! * y[i]!));
    return new Background3D({ axes: [energy, lon, lat], data: this.evaluate(e, r) });
  }
}

IRF_REGISTRY.register({
  tag: SPEC.tag,
  hduClass2: SPEC.gadf.hduClass2,
  hduClass4: SPEC.gadf.hduClass4,
  matches: (hdu) => headerText(hdu, "HDUCLAS2") === "BKG" && hdu.hasColumn("THETA_LO"),
  read: (hdu, options) => Background2D.read(hdu, options),
});
