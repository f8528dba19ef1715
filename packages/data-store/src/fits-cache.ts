/**
 * A cache of decoded FITS files by path: the HDUs of one observation (EVENTS, GTI, AEFF,
 * ...) and the IRFs shared by many observations (CTA 1DC's irf_file.fits) live in one file,
 * which is then read and gunzipped once.
 */
import { readFitsSync } from "@gammats/fits";
import type { FitsFile } from "@gammats/fits";
import type { Logger } from "@gammats/core";

/**
 * Files read so far, by absolute path. Shared by a data store and its observations.
 *
 * @example
 * ```ts
 * const cache = new FitsFileCache();
 * cache.get("/data/run_23523.fits.gz") === cache.get("/data/run_23523.fits.gz"); // true
 * ```
 */
export class FitsFileCache {
  private readonly files = new Map<string, FitsFile>();
  private readonly logger: Logger | undefined;

  /** @param logger - receives the FITS reader's warnings */
  constructor(logger?: Logger) {
    this.logger = logger;
  }

  /**
   * The decoded file, read on first request.
   *
   * @param path - absolute path
   * @throws IoError when the file cannot be read; FitsError when it is not FITS
   */
  get(path: string): FitsFile {
    let file = this.files.get(path);
    if (file === undefined) {
      file = readFitsSync(path, this.logger ? { logger: this.logger } : {});
      this.files.set(path, file);
    }
    return file;
  }

  /** Number of files held. */
  get size(): number {
    return this.files.size;
  }

  /** Forgets every file (their memory is freed once no HDU or column refers to it). */
  clear(): void {
    this.files.clear();
  }
}
