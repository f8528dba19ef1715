/**
 * SkyMap: the small factory of Gammapy's `Map` class methods for WCS maps — `create`,
 * `fromGeom`, `read`. Named SkyMap because `Map` would shadow JavaScript's built-in Map
 * in every module importing it. Region and HEALPix maps are not produced here.
 */
import { readWcsMap } from "./map-io.js";
import type { ReadWcsMapOptions } from "./map-io.js";
import type { WcsGeom, WcsGeomCreateOptions } from "./wcs-geom.js";
import { WcsNDMap } from "./wcs-nd-map.js";
import type { WcsNDMapOptions } from "./wcs-nd-map.js";

/**
 * Factory of WCS maps (Gammapy's `Map.create`, `Map.from_geom`, `Map.read`).
 *
 * @example
 * ```ts
 * const m = SkyMap.create({ skydir: [83.63, 22.01], width: 5, binsz: 0.02, proj: "TAN", unit: "cm-2 s-1" });
 * m.write("flux.fits");
 * SkyMap.read("flux.fits").geom.equals(m.geom); // true
 * ```
 */
export const SkyMap = {
  /**
   * Empty map from geometry options (default binsz 0.1 deg, as Gammapy's `Map.create`).
   *
   * @param options - WcsGeom.create options plus dtype, unit, meta, maxBytes
   * @returns the map
   */
  create(options: WcsGeomCreateOptions & WcsNDMapOptions = {}): WcsNDMap {
    return WcsNDMap.create(options);
  },

  /**
   * Map on a geometry (zeros or the given data).
   *
   * @param geom - the geometry
   * @param options - data, dtype, unit, meta, maxBytes
   * @returns the map
   */
  fromGeom(geom: WcsGeom, options: WcsNDMapOptions = {}): WcsNDMap {
    return WcsNDMap.fromGeom(geom, options);
  },

  /**
   * Reads a WCS map from a FITS file.
   *
   * @param path - file path
   * @param options - hdu, hduBands, dtype, logger
   * @returns the map
   */
  read(path: string, options: ReadWcsMapOptions = {}): WcsNDMap {
    return readWcsMap(path, options);
  },
} as const;
