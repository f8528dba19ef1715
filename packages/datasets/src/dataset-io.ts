/**
 * Dataset files: Gammapy's own "gadf" layout (`SpectrumDataset.write`, also
 * `SpectrumDatasetOnOff.write(format="gadf")`) — a primary HDU with NAME, then COUNTS,
 * EXPOSURE, BACKGROUND, EDISP (+ EDISP_EXPOSURE), MASK_SAFE, MASK_FIT as region maps,
 * GTI, META_TABLE, and for on/off datasets COUNTS_OFF, ACCEPTANCE, ACCEPTANCE_OFF — and
 * the format switch between it and OGIP.
 */
import { DataError, FitsError } from "@gammats/core";
import { imageHdu, readFitsSync, writeFitsSync } from "@gammats/fits";
import type { CardInput, FitsFile, HduSpec } from "@gammats/fits";
import { EDispKernel } from "@gammats/irf";
import { MapAxis, RegionGeom, readRegionNDMap } from "@gammats/maps";
import type { RegionNDMap } from "@gammats/maps";
import { edispKernelMap } from "./edisp-kernel-map.js";
import type { EDispKernelMap } from "./edisp-kernel-map.js";
import { gtiFromHdu, gtiHdu } from "./gti-hdu.js";
import { metaTableFromHdu, metaTableHdu } from "./meta-table-hdu.js";
import { readOgipDataset, writeOgipDataset } from "./ogip-io.js";
import { regionMapHdus } from "./region-map-hdus.js";
import { EXPOSURE_UNIT } from "./spectrum-dataset-base.js";
import type { SpectrumDatasetFieldsInit } from "./spectrum-dataset-base.js";
import { createSpectrumDatasetOnOff } from "./spectrum-dataset-on-off.js";
import type { AnySpectrumDataset } from "./spectrum-dataset-on-off.js";
import { createSpectrumDataset } from "./spectrum-dataset.js";

/** File layouts of 1D datasets. */
export type DatasetFormat = "gadf" | "ogip";

/** Options of {@link writeSpectrumDataset}. */
export interface WriteDatasetOptions {
  /** "gadf" (default for SpectrumDataset) or "ogip" (default for on/off; on/off only). */
  format?: DatasetFormat;
  /** Replace existing files (default false). */
  overwrite?: boolean;
}

/** Options of {@link readSpectrumDataset}. */
export interface ReadDatasetOptions {
  /** "gadf" (default) or "ogip" (a PHA file). */
  format?: DatasetFormat;
  /** Name of the dataset; default NAME of the primary header (gadf) or OBS_ID (ogip). */
  name?: string;
}

// Gammapy's LIVETIME lives in exposure.meta and is not written in gadf; gammats keeps it
// in this keyword of the EXPOSURE HDU (Gammapy ignores it on reading).
const LIVETIME_KEY = "LIVETIME";

function mapHdus(name: string, map: RegionNDMap, cards: readonly CardInput[] = []): HduSpec[] {
  return regionMapHdus(name, map.geom, map.data, map.unit, cards);
}

function edispHdus(edisp: EDispKernelMap, region: RegionGeom): HduSpec[] {
  const [trueAxis, recoAxis] = edisp.kernel.axes as [MapAxis, MapAxis];
  // Gammapy's EDispKernelMap on a region: axes (energy, energy_true), data [true][reco].
  const hdus = regionMapHdus("EDISP", region.toCube([recoAxis, trueAxis]), edisp.kernel.pdfMatrix);
  if (edisp.exposure !== null) {
    hdus.push(...regionMapHdus("EDISP_EXPOSURE", region.toCube([recoAxis.squash(), trueAxis]), edisp.exposure, EXPOSURE_UNIT));
  }
  return hdus;
}

function maskHdus(name: string, mask: Uint8Array, geom: RegionGeom): HduSpec[] {
  return regionMapHdus(name, geom, mask);
}

/**
 * Describes a dataset in Gammapy's "gadf" layout (the HDUs of `MapDataset.to_hdulist`
 * for a region geometry).
 *
 * @param dataset - the dataset
 * @returns HDU descriptions for `writeFitsSync`
 * @throws DataError for maps without axes
 */
