/**
 * Background rate versus reco energy and field-of-view coordinates (GADF `BKG_3D`,
 * Gammapy's `Background3D`).
 */
import type { Hdu } from "@gammats/fits";
import { MapAxis } from "@gammats/maps";
import { BACKGROUND_FILE_UNIT, BACKGROUND_INTERPOLATION, BACKGROUND_UNIT, BackgroundIrf, readBackgroundTable } from "./background-irf.js";
import { Background2D } from "./background-2d.js";
import type { IrfInit, IrfSpec } from "./irf-core.js";
import type { IrfEvaluateOptions } from "./irf-evaluator.js";
import type { ReadIrfOptions } from "./irf-hdu.js";
import { IRF_REGISTRY, headerText } from "./irf-registry.js";

const SPEC: IrfSpec = Object.freeze({
  tag: "bkg_3d",
  requiredAxes: Object.freeze(["energy", "fov_lon", "fov_lat"]),
  unit: BACKGROUND_UNIT,
  fileUnit: BACKGROUND_FILE_UNIT,
  interpolation: BACKGROUND_INTERPOLATION,
  gadf: Object.freeze({ extname: "BACKGROUND", columns: Object.freeze(["BKG", "BGD"]), hduClass2: "BKG", hduClass4: "BKG_3D" }),
}) as IrfSpec;

/**
 * Background rate B(E_reco, fov_lon, fov_lat) [s-1 TeV-1 sr-1].
 *
 * Interpolated linearly in (log E, lon, lat) on log values, 0 outside the axes. The
 * field-of-view frame is aligned with RA/Dec or Alt/Az as {@link Irf.fovAlignment} says
 * (GADF `FOVALIGN`, kept on write).
 *
 * @example
 * ```ts
 * const bkg = Background3D.read(file.hdu("BKG"));
 * bkg.evaluate([1], [0.5], [-0.3]);               // s-1 TeV-1 sr-1
 * bkg.integrateLogLog([1, 2], [[0.5], [-0.3]]);   // s-1 sr-1 in [1, 2] TeV
 * ```
 */
export class Background3D extends BackgroundIrf {
  /** Class description (tag "bkg_3d", axes energy × fov_lon × fov_lat). */
  static readonly spec: IrfSpec = SPEC;

  /**
   * @param init - axes [energy, fov_lon, fov_lat], data (default unit s-1 TeV-1 sr-1), fovAlignment, ...
   * @throws DataError or UnitError for axes, data or unit that do not fit
   */
  constructor(init: IrfInit) {
    super(SPEC, init);
  }

  /**
   * Reads a GADF `BKG_3D` table (column BKG, or BGD as in CTA 1DC; either axis order).
   *
   * @param hdu - the table HDU
   * @param options - file, logger (warned when the unit is assumed), allowNonFinite
   * @returns the background
   * @throws FitsError for missing columns, bad axes or non-finite data
   * @example
   * ```ts
   * Background3D.read(file.hdu("BACKGROUND"), { file: path }).fovAlignment; // "RADEC"
   * ```
   */
  static read(hdu: Hdu, options: ReadIrfOptions = {}): Background3D {
    const t = readBackgroundTable(hdu, SPEC, options);
    const col = t.columns[0]!;
    return new Background3D({
      axes: t.axes,
      data: col.data,
      unit: col.unit,
      meta: t.meta,
      isPointlike: t.isPointlike,
      fovAlignment: t.fovAlignment,
    });
  }

  /**
   * Background rate at field-of-view positions (length-1 arrays broadcast).
   *
   * @param energy - reco energies [TeV]
   * @param fovLon - field-of-view longitudes [deg]
   * @param fovLat - field-of-view latitudes [deg]
   * @param out - output (default: new)
   * @param options - interpolation method
   * @returns rates [s-1 TeV-1 sr-1]
   */
  evaluate(
    energy: ArrayLike<number>,
    fovLon: ArrayLike<number>,
    fovLat: ArrayLike<number>,
    out?: Float64Array,
    options?: IrfEvaluateOptions,
  ): Float64Array {
    return this.evaluateCoords([energy, fovLon, fovLat], out, options);
  }

  /**
   * The 2D background along fov_lat = 0, fov_lon >= 0: the data of the bins from the one
   * containing lon 0 outwards, at the lat bin containing 0 (Gammapy's `to_2d`, which
   * ignores the rest of the field of view).
   *
   * @returns the 2D background
   */
  to2d(): Background2D {
    const lon = this.axis("fov_lon");
    const lat = this.axis("fov_lat");
    const iLon = lon.coordToIdx([0])[0]!;
    const iLat = lat.coordToIdx([0])[0]!;
    const [ne, nlon, nlat] = this.shape as [number, number, number];
    const no = nlon - iLon;
    const data = new Float64Array(ne * no);
    for (let e = 0; e < ne; e++) {
      for (let o = 0; o < no; o++) data[e * no + o] = this.data[(e * nlon + iLon + o) * nlat + iLat]!;
    }
    const offset = MapAxis.fromEdges(lon.edges.slice(iLon), { name: "offset", unit: lon.unit });
    return new Background2D({ axes: [this.axes[0]!, offset], data });
  }
}

IRF_REGISTRY.register({
  tag: SPEC.tag,
  hduClass2: SPEC.gadf.hduClass2,
  hduClass4: SPEC.gadf.hduClass4,
  matches: (hdu) => headerText(hdu, "HDUCLAS2") === "BKG" && hdu.hasColumn("DETX_LO"),
  read: (hdu, options) => Background3D.read(hdu, options),
});
