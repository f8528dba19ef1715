/**
 * The GADF HDU index table (`hdu-index.fits.gz`): for each observation and HDU type, the
 * file and HDU that hold it.
 */
import { existsSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { DataError, IoError, silentLogger } from "@gammats/core";
import type { Logger } from "@gammats/core";
import type { Hdu } from "@gammats/fits";
import { expandPath } from "./env-path.js";
import { readFloat64Column, readStringColumn } from "./table-columns.js";

/** HDU types of the GADF HDU index, in the order Gammapy lists them. */
export const HDU_TYPES = ["events", "gti", "aeff", "edisp", "psf", "bkg", "rad_max"] as const;

/** One of {@link HDU_TYPES}. */
export type HduType = (typeof HDU_TYPES)[number];

/** HDU classes the GADF HDU index defines. */
export const HDU_CLASSES = [
  "events",
  "gti",
  "aeff_2d",
  "edisp_2d",
  "psf_table",
  "psf_3gauss",
  "psf_king",
  "bkg_2d",
  "bkg_3d",
  "rad_max_2d",
] as const;

/** Where one HDU of one observation lives (one row of the HDU index). */
export interface HduLocation {
  /** Observation id. */
  readonly obsId: number;
  /** HDU_TYPE, e.g. "aeff". */
  readonly hduType: string;
  /** HDU_CLASS, e.g. "aeff_2d". */
  readonly hduClass: string;
  /** FILE_DIR as written. */
  readonly fileDir: string;
  /** FILE_NAME as written. */
  readonly fileName: string;
  /** HDU_NAME (EXTNAME in the file). */
  readonly hduName: string;
  /** Absolute path of the file (see {@link HduIndexTable.resolvePath}). */
  readonly path: string;
}

/** Options of {@link HduIndexTable.fromHdu}. */
export interface HduIndexOptions {
  /** Folder relative FILE_DIRs are resolved against: the index file's folder (or the store folder). */
  baseDir: string;
  /** Path of the index file, for messages. */
  file?: string;
  /** Working folder for Gammapy's last-resort FILE_DIR/FILE_NAME lookup (default `process.cwd()`). */
  cwd?: string;
}

/**
 * The HDU index: columns as arrays (OBS_ID as Float64Array, the rest as strings, trimmed),
 * rows of one observation found through a map.
 *
 * @example
 * ```ts
 * const store = DataStore.fromDir("$GAMMAPY_DATA/hess-dl3-dr1");
 * store.hduTable.location(23523, "aeff")?.hduClass;   // "aeff_2d"
 * store.hduTable.hduTypes;                            // ["aeff", "bkg", "edisp", "events", "gti", "psf"]
 * ```
 */
export class HduIndexTable {
  /** OBS_ID per row. */
  readonly obsId: Float64Array;
  /** HDU_TYPE per row. */
  readonly hduType: readonly string[];
  /** HDU_CLASS per row. */
  readonly hduClass: readonly string[];
  /** FILE_DIR per row. */
  readonly fileDir: readonly string[];
  /** FILE_NAME per row. */
  readonly fileName: readonly string[];
  /** HDU_NAME per row. */
  readonly hduName: readonly string[];
  /** Folder relative FILE_DIRs are resolved against. */
  readonly baseDir: string;
  /** BASE_DIR header keyword, when the file has one (tried after `baseDir`). */
  readonly baseDirKeyword: string | undefined;
  /** Path of the index file, when read from one. */
  readonly file: string | undefined;
  private readonly cwd: string;
  private readonly rowsById = new Map<number, number[]>();

  private constructor(
    columns: {
      obsId: Float64Array;
      hduType: string[];
      hduClass: string[];
      fileDir: string[];
      fileName: string[];
      hduName: string[];
    },
    options: HduIndexOptions & { baseDirKeyword?: string },
  ) {
    this.obsId = columns.obsId;
    this.hduType = columns.hduType;
    this.hduClass = columns.hduClass;
    this.fileDir = columns.fileDir;
    this.fileName = columns.fileName;
    this.hduName = columns.hduName;
    this.baseDir = resolve(options.baseDir);
    this.baseDirKeyword = options.baseDirKeyword;
    this.file = options.file;
    this.cwd = options.cwd ?? process.cwd();
    for (let i = 0; i < this.obsId.length; i++) {
      const id = this.obsId[i];
      const rows = this.rowsById.get(id);
      if (rows === undefined) this.rowsById.set(id, [i]);
      else rows.push(i);
    }
  }

  /**
   * Reads the HDU index from its table HDU.
   *
   * @param hdu - the HDU_INDEX table
   * @param options - base folder, file path for messages
   * @throws DataError naming the file and column when a required column is missing
   */
  static fromHdu(hdu: Hdu, options: HduIndexOptions): HduIndexTable {
    const where = { file: options.file, hdu: hdu.name || String(hdu.index), table: "HDU index" };
    const trimmed = (name: string) => readStringColumn(hdu, name, where).map((s) => s.trim());
    const keyword = hdu.header.get("BASE_DIR");
    return new HduIndexTable(
      {
        obsId: readFloat64Column(hdu, "OBS_ID", where),
        hduType: trimmed("HDU_TYPE"),
        hduClass: trimmed("HDU_CLASS"),
        fileDir: trimmed("FILE_DIR"),
        fileName: trimmed("FILE_NAME"),
        hduName: trimmed("HDU_NAME"),
      },
      { ...options, baseDirKeyword: typeof keyword === "string" && keyword.trim() !== "" ? keyword.trim() : undefined },
    );
  }

  /** Number of rows. */
  get length(): number {
    return this.obsId.length;
  }

  /** Sorted unique observation ids. */
  get obsIds(): number[] {
    return [...this.rowsById.keys()].sort((a, b) => a - b);
  }

  /** Sorted unique HDU types. */
  get hduTypes(): string[] {
    return [...new Set(this.hduType)].sort();
  }

  /** Sorted unique HDU classes. */
  get hduClasses(): string[] {
    return [...new Set(this.hduClass)].sort();
  }

  /** True when the index has rows for this observation. */
  has(obsId: number): boolean {
    return this.rowsById.has(obsId);
  }

  /**
   * Row indices of an observation, optionally of one HDU type and/or class.
   *
   * @param obsId - observation id
   * @param select - `hduType` and/or `hduClass` to match
   * @returns row indices in table order (empty when none match)
   */
  rows(obsId: number, select: { hduType?: string; hduClass?: string } = {}): number[] {
    const rows = this.rowsById.get(obsId) ?? [];
    return rows.filter(
      (i) =>
        (select.hduType === undefined || this.hduType[i] === select.hduType) &&
        (select.hduClass === undefined || this.hduClass[i] === select.hduClass),
    );
  }

  /**
   * Where an observation's HDU of a type lives; undefined when the index has no such row.
   * With several matching rows the first is used and a warning logged, as Gammapy does.
   *
   * @param obsId - observation id
   * @param hduType - e.g. "aeff"
   * @param logger - receives the duplicate-row warning
   * @example
   * ```ts
   * store.hduTable.location(110380, "psf")?.hduName;   // "POINT SPREAD FUNCTION"
   * ```
   */
  location(obsId: number, hduType: string, logger: Logger = silentLogger): HduLocation | undefined {
    const rows = this.rows(obsId, { hduType });
    if (rows.length === 0) return undefined;
    const i = rows[0];
    if (rows.length > 1) {
      logger.warning(
        `HDU index${this.file ? ` ${this.file}` : ""} has ${rows.length} rows for OBS_ID ${obsId}, HDU_TYPE ${hduType}; ` +
          `using the first (HDU_CLASS ${this.hduClass[i]}, row ${i})`,
      );
    }
    return {
      obsId,
      hduType: this.hduType[i],
      hduClass: this.hduClass[i],
      fileDir: this.fileDir[i],
      fileName: this.fileName[i],
      hduName: this.hduName[i],
      path: this.resolvePath(this.fileDir[i], this.fileName[i]),
    };
  }

  /**
   * The file of a row: `baseDir/FILE_DIR/FILE_NAME` (what Gammapy 1.0 reads), else
   * `BASE_DIR/FILE_DIR/FILE_NAME` with the header keyword (the GADF rule; Gammapy overwrites
   * the keyword), else `FILE_DIR/FILE_NAME` from the working folder (Gammapy's fallback).
   * When none exists the first is returned, so that the error names the expected path.
   *
   * @param fileDir - FILE_DIR (relative or absolute)
   * @param fileName - FILE_NAME
   * @returns an absolute path
   */
  resolvePath(fileDir: string, fileName: string): string {
    const first = resolve(this.baseDir, fileDir, fileName);
    if (existsSync(first) || isAbsolute(fileDir)) return first;
    if (this.baseDirKeyword !== undefined) {
      try {
        const candidate = resolve(expandPath(this.baseDirKeyword, { cwd: this.baseDir }), fileDir, fileName);
        if (existsSync(candidate)) return candidate;
      } catch (e) {
        if (!(e instanceof IoError)) throw e;
      }
    }
    const fallback = resolve(this.cwd, join(fileDir, fileName));
    return existsSync(fallback) ? fallback : first;
  }

  /** A text summary: rows, observation id range, HDU types and classes. */
  summary(): string {
    const ids = this.obsIds;
    return [
      "HDU index table:",
      `BASE_DIR: ${this.baseDir}`,
      `Rows: ${this.length}`,
      `OBS_ID: ${ids.length ? `${ids[0]} -- ${ids[ids.length - 1]}` : "(none)"}`,
      `HDU_TYPE: ${this.hduTypes.join(", ")}`,
      `HDU_CLASS: ${this.hduClasses.join(", ")}`,
    ].join("\n");
  }

  /** @internal checks an id is known, for callers that want an error rather than undefined. */
  requireObs(obsId: number): void {
    if (!this.has(obsId)) {
      throw new DataError(`observation ${obsId} is not in the HDU index${this.file ? ` ${this.file}` : ""}`, {
        hint: `the store has ${this.obsIds.length} observations, ${describeIds(this.obsIds)}`,
      });
    }
  }
}

/** "ids 20136 ... 47829" style description for messages. */
export function describeIds(ids: readonly number[]): string {
  if (ids.length === 0) return "none";
  if (ids.length <= 6) return `ids ${ids.join(", ")}`;
  return `ids ${ids.slice(0, 3).join(", ")} ... ${ids.slice(-2).join(", ")}`;
}