export function datasetToHdus(dataset: AnySpectrumDataset): HduSpec[] {
  const hdus: HduSpec[] = [imageHdu({ header: [["NAME", dataset.name]] })];
  const reco =
    dataset.counts?.geom ??
    (dataset.tag === "SpectrumDataset" ? dataset.background?.geom : (dataset.countsOff ?? dataset.acceptance)?.geom);
  const regionImage = (reco ?? dataset.exposure?.geom ?? new RegionGeom(null)).toImage();
  if (dataset.counts !== null) hdus.push(...mapHdus("COUNTS", dataset.counts));
  if (dataset.exposure !== null) {
    const cards: CardInput[] = dataset.livetime === null ? [] : [[LIVETIME_KEY, dataset.livetime, "[s] livetime (gammats)"]];
    hdus.push(...mapHdus("EXPOSURE", dataset.exposure, cards));
  }
  if (dataset.tag === "SpectrumDataset" && dataset.background !== null) hdus.push(...mapHdus("BACKGROUND", dataset.background));
  if (dataset.edisp !== null) hdus.push(...edispHdus(dataset.edisp, regionImage));
  const maskGeom = reco ?? regionImage.toCube([dataset.edisp!.kernel.axes[1]!]);
  if (dataset.maskSafe !== null) hdus.push(...maskHdus("MASK_SAFE", dataset.maskSafe, maskGeom));
  if (dataset.maskFit !== null) hdus.push(...maskHdus("MASK_FIT", dataset.maskFit, maskGeom));
  if (dataset.gti !== null) hdus.push(gtiHdu(dataset.gti));
  if (dataset.metaTable !== null) hdus.push(metaTableHdu(dataset.metaTable));
  if (dataset.tag === "SpectrumDatasetOnOff") {
    if (dataset.countsOff !== null) hdus.push(...mapHdus("COUNTS_OFF", dataset.countsOff));
    if (dataset.acceptance !== null) hdus.push(...mapHdus("ACCEPTANCE", dataset.acceptance));
    if (dataset.acceptanceOff !== null) hdus.push(...mapHdus("ACCEPTANCE_OFF", dataset.acceptanceOff));
  }
  return hdus;
}

function readMap(file: FitsFile, hdu: string): RegionNDMap | null {
  return file.has(hdu) ? readRegionNDMap(file, { hdu }) : null;
}

function readEdisp(file: FitsFile): EDispKernelMap | null {
  const map = readMap(file, "EDISP");
  if (map === null) return null;
  const where = { ...(file.path === undefined ? {} : { file: file.path }), hdu: "EDISP" };
  const axes = map.geom.axes;
  const names = axes.map((a) => a.name);
  const reco = axes.find((a) => a.name === "energy");
  const etrue = axes.find((a) => a.name === "energy_true");
  if (axes.length !== 2 || !(reco instanceof MapAxis) || !(etrue instanceof MapAxis)) {
    throw new FitsError(`EDISP has axes [${names.join(", ")}], expected [energy, energy_true]`, where, {
      hint: "1D datasets need an edisp kernel map (a migra axis is a 3D EDispMap)",
    });
  }
  let data = map.data;
  if (names[0] === "energy_true") {
    // Stored with the reco axis slow: transpose to [true][reco].
    const nt = etrue.nbin;
    const nr = reco.nbin;
    data = new Float64Array(nt * nr);
    for (let t = 0; t < nt; t++) for (let r = 0; r < nr; r++) data[t * nr + r] = map.data[r * nt + t]!;
  }
  const kernel = new EDispKernel({ axes: [etrue, reco], data });
  const exposure = readMap(file, "EDISP_EXPOSURE");
  return edispKernelMap(kernel, exposure === null ? null : exposure.toUnit(EXPOSURE_UNIT).data);
}

/**
 * Reads a dataset written in the "gadf" layout (by Gammapy or gammats): a
 * SpectrumDatasetOnOff when the file has COUNTS_OFF, else a SpectrumDataset.
 *
 * @param input - path or opened file
 * @param options - name (default: NAME of the primary header)
 * @returns the dataset
 * @throws FitsError for unreadable HDUs; DataError for maps that do not fit together
 * @example
 * ```ts
 * const ds = readGadfDataset("spectrum_dataset.fits");
 * ```
 */
