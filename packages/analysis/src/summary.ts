/**
 * `summary.json`: the numbers of one analysis run in the contract of
 * shared/reference/README.md, computed as its `gammapy_summary.py` computes them from
 * Gammapy's objects, so `compare.py` can set the two side by side. NaN becomes null.
 */
import type { Observation } from "@gammats/data-store";
import { isMapDataset, mapSummaryRow, summaryRow } from "@gammats/datasets";
import type { AnyDataset, Datasets, SummaryDatasetRow } from "@gammats/datasets";
import { excessMapSummary as estimatorsExcessMapSummary, fluxPointsToTable } from "@gammats/estimators";
import type { ExcessMapSummary, FluxMaps, FluxPoints, FluxPointsTable } from "@gammats/estimators";
import type { Models } from "@gammats/modeling";
import type { AnalysisFitResult } from "./fit-result.js";

/** One observation row. */
export interface ObservationSummary {
  obs_id: number;
  /** GTI sum × DEADC [s]. */
  livetime_s: number;
  n_events: number;
}

/** One fit parameter row. */
export interface ParameterSummary {
  model: string;
  name: string;
  value: number | null;
  error: number | null;
  unit: string;
  frozen: boolean;
}

/** The fit section. */
export interface FitSummary {
  success: boolean;
  total_stat: number | null;
  nfev: number;
  parameters: ParameterSummary[];
}

/** One flux point (dnde in cm-2 s-1 TeV-1). */
export interface FluxPointSummary {
  e_ref_tev: number | null;
  e_min_tev: number | null;
  e_max_tev: number | null;
  dnde: number | null;
  dnde_err: number | null;
  dnde_errn: number | null;
  dnde_errp: number | null;
  dnde_ul: number | null;
  ts: number | null;
  sqrt_ts: number | null;
  counts: number | null;
  is_ul: boolean | null;
}

/** One light-curve bin (time bin × energy bin; flux in cm-2 s-1). */
export interface LightCurveBinSummary {
  time_min_mjd: number | null;
  time_max_mjd: number | null;
  e_min_tev: number | null;
  e_max_tev: number | null;
  flux: number | null;
  flux_err: number | null;
  flux_ul: number | null;
  ts: number | null;
  sqrt_ts: number | null;
}

/** Step durations [s]; a step that did not run is absent. */
export interface TimingsSummary {
  observations?: number;
  datasets?: number;
  fit?: number;
  flux_points?: number;
  light_curve?: number;
  excess_map?: number;
  total: number;
}

/** The whole `summary.json`; a section is absent when its step did not run. */
export interface AnalysisSummary {
  gammats_version: string;
  config_sha256: string;
  observations?: ObservationSummary[];
  datasets?: (SummaryDatasetRow & { n_pixels?: number | null })[];
  fit?: FitSummary;
  flux_points?: FluxPointSummary[];
  light_curve?: LightCurveBinSummary[];
  excess_map?: ExcessMapSummary;
  timings_s: TimingsSummary;
  peak_rss_mb: number;
}

function finite(v: number | undefined): number | null {
  return v === undefined || !Number.isFinite(v) ? null : v;
}

/**
 * Observation rows: id, live time (GTI sum × DEADC, Gammapy's
 * `observation_live_time_duration`) and number of events.
 *
 * @param observations - the selected observations
 */
export function observationsSummary(observations: readonly Observation[]): ObservationSummary[] {
  return observations.map((o) => ({ obs_id: o.obsId, livetime_s: o.observationLiveTimeDuration, n_events: o.events.length }));
}

/**
 * Dataset rows (Gammapy's `info_dict` inside the safe mask and the safe energy range);
 * map datasets add `n_pixels`, the number of bins of the counts cube.
 *
 * @param datasets - the datasets
 */
export function datasetsSummary(datasets: Datasets<AnyDataset>): (SummaryDatasetRow & { n_pixels?: number | null })[] {
  return datasets.list.map((d) => (isMapDataset(d) ? mapSummaryRow(d) : summaryRow(d)));
}

/**
 * The fit section: success, statistic, evaluations and every parameter of every model.
 *
 * @param result - the fit result
 * @param models - the fitted models
 */
