/**
 * The part of Gammapy's `info_dict` that spectrum and map datasets share: masked sums,
 * the summed counts statistic (counts, background, excess, sqrt_ts, alpha), the exposure
 * range, the rates and the on/off columns, and the `summary.json` row built from them.
 * `info.ts` (1D) and `map/map-info.ts` (3D) gather their dataset's arrays and call these.
 */
import type { Gti } from "./gti.js";
import { gtiTimeSum } from "./gti.js";
import type { InfoDict, SummaryDatasetRow } from "./info.js";
import type { StatType } from "./spectrum-stat.js";
import { CashCountsStatistic } from "./stats/cash-counts-statistic.js";
import { WStatCountsStatistic } from "./stats/wstat-counts-statistic.js";

/**
 * Sum of `values` where `mask` is set (all values without a mask).
 *
 * @param values - the values
 * @param mask - 0 / 1 per value, or null
 * @returns the sum
 * @example
 * ```ts
 * maskedSum([1, 2, 3], Uint8Array.of(1, 0, 1)); // 4
 * ```
 */
export function maskedSum(values: ArrayLike<number>, mask: Uint8Array | null): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) if (mask === null || mask[i] !== 0) s += values[i]!;
  return s;
}

/**
 * Σ a and Σ b where `mask` is set, in one pass (each sum in the order of {@link maskedSum}).
 * `a` and `b` have the same length.
 */
function maskedSumPair(a: ArrayLike<number>, b: ArrayLike<number>, mask: Uint8Array | null): [number, number] {
  let sa = 0;
  let sb = 0;
  if (mask === null) {
    for (let i = 0; i < a.length; i++) {
      sa += a[i]!;
      sb += b[i]!;
    }
  } else {
    for (let i = 0; i < a.length; i++) {
      if (mask[i] === 0) continue;
      sa += a[i]!;
      sb += b[i]!;
    }
  }
  return [sa, sb];
}

/**
 * The values where `mask` is set, in order (`values` itself when it is a Float64Array and
 * there is no mask).
 *
 * @param values - the values
 * @param mask - 0 / 1 per value, or null
 * @returns the kept values
 * @example
 * ```ts
 * masked([1, 2, 3], Uint8Array.of(1, 0, 1)); // Float64Array [1, 3]
 * ```
 */
export function masked(values: ArrayLike<number>, mask: Uint8Array | null): Float64Array {
  if (mask === null && values instanceof Float64Array) return values;
  let n = values.length;
  if (mask !== null) {
    n = 0;
    for (let i = 0; i < values.length; i++) if (mask[i] !== 0) n++;
  }
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (mask === null || mask[i] !== 0) out[k++] = values[i]!;
  return out;
}

/** What the counts statistic is computed against: a known background or off counts with α. */
export type InfoBackground =
  | { kind: "cash"; background: ArrayLike<number> }
  | { kind: "wstat"; countsOff: ArrayLike<number>; alpha: ArrayLike<number> }
  | null;

/** The summed counts statistic of `info_dict` (NaN where it does not apply). */
export interface InfoCounts {
  counts: number;
  background: number;
  excess: number;
  sqrtTs: number;
  /** Σ n_off (0 unless WStat). */
  countsOff: number;
  /** Σ α·n_off / Σ n_off (NaN unless WStat). */
  alpha: number;
}

/**
 * Gammapy's `_counts_statistic` summed inside the mask: WStat with α for on/off datasets,
 * Cash with the background map; only Σ counts without either.
 *
 * @param counts - counts data, or null (all zero / NaN then)
 * @param mask - safe mask (0 / 1 per bin) or null
 * @param against - the background or off counts, or null
 * @returns the summed numbers
 * @example
 * ```ts
 * infoCounts([3, 4], null, { kind: "cash", background: [1, 2] }).excess; // 4
 * ```
 */
