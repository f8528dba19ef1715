/**
 * Small dense kernels on row-major n×n Float64Arrays (matrix–vector product, dot
 * product) and Cholesky inversion through ml-matrix.
 */
import { CholeskyDecomposition, Matrix } from "ml-matrix";

/**
 * out = A·v for a row-major n×n matrix.
 *
 * @example
 * ```ts
 * matVec(Float64Array.of(1, 2, 3, 4), Float64Array.of(1, 1), 2, new Float64Array(2));   // [3, 7]
 * ```
 */
export function matVec(a: Float64Array, v: Float64Array, n: number, out: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    let s = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) s += a[row + j]! * v[j]!;
    out[i] = s;
  }
  return out;
}

/** Dot product of the first n entries. */
export function dot(a: Float64Array, b: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * Inverse of a symmetric positive-definite matrix by Cholesky decomposition.
 *
 * @param a - row-major n×n
 * @param n - dimension
 * @returns the inverse (row-major, exactly symmetric), or undefined when `a` is not
 *   positive definite
 * @example
 * ```ts
 * invertPositiveDefinite(Float64Array.of(4, 0, 0, 2), 2);   // [0.25, 0, 0, 0.5]
 * ```
 */
export function invertPositiveDefinite(a: Float64Array, n: number): Float64Array | undefined {
  for (let i = 0; i < n * n; i++) if (!Number.isFinite(a[i]!)) return undefined;
  const m = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m.set(i, j, 0.5 * (a[i * n + j]! + a[j * n + i]!));
  const chol = new CholeskyDecomposition(m);
  if (!chol.isPositiveDefinite()) return undefined;
  const inv = chol.solve(Matrix.eye(n, n));
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) out[i * n + j] = 0.5 * (inv.get(i, j) + inv.get(j, i));
  }
  for (let i = 0; i < n; i++) if (!(out[i * n + i]! > 0)) return undefined;
  return out;
}
