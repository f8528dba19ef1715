/**
 * readFits / readFitsSync: load a file (gzip detected by its magic bytes), parse every
 * header once and locate every HDU's data, which are decoded later on request.
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { gunzip, gunzipSync } from "node:zlib";
import { FitsError, IoError, silentLogger } from "@gammats/core";
import type { Logger } from "@gammats/core";
import { FitsFile } from "./fits-file.js";
import { Hdu } from "./hdu.js";
import { hduLayout } from "./hdu-layout.js";
import { BLOCK, readHeaderBlock } from "./header-read.js";

const gunzipAsync = promisify(gunzip);

/** Options of {@link readFits} and {@link readFitsSync}. */
export interface ReadFitsOptions {
  /** Receives warnings (ignored bytes after the last HDU, unparsable cards); default silent. */
  logger?: Logger;
  /** Name used in error messages when reading from bytes (default: none). */
  name?: string;
}

/** True when the bytes start with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function gzipError(e: unknown, file: string | undefined): FitsError {
  const reason = e instanceof Error ? e.message : String(e);
  return new FitsError(`corrupt or truncated gzip data (${reason})`, file === undefined ? {} : { file }, {
    hint: "re-download or re-compress the file",
    cause: e,
  });
}

function ioError(e: unknown, path: string): IoError {
  const code = (e as NodeJS.ErrnoException)?.code;
  const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : `cannot read (${code ?? String(e)})`;
  return new IoError(`FITS file: ${why}`, path, { cause: e });
}

const SIMPLE = "SIMPLE  =";

/**
 * Parses a whole FITS byte stream (already decompressed): every header, and where every
 * HDU's data lie. Bytes after the last HDU that do not start a new extension are ignored
 * with a warning, as astropy does.
 *
 * @param bytes - the file contents
 * @param file - path or name for error messages
 * @param logger - receives warnings
 * @throws FitsError for non-FITS input, a header without END, bad mandatory keywords,
 *   or data shorter than the header declares
 * @example
 * ```ts
 * const file = parseFits(bytes, "in-memory.fits", silentLogger);
 * ```
 */
export function parseFits(bytes: Uint8Array, file: string | undefined, logger: Logger): FitsFile {
  const at = (hdu: number, offset?: number) => ({
    ...(file === undefined ? {} : { file }),
    hdu,
    ...(offset === undefined ? {} : { offset }),
  });
  if (bytes.length === 0) throw new FitsError("empty input, not a FITS file", at(0, 0));
  let head = "";
  for (let i = 0; i < Math.min(9, bytes.length); i++) head += String.fromCharCode(bytes[i]);
  if (head !== SIMPLE) {
    throw new FitsError(`not a FITS file: it starts with ${JSON.stringify(head)}, not "SIMPLE  ="`, at(0, 0), {
      hint: "check the path; FITS files (optionally gzipped) start with a SIMPLE card",
    });
  }
  const hdus: Hdu[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const index = hdus.length;
    if (index > 0 && !startsWithXtension(bytes, offset)) {
      logger.warning(
        `${file ?? "FITS data"}: ignoring ${bytes.length - offset} bytes after the last HDU (offset ${offset})`,
      );
      break;
    }
    const where = at(index);
    const { header, dataOffset } = readHeaderBlock(bytes, offset, where);
    for (const card of header) {
      if (card.invalid) logger.warning(`${file ?? "FITS data"}: HDU ${index}: unparsable value of ${card.key}: ${card.comment}`);
    }
    const layout = hduLayout(header, index === 0, where);
    const dataEnd = dataOffset + layout.dataSize;
    if (dataEnd > bytes.length) {
      throw new FitsError(
        `data shorter than declared: the header says ${layout.dataSize} bytes from byte ${dataOffset}, ` +
          `but the file ends after ${bytes.length - Math.min(dataOffset, bytes.length)} of them`,
        at(index, bytes.length),
        { hint: "the file is truncated; re-download or re-create it" },
      );
    }
    hdus.push(new Hdu(bytes, header, layout, { index, headerOffset: offset, dataOffset }, file));
    // A last HDU missing only its padding is accepted (astropy reads such files).
    offset = dataOffset + Math.ceil(layout.dataSize / BLOCK) * BLOCK;
  }
  return new FitsFile(hdus, bytes, file);
}

