/**
 * Objectives with known answers for the tests.
 */

/** Rosenbrock's banana, minimum 0 at (1, 1). */
export function rosenbrock(x: Float64Array): number {
  return 100 * (x[1]! - x[0]! * x[0]!) ** 2 + (1 - x[0]!) ** 2;
}

/**
 * −2 ln L of a multivariate Gaussian (up to a constant): (x − μ)ᵀ C⁻¹ (x − μ).
 *
 * @param mean - μ
 * @param inverse - C⁻¹, row-major
 */
export function gaussianStat(mean: readonly number[], inverse: readonly number[]): (x: Float64Array) => number {
  const n = mean.length;
  const d = new Float64Array(n);
  return (x) => {
    for (let i = 0; i < n; i++) d[i] = x[i]! - mean[i]!;
    let s = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s += d[i]! * inverse[i * n + j]! * d[j]!;
    return s;
  };
}

/** A correlated 3-d Gaussian: σ = (1, 2, 0.5), correlations 0.6, −0.3, 0.2. */
export const COVARIANCE_3D = [1, 1.2, -0.15, 1.2, 4, 0.2, -0.15, 0.2, 0.25];
/** Its mean. */
export const MEAN_3D = [1.5, -2, 0.3];

/** Inverse of a symmetric 3×3 matrix (cofactors), for building test objectives. */
export function invert3(m: readonly number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    A / det,
    -(b * i - c * h) / det,
    (b * f - c * e) / det,
    B / det,
    (a * i - c * g) / det,
    -(a * f - c * d) / det,
    C / det,
    -(a * h - b * g) / det,
    (a * e - b * d) / det,
  ];
}

/** Binned power-law counts of the Poisson tests (seeded numpy draw, Γ = 2.4). */
export const POWER_LAW_DATA = {
  edges: Array.from({ length: 13 }, (_, i) => 0.5 * 100 ** (i / 12)),
  counts: [441, 267, 154, 72, 47, 31, 16, 11, 7, 2, 4, 2],
  exposure: 2e14,
  reference: 0.3,
};

/**
 * Predicted counts of a power law amplitude·(E/reference)^−index per bin [counts].
 *
 * @param amplitude - [cm-2 s-1 TeV-1]
 * @param index - spectral index
 * @param out - one entry per bin
 * @param reference - reference energy [TeV]
 */
export function powerLawNpred(amplitude: number, index: number, out: Float64Array, reference = POWER_LAW_DATA.reference): Float64Array {
  const { edges, exposure } = POWER_LAW_DATA;
  const g = 1 - index;
  const k = (amplitude * reference ** index * exposure) / g;
  for (let i = 0; i < out.length; i++) out[i] = k * (edges[i + 1]! ** g - edges[i]! ** g);
  return out;
}

/** Cash statistic 2 Σ (μ − n ln μ) of the power-law data. */
export function powerLawCash(amplitude: number, index: number, work: Float64Array, reference = POWER_LAW_DATA.reference): number {
  const mu = powerLawNpred(amplitude, index, work, reference);
  const n = POWER_LAW_DATA.counts;
  let s = 0;
  for (let i = 0; i < mu.length; i++) s += mu[i]! - n[i]! * Math.log(mu[i]!);
  return 2 * s;
}
