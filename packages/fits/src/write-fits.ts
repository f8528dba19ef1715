/**
 * writeFits / writeFitsSync: encode HDUs and write them atomically (temporary file in the
 * same directory, then rename), gzipped when the name ends in ".gz".
 */
import { existsSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { rm, rename, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { gzip, gzipSync } from "node:zlib";
import { IoError } from "@gammats/core";
import { encodeFits } from "./encode-fits.js";
import type { HduInput } from "./encode-fits.js";

const gzipAsync = promisify(gzip);

/** Options of {@link writeFits} and {@link writeFitsSync}. */
export interface WriteFitsOptions {
  /** Replace an existing file (default false: refuse with an IoError). */
  overwrite?: boolean;
  /** Gzip the output (default: when the path ends in ".gz"). */
  gzip?: boolean;
}

function tempPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

function refuse(path: string): IoError {
  return new IoError("refusing to overwrite an existing file (pass { overwrite: true })", path);
}

function writeError(e: unknown, path: string): IoError {
  const code = (e as NodeJS.ErrnoException)?.code;
  return new IoError(`cannot write FITS file (${code ?? String(e)})`, path, { cause: e });
}

/**
 * Writes HDUs to a FITS file synchronously; the file appears complete or not at all.
 *
 * @param path - output path; ".gz" gzips
 * @param hdus - HDUs, see {@link encodeFits}
 * @param options - see {@link WriteFitsOptions}
 * @throws IoError when the file exists and `overwrite` is not set, or writing fails
 * @throws FitsError when an HDU cannot be encoded
 * @example
 * ```ts
 * writeFitsSync("gti.fits", [binTableHdu({ name: "GTI", columns })], { overwrite: true });
 * ```
 */
export function writeFitsSync(path: string, hdus: readonly HduInput[], options: WriteFitsOptions = {}): void {
  if (!options.overwrite && existsSync(path)) throw refuse(path);
  const bytes = encodeFits(hdus);
  const out = (options.gzip ?? path.endsWith(".gz")) ? gzipSync(bytes) : bytes;
  const tmp = tempPath(path);
  try {
    writeFileSync(tmp, out, { flag: "wx" });
    // Re-check just before the rename: another writer may have created the file meanwhile.
    if (!options.overwrite && existsSync(path)) throw refuse(path);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e instanceof IoError ? e : writeError(e, path);
  }
}

/**
 * Writes HDUs to a FITS file asynchronously (gzip off the main thread); atomic as
 * {@link writeFitsSync}.
 *
 * @param path - output path; ".gz" gzips
 * @param hdus - HDUs, see {@link encodeFits}
 * @param options - see {@link WriteFitsOptions}
 * @throws IoError when the file exists and `overwrite` is not set, or writing fails
 * @throws FitsError when an HDU cannot be encoded
 * @example
 * ```ts
 * await writeFits("events.fits.gz", [imageHdu(), binTableHdu({ name: "EVENTS", columns })]);
 * ```
 */
export async function writeFits(path: string, hdus: readonly HduInput[], options: WriteFitsOptions = {}): Promise<void> {
  if (!options.overwrite && existsSync(path)) throw refuse(path);
  const bytes = encodeFits(hdus);
  const out = (options.gzip ?? path.endsWith(".gz")) ? await gzipAsync(bytes) : bytes;
  const tmp = tempPath(path);
  try {
    await writeFile(tmp, out, { flag: "wx" });
    if (!options.overwrite && existsSync(path)) throw refuse(path);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e instanceof IoError ? e : writeError(e, path);
  }
}
