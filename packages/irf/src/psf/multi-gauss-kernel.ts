/**
 * Triple-Gaussian PSF kernels (GADF `psf_3gauss`). Parameters come packed per point as
 * [sigma_1, sigma_2, sigma_3, scale, ampl_2, ampl_3] (sigmas [deg], the rest
 * dimensionless), the order of {@link TRIPLE_GAUSS_PARAMETERS}.
 *
 * Model (GADF psf_3gauss): dP/dΩ = scale·Σ_i a_i·exp(−r²/(2σ_i²)), a_1 = 1. Component i
 * integrates to 2π·scale·a_i·σ_i², so each gets the weight w_i = 2·scale·a_i·σ_i²
 * normalised to Σ w_i = 1 (NaN weights ignored in the sum, NaN/±inf results replaced
 * as NumPy's nan_to_num does): the PSF always integrates to one, whatever SCALE says.
 */

/** Parameter names of the triple-Gauss PSF, in packing order. */
export const TRIPLE_GAUSS_PARAMETERS = ["sigma_1", "sigma_2", "sigma_3", "scale", "ampl_2", "ampl_3"] as const;

const NPAR = 6;

// NumPy's nan_to_num: NaN -> 0, ±inf -> ±largest double.
function nanToNum(x: number): number {
  if (Number.isNaN(x)) return 0;
  if (x === Infinity) return Number.MAX_VALUE;
  if (x === -Infinity) return -Number.MAX_VALUE;
  return x;
}

/**
 * Normalised component weights of one parameter row: w_i = 2·scale·a_i·σ_i² / Σ_j w_j.
 *
 * @param pars - packed parameters
 * @param offset - index of the row's first parameter
 * @param out - three weights (output)
 * @returns out
 * @example
 * ```ts
 * tripleGaussWeights(new Float64Array([1, 1, 1, 5, 1, 2]), 0, new Float64Array(3)); // [0.25, 0.25, 0.5]
 * ```
 */
export function tripleGaussWeights(pars: ArrayLike<number>, offset: number, out: Float64Array): Float64Array {
  const scale = pars[offset + 3]!;
  const s1 = pars[offset]!;
  const s2 = pars[offset + 1]!;
  const s3 = pars[offset + 2]!;
  // Same product order as Gammapy: ((2·scale)·a)·σ².
  const n1 = 2 * scale * 1 * (s1 * s1);
  const n2 = 2 * scale * pars[offset + 4]! * (s2 * s2);
  const n3 = 2 * scale * pars[offset + 5]! * (s3 * s3);
  let sum = 0;
  if (!Number.isNaN(n1)) sum += n1;
  if (!Number.isNaN(n2)) sum += n2;
  if (!Number.isNaN(n3)) sum += n3;
  out[0] = nanToNum(n1 / sum);
  out[1] = nanToNum(n2 / sum);
  out[2] = nanToNum(n3 / sum);
  return out;
}

/**
 * Triple-Gauss PSF value at n points: Σ_i w_i/(2πσ_i²)·exp(−r²/(2σ_i²)) [deg⁻²].
 *
 * @param n - number of points
 * @param rad - angular distances from the source [deg]
 * @param radStride - 1, or 0 to use rad[0] for every point
 * @param pars - packed parameters, 6 per row
 * @param parsStride - 1 (one row per point), or 0 (row 0 for every point)
 * @param weights - scratch of length 3
 * @param out - output, length n [deg⁻²]
 * @returns out
 * @example
 * ```ts
 * const p = new Float64Array([0.1, 0.1, 0.1, 1, 0, 0]);
 * tripleGaussValue(1, new Float64Array([0]), 0, p, 0, new Float64Array(3), new Float64Array(1)); // [15.915494309189533]
 * ```
 */
export function tripleGaussValue(
  n: number,
  rad: ArrayLike<number>,
  radStride: number,
  pars: ArrayLike<number>,
  parsStride: number,
  weights: Float64Array,
  out: Float64Array,
): Float64Array {
  for (let i = 0; i < n; i++) {
    const po = i * parsStride * NPAR;
    tripleGaussWeights(pars, po, weights);
    const r = rad[i * radStride]!;
    const r2 = r * r + 0;
    let v = 0;
    for (let c = 0; c < 3; c++) {
      const s2 = pars[po + c]! * pars[po + c]!;
      v += weights[c]! * ((1 / (2 * Math.PI * s2)) * Math.exp((-0.5 * r2) / s2));
    }
    out[i] = v;
  }
  return out;
}

