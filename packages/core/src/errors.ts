/**
 * The typed error hierarchy shared by every gammats package.
 *
 * Every error says what went wrong, where (file, HDU, key, row) and how to fix it, so
 * that callers (and the CLI) can show it to the user without a stack trace.
 */

/** Options common to all gammats errors. */
export interface GammatsErrorOptions {
  /** How the user can fix the problem, appended to the message. */
  hint?: string;
  /** The underlying error, kept for debugging. */
  cause?: unknown;
}

/**
 * Base class of all errors thrown by gammats on purpose.
 *
 * @example
 * ```ts
 * try { parseQuantity("3 parsec", "energy"); }
 * catch (e) { if (e instanceof GammatsError) console.error(e.message); }
 * ```
 */
export class GammatsError extends Error {
  /** How the user can fix it (also part of `message`). */
  readonly hint: string | undefined;

  constructor(message: string, options: GammatsErrorOptions = {}) {
    super(options.hint ? `${message}. ${options.hint}` : message, { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
  }
}

/**
 * A value with a unit that is malformed, unknown or of the wrong physical type.
 *
 * @example
 * ```ts
 * new UnitError("energy expected, got 3 deg", { hint: "write e.g. '3 TeV'" });
 * ```
 */
export class UnitError extends GammatsError {}

/** A problem in a FITS file; `file`, `hdu` and `offset` say where. */
export class FitsError extends GammatsError {
  /** Path of the file, when known. */
  readonly file: string | undefined;
  /** HDU index (0 = primary) or EXTNAME, when known. */
  readonly hdu: number | string | undefined;
  /** Byte offset in the (decompressed) file, when known. */
  readonly offset: number | undefined;
  /** Header keyword or column name involved, when known. */
  readonly key: string | undefined;

  constructor(
    message: string,
    where: { file?: string; hdu?: number | string; offset?: number; key?: string } = {},
    options: GammatsErrorOptions = {},
  ) {
    const parts: string[] = [];
    if (where.file !== undefined) parts.push(`file ${where.file}`);
    if (where.hdu !== undefined) parts.push(`HDU ${where.hdu}`);
    if (where.key !== undefined) parts.push(`key ${where.key}`);
    if (where.offset !== undefined) parts.push(`byte ${where.offset}`);
    super(parts.length ? `${message} (${parts.join(", ")})` : message, options);
    this.file = where.file;
    this.hdu = where.hdu;
    this.offset = where.offset;
    this.key = where.key;
  }
}

/** A problem in an analysis configuration; `path` is the key path, e.g. `datasets.geom.wcs.binsize`. */
export class ConfigError extends GammatsError {
  /** Dotted key path of the offending value ("" for the whole document). */
  readonly path: string;
  /** The file the configuration came from, when known. */
  readonly file: string | undefined;

  constructor(message: string, path = "", options: GammatsErrorOptions & { file?: string } = {}) {
    const where = [options.file, path ? `key '${path}'` : undefined].filter(Boolean).join(", ");
    super(where ? `${where}: ${message}` : message, options);
    this.path = path;
    this.file = options.file;
  }
}

/** Several configuration problems found at once (e.g. every schema violation). */
export class ConfigErrors extends ConfigError {
  /** The individual problems. */
  readonly errors: readonly ConfigError[];

  constructor(errors: readonly ConfigError[], file?: string) {
    const head = `${errors.length} problem${errors.length === 1 ? "" : "s"} in the configuration${file ? ` ${file}` : ""}`;
    super([head, ...errors.map((e) => `  - ${e.message}`)].join("\n"), "", {});
    this.errors = errors;
  }
}

/** Input data that are inconsistent or unusable (missing column, bad axis, empty selection). */
export class DataError extends GammatsError {}

/** An input/output problem: a missing file, a refused overwrite. */
export class IoError extends GammatsError {
  /** Path involved. */
  readonly file: string | undefined;
  constructor(message: string, file?: string, options: GammatsErrorOptions = {}) {
    super(file ? `${message}: ${file}` : message, options);
    this.file = file;
  }
}