export function infoCounts(counts: ArrayLike<number> | null, mask: Uint8Array | null, against: InfoBackground): InfoCounts {
  const out: InfoCounts = { counts: 0, background: NaN, excess: NaN, sqrtTs: NaN, countsOff: 0, alpha: NaN };
  if (counts === null) return out;
  if (against === null || against.kind !== "cash" || against.background.length !== counts.length) out.counts = maskedSum(counts, mask);
  if (against === null) return out;
  // Cash: the summed statistic is that of (Σ n_on, Σ μ_bkg), the same sums in the same
  // order as CashCountsStatistic.sum() of the masked arrays, without copying them.
  if (against.kind === "cash" && against.background.length === counts.length) {
    const [n, b] = maskedSumPair(counts, against.background, mask);
    return cashInfoCounts(n, b);
  }
  const stat =
    against.kind === "wstat"
      ? new WStatCountsStatistic(masked(counts, mask), masked(against.countsOff, mask), masked(against.alpha, mask)).sum()
      : new CashCountsStatistic(masked(counts, mask), masked(against.background, mask)).sum();
  out.background = stat.nBkg[0]!;
  out.excess = stat.nSig[0]!;
  out.sqrtTs = stat.sqrtTs[0]!;
  if (stat instanceof WStatCountsStatistic) {
    out.countsOff = stat.nOff[0]!;
    out.alpha = stat.alpha[0]!;
  }
  return out;
}

/**
 * The summed Cash counts statistic of `info_dict` from the masked sums Σ n_on and Σ μ_bkg.
 *
 * @param counts - Σ counts inside the mask
 * @param background - Σ background inside the mask
 * @returns the numbers (countsOff 0, alpha NaN)
 * @example
 * ```ts
 * cashInfoCounts(7, 3).excess; // 4
 * ```
 */
export function cashInfoCounts(counts: number, background: number): InfoCounts {
  const stat = new CashCountsStatistic([counts], [background]);
  return { counts, background: stat.nBkg[0]!, excess: stat.nSig[0]!, sqrtTs: stat.sqrtTs[0]!, countsOff: 0, alpha: NaN };
}

/**
 * exposure_min / max of `info_dict`: over exposure > 0 in pixels with a safe bin, over
 * all values (NaN propagating) when none is left.
 *
 * @param exposure - exposure data, energy-major (last `npix` values are one plane) [cm2 s]
 * @param safeImage - safe mask OR-ed over energy, one value per pixel, or null (all safe)
 * @param npix - pixels per energy plane (1 for spectra)
 * @returns [min, max] [cm2 s]
 * @example
 * ```ts
 * exposureRange([0, 2, 5], null, 1); // [2, 5]
 * ```
 */
