/**
 * Writing modified copies of the H.E.S.S. DR1 index files into a temporary folder (index
 * files only: FILE_DIR made absolute so the data stay where they are).
 */
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { binTableHdu, imageHdu, readFitsSync, writeFitsSync } from "@gammats/fits";
import type { ColumnInput, HduSpec } from "@gammats/fits";

/** The HDU index rows as plain columns. */
export interface IndexRows {
  obsId: number[];
  hduType: string[];
  hduClass: string[];
  fileDir: string[];
  fileName: string[];
  hduName: string[];
}

/** Reads an HDU index into plain columns. */
export function readIndexRows(path: string): IndexRows {
  const hdu = readFitsSync(path).hdu("HDU_INDEX");
  return {
    obsId: Array.from(hdu.readFloat64("OBS_ID").data),
    hduType: hdu.readStrings("HDU_TYPE"),
    hduClass: hdu.readStrings("HDU_CLASS"),
    fileDir: hdu.readStrings("FILE_DIR"),
    fileName: hdu.readStrings("FILE_NAME"),
    hduName: hdu.readStrings("HDU_NAME"),
  };
}

/** The HDU_INDEX table HDU for some rows. */
export function indexHdu(rows: IndexRows, header: Array<[string, string | number]> = []): HduSpec {
  const columns: ColumnInput[] = [
    { name: "OBS_ID", data: BigInt64Array.from(rows.obsId, (v) => BigInt(v)) },
    { name: "HDU_TYPE", data: rows.hduType },
    { name: "HDU_CLASS", data: rows.hduClass },
    { name: "FILE_DIR", data: rows.fileDir },
    { name: "FILE_NAME", data: rows.fileName },
    { name: "HDU_NAME", data: rows.hduName },
  ];
  return binTableHdu({
    name: "HDU_INDEX",
    columns,
    header: [["HDUCLASS", "GADF", ""], ["HDUCLAS1", "INDEX", ""], ["HDUCLAS2", "HDU", ""], ...header.map(([k, v]) => [k, v, ""] as [string, string | number, string])],
  });
}

/** Keeps the rows for which `keep(obsId, hduType)` is true. */
export function filterRows(rows: IndexRows, keep: (obsId: number, hduType: string) => boolean): IndexRows {
  const idx = rows.obsId.map((_, i) => i).filter((i) => keep(rows.obsId[i], rows.hduType[i]));
  return {
    obsId: idx.map((i) => rows.obsId[i]),
    hduType: idx.map((i) => rows.hduType[i]),
    hduClass: idx.map((i) => rows.hduClass[i]),
    fileDir: idx.map((i) => rows.fileDir[i]),
    fileName: idx.map((i) => rows.fileName[i]),
    hduName: idx.map((i) => rows.hduName[i]),
  };
}

/**
 * A store copy in `dir`: the H.E.S.S. HDU index without some rows, FILE_DIR absolute, and
 * the observation index copied unchanged.
 *
 * @param hessDir - $GAMMAPY_DATA/hess-dl3-dr1
 * @param dir - output folder
 * @param drop - rows to leave out
 */
export function writeStoreCopy(hessDir: string, dir: string, drop: (obsId: number, hduType: string) => boolean): void {
  const rows = filterRows(readIndexRows(join(hessDir, "hdu-index.fits.gz")), (id, type) => !drop(id, type));
  rows.fileDir = rows.fileDir.map((d) => join(hessDir, d));
  writeFitsSync(join(dir, "hdu-index.fits.gz"), [imageHdu(), indexHdu(rows)]);
  copyFileSync(join(hessDir, "obs-index.fits.gz"), join(dir, "obs-index.fits.gz"));
}
