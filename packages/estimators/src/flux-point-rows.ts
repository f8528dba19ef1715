/**
 * One flux point per energy bin (the rows of Gammapy's flux-point table before it becomes
 * a FluxPoints object), and their assembly into {@link FluxPoints}, with or without a
 * time axis.
 */
import type { SpectralModel } from "@gammats/modeling";
import { alignedEnergyAxis, energySlice, sliceMask } from "./energy-slices.js";
import type { EstimatorDataset } from "./estimator-dataset.js";
import { type FluxEstimate, type MaskedDataset, estimateFlux } from "./flux-estimate.js";
import { type ResolvedFluxOptions, scanValues } from "./flux-estimator-options.js";
import { FluxPoints, type QuantityData } from "./flux-points.js";
import type { QuantityName } from "./sed-types.js";

/** The estimate of one energy bin and the datasets it used. */
export interface FluxPointRow extends FluxEstimate {
  /** Lower and upper edge of the bin after snapping to the data's bins [TeV]. */
  energyMin: number;
  energyMax: number;
  /** Names of the datasets of counts, npred and npred_excess. */
  datasets: string[];
}

/**
 * Estimates one flux point per requested energy bin (Gammapy's
 * FluxPointsEstimator.estimate_flux_point for each bin). A bin no dataset covers gives a
 * row of NaN with zero counts and `success` false.
 *
 * @param datasets - the datasets (aligned energy axes)
 * @param energyEdges - requested bin edges [TeV]
 * @param options - resolved estimator options
 * @returns one row per bin
 * @throws DataError when the energy axes differ between datasets
 */
export function estimateFluxPointRows(
  datasets: readonly EstimatorDataset[],
  energyEdges: Float64Array,
  options: ResolvedFluxOptions,
): FluxPointRow[] {
  const names = datasets.map((d) => d.name);
  alignedEnergyAxis(
    datasets.map((d) => d.energyAxis),
    names,
  );
  const rows: FluxPointRow[] = [];
  for (let i = 0; i + 1 < energyEdges.length; i++) {
    const inputs: MaskedDataset[] = [];
    let eMin = Infinity;
    let eMax = -Infinity;
    for (const dataset of datasets) {
      const slice = energySlice(dataset.energyAxis, energyEdges[i]!, energyEdges[i + 1]!);
      if (slice === undefined) continue;
      inputs.push({ dataset, mask: sliceMask(slice, dataset.energyAxis.nbin, dataset.counts.length, dataset.mask) });
      eMin = Math.min(eMin, slice.energyMin);
      eMax = Math.max(eMax, slice.energyMax);
    }
    if (inputs.length === 0) {
      rows.push(nanRow(names, energyEdges[i]!, energyEdges[i + 1]!, options));
    } else {
      const estimate = estimateFlux(inputs, options);
      rows.push({ ...estimate, energyMin: eMin, energyMax: eMax, datasets: inputs.map((x) => x.dataset.name) });
    }
  }
  return rows;
}

function nanRow(names: string[], energyMin: number, energyMax: number, options: ResolvedFluxOptions): FluxPointRow {
  const nan = () => new Float64Array(names.length).fill(NaN);
  const normScan = scanValues(options, "log");
  const row: FluxPointRow = {
    energyMin,
    energyMax,
    datasets: names,
    norm: NaN,
    normErr: NaN,
    stat: NaN,
    success: false,
    message: "No dataset contributes in this energy range.",
    ts: NaN,
    npred: nan(),
    npredExcess: nan(),
    counts: new Float64Array(names.length),
    normScan,
  };
  const selection = new Set(options.selection);
  if (selection.has("errn-errp")) row.normErrn = row.normErrp = NaN;
  if (selection.has("ul")) row.normUl = NaN;
  if (selection.has("scan")) row.statScan = new Float64Array(normScan.length).fill(NaN);
  return row;
}

/** Settings of {@link fluxPointsFromRows}. */
export interface FluxPointsFromRowsOptions {
  /** All datasets, in order: the per-dataset quantities get one slot each (NaN when not used). */
  datasetNames: readonly string[];
  /** The source spectrum the norms refer to. */
  referenceModel: SpectralModel;
  /** σ of errors and limits. */
  nSigma: number;
  nSigmaUl: number;
  /** Time bins, MJD (TT): then `rows` holds nTime groups of nEnergy rows, time slowest. */
  timeMin?: ArrayLike<number>;
  timeMax?: ArrayLike<number>;
}

/**
 * Assembles rows into FluxPoints. The energy axis is made from the rows' lower edges and
 * the last upper edge, as Gammapy builds it from the table.
 *
 * @param rows - nTime × nEnergy rows, time slowest
 * @param options - dataset names, reference model, σ, time bins
 * @returns the flux points
 */
export function fluxPointsFromRows(rows: readonly FluxPointRow[], options: FluxPointsFromRowsOptions): FluxPoints {
  const nTime = options.timeMin?.length ?? 1;
  const nEnergy = rows.length / nTime;
  const energyEdges = [...rows.slice(0, nEnergy).map((r) => r.energyMin), rows[nEnergy - 1]!.energyMax];
  const names = options.datasetNames;
  const nd = Math.max(names.length, 1);
  const n = rows.length;
  const scalar = (get: (r: FluxPointRow) => number | undefined) => Float64Array.from(rows, (r) => get(r) ?? NaN);
  const perDataset = (get: (r: FluxPointRow) => Float64Array) => {
    const out = new Float64Array(n * nd).fill(NaN);
    rows.forEach((r, i) => r.datasets.forEach((name, k) => (out[i * nd + names.indexOf(name)] = get(r)[k]!)));
    return out;
  };
  const data: Partial<Record<QuantityName, QuantityData>> = {
    norm: scalar((r) => r.norm),
    norm_err: scalar((r) => r.normErr),
  };
  if (rows.some((r) => r.normErrn !== undefined)) {
    data.norm_errn = scalar((r) => r.normErrn);
    data.norm_errp = scalar((r) => r.normErrp);
  }
  if (rows.some((r) => r.normUl !== undefined)) data.norm_ul = scalar((r) => r.normUl);
  data.ts = scalar((r) => r.ts);
  data.npred = perDataset((r) => r.npred);
  data.npred_excess = perDataset((r) => r.npredExcess);
  data.stat = scalar((r) => r.stat);
  data.counts = perDataset((r) => r.counts);
  data.success = Uint8Array.from(rows, (r) => (r.success ? 1 : 0));
  const withScan = rows.find((r) => r.statScan !== undefined);
  if (withScan) {
    const ns = withScan.normScan.length;
    const scan = new Float64Array(n * ns).fill(NaN);
    rows.forEach((r, i) => r.statScan && scan.set(r.statScan, i * ns));
    data.stat_scan = scan;
  }
  return new FluxPoints({
    energyEdges,
    ...(options.timeMin && options.timeMax ? { timeMin: options.timeMin, timeMax: options.timeMax } : {}),
    datasetNames: names,
    ...(withScan ? { normScan: withScan.normScan } : {}),
    data,
    referenceModel: options.referenceModel,
    meta: { nSigma: options.nSigma, nSigmaUl: options.nSigmaUl, sedTypeInit: "likelihood" },
  });
}
