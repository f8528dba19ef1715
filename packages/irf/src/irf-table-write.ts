/**
 * Writing GADF DL3 IRF tables: one row, `<PREFIX>_LO/_HI` axis columns, data column(s)
 * whose cell holds the IRF with its first axis fastest (TDIM in IRF axis order), and the
 * GADF HDUCLASn keywords (Gammapy's `IRF.to_table`).
 */
import { FitsError } from "@gammats/core";
import { binTableHdu } from "@gammats/fits";
import type { BinTableHduSpec, ColumnInput, FitsValue } from "@gammats/fits";
import { dl3AxisColumnInputs } from "@gammats/maps";
import type { MapAxis } from "@gammats/maps";
import { reverseAxes } from "./axis-order.js";
import type { IrfMeta } from "./irf-core.js";

// Column-bound keywords that would be stale once the table is rewritten.
const COLUMN_KEY = /^(TTYPE|TFORM|TUNIT|TDIM|TSCAL|TZERO|TNULL|TDISP|TBCOL|TLMIN|TLMAX|TCTYP|TCUNI|TCRVL|TCDLT|TCRPX|CREF|CDESC)\d+$/;
const STRUCTURAL = new Set(["XTENSION", "BITPIX", "NAXIS", "NAXIS1", "NAXIS2", "PCOUNT", "GCOUNT", "TFIELDS", "THEAP", "END"]);

/**
 * True for keywords that describe a table's structure or columns (NAXISn, TFORMn, CREFn, ...),
 * which are not kept as IRF meta data.
 *
 * @param key - upper-case keyword
 * @example
 * ```ts
 * isTableKeyword("TDIM5"); // true
 * isTableKeyword("LO_THRES"); // false
 * ```
 */
export function isTableKeyword(key: string): boolean {
  return STRUCTURAL.has(key) || COLUMN_KEY.test(key);
}

/** One data column to write. */
export interface IrfColumnOutput {
  /** Column name, e.g. "EFFAREA". */
  name: string;
  /** Values in C order over the axes. */
  data: ArrayLike<number>;
  /** TUNIT ("" for none). */
  unit: string;
  /** Store as float32 ("E") instead of float64 ("D"). Default false. */
  float32?: boolean;
}

/** What {@link irfTableHdu} writes. */
export interface IrfTableOutput {
  /** EXTNAME. */
  extname: string;
  /** Axes in data order (written as `<PREFIX>_LO/_HI` float64 columns, in this order). */
  axes: readonly MapAxis[];
  /** Data columns. */
  columns: readonly IrfColumnOutput[];
  /** Header keywords kept from the source (structural and column keywords are dropped). */
  meta?: IrfMeta;
  /** Keywords that override `meta` (HDUCLASn, FOVALIGN, ...), written in this order. */
  keywords?: readonly (readonly [string, FitsValue])[];
}

/**
 * Describes a one-row GADF DL3 IRF table for `writeFits`: axis columns, then data
 * columns whose cell holds the data with the first axis fastest (TDIM in axis order).
 *
 * @param output - extname, axes, columns, meta, keywords
 * @returns the HDU description
 * @throws DataError when a data column does not fit the axes or an axis has no DL3 column
 * @example
 * ```ts
 * writeFits(path, [imageHdu(), irfTableHdu({ extname: "EFFECTIVE AREA", axes, columns: [{ name: "EFFAREA", data, unit: "m2" }] })]);
 * ```
 */
export function irfTableHdu(output: IrfTableOutput): BinTableHduSpec {
  const shape = output.axes.map((a) => a.nbin);
  const size = shape.reduce((a, b) => a * b, 1);
  const fitsShape = shape.slice().reverse();
  const columns: ColumnInput[] = dl3AxisColumnInputs(output.axes);
  for (const col of output.columns) {
    if (col.data.length !== size) {
      throw new FitsError(`column ${col.name}: ${col.data.length} values for axes of shape (${shape.join(", ")})`, {}, {
        hint: `give ${size} values in C order over the axes`,
      });
    }
    const stored = reverseAxes(col.data, shape, new Float64Array(size));
    const input: ColumnInput = { name: col.name, data: stored, shape: [1, ...fitsShape] };
    if (col.unit !== "") input.unit = col.unit;
    if (col.float32 === true) input.format = "E";
    columns.push(input);
  }
  const keys = new Map<string, FitsValue>();
  for (const [k, v] of Object.entries(output.meta ?? {})) {
    if (k === "EXTNAME" || isTableKeyword(k)) continue;
    keys.set(k, v);
  }
  for (const [k, v] of output.keywords ?? []) keys.set(k, v);
  return binTableHdu({ name: output.extname, columns, header: [...keys].map(([k, v]) => [k, v] as const) });
}

/** Options of `toHdu()` of the IRF classes. */
export interface IrfToHduOptions {
  /** Unit of the written data. Default: GADF's convention for the IRF (e.g. "m2"). */
  unit?: string;
  /** EXTNAME. Default: Gammapy's (e.g. "EFFECTIVE AREA"). */
  extname?: string;
  /** Store the data as float32. Default false (float64: an exact round trip). */
  float32?: boolean;
}

/**
 * The GADF keywords an IRF table must carry (Gammapy's `mandatory_keywords`):
 * HDUCLASS, HDUDOC, HDUVERS, HDUCLAS1..4.
 *
 * @param gadf - HDUCLAS2 and HDUCLAS4 of the IRF
 * @param isPointlike - HDUCLAS3 POINT-LIKE (true) or FULL-ENCLOSURE
 * @returns keyword/value pairs in GADF order
 * @example
 * ```ts
 * gadfKeywords({ hduClass2: "EFF_AREA", hduClass4: "AEFF_2D" }, false)[5]; // ["HDUCLAS3", "FULL-ENCLOSURE"]
 * ```
 */
export function gadfKeywords(
  gadf: { readonly hduClass2: string; readonly hduClass4: string },
  isPointlike: boolean,
): [string, FitsValue][] {
  return [
    ["HDUCLASS", "GADF"],
    ["HDUDOC", "https://github.com/open-gamma-ray-astro/gamma-astro-data-formats"],
    ["HDUVERS", "0.2"],
    ["HDUCLAS1", "RESPONSE"],
    ["HDUCLAS2", gadf.hduClass2],
    ["HDUCLAS3", isPointlike ? "POINT-LIKE" : "FULL-ENCLOSURE"],
    ["HDUCLAS4", gadf.hduClass4],
  ];
}
