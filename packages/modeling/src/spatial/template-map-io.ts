/**
 * Reading template maps from FITS as Gammapy's `Map.read` finds them: the first HDU with
 * data, the non-spatial axes from its BANDS table (BANDSHDU keyword; EBOUNDS / ENERGIES for
 * Fermi cubes), the unit from BUNIT ("cm-2 s-1 MeV-1 sr-1" for unitless Fermi templates).
 *
 * The sky geometry is read by {@link templateGeomFromHeader}, which for now knows the
 * plain longitude/latitude grid only (CAR with CRVAL2 = 0, no rotation) — the layout of
 * Gammapy's CAR maps centred on the equator and of the Fermi diffuse templates. Other
 * projections need maps' general `WcsGeom.fromHeader`, which satisfies `TemplateGeom`
 * and replaces this function once maps exports it.
 */
import { DataError, IoError, substituteEnvVars } from "@gammats/core";
import { readFitsSync, type FitsFile, type FitsHeader, type Hdu } from "@gammats/fits";
import { MapAxis, readAxesTable, type AxisTableFormat } from "@gammats/maps";
import { LonLatGridGeom, type TemplateGeom, type TemplateMap } from "./template-geom.js";
import { TemplateSpatialModel, type TemplateSpatialModelOptions } from "./template-spatial.js";

/**
 * Expands `$VAR` and `${VAR}` from the environment, as Gammapy's `make_path`.
 *
 * @param path - a path such as "$GAMMAPY_DATA/catalogs/fermi/gll_iem_v06.fits.gz"
 * @returns the expanded path
 * @throws IoError naming the variables that are not set
 * @example
 * ```ts
 * expandPath("$HOME/x.fits");   // "/home/me/x.fits"
 * ```
 */
export function expandPath(path: string): string {
  const { value, missing } = substituteEnvVars(path);
  if (missing.length > 0) {
    throw new IoError(`environment variable${missing.length > 1 ? "s" : ""} ${missing.join(", ")} not set`, path, {
      hint: `set ${missing.map((m) => `$${m}`).join(", ")} or give the full path`,
    });
  }
  return value;
}

/**
 * The sky geometry of a map HDU (plain longitude/latitude grids for now; see the file comment).
 *
 * @param header - the image header
 * @param axes - the non-spatial axes
 * @param file - file name for messages
 * @returns the geometry
 * @throws DataError for a projection or orientation this reader does not handle
 */
