/**
 * The summed Cash statistic of a MapDataset as a fit evaluates it, in time proportional to
 * the models' cut-outs rather than to the cube.
 *
 * Outside every model's cut-out the prediction is the background alone, b_i · f_p with f_p
 * the FoV background norm of reco plane p. There Σ (μ − n ln μ) = f_p Σ b_i − (N_p ln f_p +
 * Σ n_i ln b_i), with the sums over the plane's bins taken once (N_p = Σ n_i over bins with
 * counts) — the same statistic to round-off. The bins inside the cut-outs are summed bin
 * by bin. The sums are kept per record until the mask, the background map or a cut-out
 * changes (a model's evaluator re-centred after a large step).
 */
import type { WcsNDMap } from "@gammats/maps";
import { TRUNCATION_VALUE, cashSumOfSumAt, cashSumScaled } from "../stats/cash.js";
import type { MapDataset } from "./map-dataset.js";
import { npredParts } from "./map-npred.js";
import type { NpredParts } from "./map-npred.js";

/** Per-record sums over the bins outside the cut-outs, and the bins to sum one by one. */
interface CashPlan {
  /** What the plan was made for. */
  maskBins: Uint32Array;
  background: WcsNDMap | null;
  counts: WcsNDMap;
  regions: Int32Array;
  /** Masked bins inside a cut-out, or with a background that is not positive: summed bin by bin. */
  direct: Uint32Array;
  /** Masked bins outside the cut-outs with a positive background, per plane: offsets into `outside`. */
  outside: Uint32Array;
  planeStart: Uint32Array;
  /** Per plane over `outside`: Σ b, Σ n (n > 0), Σ n ln b (n > 0), min b. */
  sumB: Float64Array;
  sumN: Float64Array;
  sumNLogB: Float64Array;
  minB: Float64Array;
}

const plans = new WeakMap<MapDataset, CashPlan>();

/**
 * Σ Cash over the mask of a MapDataset for the current parameters (what
 * `mapStatSum` returns for it), using {@link CashPlan}.
 *
 * @param dataset - the dataset, with counts
 * @param counts - its counts
 * @returns −2 ln L up to a model-independent term
 */
export function mapCashSum(dataset: MapDataset, counts: WcsNDMap): number {
  const parts = npredParts(dataset);
  const n = counts.data as Float64Array;
  const signal = parts.signal;
  const background = parts.partBackground;
  if (background === null || dataset.background === null) return cashSumOfSumAt(parts.maskBins, parts.maskBins.length, n, signal, background);
  const plan = planFor(dataset, counts, parts);
  let sum = cashSumOfSumAt(plan.direct, plan.direct.length, n, signal, background);
  const factors = parts.bkgFactors;
  for (let p = 0; p < plan.sumB.length; p++) {
    const start = plan.planeStart[p]!;
    const count = plan.planeStart[p + 1]! - start;
    if (count === 0) continue;
    const f = factors === null ? 1 : factors[p]!;
    // Every b · f above the truncation: the aggregate; else bin by bin.
    if (plan.minB[p]! * f > TRUNCATION_VALUE && Number.isFinite(f)) sum += cashSumScaled(f, plan.sumB[p]!, plan.sumN[p]!, plan.sumNLogB[p]!);
    else sum += cashSumOfSumAt(plan.outside.subarray(start), count, n, signal, background);
  }
  return sum;
}

function sameRegions(plan: CashPlan, parts: NpredParts): boolean {
  if (plan.regions.length !== 4 * parts.writtenCount) return false;
  for (let i = 0; i < plan.regions.length; i++) if (plan.regions[i] !== parts.written[i]) return false;
  return true;
}

function planFor(dataset: MapDataset, counts: WcsNDMap, parts: NpredParts): CashPlan {
  const old = plans.get(dataset);
  if (old !== undefined && old.maskBins === parts.maskBins && old.background === dataset.background && old.counts === counts && sameRegions(old, parts)) return old;
  const plan = makePlan(dataset.background!, counts, parts);
  plans.set(dataset, plan);
  return plan;
}

function makePlan(background: WcsNDMap, counts: WcsNDMap, parts: NpredParts): CashPlan {
  const [nx, ny] = background.geom.npix;
  const img = nx * ny;
  const planes = background.geom.planeCount;
  const inside = new Uint8Array(img);
  for (let c = 0; c < parts.writtenCount; c++) {
    const [x0, y0, w, h] = parts.written.subarray(4 * c, 4 * c + 4);
    for (let y = y0!; y < y0! + h!; y++) inside.fill(1, y * nx + x0!, y * nx + x0! + w!);
  }
  const b = background.data as Float64Array;
  const n = counts.data as Float64Array;
  const bins = parts.maskBins;
  const direct: number[] = [];
  const outside = new Uint32Array(bins.length);
  const planeStart = new Uint32Array(planes + 1);
  const sumB = new Float64Array(planes);
  const sumN = new Float64Array(planes);
  const sumNLogB = new Float64Array(planes);
  const minB = new Float64Array(planes).fill(Infinity);
  let k = 0;
  let p = 0;
  for (let j = 0; j < bins.length; j++) {
    const i = bins[j]!;
    const plane = Math.floor(i / img);
    while (p < plane) planeStart[++p] = k;
    const v = b[i]!;
    if (inside[i - plane * img] === 1 || !(v > 0 && v < Infinity)) {
      direct.push(i);
      continue;
    }
    outside[k++] = i;
    sumB[plane]! += v;
    const c = n[i]!;
    if (c > 0) {
      sumN[plane]! += c;
      sumNLogB[plane]! += c * Math.log(v);
    }
    if (v < minB[plane]!) minB[plane] = v;
  }
  while (p < planes) planeStart[++p] = k;
  const regions = parts.written.slice(0, 4 * parts.writtenCount);
  return { maskBins: bins, background, counts, regions, direct: Uint32Array.from(direct), outside, planeStart, sumB, sumN, sumNLogB, minB };
}
