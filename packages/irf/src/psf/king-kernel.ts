/**
 * King-profile PSF kernels (GADF `psf_king`). Parameters come packed per point as
 * [gamma, sigma] (gamma dimensionless, sigma [deg]).
 *
 * Model (GADF psf_king; Kerr 2011, Fermi-LAT): with u = r²/(2γσ²),
 * dP/dΩ = 1/(2πσ²)·(1 − 1/γ)·(1 + u)^(−γ), analytically normalised for γ > 1, and
 * containment C(r) = 1 − (1 + u)^(1−γ).
 */

/** Parameter names of the King PSF, in packing order. */
export const KING_PARAMETERS = ["gamma", "sigma"] as const;

/**
 * King PSF value at n points [deg⁻²].
 *
 * @param n - number of points
 * @param rad - angular distances from the source [deg]
 * @param radStride - 1, or 0 to use rad[0] for every point
 * @param pars - packed [gamma, sigma] rows
 * @param parsStride - 1 (one row per point), or 0 (row 0 for every point)
 * @param out - output, length n [deg⁻²]
 * @returns out
 * @example
 * ```ts
 * kingValue(1, new Float64Array([0]), 0, new Float64Array([2, 0.1]), 0, new Float64Array(1)); // [7.957747154594767]
 * ```
 */
export function kingValue(
  n: number,
  rad: ArrayLike<number>,
  radStride: number,
  pars: ArrayLike<number>,
  parsStride: number,
  out: Float64Array,
): Float64Array {
  for (let i = 0; i < n; i++) {
    const gamma = pars[i * parsStride * 2]!;
    const sigma = pars[i * parsStride * 2 + 1]!;
    const r = rad[i * radStride]!;
    const s2 = sigma * sigma;
    const term1 = 1 / (2 * Math.PI * s2);
    const term2 = 1 - 1 / gamma;
    const term3 = Math.pow(1 + (r * r) / (2 * gamma * s2), -gamma);
    out[i] = term1 * term2 * term3;
  }
  return out;
}

/**
 * King PSF containment fraction within rad.
 *
 * @param n - number of points
 * @param rad - containment radii [deg]
 * @param radStride - 1, or 0 to use rad[0] for every point
 * @param pars - packed [gamma, sigma] rows
 * @param parsStride - 1 (one row per point), or 0 (row 0 for every point)
 * @param out - output, length n
 * @returns out
 * @example
 * ```ts
 * kingContainment(1, new Float64Array([0.2]), 0, new Float64Array([2, 0.1]), 0, new Float64Array(1)); // [0.5]
 * ```
 */
export function kingContainment(
  n: number,
  rad: ArrayLike<number>,
  radStride: number,
  pars: ArrayLike<number>,
  parsStride: number,
  out: Float64Array,
): Float64Array {
  for (let i = 0; i < n; i++) {
    const gamma = pars[i * parsStride * 2]!;
    const sigma = pars[i * parsStride * 2 + 1]!;
    const r = rad[i * radStride]!;
    const term = Math.pow(1 + (r * r) / (2 * gamma * (sigma * sigma)), 1 - gamma);
    out[i] = 1 - term;
  }
  return out;
}