/** True when the bytes at `offset` are "XTENSION", or a prefix of it cut by the end of the file. */
function startsWithXtension(bytes: Uint8Array, offset: number): boolean {
  const word = "XTENSION";
  const n = Math.min(8, bytes.length - offset);
  for (let i = 0; i < n; i++) if (bytes[offset + i] !== word.charCodeAt(i)) return false;
  return true;
}

/**
 * Reads a FITS file (plain or gzipped; gzip is detected by its magic bytes, whatever the
 * name) synchronously. Headers are parsed now; data are decoded on request.
 *
 * @param input - a path, or the file contents
 * @param options - see {@link ReadFitsOptions}
 * @throws IoError when the path cannot be read
 * @throws FitsError when the contents are not valid FITS (message names file, HDU, byte offset)
 * @example
 * ```ts
 * const file = readFitsSync("$GAMMAPY_DATA/hess-dl3-dr1/data/hess_dl3_dr1_obs_id_020136.fits.gz");
 * const energy = file.hdu("EVENTS").readFloat64("ENERGY").data;   // Float64Array [TeV]
 * ```
 */
export function readFitsSync(input: string | Uint8Array, options: ReadFitsOptions = {}): FitsFile {
  const file = typeof input === "string" ? input : options.name;
  let bytes: Uint8Array;
  if (typeof input === "string") {
    try {
      bytes = readFileSync(input);
    } catch (e) {
      throw ioError(e, input);
    }
  } else {
    bytes = input;
  }
  if (isGzip(bytes)) {
    try {
      bytes = gunzipSync(bytes, { chunkSize: gunzipChunkSize(bytes) });
    } catch (e) {
      throw gzipError(e, file);
    }
  }
  return parseFits(bytes, file, options.logger ?? silentLogger);
}

/**
 * The output chunk size for gunzipping `gz`: its uncompressed size as the gzip trailer
 * states it (ISIZE, the last 4 bytes), plus one byte so zlib sees the end without asking
 * for another chunk. With zlib's default 16 kB chunks a 1 MB DL3 file is inflated in 60
 * pieces that are then joined (~1 ms per file more). ISIZE is only a hint (size mod
 * 2^32, of the last member only): kept between 64 kB and 256 MB, and whatever it says,
 * zlib still returns all the data.
 */
function gunzipChunkSize(gz: Uint8Array): number {
  const n = gz.length;
  const isize = n < 4 ? 0 : (gz[n - 4]! | (gz[n - 3]! << 8) | (gz[n - 2]! << 16) | (gz[n - 1]! << 24)) >>> 0;
  return Math.min(Math.max(isize + 1, 64 * 1024), 256 * 1024 * 1024);
}

/**
 * Reads a FITS file asynchronously (file reading and gunzip off the main thread); see
 * {@link readFitsSync}.
 *
 * @param input - a path, or the file contents
 * @param options - see {@link ReadFitsOptions}
 * @throws IoError when the path cannot be read
 * @throws FitsError when the contents are not valid FITS
 * @example
 * ```ts
 * const file = await readFits("irf_file.fits");
 * file.hdu("EFFECTIVE AREA").readFloat64("EFFAREA").shape;   // [1, 6, 42]
 * ```
 */
export async function readFits(input: string | Uint8Array, options: ReadFitsOptions = {}): Promise<FitsFile> {
  const file = typeof input === "string" ? input : options.name;
  let bytes: Uint8Array;
  if (typeof input === "string") {
    try {
      bytes = await readFile(input);
    } catch (e) {
      throw ioError(e, input);
    }
  } else {
    bytes = input;
  }
  if (isGzip(bytes)) {
    try {
      bytes = await gunzipAsync(bytes, { chunkSize: gunzipChunkSize(bytes) });
    } catch (e) {
      throw gzipError(e, file);
    }
  }
  return parseFits(bytes, file, options.logger ?? silentLogger);
}
