/**
 * The HDUs of a WCS map in Gammapy's "gadf" layout (`Map.write`): an image HDU (the
 * primary by default, else an IMAGE extension after an empty primary) carrying the WCS
 * header, AXCOLSn/INTERPn, WCSSHAPE, BANDSHDU, META (JSON) and BUNIT, followed by the
 * BANDS table of the non-spatial axes, named "<HDU>_BANDS".
 */
import { imageHdu } from "@gammats/fits";
import type { CardInput, HduSpec } from "@gammats/fits";
import { bandsHdu } from "../axis-fits.js";
import type { WcsGeom } from "./wcs-geom.js";

/** Data types of map data. */
export type MapDType = "float64" | "float32" | "bool";

/** Map data arrays: float64, float32, or bytes (0/1) for boolean masks. */
export type MapData = Float64Array | Float32Array | Uint8Array;

/** What the writer needs of a map. */
export interface WcsMapLike {
  /** Geometry. */
  readonly geom: WcsGeom;
  /** Data in the geometry's data shape. */
  readonly data: MapData;
  /** Data type (a "bool" map stores 0/1 bytes). */
  readonly dtype: MapDType;
  /** Unit of the data ("" for none). */
  readonly unit: string;
  /** Metadata, written as JSON to META. */
  readonly meta: Record<string, unknown>;
}

/** Options of map writing. */
export interface WriteWcsMapOptions {
  /** Name of the image HDU; default "PRIMARY" (the data go in the primary HDU). */
  hdu?: string;
  /** Name of the axes table; default "<HDU>_BANDS". */
  hduBands?: string;
  /** Replace an existing file (default false). */
  overwrite?: boolean;
}

/**
 * The HDUs that store a map as Gammapy writes it.
 *
 * @param map - the map
 * @param options - hdu and hduBands names
 * @returns HDU descriptions for `writeFitsSync`
 * @example
 * ```ts
 * writeFitsSync("counts.fits", wcsMapToHdus(counts, { hdu: "COUNTS" }));
 * ```
 */
export function wcsMapToHdus(map: WcsMapLike, options: Omit<WriteWcsMapOptions, "overwrite"> = {}): HduSpec[] {
  const hdu = (options.hdu ?? "PRIMARY").toUpperCase();
  const geom = map.geom;
  const cards: CardInput[] = geom.toHeaderCards();
  const bandsName = (options.hduBands ?? `${hdu}_BANDS`).toUpperCase();
  if (geom.axes.length > 0) cards.push(["BANDSHDU", bandsName]);
  cards.push(["META", JSON.stringify(map.meta)], ["BUNIT", map.unit]);
  const image = imageHdu({ data: map.data, shape: geom.dataShape, header: cards, ...(hdu === "PRIMARY" ? {} : { name: hdu }) });
  const hdus: HduSpec[] = hdu === "PRIMARY" ? [image] : [imageHdu(), image];
  if (geom.axes.length > 0) hdus.push(bandsHdu(geom.axes, bandsName));
  return hdus;
}