export function templateGeomFromHeader(header: FitsHeader, axes: readonly MapAxis[], file?: string): TemplateGeom {
  const ctype1 = header.getString("CTYPE1", "").trim().toUpperCase();
  const ctype2 = header.getString("CTYPE2", "").trim().toUpperCase();
  const frame = ctype1.startsWith("GLON") && ctype2.startsWith("GLAT") ? "galactic" : ctype1.startsWith("RA") && ctype2.startsWith("DEC") ? "icrs" : undefined;
  const crval2 = header.getNumber("CRVAL2", 0);
  const rotated = ["PC1_2", "PC2_1", "CD1_2", "CD2_1", "CROTA2"].some((k) => header.has(k) && header.getNumber(k) !== 0);
  const lonpole = header.getNumber("LONPOLE", 0);
  if (frame === undefined || !ctype1.endsWith("-CAR") || !ctype2.endsWith("-CAR") || crval2 !== 0 || rotated || lonpole !== 0) {
    throw new DataError(
      `template map ${file ?? ""}: only plain lon/lat grids (CAR with CRVAL2 = 0, unrotated) are read yet; got ${ctype1}/${ctype2}, CRVAL2 = ${crval2}`.replace("  ", " "),
      { hint: "reproject the template to a CAR grid centred on the equator, or build the model from a WcsGeom map" },
    );
  }
  const shape = header.has("WCSSHAPE") ? /^\(\s*(\d+)\s*,\s*(\d+)/.exec(String(header.get("WCSSHAPE")).trim()) : null;
  const npix: [number, number] = shape ? [Number(shape[1]), Number(shape[2])] : [header.getNumber("NAXIS1"), header.getNumber("NAXIS2")];
  const cdelt1 = header.has("CD1_1") ? header.getNumber("CD1_1") : header.getNumber("CDELT1") * header.getNumber("PC1_1", 1);
  const cdelt2 = header.has("CD2_2") ? header.getNumber("CD2_2") : header.getNumber("CDELT2") * header.getNumber("PC2_2", 1);
  return new LonLatGridGeom({
    npix,
    lonRef: header.getNumber("CRVAL1", 0),
    dlon: cdelt1,
    dlat: cdelt2,
    refPix: [header.getNumber("CRPIX1") - 1, header.getNumber("CRPIX2") - 1],
    frame,
    axes,
  });
}

/** The first HDU with data (Gammapy's `find_hdu`). */
function findDataHdu(file: FitsFile, path: string): Hdu {
  const hdu = file.hdus.find((h) => h.shape.length > 0 && h.shape.every((n) => n > 0));
  if (hdu === undefined) throw new IoError("no HDU with data in template file", path);
  if (hdu.type !== "image") {
    throw new IoError(`template HDU '${hdu.name}' is a table (HEALPix or sparse map)`, path, { hint: "use a WCS image or cube" });
  }
  return hdu;
}

/** The BANDS HDU and its layout (Gammapy's `find_bands_hdu` + `identify_wcs_format`). */
function findBands(file: FitsFile, hdu: Hdu): { bands: Hdu; format: AxisTableFormat } | undefined {
  let name: string | undefined;
  if (hdu.header.has("BANDSHDU")) name = hdu.header.getString("BANDSHDU").trim();
  else if (hdu.header.getNumber("NAXIS", 0) === 3) name = file.has("EBOUNDS") ? "EBOUNDS" : file.has("ENERGIES") ? "ENERGIES" : undefined;
  if (name === undefined || !file.has(name)) return undefined;
  const bands = file.hdu(name);
  const format: AxisTableFormat = bands.name === "ENERGIES" ? "fgst-template" : bands.name === "EBOUNDS" ? "ogip" : "gadf";
  return { bands, format };
}

/**
 * Reads a WCS image or cube as a template map.
 *
 * @param path - FITS file ($VARS are expanded)
 * @returns geometry, values (row-major [ne,] ny, nx) and unit
 * @throws IoError for a missing file or no image HDU; DataError for unsupported geometries
 * @example
 * ```ts
 * const map = readTemplateMap("$GAMMAPY_DATA/catalogs/fermi/gll_iem_v06_gc.fits.gz");
 * map.geom.axes[0]?.name;   // "energy_true"
 * ```
 */
export function readTemplateMap(path: string): TemplateMap {
  const file = readFitsSync(expandPath(path));
  const hdu = findDataHdu(file, path);
  const found = findBands(file, hdu);
  const axes: MapAxis[] = [];
  if (found !== undefined) {
    for (const axis of readAxesTable(found.bands, found.format)) {
      if (!(axis instanceof MapAxis)) throw new DataError(`template map ${path}: time axes are not supported`);
      axes.push(axis);
    }
  }
  const geom = templateGeomFromHeader(hdu.header, axes, path);
  const image = hdu.readImage();
  const data = Float64Array.from(image.data as ArrayLike<number>);
  let unit = hdu.header.has("BUNIT") ? hdu.header.getString("BUNIT").trim() : "";
  if (unit === "" && found?.format === "fgst-template") unit = file.has("GTI") ? "cm2 s" : "cm-2 s-1 MeV-1 sr-1";
  return { geom, data, unit };
}

/**
 * Reads a template spatial model from a FITS map (Gammapy's `TemplateSpatialModel.read`).
 *
 * @param path - FITS file; kept as the model's `filename` (with $VARS expanded, as Gammapy)
 * @param options - normalize (default true), logger
 * @returns the model
 * @throws IoError / DataError as {@link readTemplateMap}
 * @example
 * ```ts
 * const diffuse = readTemplateSpatialModel("gll_iem_v06_gc.fits.gz", { normalize: false });
 * diffuse.unit;   // "cm-2 s-1 TeV-1 sr-1"
 * ```
 */
export function readTemplateSpatialModel(path: string, options: Omit<TemplateSpatialModelOptions, "filename"> = {}): TemplateSpatialModel {
  return new TemplateSpatialModel(readTemplateMap(path), { ...options, filename: expandPath(path) });
}
