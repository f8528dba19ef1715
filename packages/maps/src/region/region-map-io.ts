/**
 * FITS I/O of region geometries and maps in Gammapy 1.0's "gadf" region-map layout:
 * an empty primary HDU; the data HDU (default "SKYMAP") as a table CHANNEL, DATA with
 * the axis keywords (AXCOLSn, INTERPn); "<HDU>_BANDS" with the axes; "<HDU>_REGION"
 * with the regions in pixels of the geometry's TAN WCS. Files are readable by
 * `RegionNDMap.read` and read what `RegionNDMap.write` writes.
 */
import { DataError, FitsError } from "@gammats/core";
import { binTableHdu, imageHdu, readFitsSync, writeFitsSync } from "@gammats/fits";
import type { CardInput, FitsFile, HduSpec, WriteFitsOptions } from "@gammats/fits";
import { bandsHdu, eboundsHdu, readAxesTable } from "../axis-fits.js";
import type { AxisTableFormat } from "../axis-fits.js";
import { axesToGadfBands } from "../axis-tables.js";
import { MapAxis } from "../map-axis.js";
import { RegionGeom } from "./region-geom.js";
import { RegionNDMap } from "./region-nd-map.js";
import { readRegionTable, regionTableHdu } from "./region-table.js";

/** Layouts of the geometry HDUs: "gadf" (region maps), "ogip" (PHA files: EBOUNDS + REGION). */
export type RegionGeomFormat = "gadf" | "ogip" | "ogip-arf";

/** Options of {@link regionGeomToHdus}. */
export interface RegionGeomWriteOptions {
  /** Layout, default "gadf". */
  format?: "gadf" | "ogip";
  /** EXTNAME of the axes table, default "HDU_BANDS" (gadf) / "EBOUNDS" (ogip). */
  hduBands?: string;
  /** EXTNAME of the region table, default "HDU_REGION" (gadf) / "REGION" (ogip). */
  hduRegion?: string;
}

/** Options of {@link regionGeomFromFits}. */
export interface RegionGeomReadOptions {
  /** Layout, default "gadf". */
  format?: RegionGeomFormat;
  /** Name of the data HDU; gadf looks for "<hdu>_BANDS" and "<hdu>_REGION". Default "SKYMAP". */
  hdu?: string;
}

// Keys of a data-table header that describe the table itself, not the map's metadata.
const STRUCTURAL = /^(XTENSION|BITPIX|NAXIS\d*|PCOUNT|GCOUNT|TFIELDS|EXTNAME|EXTVER|T(TYPE|FORM|UNIT|DIM|DISP|NULL|SCAL|ZERO)\d+|AXCOLS\d+|INTERP\d+|MJDREF[IF]?|TIMESYS|COMMENT|HISTORY)$/;

/**
 * Describes the geometry HDUs of a region map: the axes table and, when the geometry has
 * regions, the region table.
 *
 * @param geom - the geometry (at least one axis)
 * @param options - format and HDU names
 * @returns HDU descriptions in file order
 * @throws DataError for a geometry without axes (Gammapy cannot write one either) or an
 *   OGIP geometry whose single axis is not "energy"
 * @example
 * ```ts
 * regionGeomToHdus(geom, { hduBands: "SKYMAP_BANDS", hduRegion: "SKYMAP_REGION" });
 * ```
 */
export function regionGeomToHdus(geom: RegionGeom, options: RegionGeomWriteOptions = {}): HduSpec[] {
  const format = options.format ?? "gadf";
  if (geom.axes.length === 0) {
    throw new DataError("cannot write a region geometry without non-spatial axes", { hint: "add an axis, e.g. an energy axis" });
  }
  const hdus: HduSpec[] = [];
  if (format === "gadf") hdus.push(bandsHdu(geom.axes, options.hduBands ?? "HDU_BANDS"));
  else {
    const axis = geom.axes[0];
    if (geom.axes.length !== 1 || !(axis instanceof MapAxis)) {
      throw new DataError(`OGIP region geometries have one energy axis, got [${geom.axes.map((a) => a.name).join(", ")}]`, { hint: "use format 'gadf'" });
    }
    hdus.push(eboundsHdu(axis));
  }
  if (geom.regions.length > 0 && geom.wcs !== null) {
    const name = format === "gadf" ? (options.hduRegion ?? "HDU_REGION") : "REGION";
    hdus.push(regionTableHdu(geom.regions, geom.wcs, name));
  }
  return hdus;
}

/**
 * Reads a region geometry from a file: the axes table and, when present, the region
 * table (whose WCS the geometry keeps, as Gammapy does).
 *
 * @param file - the opened FITS file
 * @param options - format (default "gadf") and data HDU name (default "SKYMAP")
 * @returns the geometry
 * @throws FitsError for a missing axes HDU or an unreadable region table
 * @example
 * ```ts
 * regionGeomFromFits(readFitsSync("spectrum.fits"), { hdu: "SKYMAP" }).axes[0].name; // "energy"
 * ```
 */
