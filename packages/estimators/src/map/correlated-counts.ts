/**
 * The correlated counts measurement behind an excess map (Gammapy's
 * `convolved_map_dataset_counts_statistics`): on counts, background and signal summed over
 * the correlation disk around every pixel, inside the estimator mask.
 */
import { CashCountsStatistic, WStatCountsStatistic } from "@gammats/datasets";
import type { CountsStatistic } from "@gammats/datasets";
import { correlateCube } from "./correlate.js";
import type { SquareKernel } from "./correlate.js";
import type { MergedMapData } from "./merged-map-data.js";

/** numpy's `rint`: halves to even. */
function rint(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

// The loops below sit in small functions of their own: each runs once per map, and V8
// optimises a small function sooner than a loop inside a big one.

function rintInPlace(a: Float64Array): Float64Array {
  for (let i = 0; i < a.length; i++) a[i] = rint(a[i]!);
  return a;
}

/**
 * Indices of the set values of a mask, ascending.
 *
 * @param mask - 0 / 1 per pixel
 * @returns the indices
 */
export function setIndices(mask: Uint8Array): Int32Array {
  let count = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) count++;
  const inside = new Int32Array(count);
  for (let i = 0, k = 0; i < mask.length; i++) if (mask[i]) inside[k++] = i;
  return inside;
}

/**
 * cube[indices[k]] for each k.
 *
 * @param cube - values
 * @param indices - where to read
 * @returns the values read, in the order of `indices`
 */
export function gather(cube: ArrayLike<number>, indices: Int32Array): Float64Array {
  const out = new Float64Array(indices.length);
  for (let k = 0; k < indices.length; k++) out[k] = cube[indices[k]!]!;
  return out;
}

/** Correlated cubes and the pixels where the estimator reports values. */
export interface CorrelatedCounts {
  /** Correlated on counts, rounded to integers (Gammapy rounds away its FFT noise). */
  readonly nOn: Float64Array;
  /** Indices of the pixels inside the mask, in cube order. */
  readonly inside: Int32Array;
  /** The statistic of the pixels in `inside` (Cash or WStat), in that order. */
  readonly stat: CountsStatistic;
}

/**
 * Correlates a merged dataset and builds its counts statistic.
 *
 * Cash: n_on = Σ counts, μ_bkg = Σ npred over the disk. WStat with `correlateOff`:
 * n_off = Σ n_off and α = Σ α n_off / Σ n_off over the disk (pixels without off acceptance
 * add no background); without: the off counts stay per pixel and α = Σ acceptance /
 * acceptance_off. The signal of the dataset's models is correlated as μ_sig.
 *
 * @param data - the merged dataset
 * @param ny - rows
 * @param nx - columns
 * @param kernel - the correlation disk
 * @param correlateOff - correlate the off counts (WStat only)
 * @returns the correlated on counts and the statistic inside the mask
 */
export function correlatedCounts(data: MergedMapData, ny: number, nx: number, kernel: SquareKernel, correlateOff: boolean): CorrelatedCounts {
  const { planes, mask } = data;
  const nOn = rintInPlace(correlateCube(data.counts, planes, ny, nx, kernel, mask));
  const inside = setIndices(mask);
  const pick = (cube: ArrayLike<number>): Float64Array => gather(cube, inside);
  const onOff = data.onOff;
  if (onOff === undefined) {
    const muBkg = correlateCube(data.background, planes, ny, nx, kernel, mask);
    return { nOn, inside, stat: new CashCountsStatistic(pick(nOn), pick(muBkg)) };
  }
  const muSig = correlateCube(data.npredSignal, planes, ny, nx, kernel, mask);
  let nOff: Float64Array;
  let alpha: Float64Array;
  if (correlateOff) {
    const background = onOff.background.map((b, i) => (onOff.acceptanceOff[i] === 0 ? 0 : b));
    const bkgConv = correlateCube(background, planes, ny, nx, kernel, mask);
    const offConv = correlateCube(onOff.countsOff, planes, ny, nx, kernel, mask);
    nOff = pick(offConv);
    alpha = Float64Array.from(inside, (i) => bkgConv[i]! / offConv[i]!);
  } else {
    const accConv = correlateCube(onOff.acceptance, planes, ny, nx, kernel, mask);
    nOff = pick(onOff.countsOff);
    alpha = Float64Array.from(inside, (i) => accConv[i]! / onOff.acceptanceOff[i]!);
  }
  return { nOn, inside, stat: new WStatCountsStatistic(pick(nOn), nOff, alpha, pick(muSig)) };
}