export function exposureRange(exposure: ArrayLike<number>, safeImage: Uint8Array | null, npix: number): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  let any = false;
  // Plane by plane (no modulo per value); the same values visited in the same order.
  const step = npix > 0 ? npix : exposure.length;
  for (let p0 = 0; p0 < exposure.length; p0 += step) {
    const end = Math.min(p0 + step, exposure.length);
    for (let i = p0; i < end; i++) {
      // The safe image first: unsafe pixels' exposure is not even read.
      if (safeImage !== null && safeImage[i - p0] === 0) continue;
      const v = exposure[i]!;
      if (!(v > 0)) continue;
      any = true;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (!any) {
    for (let i = 0; i < exposure.length; i++) {
      const v = exposure[i]!;
      if (v < min || v !== v) min = v;
      if (v > max || v !== v) max = v;
    }
  }
  return [min, max];
}

/** Everything `assembleInfoDict` needs beyond the counts statistic. */
export interface InfoParts {
  name: string;
  mask: Uint8Array | null;
  sums: InfoCounts;
  /** Whether the dataset has models (npred_signal is NaN without). */
  hasModels: boolean;
  /** Σ predicted counts inside the mask (called only when needed). */
  npred: () => number;
  /** Σ predicted background inside the mask, NaN without a background. */
  npredBackground: number;
  /** Σ predicted signal inside the mask (called only when needed). */
  npredSignal: () => number;
  exposure: [number, number];
  livetime: number;
  gti: Gti | null;
  nBins: number;
  nFitBins: number;
  statType: StatType;
  /** Σ stat, or NaN; for on/off datasets the caller decides. */
  statSum: number;
  /** On/off datasets only. */
  onOff: { hasCountsOff: boolean; acceptance: ArrayLike<number> | null; hasAcceptanceOff: boolean } | null;
}

/**
 * The `info_dict` record from the dataset's parts (rates per livetime, on/off columns).
 *
 * @param p - the parts
 * @returns the numbers, keyed by Gammapy's column names
 * @example
 * ```ts
 * assembleInfoDict(parts).counts_rate; // counts / livetime [s-1]
 * ```
 */
export function assembleInfoDict(p: InfoParts): InfoDict {
  const { sums, mask, livetime } = p;
  const c = countsColumns(p);
  const info: InfoDict = {
    name: c.name,
    counts: c.counts,
    excess: c.excess,
    sqrt_ts: c.sqrt_ts,
    background: c.background,
    npred: p.hasModels || !Number.isNaN(sums.background) ? p.npred() : NaN,
    npred_background: p.npredBackground,
    npred_signal: p.hasModels ? p.npredSignal() : NaN,
    exposure_min: p.exposure[0],
    exposure_max: p.exposure[1],
    livetime,
    ontime: p.gti === null ? NaN : gtiTimeSum(p.gti),
    counts_rate: Math.trunc(sums.counts) / livetime,
    background_rate: sums.background / livetime,
    excess_rate: sums.excess / livetime,
    n_bins: p.nBins,
    n_fit_bins: p.nFitBins,
    stat_type: p.statType,
    stat_sum: p.statSum,
  };
  if (p.onOff === null) return info;
  info.counts_off = c.counts_off;
  const acceptance = p.onOff.acceptance === null ? 1 : maskedSum(p.onOff.acceptance, mask);
  info.acceptance = acceptance;
  const a = c.alpha!;
  info.acceptance_off = acceptance / a;
  info.alpha = a;
  return info;
}

/** The `info_dict` columns that come from the counts statistic alone: all a summary row reads. */
export type InfoCountsColumns = Pick<InfoDict, "name" | "counts" | "excess" | "sqrt_ts" | "background" | "livetime" | "counts_off" | "alpha">;

/**
 * The `info_dict` columns of the counts statistic (counts_off and alpha for on/off
 * datasets only), as {@link assembleInfoDict} gives them; summary rows use this alone,
 * so they need no npred, stat or exposure sums.
 *
 * @param p - name, summed counts statistic, livetime and the on/off flags
 * @returns the columns
 * @example
 * ```ts
 * countsColumns({ name: "a", sums, livetime: 1800, onOff: null }).excess; // sums.excess
 * ```
 */
export function countsColumns(p: Pick<InfoParts, "name" | "sums" | "livetime" | "onOff">): InfoCountsColumns {
  const { sums } = p;
  const c: InfoCountsColumns = {
    name: p.name,
    counts: Math.trunc(sums.counts),
    excess: sums.excess,
    sqrt_ts: sums.sqrtTs,
    background: sums.background,
    livetime: p.livetime,
  };
  if (p.onOff === null) return c;
  c.counts_off = p.onOff.hasCountsOff ? Math.trunc(sums.countsOff) : 0;
  c.alpha = p.onOff.hasAcceptanceOff ? sums.alpha : NaN;
  return c;
}

function finiteOrNull(x: number | undefined): number | null {
  return x === undefined || !Number.isFinite(x) ? null : x;
}

/**
 * The `summary.json` dataset row from `info_dict` and the safe energy range; null where a
 * value does not apply (NaN).
 *
 * @param info - the dataset's `info_dict` (its counts columns suffice)
 * @param energy - safe energy range [min, max] [TeV]
 * @returns the row
 * @example
 * ```ts
 * summaryRowFrom(info, [1, 10]).energy_min_tev; // 1
 * ```
 */
export function summaryRowFrom(info: InfoCountsColumns, energy: [number, number]): SummaryDatasetRow {
  return {
    name: info.name,
    counts: info.counts,
    counts_off: finiteOrNull(info.counts_off),
    alpha: finiteOrNull(info.alpha),
    background: finiteOrNull(info.background),
    excess: finiteOrNull(info.excess),
    sqrt_ts: finiteOrNull(info.sqrt_ts),
    livetime_s: finiteOrNull(info.livetime),
    energy_min_tev: finiteOrNull(energy[0]),
    energy_max_tev: finiteOrNull(energy[1]),
  };
}
