/**
 * The projected emission of a uniformly emitting spherical shell between radii r_in and
 * r_out (as Gammapy's shell models): f(θ) = N (sqrt(r_out² - θ²) - sqrt(r_in² - θ²)),
 * the inner root only for θ < r_in and f = 0 beyond r_out, with the flat-sky
 * normalisation N = 3 / (2π (r_out³ - r_in³)) (θ, radii in radians).
 */
import { DEG_TO_RAD, angularSeparation } from "./sphere.js";

/**
 * Shell kernel over positions in the model frame.
 *
 * @param lon - longitudes [deg]
 * @param lat - latitudes [deg]
 * @param lon0 - centre longitude [deg]
 * @param lat0 - centre latitude [deg]
 * @param rIn - inner radius [deg]
 * @param rOut - outer radius [deg]
 * @param out - output
 * @returns out [sr-1]
 * @example
 * ```ts
 * // at the centre of a thin shell the line of sight crosses it twice
 * shellSpatial(Float64Array.of(0), Float64Array.of(0), 0, 0, 0.9, 1, new Float64Array(1));
 * ```
 */
export function shellSpatial(
  lon: Float64Array,
  lat: Float64Array,
  lon0: number,
  lat0: number,
  rIn: number,
  rOut: number,
  out: Float64Array,
): Float64Array {
  const l0 = lon0 * DEG_TO_RAD;
  const b0 = lat0 * DEG_TO_RAD;
  const ri = rIn * DEG_TO_RAD;
  const ro = rOut * DEG_TO_RAD;
  const norm = 3 / (2 * Math.PI * (ro * ro * ro - ri * ri * ri));
  const ri2 = ri * ri;
  const ro2 = ro * ro;
  for (let i = 0; i < lon.length; i++) {
    const sep = angularSeparation(lon[i]! * DEG_TO_RAD, lat[i]! * DEG_TO_RAD, l0, b0);
    const s2 = sep * sep;
    if (sep > ro) out[i] = 0;
    else if (sep < ri) out[i] = norm * (Math.sqrt(ro2 - s2) - Math.sqrt(ri2 - s2));
    else out[i] = norm * Math.sqrt(ro2 - s2);
  }
  return out;
}
