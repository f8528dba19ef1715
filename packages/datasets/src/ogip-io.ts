/**
 * OGIP spectrum files of on/off datasets as Gammapy 1.0's `OGIPDatasetWriter` writes and
 * `OGIPDatasetReader` reads them: the PHA file (SPECTRUM with COUNTS, QUALITY = not safe,
 * BACKSCAL = acceptance; EBOUNDS; REGION; GTI), the BKG file (off counts, acceptance_off),
 * the ARF (effective area = exposure / livetime) and the RMF (energy dispersion),
 * named <name>.fits, <name>_bkg.fits, <name>_arf.fits, <name>_rmf.fits.
 *
 * gammats writes them losslessly, so that a written set reads back to the same dataset:
 * float64 responses, and what OGIP does not hold in places Gammapy ignores — the exposure
 * itself (ARF column EXPOSURE [cm2 s]; ARF × livetime need not reproduce it bit for bit),
 * the kernel's stacking exposure (RMF, see ogip-rmf.ts), the fit mask (SPECTRUM column
 * MASK_FIT), a missing safe mask (keyword MASKSAFE = F) and the META_TABLE HDU.
 */
import { existsSync, mkdirSync } from "node:fs";
import { basename, dirname, isAbsolute, join } from "node:path";
import { DataError, FitsError, conversionFactor } from "@gammats/core";
import { binTableHdu, imageHdu, readFitsSync, writeFitsSync } from "@gammats/fits";
import type { CardInput, ColumnInput, FitsFile, HduSpec } from "@gammats/fits";
import { RegionNDMap, axisToArf, readAxesTable, regionGeomFromFits, regionGeomToHdus } from "@gammats/maps";
import type { MapAxis } from "@gammats/maps";
import { edispKernelMap } from "./edisp-kernel-map.js";
import { gtiFromHdu, gtiHdu } from "./gti-hdu.js";
import { nanToNum } from "./non-finite.js";
import { metaTableFromHdu, metaTableHdu } from "./meta-table-hdu.js";
import { readRmf, readRmfExposure, rmfHdus } from "./ogip-rmf.js";
import { EXPOSURE_UNIT } from "./spectrum-dataset-base.js";
import { createSpectrumDatasetOnOff } from "./spectrum-dataset-on-off.js";
import type { SpectrumDatasetOnOff } from "./spectrum-dataset-on-off.js";

/** Options of {@link writeOgipDataset}. */
export interface WriteOgipOptions {
  /** Replace existing files (default false). */
  overwrite?: boolean;
}

/**
 * Names of the companion files of a PHA file, as Gammapy derives them: the suffixes of
 * the name (".fits", ".fits.gz") are kept after "_rmf", "_bkg", "_arf".
 *
 * @param filename - PHA file name
 * @returns base names (no directory) of the RMF, BKG and ARF files
 * @example
 * ```ts
 * ogipFilenames("out/pha_obs23523.fits").ancrfile; // "pha_obs23523_arf.fits"
 * ```
 */
export function ogipFilenames(filename: string): { respfile: string; backfile: string; ancrfile: string } {
  const base = basename(filename);
  const lead = /^\.*/.exec(base)![0].length;
  const dot = base.indexOf(".", lead);
  const stem = dot < 0 ? base : base.slice(0, dot);
  const suffix = dot < 0 ? "" : base.slice(dot);
  return { respfile: `${stem}_rmf${suffix}`, backfile: `${stem}_bkg${suffix}`, ancrfile: `${stem}_arf${suffix}` };
}

function requireLivetime(dataset: SpectrumDatasetOnOff): number {
  if (dataset.livetime === null) {
    throw new DataError(`dataset '${dataset.name}' has no livetime; OGIP files need it (EXPOSURE keyword, ARF = exposure / livetime)`, {
      hint: "create the dataset with a livetime [s]",
    });
  }
  return dataset.livetime;
}

