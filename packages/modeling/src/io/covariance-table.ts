/**
 * The covariance table Gammapy writes next to a models YAML file
 * (astropy `ascii.fixed_width`, delimiter "|"): a "Parameters" column with the unique
 * names "model.type.name", then one column "0", "1", ... per parameter.
 */
import { IoError } from "@gammats/core";
import { pythonFloatRepr } from "./python-float.js";

/** A parsed covariance table. */
export interface CovarianceTable {
  /** Unique parameter names, e.g. "crab.spectral.index". */
  names: string[];
  /** Row-major n×n matrix [parameter units]. */
  data: Float64Array;
}

function cells(line: string): string[] {
  const parts = line.split("|").map((c) => c.trim());
  // A line "| a | b |" splits into ["", "a", "b", ""].
  if (parts[0] === "") parts.shift();
  if (parts[parts.length - 1] === "") parts.pop();
  return parts;
}

/**
 * Parses a covariance table.
 *
 * @param text - file contents
 * @param file - file name for messages
 * @returns names and matrix
 * @throws IoError for a malformed table (not square, non-numeric cells)
 * @example
 * ```ts
 * parseCovarianceTable("| Parameters | 0 |\n| a.spectral.x | 0.25 |\n");   // { names: ["a.spectral.x"], data: [0.25] }
 * ```
 */
export function parseCovarianceTable(text: string, file?: string): CovarianceTable {
  // Skip blank lines and separator rules ("|----|") that some fixed-width variants add.
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "" && !/^[\s|+=-]+$/.test(l));
  if (lines.length === 0) throw new IoError("empty covariance table", file);
  const header = cells(lines[0]!);
  const n = lines.length - 1;
  if (header.length !== n + 1) {
    throw new IoError(`covariance table has ${header.length - 1} value columns but ${n} rows`, file, {
      hint: "the table must be square: one row and one column per parameter",
    });
  }
  const names: string[] = [];
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = cells(lines[i + 1]!);
    if (row.length !== n + 1) throw new IoError(`covariance table row ${i + 1} has ${row.length} cells, expected ${n + 1}`, file);
    names.push(row[0]!);
    for (let j = 0; j < n; j++) {
      const text = row[j + 1]!.toLowerCase();
      const v = text === "nan" ? NaN : text === "inf" ? Infinity : text === "-inf" ? -Infinity : Number(text);
      if (text === "" || (Number.isNaN(v) && text !== "nan")) {
        throw new IoError(`covariance table row ${i + 1} (${row[0]}), column ${j}: not a number: '${row[j + 1]}'`, file);
      }
      data[i * n + j] = v;
    }
  }
  return { names, data };
}

/**
 * Writes a covariance table as astropy's `ascii.fixed_width` with delimiter "|" does:
 * right-aligned cells, each column as wide as its widest entry, Python float spelling.
 *
 * @param names - unique parameter names
 * @param data - row-major n×n matrix
 * @returns table text ending with a newline
 */
export function formatCovarianceTable(names: readonly string[], data: ArrayLike<number>): string {
  const n = names.length;
  const columns: string[][] = [["Parameters", ...names]];
  for (let j = 0; j < n; j++) {
    const col = [String(j)];
    for (let i = 0; i < n; i++) col.push(pythonFloatRepr(data[i * n + j]!));
    columns.push(col);
  }
  const widths = columns.map((c) => Math.max(...c.map((s) => s.length)));
  const lines: string[] = [];
  for (let r = 0; r <= n; r++) {
    lines.push("|" + columns.map((c, k) => ` ${c[r]!.padStart(widths[k]!)} `).join("|") + "|");
  }
  return lines.join("\n") + "\n";
}