export function readGadfDataset(input: string | FitsFile, options: { name?: string } = {}): AnySpectrumDataset {
  const file = typeof input === "string" ? readFitsSync(input) : input;
  const primaryName = file.hdu(0).header.get("NAME");
  const name = options.name ?? (primaryName === undefined || primaryName === null ? undefined : String(primaryName).trim());
  let exposure = readMap(file, "EXPOSURE");
  let livetime: number | null = null;
  if (exposure !== null) {
    const axis = exposure.geom.axes[0];
    // Gammapy renames an exposure axis called "energy" to "energy_true" on reading.
    if (axis instanceof MapAxis && axis.name === "energy") {
      exposure = exposure.copy({ geom: new RegionGeom(exposure.geom.regions, { axes: [axis.rename("energy_true")], ...(exposure.geom.wcs ? { wcs: exposure.geom.wcs } : {}) }) });
    }
    const lt = exposure.meta[LIVETIME_KEY];
    livetime = typeof lt === "number" ? lt : null;
  }
  const mask = (hdu: string): Uint8Array | null => {
    const m = readMap(file, hdu);
    return m === null ? null : Uint8Array.from(m.data, (v) => (v !== 0 && v === v ? 1 : 0));
  };
  const common: SpectrumDatasetFieldsInit = {
    ...(name === undefined ? {} : { name }),
    counts: readMap(file, "COUNTS"),
    exposure,
    edisp: readEdisp(file),
    maskSafe: mask("MASK_SAFE"),
    maskFit: mask("MASK_FIT"),
    livetime,
    gti: file.has("GTI") ? gtiFromHdu(file.hdu("GTI"), file.path) : null,
    metaTable: file.has("META_TABLE") ? metaTableFromHdu(file.hdu("META_TABLE")) : null,
  };
  if (file.has("COUNTS_OFF")) {
    return createSpectrumDatasetOnOff({
      ...common,
      countsOff: readMap(file, "COUNTS_OFF"),
      acceptance: readMap(file, "ACCEPTANCE"),
      acceptanceOff: readMap(file, "ACCEPTANCE_OFF"),
    });
  }
  return createSpectrumDataset({ ...common, background: readMap(file, "BACKGROUND") });
}

/**
 * Writes a dataset: "gadf" (one file; Gammapy's default for SpectrumDataset) or "ogip"
 * (PHA + BKG + ARF + RMF; Gammapy's default for on/off datasets, which is also the
 * default here).
 *
 * @param path - the file (the PHA file for OGIP)
 * @param dataset - the dataset
 * @param options - format, overwrite (default false)
 * @returns the paths written
 * @throws DataError for OGIP with a SpectrumDataset or missing data; IoError when a file
 *   exists without `overwrite`
 * @example
 * ```ts
 * writeSpectrumDataset("stacked.fits", stacked, { overwrite: true });          // gadf
 * writeSpectrumDataset("pha_obs23523.fits", onoff, { overwrite: true });       // ogip
 * ```
 */
export function writeSpectrumDataset(path: string, dataset: AnySpectrumDataset, options: WriteDatasetOptions = {}): string[] {
  const format = options.format ?? (dataset.tag === "SpectrumDataset" ? "gadf" : "ogip");
  if (format === "ogip") {
    if (dataset.tag !== "SpectrumDatasetOnOff") {
      throw new DataError(`OGIP files hold on/off datasets; '${dataset.name}' is a SpectrumDataset`, {
        hint: "write it with format 'gadf', or make an on/off dataset first",
      });
    }
    return writeOgipDataset(path, dataset, { overwrite: options.overwrite ?? false });
  }
  if (format !== "gadf") throw new DataError(`unknown dataset format '${String(format)}'`, { hint: "use 'gadf' or 'ogip'" });
  writeFitsSync(path, datasetToHdus(dataset), { overwrite: options.overwrite ?? false });
  return [path];
}

/**
 * Reads a dataset file in either layout.
 *
 * @param path - the file (the PHA file for OGIP)
 * @param options - format (default "gadf"), name
 * @returns the dataset (OGIP: always on/off)
 * @throws FitsError / IoError for unreadable files
 */
export function readSpectrumDataset(path: string, options: ReadDatasetOptions = {}): AnySpectrumDataset {
  const format = options.format ?? "gadf";
  if (format === "ogip") {
    const ds = readOgipDataset(path);
    return options.name === undefined ? ds : { ...ds, name: options.name };
  }
  if (format !== "gadf") throw new DataError(`unknown dataset format '${String(format)}'`, { hint: "use 'gadf' or 'ogip'" });
  return readGadfDataset(path, options.name === undefined ? {} : { name: options.name });
}