function countsHdus(dataset: SpectrumDatasetOnOff, isBkg: boolean, filenames: ReturnType<typeof ogipFilenames>): HduSpec[] {
  const counts = isBkg ? dataset.countsOff : dataset.counts;
  const acceptance = isBkg ? dataset.acceptanceOff : dataset.acceptance;
  const what = isBkg ? "countsOff" : "counts";
  if (counts === null || acceptance === null) {
    throw new DataError(`dataset '${dataset.name}' has no ${counts === null ? what : isBkg ? "acceptanceOff" : "acceptance"} to write as OGIP`, {
      hint: "OGIP spectra need counts and acceptance (BACKSCAL)",
    });
  }
  const n = counts.data.length;
  const axis = counts.geom.axes[0] as MapAxis;
  const quality = new Uint8Array(n);
  for (let i = 0; i < n; i++) quality[i] = dataset.maskSafe === null ? 0 : dataset.maskSafe[i] ? 0 : 1;
  const header: CardInput[] = [
    ["TELESCOP", "unknown"],
    ["INSTRUME", "unknown"],
    ["FILTER", "None"],
    ["EXPOSURE", requireLivetime(dataset)],
    ["CORRFILE", ""],
    ["CORRSCAL", ""],
    ["ANCRFILE", filenames.ancrfile],
    ["HDUCLASS", "OGIP"],
    ["HDUCLAS1", "SPECTRUM"],
    ["HDUVERS", "1.2.1"],
    ["POISSERR", true],
    ["CHANTYPE", "PHA"],
    ["DETCHANS", axis.nbin],
    ["GROUPING", 0],
    ["AREASCAL", 1],
    ["HDUCLAS2", isBkg ? "BKG" : "TOTAL"],
    ["HDUCLAS3", "COUNT"],
    ["HDUCLAS4", "TYPE:1"],
    ["OBS_ID", dataset.name],
  ];
  // Gammapy 1.0 swaps these two conditions (BACKFILE when there is an edisp, RESPFILE
  // when there are off counts); writing each for its own file keeps the set readable.
  if (dataset.countsOff !== null) header.push(["BACKFILE", filenames.backfile]);
  if (dataset.edisp !== null) header.push(["RESPFILE", filenames.respfile]);
  if (dataset.maskSafe === null) header.push(["MASKSAFE", false, "gammats: no safe mask (QUALITY all good)"]);
  // Integer counts as Gammapy writes them; other values in float64 so none is lost.
  const integral = counts.data.every((v) => Number.isInteger(v) && Math.abs(v) < 2 ** 31);
  const columns: ColumnInput[] = [
    { name: "CHANNEL", data: Int16Array.from({ length: n }, (_, i) => i) },
    { name: "COUNTS", data: integral ? Int32Array.from(counts.data, (v) => nanToNum(v)) : Float64Array.from(counts.data) },
    { name: "QUALITY", data: quality, format: "L" },
    { name: "BACKSCAL", data: Float64Array.from(acceptance.data) },
  ];
  if (!isBkg && dataset.maskFit !== null) columns.push({ name: "MASK_FIT", data: Uint8Array.from(dataset.maskFit), format: "L" });
  const spectrum = binTableHdu({ name: "SPECTRUM", columns, header });
  const hdus: HduSpec[] = [imageHdu(), spectrum, ...regionGeomToHdus(counts.geom, { format: "ogip" })];
  if (!isBkg && dataset.gti !== null) hdus.push(gtiHdu(dataset.gti));
  if (!isBkg && dataset.metaTable !== null) hdus.push(metaTableHdu(dataset.metaTable));
  return hdus;
}

function arfHdus(dataset: SpectrumDatasetOnOff): HduSpec[] {
  const exposure = dataset.exposure;
  if (exposure === null) {
    throw new DataError(`dataset '${dataset.name}' has no exposure to write as ARF`, { hint: "give the dataset an exposure" });
  }
  const livetime = requireLivetime(dataset);
  const axis = exposure.geom.axes[0] as MapAxis;
  const table = axisToArf(axis);
  const columns = Object.entries(table.columns).map(([name, c]) => ({ name, data: c.data, unit: c.unit }));
  const data = exposure.toUnit(EXPOSURE_UNIT).data;
  columns.push({ name: "SPECRESP", data: Float64Array.from(data, (v) => nanToNum(v / livetime)), unit: "cm2" });
  // The exposure itself (gammats; Gammapy ignores the column): SPECRESP × livetime is
  // not always the stored value to the last bit.
  columns.push({ name: "EXPOSURE", data: Float64Array.from(data), unit: EXPOSURE_UNIT });
  return [
    imageHdu(),
    binTableHdu({
      name: "SPECRESP",
      columns,
      header: [
        ["TELESCOP", "unknown"],
        ["INSTRUME", "unknown"],
        ["FILTER", "None"],
        ["HDUCLASS", "OGIP"],
        ["HDUCLAS1", "RESPONSE"],
        ["HDUCLAS2", "SPECRESP"],
        ["HDUVERS", "1.1.0"],
      ],
    }),
  ];
}

