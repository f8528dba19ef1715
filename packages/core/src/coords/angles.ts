/**
 * Angle constants and wrapping helpers (degrees at the API, as everywhere in gammats).
 */

/** Degrees to radians factor. */
export const DEG_TO_RAD = Math.PI / 180;

/** Radians to degrees factor. */
export const RAD_TO_DEG = 180 / Math.PI;

/** Arcseconds to radians factor. */
export const ARCSEC_TO_RAD = Math.PI / (180 * 3600);

/**
 * Wraps an angle into `[wrapAt - 360, wrapAt)`, like astropy's `Angle.wrap_at`.
 *
 * @param angle - angle [deg]
 * @param wrapAt - upper (exclusive) end of the output range [deg]; default 360, i.e. [0, 360)
 * @returns the wrapped angle [deg]; NaN stays NaN
 * @example
 * ```ts
 * wrapAngle(-10);        // 350
 * wrapAngle(190, 180);   // -170
 * ```
 */
export function wrapAngle(angle: number, wrapAt = 360): number {
  const low = wrapAt - 360;
  let r = angle - 360 * Math.floor((angle - low) / 360);
  // Rounding can land exactly on the excluded upper end (e.g. -1e-20 + 360 === 360).
  if (r >= wrapAt) r -= 360;
  if (r < low) r = low;
  return r;
}

/**
 * Wraps every angle of an array into `[wrapAt - 360, wrapAt)`.
 *
 * @param angles - angles [deg]
 * @param wrapAt - upper (exclusive) end of the output range [deg]; default 360
 * @param out - output array of the same length (may be `angles` itself); allocated when omitted
 * @returns `out`
 * @example
 * ```ts
 * wrapAngles(Float64Array.of(-90, 370), 180);   // Float64Array [-90, 10]
 * ```
 */
export function wrapAngles(angles: Float64Array, wrapAt = 360, out?: Float64Array): Float64Array {
  const o = out ?? new Float64Array(angles.length);
  for (let i = 0; i < angles.length; i++) o[i] = wrapAngle(angles[i], wrapAt);
  return o;
}

/**
 * Wraps a longitude into [0, 360).
 *
 * @param angle - angle [deg]
 * @returns the angle in [0, 360) [deg]
 * @example
 * ```ts
 * wrapTo360(-0.5);   // 359.5
 * ```
 */
export function wrapTo360(angle: number): number {
  return wrapAngle(angle, 360);
}

/**
 * Wraps an angle into [-180, 180).
 *
 * @param angle - angle [deg]
 * @returns the angle in [-180, 180) [deg]
 * @example
 * ```ts
 * wrapTo180(350);   // -10
 * ```
 */
export function wrapTo180(angle: number): number {
  return wrapAngle(angle, 180);
}

/**
 * Signed smallest difference `a - b` of two angles, in [-180, 180).
 *
 * @param a - angle [deg]
 * @param b - angle [deg]
 * @returns `a - b` wrapped into [-180, 180) [deg]
 * @example
 * ```ts
 * angleDifference(1, 359);   // 2
 * ```
 */
export function angleDifference(a: number, b: number): number {
  return wrapAngle(a - b, 180);
}
