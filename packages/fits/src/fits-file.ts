/**
 * FitsFile: the HDUs of one file, found by index or by EXTNAME (+ EXTVER).
 */
import { FitsError } from "@gammats/core";
import type { Hdu } from "./hdu.js";

/**
 * A FITS file read into memory. Headers are parsed; data are decoded on request.
 *
 * @example
 * ```ts
 * const file = readFitsSync("hess_dl3_dr1_obs_id_020136.fits.gz");
 * file.hdus.map((h) => h.name);       // ["PRIMARY", "EVENTS", "GTI", "AEFF", "EDISP", "PSF", "BKG"]
 * file.hdu("events").nrows;           // 11243 (names are case-insensitive)
 * file.has("RAD_MAX");                // false
 * ```
 */
export class FitsFile implements Iterable<Hdu> {
  /** The HDUs in file order (index 0 = primary). */
  readonly hdus: readonly Hdu[];
  /** The path the file was read from, when read from a path. */
  readonly path: string | undefined;
  /** The decompressed file bytes (shared by the HDUs; do not modify). */
  readonly bytes: Uint8Array;

  /**
   * Built by the reader.
   *
   * @param hdus - the HDUs
   * @param bytes - the decompressed bytes
   * @param path - path, when read from one
   */
  constructor(hdus: readonly Hdu[], bytes: Uint8Array, path?: string) {
    this.hdus = hdus;
    this.bytes = bytes;
    this.path = path;
  }

  /** Iterates the HDUs in order. */
  [Symbol.iterator](): Iterator<Hdu> {
    return this.hdus[Symbol.iterator]();
  }

  /** The primary HDU. */
  get primary(): Hdu {
    return this.hdus[0];
  }

  /**
   * Finds an HDU; undefined when absent.
   *
   * @param nameOrIndex - 0-based index, or EXTNAME (case-insensitive; "PRIMARY" is HDU 0)
   * @param version - EXTVER to match (any when omitted: the first of that name)
   * @example
   * ```ts
   * file.find("AEFF")?.index;   // 3
   * ```
   */
  find(nameOrIndex: string | number, version?: number): Hdu | undefined {
    if (typeof nameOrIndex === "number") return this.hdus[nameOrIndex];
    const name = nameOrIndex.trim().toUpperCase();
    const found = this.hdus.find((h) => h.name.toUpperCase() === name && (version === undefined || h.version === version));
    // "PRIMARY" names HDU 0 even when it carries another EXTNAME (as in astropy).
    return found ?? (name === "PRIMARY" && version === undefined ? this.hdus[0] : undefined);
  }

  /** True if {@link FitsFile.find} finds the HDU. */
  has(nameOrIndex: string | number, version?: number): boolean {
    return this.find(nameOrIndex, version) !== undefined;
  }

  /**
   * Gets an HDU.
   *
   * @param nameOrIndex - 0-based index, or EXTNAME (case-insensitive; "PRIMARY" is HDU 0)
   * @param version - EXTVER to match (any when omitted)
   * @throws FitsError listing the HDUs present when there is no such HDU
   * @example
   * ```ts
   * file.hdu("EDISP").readFloat64("MATRIX").shape;   // [1, 6, 160, 96]
   * file.hdu(1).name;                                 // "EVENTS"
   * ```
   */
  hdu(nameOrIndex: string | number, version?: number): Hdu {
    const found = this.find(nameOrIndex, version);
    if (found !== undefined) return found;
    const list = this.hdus.map((h) => `${h.index}:${h.name || "(unnamed)"}${h.version !== 1 ? `,${h.version}` : ""}`);
    const what = typeof nameOrIndex === "number" ? `index ${nameOrIndex}` : `'${nameOrIndex}'${version !== undefined ? ` version ${version}` : ""}`;
    throw new FitsError(`no HDU ${what}; the file has ${list.join(" ")}`, this.path === undefined ? {} : { file: this.path }, {
      hint: "check the HDU name (EXTNAME) or index",
    });
  }
}