/**
 * Writes an on/off dataset as OGIP files (PHA, and BKG, ARF, RMF next to it), as
 * Gammapy's `SpectrumDatasetOnOff.write(filename, format="ogip")`. Each file is written
 * atomically (the directory is created); the ARF holds exposure / livetime [cm2].
 *
 * @param path - the PHA file, e.g. "out/pha_obs23523.fits"
 * @param dataset - the on/off dataset (counts, acceptance, exposure, livetime required)
 * @param options - overwrite (default false)
 * @returns the paths written
 * @throws DataError for missing data; IoError when a file exists without `overwrite`
 * @example
 * ```ts
 * writeOgipDataset("out/pha_obs23523.fits", onoff, { overwrite: true });
 * ```
 */
export function writeOgipDataset(path: string, dataset: SpectrumDatasetOnOff, options: WriteOgipOptions = {}): string[] {
  const names = ogipFilenames(path);
  const dir = dirname(path);
  // Build every file before writing any, so bad input writes nothing.
  const files: [string, HduSpec[]][] = [[path, countsHdus(dataset, false, names)], [join(dir, names.ancrfile), arfHdus(dataset)]];
  if (dataset.countsOff !== null) files.push([join(dir, names.backfile), countsHdus(dataset, true, names)]);
  if (dataset.edisp !== null) files.push([join(dir, names.respfile), rmfHdus(dataset.edisp.kernel, dataset.edisp.exposure)]);
  // Gammapy creates the directory of the PHA file.
  mkdirSync(dir, { recursive: true });
  for (const [file, hdus] of files) writeFitsSync(file, hdus, { overwrite: options.overwrite ?? false });
  return files.map(([file]) => file);
}

function headerString(file: FitsFile, hdu: string, key: string): string | undefined {
  const v = file.hdu(hdu).header.get(key);
  if (v === undefined || v === null) return undefined;
  const s = String(v).trim();
  return s === "" || s.toLowerCase() === "none" ? undefined : s;
}

/** Companion paths resolve next to the PHA file first, then as given (Gammapy: the reverse). */
function companionPath(phaPath: string, name: string): string {
  if (isAbsolute(name)) return name;
  const near = join(dirname(phaPath), name);
  return existsSync(near) || !existsSync(name) ? near : name;
}

/** Reads COUNTS (or another column), BACKSCAL and QUALITY of a SPECTRUM table. */
function readSpectrum(file: FitsFile): { counts: RegionNDMap; acceptance: RegionNDMap; maskSafe: Uint8Array | null; maskFit: Uint8Array | null } {
  const where = { ...(file.path === undefined ? {} : { file: file.path }), hdu: "SPECTRUM" };
  const geom = regionGeomFromFits(file, { format: "ogip", hdu: "SPECTRUM" });
  const hdu = file.hdu("SPECTRUM");
  const n = geom.size;
  const column = (name: string): Float64Array | undefined => {
    if (!hdu.hasColumn(name)) return undefined;
    const data = hdu.readFloat64(name).data;
    if (data.length !== n) throw new FitsError(`column ${name} has ${data.length} rows but EBOUNDS has ${n} channels`, { ...where, key: name });
    return data;
  };
  // OGIP allows BACKSCAL and QUALITY as keywords for all channels (Gammapy reads columns only).
  const scalar = (name: string, fallback?: number): Float64Array => {
    const v = hdu.header.get(name);
    if (typeof v === "number") return new Float64Array(n).fill(v);
    if (fallback !== undefined) return new Float64Array(n).fill(fallback);
    throw new FitsError(`SPECTRUM has neither a ${name} column nor keyword`, { ...where, key: name }, { hint: "write BACKSCAL (the acceptance)" });
  };
  const counts = column("COUNTS");
  if (counts === undefined) throw new FitsError("SPECTRUM has no COUNTS column", { ...where, key: "COUNTS" });
  const acceptance = column("BACKSCAL") ?? scalar("BACKSCAL");
  const quality = column("QUALITY") ?? scalar("QUALITY", 0);
  return {
    counts: new RegionNDMap(geom, counts, ""),
    acceptance: new RegionNDMap(geom, acceptance, ""),
    maskSafe: hdu.header.get("MASKSAFE") === false ? null : Uint8Array.from(quality, (q) => (q === 0 ? 1 : 0)),
    maskFit: hdu.hasColumn("MASK_FIT") ? Uint8Array.from(column("MASK_FIT")!, (v) => (v !== 0 ? 1 : 0)) : null,
  };
}

