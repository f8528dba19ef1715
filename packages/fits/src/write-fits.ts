/**
 * writeFits / writeFitsSync: encode HDUs and write them atomically (temporary file in the
 * same directory, then rename), gzipped when the name ends in ".gz". Uncompressed files
 * are written piece by piece with writev: the data arrays go to the file as encoded,
 * never copied into one file-sized buffer first.
 */
import { closeSync, existsSync, openSync, renameSync, rmSync, writeFileSync, writevSync } from "node:fs";
import { rm, rename, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { gzip, gzipSync } from "node:zlib";
import { IoError } from "@gammats/core";
import { encodeFits, encodeFitsChunks } from "./encode-fits.js";
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
  const gzipped = (options.gzip ?? path.endsWith(".gz")) ? gzipSync(encodeFits(hdus)) : undefined;
  const chunks = gzipped === undefined ? encodeFitsChunks(hdus) : undefined;
  const tmp = tempPath(path);
  try {
    if (chunks === undefined) writeFileSync(tmp, gzipped!, { flag: "wx" });
    else writeChunksSync(tmp, chunks);
    // Re-check just before the rename: another writer may have created the file meanwhile.
    if (!options.overwrite && existsSync(path)) throw refuse(path);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e instanceof IoError ? e : writeError(e, path);
  }
}

/** Writes the pieces into a new file (flag "wx"), one writev per round, until all are out. */
function writeChunksSync(path: string, chunks: Uint8Array[]): void {
  const fd = openSync(path, "wx");
  try {
    let rest = chunks;
    while (rest.length > 0) {
      // writev may write less than asked (IOV_MAX pieces, 2 GB per call): go on from there.
      let written = writevSync(fd, rest);
      if (written === 0) throw new Error("writev wrote nothing");
      let i = 0;
      while (i < rest.length && written >= rest[i]!.length) written -= rest[i++]!.length;
      rest = i < rest.length ? [rest[i]!.subarray(written), ...rest.slice(i + 1)] : [];
    }
  } finally {
    closeSync(fd);
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
