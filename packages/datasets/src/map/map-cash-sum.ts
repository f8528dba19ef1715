/**
 * The summed Cash statistic of a MapDataset as a fit evaluates it, in time proportional to
 * the models' cut-outs rather than to the cube.
 *
 * Outside every model's cut-out the prediction is the background alone, b_i · f_p with f_p
 * the FoV background norm of reco plane p. There Σ (μ − n ln μ) = f_p Σ b_i − (N_p ln f_p +
 * Σ n_i ln b_i), N_p = Σ n_i over bins with counts: the same statistic to round-off, from
 * sums over the plane taken once per mask and background map, less those over the
 * cut-outs (taken again when a cut-out moves). Bins inside the cut-outs, and bins whose
 * background is not positive, are summed bin by bin. When some b · f of a plane could
 * fall below the truncation (1e-25) the whole statistic is summed bin by bin.
 *
 * As for the masks, maps are taken as fixed while their objects stay the same: counts or
 * background replaced by new maps are picked up, values changed in place are not.
 */
import type { WcsNDMap } from "@gammats/maps";
import { TRUNCATION_VALUE, cashSumOfScaledSumAt, cashSumOfSumAt, cashSumScaled } from "../stats/cash.js";
import type { MapDataset } from "./map-dataset.js";
import { npredBuffers, npredSignalParts } from "./map-npred.js";
import type { NpredParts } from "./map-npred.js";

/** Sums over the masked bins with a positive background, per plane; fixed per mask and background. */
interface CashBase {
  maskBins: Uint32Array;
  background: WcsNDMap;
  counts: WcsNDMap;
  /** 1 for masked bins. */
  masked: Uint8Array;
  /** Masked bins whose background is not positive (or not finite), ascending. */
  odd: Uint32Array;
  /** Per plane: Σ b, Σ n (n > 0), Σ n ln b (n > 0), min b. */
  sumB: Float64Array;
  sumN: Float64Array;
  sumNLogB: Float64Array;
  minB: Float64Array;
}

/** The base less the cut-outs, and the bins summed one by one. */
interface CashPlan {
  base: CashBase;
  /** The cut-outs (x0, y0, nx, ny each) it was made for. */
  regions: Int32Array;
  /** Bins summed one by one (masked, inside a cut-out or odd), ascending; plane p at [planeStart[p], planeStart[p + 1]). */
  direct: Uint32Array;
  /** Per direct bin, where its signal is: in the cube (the bin itself), in the one model's cut-out (−1 outside), nowhere. */
  cube: Int32Array;
  local: Int32Array;
  noSignal: Int32Array;
  planeStart: Uint32Array;
  /** Per plane: the base sums over the bins outside the cut-outs. */
  sumB: Float64Array;
  sumN: Float64Array;
  sumNLogB: Float64Array;
}

const plans = new WeakMap<MapDataset, CashPlan>();

/**
 * Σ Cash over the mask of a MapDataset for the current parameters (what `mapStatSum`
 * returns for it).
 *
 * @param dataset - the dataset
 * @param counts - its counts
 * @returns −2 ln L up to a model-independent term
 */