export function fitSummary(result: AnalysisFitResult, models: Models): FitSummary {
  const parameters: ParameterSummary[] = [];
  for (const m of models) {
    for (const p of m.parameters.list) {
      parameters.push({ model: m.name, name: p.name, value: finite(p.value), error: finite(p.error), unit: p.unit, frozen: p.frozen });
    }
  }
  return { success: result.success, total_stat: finite(result.totalStat), nfev: result.nfev, parameters };
}

/** Reads one cell (summing a per-dataset vector) of a flux-points table. */
function cellReader(table: FluxPointsTable, nPoints: number) {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  return (name: string, point: number, sum = false): number | boolean | null => {
    const c = byName.get(name);
    if (c === undefined) return null;
    const k = c.data.length / nPoints;
    const values = Array.from(c.data as ArrayLike<number | boolean>).slice(point * k, (point + 1) * k);
    if (typeof values[0] === "boolean") return values[0];
    if (!sum && k !== 1) return null;
    return finite((values as number[]).reduce((a, b) => a + b, 0));
  };
}

/**
 * Flux-point rows from the dnde "gadf-sed" table (counts summed over datasets).
 *
 * @param fp - the flux points
 */
export function fluxPointsSummary(fp: FluxPoints): FluxPointSummary[] {
  const table = fluxPointsToTable(fp, { sedType: "dnde", format: "gadf-sed" });
  const n = fp.nEnergy;
  const cell = cellReader(table, n);
  const num = (name: string, i: number) => cell(name, i) as number | null;
  return Array.from({ length: n }, (_, i) => ({
    e_ref_tev: num("e_ref", i),
    e_min_tev: num("e_min", i),
    e_max_tev: num("e_max", i),
    dnde: num("dnde", i),
    dnde_err: num("dnde_err", i),
    dnde_errn: num("dnde_errn", i),
    dnde_errp: num("dnde_errp", i),
    dnde_ul: num("dnde_ul", i),
    ts: num("ts", i),
    sqrt_ts: num("sqrt_ts", i),
    counts: cell("counts", i, true) as number | null,
    is_ul: cell("is_ul", i) as boolean | null,
  }));
}

/**
 * Light-curve rows: one per time bin and energy bin, from the flux "lightcurve" table.
 *
 * @param lc - the light curve
 */
export function lightCurveSummary(lc: FluxPoints): LightCurveBinSummary[] {
  const table = fluxPointsToTable(lc, { sedType: "flux", format: "lightcurve" });
  const nt = lc.nTime;
  const ne = lc.nEnergy;
  const point = cellReader(table, nt * ne);
  const time = cellReader(table, nt);
  const rows: LightCurveBinSummary[] = [];
  for (let t = 0; t < nt; t++) {
    for (let j = 0; j < ne; j++) {
      const num = (name: string) => point(name, t * ne + j) as number | null;
      rows.push({
        time_min_mjd: time("time_min", t) as number | null,
        time_max_mjd: time("time_max", t) as number | null,
        e_min_tev: num("e_min"),
        e_max_tev: num("e_max"),
        flux: num("flux"),
        flux_err: num("flux_err"),
        flux_ul: num("flux_ul"),
        ts: num("ts"),
        sqrt_ts: num("sqrt_ts"),
      });
    }
  }
  return rows;
}

/**
 * The excess-map section: the largest sqrt(TS), its pixel centre and frame, and the
 * summed excess (npred_excess), as the reference script reads Gammapy's maps.
 *
 * @param maps - the excess maps
 * @example
 * ```ts
 * excessMapSummary(analysis.excessMap).max_sqrt_ts; // 3.48
 * ```
 */
export function excessMapSummary(maps: FluxMaps): ExcessMapSummary {
  const s = estimatorsExcessMapSummary(maps);
  return { ...s, max_sqrt_ts: finite(s.max_sqrt_ts ?? undefined), lon_deg: finite(s.lon_deg ?? undefined), lat_deg: finite(s.lat_deg ?? undefined), excess_sum: s.excess_sum };
}

/**
 * Peak resident memory of this process so far [MB] (as `ru_maxrss`).
 *
 * @example
 * ```ts
 * peakRssMb() > 0; // true
 * ```
 */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