export function regionGeomFromFits(file: FitsFile, options: RegionGeomReadOptions = {}): RegionGeom {
  const format = options.format ?? "gadf";
  const hdu = (options.hdu ?? "SKYMAP").toUpperCase();
  const regionName = format === "gadf" ? `${hdu}_REGION` : "REGION";
  const bandsName = format === "gadf" ? `${hdu}_BANDS` : format === "ogip" ? "EBOUNDS" : "SPECRESP";
  const axes = readAxesTable(file.hdu(bandsName), format as AxisTableFormat);
  const regionHdu = file.find(regionName);
  if (regionHdu === undefined) return new RegionGeom(null, { axes });
  const { regions, wcs } = readRegionTable(regionHdu, file.path);
  return new RegionGeom(regions, { axes, wcs });
}

/**
 * Describes a region map as HDUs in Gammapy's "gadf" layout (primary, data, bands, region).
 *
 * @param map - the map
 * @param hdu - name of the data HDU, default "SKYMAP"
 * @returns HDU descriptions for `writeFitsSync`
 * @throws DataError for a map without non-spatial axes
 * @example
 * ```ts
 * writeFitsSync("counts.fits", regionNDMapToHdus(counts, "COUNTS"));
 * ```
 */
export function regionNDMapToHdus(map: RegionNDMap, hdu = "SKYMAP"): HduSpec[] {
  const name = hdu.toUpperCase();
  const geomHdus = regionGeomToHdus(map.geom, { format: "gadf", hduBands: `${name}_BANDS`, hduRegion: `${name}_REGION` });
  const axisCards = Object.entries(axesToGadfBands(map.geom.axes).header).map(([k, v]) => [k, v] as CardInput);
  const metaCards = Object.entries(map.meta)
    .filter(([k]) => !STRUCTURAL.test(k.toUpperCase()))
    .map(([k, v]) => [k.toUpperCase(), v] as CardInput);
  const n = map.data.length;
  if (n > 32767) {
    throw new DataError(`region map has ${n} bins; the CHANNEL column (int16, as Gammapy writes it) holds at most 32767`, { hint: "use fewer bins" });
  }
  const data = binTableHdu({
    name,
    columns: [
      { name: "CHANNEL", data: Int16Array.from({ length: n }, (_, i) => i) },
      { name: "DATA", data: map.data, ...(map.unit === "" ? {} : { unit: map.unit }) },
    ],
    header: [...axisCards, ...metaCards],
  });
  return [imageHdu(), data, ...geomHdus];
}

/**
 * Writes a region map in Gammapy's "gadf" layout (atomically).
 *
 * @param path - output file (".gz" compresses)
 * @param map - the map
 * @param options - `overwrite` (default false), `hdu` (data HDU name, default "SKYMAP")
 * @throws IoError when the file exists without `overwrite`; DataError for a map without axes
 * @example
 * ```ts
 * writeRegionNDMap("exposure.fits", exposure, { overwrite: true });
 * ```
 */
export function writeRegionNDMap(path: string, map: RegionNDMap, options: WriteFitsOptions & { hdu?: string } = {}): void {
  const { hdu, ...writeOptions } = options;
  writeFitsSync(path, regionNDMapToHdus(map, hdu), writeOptions);
}

/**
 * Reads a region map written in the "gadf" layout (by Gammapy or gammats).
 *
 * @param input - path or opened file
 * @param options - `hdu`: name of the data HDU, default "SKYMAP"
 * @returns the map (values as float64, unit from TUNIT of DATA)
 * @throws FitsError for missing HDUs or columns, or a DATA length that does not match the axes
 * @example
 * ```ts
 * readRegionNDMap("counts.fits").sumOverAxes().data[0];
 * ```
 */
export function readRegionNDMap(input: string | FitsFile, options: { hdu?: string } = {}): RegionNDMap {
  const file = typeof input === "string" ? readFitsSync(input) : input;
  const hdu = (options.hdu ?? "SKYMAP").toUpperCase();
  const geom = regionGeomFromFits(file, { format: "gadf", hdu });
  const table = file.hdu(hdu);
  const col = table.readFloat64("DATA");
  if (col.data.length !== geom.size) {
    throw new FitsError(`DATA has ${col.data.length} values but the axes in ${hdu}_BANDS give ${geom.size} bins`, {
      ...(file.path === undefined ? {} : { file: file.path }),
      hdu,
      key: "DATA",
    }, { hint: "the data and BANDS tables do not belong together; rewrite the file" });
  }
  const meta: Record<string, string | number | boolean> = {};
  for (const card of table.header.cards) {
    const v = card.value;
    if (card.key === "" || STRUCTURAL.test(card.key) || v === undefined || v === null) continue;
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") meta[card.key] = v;
  }
  return new RegionNDMap(geom, col.data, (col.unit ?? "").trim(), meta);
}