export function mapCashSum(dataset: MapDataset, counts: WcsNDMap): number {
  const n = counts.data as Float64Array;
  if (dataset.background === null) {
    const parts = npredSignalParts(dataset, true);
    return cashSumOfSumAt(parts.maskBins, parts.maskBins.length, n, parts.signal, null);
  }
  const parts = npredSignalParts(dataset, false);
  const plan = planFor(dataset, dataset.background, counts, parts);
  // One model: its npred read off its cut-out; more: the signal cube they were added into.
  const one = parts.active.length === 1;
  const signal = one ? parts.active[0]!.npred : parts.signal;
  const signalAt = parts.active.length === 0 ? plan.noSignal : one ? plan.local : plan.cube;
  const b = dataset.background.data as Float64Array;
  const factors = parts.bkgFactors;
  let sum = 0;
  for (let p = 0; p < plan.sumB.length; p++) {
    const f = factors === null ? 1 : factors[p]!;
    sum += cashSumOfScaledSumAt(plan.direct, signalAt, plan.planeStart[p]!, plan.planeStart[p + 1]!, n, signal, b, f);
    const minB = plan.base.minB[p]!;
    if (minB === Infinity) continue; // no bin of the plane has a positive background
    if (!(minB * f > TRUNCATION_VALUE && f < Infinity)) {
      // Some background bin may be truncated: every bin, one by one.
      const { npred } = npredBuffers(dataset);
      return cashSumOfSumAt(parts.maskBins, parts.maskBins.length, n, npred, null);
    }
    sum += cashSumScaled(f, plan.sumB[p]!, plan.sumN[p]!, plan.sumNLogB[p]!);
  }
  return sum;
}

function planFor(dataset: MapDataset, background: WcsNDMap, counts: WcsNDMap, parts: NpredParts): CashPlan {
  const old = plans.get(dataset);
  let base = old?.base;
  if (base === undefined || base.maskBins !== parts.maskBins || base.background !== background || base.counts !== counts) {
    base = makeBase(background, counts, parts.maskBins);
  } else if (old !== undefined && sameRegions(old.regions, parts)) {
    return old;
  }
  const plan = makePlan(base, parts);
  plans.set(dataset, plan);
  return plan;
}

function sameRegions(regions: Int32Array, parts: NpredParts): boolean {
  if (regions.length !== 4 * parts.regionCount) return false;
  for (let i = 0; i < regions.length; i++) if (regions[i] !== parts.regions[i]) return false;
  return true;
}

function makeBase(background: WcsNDMap, counts: WcsNDMap, maskBins: Uint32Array): CashBase {
  const img = background.geom.npix[0] * background.geom.npix[1];
  const planes = background.geom.planeCount;
  const b = background.data as Float64Array;
  const n = counts.data as Float64Array;
  const masked = new Uint8Array(b.length);
  const odd: number[] = [];
  const sumB = new Float64Array(planes);
  const sumN = new Float64Array(planes);
  const sumNLogB = new Float64Array(planes);
  const minB = new Float64Array(planes).fill(Infinity);
  for (let j = 0; j < maskBins.length; j++) {
    const i = maskBins[j]!;
    masked[i] = 1;
    const v = b[i]!;
    if (!(v > 0 && v < Infinity)) {
      odd.push(i);
      continue;
    }
    const p = Math.floor(i / img);
    sumB[p]! += v;
    const c = n[i]!;
    if (c > 0) {
      sumN[p]! += c;
      sumNLogB[p]! += c * Math.log(v);
    }
    if (v < minB[p]!) minB[p] = v;
  }
  return { maskBins, background, counts, masked, odd: new Uint32Array(odd), sumB, sumN, sumNLogB, minB };
}

