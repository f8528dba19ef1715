/**
 * Plain-text tables for people: the datasets info table (Gammapy's
 * `Datasets.info_table(cumulative=True)` columns), the fit result and flux-point tables,
 * as the CLI prints them and the session logs them.
 */
import type { InfoDict } from "@gammats/datasets";
import { fluxPointsToTable } from "@gammats/estimators";
import type { FluxPoints, FluxPointsTable } from "@gammats/estimators";
import type { Models } from "@gammats/modeling";
import type { AnalysisFitResult } from "./fit-result.js";

/**
 * A number for a table: integers as they are, else 5 significant digits; NaN as "nan".
 *
 * @param v - the value
 * @example
 * ```ts
 * formatNumber(26.48252); // "26.483"
 * ```
 */
export function formatNumber(v: number | boolean | string | null | undefined): string {
  if (v === null || v === undefined) return "--";
  if (typeof v !== "number") return String(v);
  if (Number.isNaN(v)) return "nan";
  const a = Math.abs(v);
  if (Number.isInteger(v) && a < 1e9) return String(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return Number(v.toPrecision(5)).toExponential();
  return String(Number(v.toPrecision(5)));
}

/**
 * Aligns rows of cells under a header, with a dashed rule, as astropy prints tables.
 *
 * @param header - column titles
 * @param rows - cells, one array per row
 * @returns the text (no trailing newline)
 * @example
 * ```ts
 * alignColumns(["a", "b"], [["1", "22"]]); // " a  b\n--- --\n  1 22"
 * ```
 */
export function alignColumns(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? "").length)));
  const line = (cells: readonly string[]) => cells.map((c, j) => c.padStart(widths[j]!)).join(" ");
  return [line(header), widths.map((w) => "-".repeat(w)).join(" "), ...rows.map(line)].join("\n");
}

/**
 * Some columns of a flux-points table (vector cells as "[a, b]").
 *
 * @param table - the table (`fluxPointsToTable`)
 * @param names - columns to show, in order; absent ones are skipped
 * @returns the text
 */
export function formatTable(table: FluxPointsTable, names: readonly string[]): string {
  const columns = names.map((n) => table.columns.find((c) => c.name === n)).filter((c) => c !== undefined);
  const nrows = columns[0]?.shape[0] ?? 0;
  const header = columns.map((c) => (c.unit ? `${c.name} [${c.unit}]` : c.name));
  const rows: string[][] = [];
  for (let i = 0; i < nrows; i++) {
    rows.push(
      columns.map((c) => {
        const per = c.shape.slice(1).reduce((a, b) => a * b, 1);
        // Times (MJD) need their decimals; everything else reads fine with 5 digits.
        const fmt = c.name.startsWith("time_") ? (v: number | boolean) => (typeof v === "number" ? v.toFixed(6) : String(v)) : formatNumber;
        const cells = Array.from(c.data as ArrayLike<number | boolean>).slice(i * per, (i + 1) * per).map(fmt);
        return per === 1 ? cells[0]! : `[${cells.join(", ")}]`;
      }),
    );
  }
  return alignColumns(header, rows);
}

/**
 * Flux points as a dnde table (energies, dnde, error, upper limit, √TS, is_ul).
 *
 * @param fp - the flux points
 * @returns the text
 */
export function formatFluxPoints(fp: FluxPoints): string {
  const table = fluxPointsToTable(fp, { sedType: "dnde", format: "gadf-sed" });
  return formatTable(table, ["e_ref", "e_min", "e_max", "dnde", "dnde_err", "dnde_ul", "sqrt_ts", "is_ul"]);
}

/**
 * A light curve as a flux table (time bin, energy bin, flux, error, upper limit, √TS).
 *
 * @param lc - the light curve
 * @returns the text
 */
export function formatLightCurve(lc: FluxPoints): string {
  const table = fluxPointsToTable(lc, { sedType: "flux", format: "lightcurve" });
  return formatTable(table, ["time_min", "time_max", "e_min", "e_max", "flux", "flux_err", "flux_ul", "sqrt_ts"]);
}

const INFO_COLUMNS: [keyof InfoDict, string][] = [
  ["name", "name"],
  ["counts", "counts"],
  ["counts_off", "counts_off"],
  ["alpha", "alpha"],
  ["background", "background"],
  ["excess", "excess"],
  ["sqrt_ts", "sqrt_ts"],
  ["npred", "npred"],
  ["exposure_min", "exposure_min [cm2 s]"],
  ["exposure_max", "exposure_max [cm2 s]"],
  ["livetime", "livetime [s]"],
  ["ontime", "ontime [s]"],
  ["n_bins", "n_bins"],
  ["n_fit_bins", "n_fit_bins"],
  ["stat_type", "stat_type"],
  ["stat_sum", "stat_sum"],
];

/**
 * The datasets info table: one row per `infoDict` (Gammapy's `info_table` columns; the
 * on/off ones only when a row has them).
 *
 * @param rows - `Datasets.infoTable({ cumulative: true })`
 * @returns the text
 */
export function formatInfoTable(rows: readonly InfoDict[]): string {
  const cols = INFO_COLUMNS.filter(([k]) => rows.some((r) => r[k] !== undefined));
  return alignColumns(
    cols.map(([, title]) => title),
    rows.map((r) => cols.map(([k]) => formatNumber(r[k] as number | string | undefined))),
  );
}

/**
 * The fit result as Gammapy prints it (optimiser summary), then the models' parameters.
 *
 * @param result - the fit result
 * @param models - the fitted models
 * @returns the text
 */
export function formatFitResult(result: AnalysisFitResult, models: Models | null): string {
  const head = [
    "OptimizeResult",
    "",
    `\tbackend    : ${result.backend}`,
    `\tmethod     : ${result.method}`,
    `\tsuccess    : ${result.success ? "True" : "False"}`,
    `\tmessage    : ${result.message}`,
    `\tnfev       : ${result.nfev}`,
    `\ttotal stat : ${result.totalStat.toFixed(2)}`,
  ].join("\n");
  if (models === null) return head;
  const rows: string[][] = [];
  for (const m of models) {
    for (const p of m.parameters.list) {
      rows.push([m.name, p.name, formatNumber(p.value), p.frozen ? "" : formatNumber(p.error), p.unit, p.frozen ? "True" : "False"]);
    }
  }
  return `${head}\n\n${alignColumns(["model", "name", "value", "error", "unit", "frozen"], rows)}`;
}
