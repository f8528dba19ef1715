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
  const sqrtTs = maps.get("sqrt_ts");
  let best = -1;
  let max = -Infinity;
  for (let i = 0; i < sqrtTs.length; i++) {
    const v = sqrtTs[i]!;
    if (v > max) {
      max = v;
      best = i;
    }
  }
  const excess = maps.get("npred_excess");
  let excessSum = 0;
  for (let i = 0; i < excess.length; i++) if (!Number.isNaN(excess[i]!)) excessSum += excess[i]!;
  const frame = maps.geom.frame;
  if (best < 0) return { max_sqrt_ts: null, lon_deg: null, lat_deg: null, frame, excess_sum: excessSum };
  const [nx, ny] = maps.geom.npix;
  const pixel = best % (nx * ny);
  const sky = maps.geom.pixToSky(Float64Array.of(pixel % nx), Float64Array.of(Math.floor(pixel / nx)));
  return { max_sqrt_ts: max, lon_deg: sky.lon[0]!, lat_deg: sky.lat[0]!, frame, excess_sum: excessSum };
}