function makePlan(base: CashBase, parts: NpredParts): CashPlan {
  const [nx, ny] = base.background.geom.npix;
  const img = nx * ny;
  const planes = base.sumB.length;
  // The cut-outs' pixels, each once, ascending.
  const inside = new Uint8Array(img);
  let xMin = nx, xMax = 0, yMin = ny, yMax = 0;
  for (let c = 0; c < parts.regionCount; c++) {
    const x0 = parts.regions[4 * c]!;
    const y0 = parts.regions[4 * c + 1]!;
    const w = parts.regions[4 * c + 2]!;
    const h = parts.regions[4 * c + 3]!;
    for (let y = y0; y < y0 + h; y++) inside.fill(1, y * nx + x0, y * nx + x0 + w);
    xMin = Math.min(xMin, x0);
    xMax = Math.max(xMax, x0 + w);
    yMin = Math.min(yMin, y0);
    yMax = Math.max(yMax, y0 + h);
  }
  // Typed arrays of the largest size needed, not growing lists (made a dozen times a fit).
  const pixels = new Uint32Array(Math.max(0, (yMax - yMin) * (xMax - xMin)));
  const nPixels = insidePixels(inside, nx, xMin, xMax, yMin, yMax, pixels);
  const sumB = base.sumB.slice();
  const sumN = base.sumN.slice();
  const sumNLogB = base.sumNLogB.slice();
  const capacity = nPixels * planes + base.odd.length;
  const direct = new Uint32Array(capacity);
  const local = new Int32Array(capacity);
  const planeStart = new Uint32Array(planes + 1);
  // One cut-out: its pixels are listed row by row, so the q-th is its pixel q.
  const regionSize = parts.regionCount === 1 ? nPixels : -1;
  const nDirect = mergePlanes(base, pixels, nPixels, inside, img, regionSize, direct, local, planeStart, sumB, sumN, sumNLogB);
  const bins = direct.slice(0, nDirect);
  return {
    base,
    regions: parts.regions.slice(0, 4 * parts.regionCount),
    direct: bins,
    cube: new Int32Array(bins),
    local: local.slice(0, nDirect),
    noSignal: new Int32Array(nDirect).fill(-1),
    planeStart,
    sumB,
    sumN,
    sumNLogB,
  };
}

/** Lists the set pixels of `inside` within the box, ascending, into `out`; returns their number. */
function insidePixels(inside: Uint8Array, nx: number, xMin: number, xMax: number, yMin: number, yMax: number, out: Uint32Array): number {
  let n = 0;
  for (let y = yMin; y < yMax; y++) for (let x = xMin; x < xMax; x++) if (inside[y * nx + x] === 1) out[n++] = y * nx + x;
  return n;
}

/**
 * Per plane, merges the cut-out bins with the odd bins outside the cut-outs, ascending, into
 * `direct` (and each bin's index in the one cut-out into `local`, −1 outside it or with
 * several cut-outs), and takes the masked cut-out bins out of the base sums. Returns the
 * number of direct bins.
 */
function mergePlanes(
  base: CashBase,
  pixels: Uint32Array,
  nPixels: number,
  inside: Uint8Array,
  img: number,
  regionSize: number,
  direct: Uint32Array,
  local: Int32Array,
  planeStart: Uint32Array,
  sumB: Float64Array,
  sumN: Float64Array,
  sumNLogB: Float64Array,
): number {
  const b = base.background.data as Float64Array;
  const n = base.counts.data as Float64Array;
  const { odd, masked } = base;
  const planes = sumB.length;
  let nDirect = 0;
  let o = 0;
  for (let p = 0; p < planes; p++) {
    planeStart[p] = nDirect;
    const end = (p + 1) * img;
    let q = 0;
    for (;;) {
      const inBin = q < nPixels ? p * img + pixels[q]! : Infinity;
      while (o < odd.length && odd[o]! < end && inside[odd[o]! - p * img] === 1) o++;
      const oddBin = o < odd.length && odd[o]! < end ? odd[o]! : Infinity;
      if (inBin === Infinity && oddBin === Infinity) break;
      if (oddBin < inBin) {
        local[nDirect] = -1;
        direct[nDirect++] = oddBin;
        o++;
        continue;
      }
      const i = inBin;
      const at = regionSize < 0 ? -1 : p * regionSize + q;
      q++;
      if (masked[i] !== 1) continue;
      local[nDirect] = at;
      direct[nDirect++] = i;
      const v = b[i]!;
      if (!(v > 0 && v < Infinity)) continue; // odd: not in the base sums
      sumB[p]! -= v;
      const c = n[i]!;
      if (c > 0) {
        sumN[p]! -= c;
        sumNLogB[p]! -= c * Math.log(v);
      }
    }
  }
  planeStart[planes] = nDirect;
  return nDirect;
}