/**
 * Reads an on/off dataset from OGIP files (Gammapy's `SpectrumDatasetOnOff.read`): the
 * PHA file names its ARF (ANCRFILE), and optionally its BKG (BACKFILE) and RMF
 * (RESPFILE) files; name = OBS_ID, livetime = EXPOSURE, exposure = ARF × livetime, safe
 * mask = QUALITY == 0, the kernel's stacking exposure = the exposure — unless the files
 * carry gammats' lossless extras (see the module comment), which are read back.
 *
 * @param path - the PHA file
 * @returns the on/off dataset
 * @throws FitsError / IoError for missing files, HDUs, columns or keywords
 * @example
 * ```ts
 * const onoff = readOgipDataset("pha_obs23523.fits");
 * onoff.name; // "23523"
 * ```
 */
export function readOgipDataset(path: string): SpectrumDatasetOnOff {
  const pha = readFitsSync(path);
  const spectrum = readSpectrum(pha);
  const header = pha.hdu("SPECTRUM").header;
  const where = { file: path, hdu: "SPECTRUM" };
  const obsId = header.get("OBS_ID");
  const livetime = header.get("EXPOSURE");
  if (typeof livetime !== "number") throw new FitsError("SPECTRUM has no numeric EXPOSURE (livetime) keyword", { ...where, key: "EXPOSURE" });
  const arfName = headerString(pha, "SPECTRUM", "ANCRFILE");
  if (arfName === undefined) throw new FitsError("SPECTRUM has no ANCRFILE keyword", { ...where, key: "ANCRFILE" }, { hint: "the PHA file must name its ARF" });
  const arf = readFitsSync(companionPath(path, arfName));
  const trueAxis = readAxesTable(arf.hdu("SPECRESP"), "ogip-arf")[0] as MapAxis;
  const aeff = arf.hdu("SPECRESP").readFloat64("SPECRESP");
  const f = conversionFactor(`${(aeff.unit ?? "cm2").trim() || "cm2"} s`, EXPOSURE_UNIT);
  const arfHdu = arf.hdu("SPECRESP");
  const stored = arfHdu.hasColumn("EXPOSURE") ? arfHdu.readFloat64("EXPOSURE") : undefined;
  const data =
    stored === undefined
      ? aeff.data.map((v) => v * livetime * f)
      : stored.data.map((v) => v * conversionFactor((stored.unit ?? "").trim() || EXPOSURE_UNIT, EXPOSURE_UNIT));
  const exposure = new RegionNDMap(spectrum.counts.geom.toImage().toCube([trueAxis]), data, EXPOSURE_UNIT);
  const bkgName = headerString(pha, "SPECTRUM", "BACKFILE");
  const rmfName = headerString(pha, "SPECTRUM", "RESPFILE");
  const bkg = bkgName === undefined ? undefined : readSpectrum(readFitsSync(companionPath(path, bkgName)));
  const rmf = rmfName === undefined ? undefined : readFitsSync(companionPath(path, rmfName));
  const kernel = rmf === undefined ? undefined : readRmf(rmf);
  const kernelExposure = rmf === undefined ? undefined : readRmfExposure(rmf);
  return createSpectrumDatasetOnOff({
    name: obsId === undefined || obsId === null ? undefined : String(obsId).trim(),
    counts: spectrum.counts,
    acceptance: spectrum.acceptance,
    maskSafe: spectrum.maskSafe,
    maskFit: spectrum.maskFit,
    countsOff: bkg?.counts ?? null,
    acceptanceOff: bkg?.acceptance ?? null,
    exposure,
    edisp: kernel === undefined ? null : edispKernelMap(kernel, kernelExposure === undefined ? exposure.data : kernelExposure),
    livetime,
    gti: pha.has("GTI") ? gtiFromHdu(pha.hdu("GTI"), path) : null,
    metaTable: pha.has("META_TABLE") ? metaTableFromHdu(pha.hdu("META_TABLE")) : null,
  });
}
