/**
 * Internal helpers of the coords kernels: scalar-or-array arguments, output checks,
 * latitude validation. Not re-exported from the package.
 */
import { DataError } from "../errors.js";

/** A scalar or one value per element. */
export type NumberOrArray = number | Float64Array;

/**
 * Common length of arguments that are scalars or arrays (scalars broadcast).
 *
 * @throws DataError when two arrays differ in length
 */
export function broadcastLength(fn: string, names: readonly string[], values: readonly NumberOrArray[]): number {
  let n = -1;
  let first = "";
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (typeof v === "number") continue;
    if (n < 0) {
      n = v.length;
      first = names[k];
    } else if (v.length !== n) {
      throw new DataError(
        `${fn}: '${names[k]}' has ${v.length} elements but '${first}' has ${n}`,
        { hint: "pass arrays of equal length, or a single number to use for every element" },
      );
    }
  }
  return n < 0 ? 1 : n;
}

/** True when every value is a plain number (the scalar convenience path). */
export function allScalar(values: readonly NumberOrArray[]): boolean {
  for (const v of values) if (typeof v !== "number") return false;
  return true;
}

/** Array view and stride of a scalar-or-array argument (stride 0 broadcasts a scalar). */
export function strided(v: NumberOrArray): [Float64Array, number] {
  if (typeof v === "number") {
    return [Float64Array.of(v), 0];
  }
  return [v, 1];
}

/**
 * Returns `out` when it has length `n`, else a new array.
 *
 * @throws DataError when `out` is given with the wrong length
 */
export function outputArray(fn: string, name: string, out: Float64Array | undefined, n: number): Float64Array {
  if (out === undefined) return new Float64Array(n);
  if (out.length !== n) {
    throw new DataError(`${fn}: output '${name}' has ${out.length} elements, expected ${n}`, {
      hint: "pass output arrays of the input length, or omit them",
    });
  }
  return out;
}

/**
 * Checks that latitudes lie in [-90, 90] (NaN passes, as astropy propagates it).
 *
 * @throws DataError naming the function, argument and element index
 */
export function checkLatitudes(fn: string, name: string, lat: NumberOrArray): void {
  if (typeof lat === "number") {
    if (lat < -90 || lat > 90) throw latitudeError(fn, name, lat, -1);
    return;
  }
  for (let i = 0; i < lat.length; i++) {
    const b = lat[i];
    if (b < -90 || b > 90) throw latitudeError(fn, name, b, i);
  }
}

function latitudeError(fn: string, name: string, value: number, index: number): DataError {
  const where = index >= 0 ? `${name}[${index}]` : name;
  return new DataError(`${fn}: latitude ${where} = ${value} deg is outside [-90, 90]`, {
    hint: "latitudes (dec, glat, alt, fov_lat) are in degrees; check the argument order (lon, lat)",
  });
}