/**
 * {@link tripleGaussValue} for every radius × every parameter row, times `factor`: the
 * weights and 1/(2πσ²) of each row are computed once, not once per radius (same values).
 *
 * Kernel: no validation; allocates only three weights per call.
 *
 * @param n - number of parameter rows
 * @param rad - radii [deg]
 * @param pars - packed parameters, 6 per row
 * @param factor - multiplies every value
 * @param scratch - at least 9·n values
 * @param out - output, `out[outOffset + k·n + i]` for radius k and row i
 * @param outOffset - index of (radius 0, row 0)
 * @returns out
 * @example
 * ```ts
 * const p = new Float64Array([0.1, 0.1, 0.1, 1, 0, 0]);
 * tripleGaussValueRows(1, [0], p, 1, new Float64Array(9), new Float64Array(1), 0); // [15.915494309189533]
 * ```
 */
export function tripleGaussValueRows(
  n: number,
  rad: ArrayLike<number>,
  pars: ArrayLike<number>,
  factor: number,
  scratch: Float64Array,
  out: Float64Array,
  outOffset: number,
): Float64Array {
  const w = new Float64Array(3);
  for (let i = 0; i < n; i++) {
    const po = i * NPAR;
    tripleGaussWeights(pars, po, w);
    for (let c = 0; c < 3; c++) {
      const s2 = pars[po + c]! * pars[po + c]!;
      scratch[9 * i + c] = w[c]!;
      scratch[9 * i + 3 + c] = 1 / (2 * Math.PI * s2);
      scratch[9 * i + 6 + c] = s2;
    }
  }
  for (let k = 0; k < rad.length; k++) {
    const r = rad[k]!;
    const r2 = r * r + 0;
    const m = -0.5 * r2;
    tripleGaussRow(n, m, scratch, factor, out, outOffset + k * n);
  }
  return out;
}

/** One radius of {@link tripleGaussValueRows}: Σ_c w_c · (a_c · exp(m / σ_c²)), as tripleGaussValue. */
function tripleGaussRow(n: number, m: number, s: Float64Array, factor: number, out: Float64Array, o: number): void {
  for (let i = 0; i < n; i++) {
    const b = 9 * i;
    let v = 0;
    v += s[b]! * (s[b + 3]! * Math.exp(m / s[b + 6]!));
    v += s[b + 1]! * (s[b + 4]! * Math.exp(m / s[b + 7]!));
    v += s[b + 2]! * (s[b + 5]! * Math.exp(m / s[b + 8]!));
    out[o + i] = v * factor;
  }
}

/**
 * Triple-Gauss containment fraction within rad: Σ_i w_i·(1 − exp(−r²/(2σ_i²))).
 *
 * @param n - number of points
 * @param rad - containment radii [deg]
 * @param radStride - 1, or 0 to use rad[0] for every point
 * @param pars - packed parameters, 6 per row
 * @param parsStride - 1 (one row per point), or 0 (row 0 for every point)
 * @param weights - scratch of length 3
 * @param out - output, length n
 * @returns out
 * @example
 * ```ts
 * const p = new Float64Array([0.1, 0.1, 0.1, 1, 0, 0]);
 * tripleGaussContainment(1, new Float64Array([0.1]), 0, p, 0, new Float64Array(3), new Float64Array(1)); // [0.3934693402873666]
 * ```
 */
export function tripleGaussContainment(
  n: number,
  rad: ArrayLike<number>,
  radStride: number,
  pars: ArrayLike<number>,
  parsStride: number,
  weights: Float64Array,
  out: Float64Array,
): Float64Array {
  for (let i = 0; i < n; i++) {
    const po = i * parsStride * NPAR;
    tripleGaussWeights(pars, po, weights);
    const r = rad[i * radStride]!;
    const r2 = r * r;
    let v = 0;
    for (let c = 0; c < 3; c++) {
      const s2 = pars[po + c]! * pars[po + c]!;
      v += weights[c]! * (1 - Math.exp((-0.5 * r2) / s2));
    }
    out[i] = v;
  }
  return out;
}
