/**
 * Turns a symmetric matrix that should be positive definite (a numerical Hessian) into
 * one that is, by the smallest diagonal shift in correlation form. The idea follows
 * MINUIT's MNPSDF (James 1994): a covariance with a few-percent distortion is more
 * useful than none, as long as the result says it was fixed up.
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";

/** What {@link makePositiveDefinite} did. */
export interface PositiveDefiniteFix {
  /** True when the matrix was changed. */
  changed: boolean;
  /** Smallest eigenvalue of the correlation-form matrix before the fix. */
  minEigenvalue: number;
  /** Relative amount added to each diagonal element (0 when unchanged). */
  shift: number;
}

/**
 * Makes a symmetric row-major n×n matrix positive definite in place: non-positive
 * diagonal elements are replaced by their absolute value (or 1 when zero), then, if the
 * smallest eigenvalue of D^-½ A D^-½ is below 1e-3 of the largest, every diagonal
 * element is raised by the same relative amount.
 *
 * @param a - matrix, modified
 * @param n - dimension
 * @example
 * ```ts
 * const h = Float64Array.of(1, 2, 2, 1);            // eigenvalues 3 and −1
 * makePositiveDefinite(h, 2).changed;                // true; h is now [2.003, 2, 2, 2.003]
 * ```
 */
export function makePositiveDefinite(a: Float64Array, n: number): PositiveDefiniteFix {
  let changed = false;
  for (let i = 0; i < n; i++) {
    const d = a[i * n + i]!;
    if (!(d > 0)) {
      a[i * n + i] = d < 0 ? -d : 1;
      changed = true;
    }
  }
  const scale = new Float64Array(n);
  for (let i = 0; i < n; i++) scale[i] = 1 / Math.sqrt(a[i * n + i]!);
  const m = new Matrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) m.set(i, j, 0.5 * (a[i * n + j]! + a[j * n + i]!) * scale[i]! * scale[j]!);
  }
  const eig = new EigenvalueDecomposition(m, { assumeSymmetric: true }).realEigenvalues;
  let lo = Infinity;
  let hi = -Infinity;
  for (const e of eig) {
    lo = Math.min(lo, e);
    hi = Math.max(hi, e);
  }
  const floor = 1e-3 * Math.max(hi, 1e-300);
  let shift = 0;
  if (lo < floor) {
    shift = floor - lo;
    for (let i = 0; i < n; i++) a[i * n + i] = a[i * n + i]! * (1 + shift);
    changed = true;
  }
  return { changed, minEigenvalue: lo, shift };
}
