/**
 * Reading WCS maps written in Gammapy's layouts (`Map.read`): the map HDU (named, or the
 * first HDU with data), its axes table (BANDSHDU, else EBOUNDS / ENERGIES for Fermi-style
 * cubes), the WCS header, BUNIT and META. Writing is {@link WcsNDMap.write}.
 */
import { DataError, FitsError, parseUnit } from "@gammats/core";
import type { Logger } from "@gammats/core";
import { readFitsSync } from "@gammats/fits";
import type { FitsFile, Hdu } from "@gammats/fits";
import { readAxesTable } from "../axis-fits.js";
import type { AxisTableFormat } from "../axis-fits.js";
import { MapAxis } from "../map-axis.js";
import type { MapData, MapDType } from "./map-hdus.js";
import { WcsGeom } from "./wcs-geom.js";
import { WcsNDMap } from "./wcs-nd-map.js";

/** Options of {@link readWcsMap}. */
export interface ReadWcsMapOptions {
  /** Map HDU name or index; default the first HDU with data. */
  hdu?: string | number;
  /** Axes table HDU; default BANDSHDU of the map header (or EBOUNDS/ENERGIES for cubes). */
  hduBands?: string | number;
  /**
   * Data type; default "bool" when the HDU name contains "mask", "is_ul" or "success"
   * (Gammapy's rule), else "float64".
   */
  dtype?: MapDType;
  /** Receives a warning when BUNIT is not a valid unit (the unit is then ""). */
  logger?: Logger;
}

function firstHduWithData(file: FitsFile): Hdu {
  for (const hdu of file) if (hdu.dataSize > 0) return hdu;
  throw new FitsError("no HDU with data", file.path === undefined ? {} : { file: file.path }, { hint: "give the map HDU name" });
}

function bandsHduOf(file: FitsFile, hdu: Hdu, given: string | number | undefined): Hdu | undefined {
  if (given !== undefined) return file.hdu(given);
  if (hdu.header.has("BANDSHDU")) return file.hdu(String(hdu.header.get("BANDSHDU")).trim());
  if (hdu.shape.length === 3) return file.find("EBOUNDS") ?? file.find("ENERGIES");
  return undefined;
}

function axisFormat(bands: Hdu): AxisTableFormat {
  const name = bands.name.toUpperCase();
  if (name === "ENERGIES") return "fgst-template";
  if (name === "EBOUNDS") return "ogip";
  return "gadf";
}

/**
 * Reads a WCS map from an open FITS file.
 *
 * @param file - the file
 * @param options - hdu, hduBands, dtype, logger
 * @returns the map
 * @throws FitsError for a missing HDU or an unsupported WCS; DataError when the data do
 *   not match the geometry, for sparse (table) maps and for time axes
 * @example
 * ```ts
 * const m = readWcsMapFromFits(readFitsSync("cube.fits.gz"), { hdu: "COUNTS" });
 * ```
 */
export function readWcsMapFromFits(file: FitsFile, options: ReadWcsMapOptions = {}): WcsNDMap {
  const hdu = options.hdu === undefined ? firstHduWithData(file) : file.hdu(options.hdu);
  const where = { ...(file.path === undefined ? {} : { file: file.path }), hdu: hdu.name || hdu.index };
  if (hdu.type !== "image") {
    throw new DataError(`map HDU ${hdu.name || hdu.index} is a ${hdu.type}: sparse (table) maps are not supported`, {
      hint: "write the map as an image (Gammapy: sparse=False)",
    });
  }
  const bands = bandsHduOf(file, hdu, options.hduBands);
  const axes = bands === undefined ? [] : readAxesTable(bands, axisFormat(bands));
  const mapAxes = axes.map((a) => {
    if (!(a instanceof MapAxis)) throw new DataError(`map axis '${a.name}' is a time axis, not supported for WCS maps`, { hint: "use a RegionNDMap for light curves" });
    return a;
  });
  const geom = WcsGeom.fromHeader(hdu.header, mapAxes, where);
  const img = hdu.readImage();
  if (img.data.length !== geom.size) {
    throw new FitsError(`image of shape [${img.shape.join(", ")}] does not match the geometry [${geom.dataShape.join(", ")}]`, { ...where, key: "NAXIS" }, {
      hint: "check WCSSHAPE, NAXISn and the axes table",
    });
  }
  const isMaskName = /mask|is_ul|success/i.test(hdu.name);
  const dtype = options.dtype ?? (isMaskName ? "bool" : "float64");
  const n = geom.size;
  let data: MapData;
  if (dtype === "bool") {
    data = new Uint8Array(n);
    for (let i = 0; i < n; i++) data[i] = Number(img.data[i]) !== 0 ? 1 : 0;
  } else {
    data = dtype === "float32" ? new Float32Array(n) : new Float64Array(n);
    for (let i = 0; i < n; i++) data[i] = Number(img.data[i]);
  }
  let unit = hdu.header.has("BUNIT") ? String(hdu.header.get("BUNIT") ?? "").trim() : "";
  if (unit !== "") {
    try {
      parseUnit(unit);
    } catch {
      options.logger?.warning(`invalid BUNIT '${unit}' in ${where.file ?? "map"} HDU ${where.hdu}; using no unit`);
      unit = "";
    }
  }
  let meta: Record<string, unknown> = {};
  if (hdu.header.has("META")) {
    try {
      meta = JSON.parse(String(hdu.header.get("META"))) as Record<string, unknown>;
    } catch {
      options.logger?.warning(`META of ${where.file ?? "map"} HDU ${where.hdu} is not JSON; ignored`);
    }
  }
  return new WcsNDMap(geom, data, unit, meta);
}

/**
 * Reads a WCS map from a FITS file (Gammapy's `Map.read` for WCS maps).
 *
 * @param path - file path (gzip allowed)
 * @param options - hdu, hduBands, dtype, logger
 * @returns the map
 * @throws IoError for a missing file; FitsError / DataError as {@link readWcsMapFromFits}
 * @example
 * ```ts
 * const exclusion = readWcsMap("exclusion_mask.fits", { dtype: "bool" });
 * ```
 */
export function readWcsMap(path: string, options: ReadWcsMapOptions = {}): WcsNDMap {
  return readWcsMapFromFits(readFitsSync(path), options);
}
