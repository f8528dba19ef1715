/**
 * Covariance blocks: cutting a sub-matrix for a subset of parameters, writing one back,
 * and turning an optimiser's factor covariance into one in parameter units.
 */
import { DataError } from "@gammats/core";
import { isClose, type Parameters } from "./parameters.js";

/**
 * The sub-matrix of `data` for the parameters of `sub` (matched by object identity).
 *
 * @param parameters - parameters of the full matrix
 * @param data - full matrix, row-major n×n
 * @param sub - the subset, in the order wanted
 * @returns row-major m×m block
 * @throws DataError when a parameter of `sub` is not in `parameters`
 * @example
 * ```ts
 * subCovariance(sky.parameters, sky.covariance, sky.spectral.parameters);  // 3×3 for a power law
 * ```
 */
export function subCovariance(parameters: Parameters, data: ArrayLike<number>, sub: Parameters): Float64Array {
  const n = parameters.length;
  const idx = indices(parameters, sub);
  const m = idx.length;
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) out[i * m + j] = data[idx[i]! * n + idx[j]!]!;
  return out;
}

/**
 * Writes a block into a full matrix in place. When the block differs from what is there
 * (beyond numpy's `allclose` tolerances), the rows and columns of the block are cleared
 * first, so stale correlations with other parameters do not survive (Gammapy's rule).
 *
 * @param parameters - parameters of the full matrix
 * @param data - full matrix, row-major n×n, modified
 * @param sub - parameters of the block
 * @param block - row-major m×m block
 * @throws DataError when a parameter of `sub` is not in `parameters`
 */
export function setSubCovariance(
  parameters: Parameters,
  data: Float64Array,
  sub: Parameters,
  block: ArrayLike<number>,
): void {
  const n = parameters.length;
  const idx = indices(parameters, sub);
  const m = idx.length;
  let same = true;
  for (let i = 0; i < m && same; i++) {
    for (let j = 0; j < m; j++) {
      if (!isClose(data[idx[i]! * n + idx[j]!]!, block[i * m + j]!)) {
        same = false;
        break;
      }
    }
  }
  if (!same) {
    for (const i of idx) {
      for (let k = 0; k < n; k++) {
        data[i * n + k] = 0;
        data[k * n + i] = 0;
      }
    }
  }
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) data[idx[i]! * n + idx[j]!] = block[i * m + j]!;
}

/**
 * Converts the covariance of the optimiser's factors into parameter units:
 * cov(p_i, p_j) = scale_i · scale_j · cov(f_i, f_j). A matrix over the free parameters
 * only is expanded with zeros for the frozen ones.
 *
 * @param parameters - all parameters (frozen flags and scales as during the fit)
 * @param matrix - row-major covariance of the factors, free×free or n×n
 * @returns row-major n×n covariance [parameter units]
 * @throws DataError when the size matches neither
 * @example
 * ```ts
 * model.parameters.covariance = covarianceFromFactors(model.parameters, hessianInverse);
 * ```
 */
export function covarianceFromFactors(parameters: Parameters, matrix: ArrayLike<number>): Float64Array {
  const n = parameters.length;
  const list = parameters.list;
  let full: ArrayLike<number> = matrix;
  if (matrix.length !== n * n) {
    const free: number[] = [];
    list.forEach((p, i) => {
      // Linked parameters appear several times; only the first occurrence is free.
      if (!p.frozen && list.indexOf(p) === i) free.push(i);
    });
    const m = free.length;
    if (matrix.length !== m * m) {
      throw new DataError(`factor covariance has ${matrix.length} entries, expected ${m}×${m} (free) or ${n}×${n}`);
    }
    const expanded = new Float64Array(n * n);
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) expanded[free[a]! * n + free[b]!] = matrix[a * m + b]!;
    full = expanded;
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) out[i * n + j] = list[i]!.scale * list[j]!.scale * full[i * n + j]!;
  }
  return out;
}

/**
 * Correlation matrix C_ij = Σ_ij / sqrt(Σ_ii Σ_jj), 0 where a variance is 0.
 *
 * @param covariance - row-major n×n
 * @param n - number of parameters
 */
export function correlationMatrix(covariance: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const d = Math.sqrt(covariance[i * n + i]! * covariance[j * n + j]!);
      const c = covariance[i * n + j]! / d;
      out[i * n + j] = Number.isFinite(c) ? c : 0;
    }
  }
  return out;
}

function indices(parameters: Parameters, sub: Parameters): number[] {
  return sub.list.map((p) => {
    const i = parameters.indexOf(p);
    if (i < 0) throw new DataError(`parameter '${p.name}' is not part of this covariance matrix`);
    return i;
  });
}
