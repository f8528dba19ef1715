/**
 * The excess-map numbers of `summary.json` (shared/reference/README.md): the peak of the
 * sqrt(TS) map, its pixel centre, and the summed excess.
 */
import type { FluxMaps } from "./flux-maps.js";

/** The `excess_map` section of summary.json. */
export interface ExcessMapSummary {
  /** Largest sqrt(TS) over all pixels and energy bins (null when all are NaN). */
  max_sqrt_ts: number | null;
  /** Longitude of that pixel's centre [deg]: l in galactic maps, RA otherwise. */
  lon_deg: number | null;
  /** Latitude of that pixel's centre [deg]: b or Dec. */
  lat_deg: number | null;
  /** The map frame, "icrs" or "galactic". */
  frame: string;
  /** Sum of npred_excess over all non-NaN pixels and energy bins. */
  excess_sum: number;
}

/**
 * Summarises an excess map as the reference script does: NaN counts as −∞ in the arg-max,
 * the first maximum in (energy, lat, lon) order wins, the position is the pixel centre.
 *
 * @param maps - the excess-map result
 * @returns the summary fields
 * @example
 * ```ts
 * excessMapSummary(new ExcessMapEstimator().run(dataset)); // { max_sqrt_ts: 8.98…, lon_deg: 83.63, … }
 * ```
 */
export function excessMapSummary(maps: FluxMaps): ExcessMapSummary {
  const { best, max, excessSum } = peakAndSum(maps.get("sqrt_ts"), maps.get("npred_excess"));
  const frame = maps.geom.frame;
  if (best < 0) return { max_sqrt_ts: null, lon_deg: null, lat_deg: null, frame, excess_sum: excessSum };
  const [nx, ny] = maps.geom.npix;
  const pixel = best % (nx * ny);
  const sky = maps.geom.pixToSky(Float64Array.of(pixel % nx), Float64Array.of(Math.floor(pixel / nx)));
  return { max_sqrt_ts: max, lon_deg: sky.lon[0]!, lat_deg: sky.lat[0]!, frame, excess_sum: excessSum };
}

/**
 * The first arg-max of `sqrtTs` (NaN never wins) and Σ of the non-NaN `excess`, in one
 * pass: each accumulator sees its values in the same order as two separate loops would.
 */
function peakAndSum(sqrtTs: Float64Array, excess: Float64Array): { best: number; max: number; excessSum: number } {
  let best = -1;
  let max = -Infinity;
  let excessSum = 0;
  // FluxMaps holds maps of one size; the tails only keep other lengths exact.
  const n = Math.min(sqrtTs.length, excess.length);
  for (let i = 0; i < n; i++) {
    const v = sqrtTs[i]!;
    if (v > max) {
      max = v;
      best = i;
    }
    const e = excess[i]!;
    if (e === e) excessSum += e;
  }
  for (let i = n; i < sqrtTs.length; i++) {
    if (sqrtTs[i]! > max) {
      max = sqrtTs[i]!;
      best = i;
    }
  }
  for (let i = n; i < excess.length; i++) if (excess[i]! === excess[i]!) excessSum += excess[i]!;
  return { best, max, excessSum };
}
