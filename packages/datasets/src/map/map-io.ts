/**
 * Map dataset files in Gammapy's layout (`MapDataset.write` / `read`): a primary HDU with
 * NAME, then COUNTS, EXPOSURE (livetime in its META), BACKGROUND, EDISP + EDISP_EXPOSURE,
 * PSF + PSF_EXPOSURE, MASK_SAFE, MASK_FIT — each image with its <NAME>_BANDS axes table —
 * GTI and META_TABLE; on/off datasets have COUNTS_OFF, ACCEPTANCE, ACCEPTANCE_OFF instead
 * of BACKGROUND. Fixed kernels (which Gammapy's format has no place for) are written so
 * that Gammapy still reads the file: an edisp kernel as a two-pixel all-sky EDISP map, a
 * PSF kernel as an extra PSF_KERNEL map (ignored by Gammapy).
 */
import { FitsError } from "@gammats/core";
import { imageHdu, readFitsSync, writeFitsSync } from "@gammats/fits";
import type { FitsFile, HduSpec } from "@gammats/fits";
import { WcsGeom, WcsNDMap, readWcsMapFromFits, wcsMapToHdus } from "@gammats/maps";
import type { MapAxis } from "@gammats/maps";
import { pythonFloatRepr } from "@gammats/modeling";
import { gtiFromHdu, gtiHdu } from "../gti-hdu.js";
import { metaTableFromHdu, metaTableHdu } from "../meta-table-hdu.js";
import { isEdispMap, isPsfMap } from "./irf-maps.js";
import type { MapDatasetEdisp, MapDatasetPsf } from "./irf-maps.js";
import { makeEdispKernelMap, makePsfMap } from "./irf-map-data.js";
import type { MapDatasetFieldsInit } from "./map-dataset-base.js";
import { mapDatasetOnOff } from "./map-dataset-on-off.js";
import type { AnyMapDataset } from "./map-dataset-on-off.js";
import { mapDataset } from "./map-dataset.js";

/** Options of {@link writeMapDataset}. */
export interface WriteMapDatasetOptions {
  /** Replace an existing file (default false). */
  overwrite?: boolean;
}

function mapHdus(name: string, map: WcsNDMap): HduSpec[] {
  return wcsMapToHdus(map, { hdu: name }).slice(1); // without the empty primary
}

function edispHdus(edisp: MapDatasetEdisp): HduSpec[] {
  if (isEdispMap(edisp)) {
    const hdus = mapHdus("EDISP", edisp.edispMap);
    if (edisp.exposureMap !== null) hdus.push(...mapHdus("EDISP_EXPOSURE", edisp.exposureMap));
    return hdus;
  }
  // Gammapy's EDispKernelMap.from_edisp_kernel: the kernel on a 2 × 1 all-sky grid.
  const [etrue, reco] = edisp.axes as [MapAxis, MapAxis];
  const geom = WcsGeom.create({ npix: [2, 1], binsz: 180, proj: "CAR", axes: [reco, etrue] });
  const pdf = edisp.pdfMatrix;
  const data = new Float64Array(geom.size);
  for (let p = 0; p < pdf.length; p++) data.fill(pdf[p]!, 2 * p, 2 * p + 2);
  return mapHdus("EDISP", new WcsNDMap(geom, data));
}

function psfHdus(psf: MapDatasetPsf): HduSpec[] {
  if (!isPsfMap(psf)) return mapHdus("PSF_KERNEL", psf.psfKernelMap);
  const hdus = mapHdus("PSF", psf.psfMap);
  if (psf.exposureMap !== null) hdus.push(...mapHdus("PSF_EXPOSURE", psf.exposureMap));
  return hdus;
}

/**
 * Describes a map dataset as the HDUs of Gammapy's `MapDataset.to_hdulist`.
 *
 * @param dataset - the dataset
 * @returns HDU descriptions for `writeFitsSync`
 */
export function mapDatasetToHdus(dataset: AnyMapDataset): HduSpec[] {
  const hdus: HduSpec[] = [imageHdu({ header: [["NAME", dataset.name]] })];
  if (dataset.counts !== null) hdus.push(...mapHdus("COUNTS", dataset.counts));
  if (dataset.exposure !== null) {
    const meta = { ...dataset.exposure.meta };
    // Gammapy keeps the livetime in the exposure's META as a quantity string.
    if (dataset.livetime !== null) meta["livetime"] = `${pythonFloatRepr(dataset.livetime)} s`;
    hdus.push(...mapHdus("EXPOSURE", dataset.exposure.copy({ data: dataset.exposure.data, meta })));
  }
  if (dataset.tag === "MapDataset" && dataset.background !== null) hdus.push(...mapHdus("BACKGROUND", dataset.background));
  if (dataset.edisp !== null) hdus.push(...edispHdus(dataset.edisp));
  if (dataset.psf !== null) hdus.push(...psfHdus(dataset.psf));
  if (dataset.maskSafe !== null) hdus.push(...mapHdus("MASK_SAFE", dataset.maskSafe));
  if (dataset.maskFit !== null) hdus.push(...mapHdus("MASK_FIT", dataset.maskFit));
  if (dataset.gti !== null) hdus.push(gtiHdu(dataset.gti));
  if (dataset.metaTable !== null) hdus.push(metaTableHdu(dataset.metaTable));
  if (dataset.tag === "MapDatasetOnOff") {
    if (dataset.countsOff !== null) hdus.push(...mapHdus("COUNTS_OFF", dataset.countsOff));
    if (dataset.acceptance !== null) hdus.push(...mapHdus("ACCEPTANCE", dataset.acceptance));
    if (dataset.acceptanceOff !== null) hdus.push(...mapHdus("ACCEPTANCE_OFF", dataset.acceptanceOff));
  }
  return hdus;
}

/**
 * Writes a map dataset in Gammapy's layout (atomically).
 *
 * @param path - the FITS file
 * @param dataset - the dataset
 * @param options - overwrite (default false)
 * @returns the path written
 * @throws IoError when the file exists without `overwrite`
 * @example
 * ```ts
 * writeMapDataset("stacked.fits.gz", stacked, { overwrite: true });
 * ```
 */
export function writeMapDataset(path: string, dataset: AnyMapDataset, options: WriteMapDatasetOptions = {}): string {
  writeFitsSync(path, mapDatasetToHdus(dataset), { overwrite: options.overwrite ?? false });
  return path;
}

function readMap(file: FitsFile, hdu: string): WcsNDMap | null {
  return file.has(hdu) ? readWcsMapFromFits(file, { hdu }) : null;
}

function readEdisp(file: FitsFile): MapDatasetEdisp | null {
  const map = readMap(file, "EDISP");
  if (map === null) return null;
  const names = map.geom.axes.map((a) => a.name);
  if (names[0] !== "energy") {
    const where = { ...(file.path === undefined ? {} : { file: file.path }), hdu: "EDISP" };
    throw new FitsError(`EDISP has axes [${names.join(", ")}]: an EDispMap (migra axis), which gammats map datasets do not support yet`, where, {
      hint: "make the dataset with an edisp kernel map (Gammapy: MapDatasetMaker without migra_axis)",
    });
  }
  return makeEdispKernelMap(map, readMap(file, "EDISP_EXPOSURE"));
}

function readPsf(file: FitsFile): MapDatasetPsf | null {
  const map = readMap(file, "PSF");
  if (map !== null) return makePsfMap(map, readMap(file, "PSF_EXPOSURE"));
  const kernel = readMap(file, "PSF_KERNEL");
  return kernel === null ? null : { psfKernelMap: kernel };
}

/**
 * Reads a map dataset written by Gammapy or gammats: a MapDatasetOnOff when the file has
 * COUNTS_OFF, else a MapDataset.
 *
 * @param input - path or opened file
 * @param options - name (default NAME of the primary header)
 * @returns the dataset (no models)
 * @throws FitsError for unreadable HDUs or an EDispMap; DataError for maps that do not fit together
 * @example
 * ```ts
 * const ds = readMapDataset("cta-1dc-gc.fits.gz");
 * ds.counts?.geom.dataShape;
 * ```
 */
export function readMapDataset(input: string | FitsFile, options: { name?: string } = {}): AnyMapDataset {
  const file = typeof input === "string" ? readFitsSync(input) : input;
  const primaryName = file.hdu(0).header.get("NAME");
  const name = options.name ?? (primaryName === undefined || primaryName === null ? undefined : String(primaryName).trim());
  let exposure = readMap(file, "EXPOSURE");
  const axis = exposure?.geom.axes[0];
  if (exposure !== null && axis !== undefined && axis.name === "energy") {
    // Gammapy renames an exposure axis called "energy" to "energy_true" on reading.
    exposure = exposure.copy({ geom: exposure.geom.withAxes([axis.rename("energy_true")]) });
  }
  const common: MapDatasetFieldsInit = {
    ...(name === undefined ? {} : { name }),
    counts: readMap(file, "COUNTS"),
    exposure,
    edisp: readEdisp(file),
    psf: readPsf(file),
    maskSafe: readMap(file, "MASK_SAFE"),
    maskFit: readMap(file, "MASK_FIT"),
    gti: file.has("GTI") ? gtiFromHdu(file.hdu("GTI"), file.path) : null,
    metaTable: file.has("META_TABLE") ? metaTableFromHdu(file.hdu("META_TABLE")) : null,
  };
  if (file.has("COUNTS_OFF")) {
    return mapDatasetOnOff({
      ...common,
      countsOff: readMap(file, "COUNTS_OFF"),
      acceptance: readMap(file, "ACCEPTANCE"),
      acceptanceOff: readMap(file, "ACCEPTANCE_OFF"),
    });
  }
  return mapDataset({ ...common, background: readMap(file, "BACKGROUND") });
}

/**
 * Whether a dataset file holds a map dataset (a WCS COUNTS / EXPOSURE image) rather than a
 * 1D region dataset.
 *
 * @param file - the opened file
 * @returns true for a map dataset
 */
export function isMapDatasetFile(file: FitsFile): boolean {
  for (const name of ["COUNTS", "BACKGROUND", "EXPOSURE", "COUNTS_OFF"]) {
    if (!file.has(name)) continue;
    const hdu = file.hdu(name);
    return hdu.type === "image" && hdu.header.has("CTYPE1") && !file.has(`${name}_REGION`);
  }
  return false;
}
