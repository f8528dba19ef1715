/**
 * Line search along a descent direction: Armijo backtracking with safeguarded quadratic
 * interpolation, plus a parabolic extrapolation when the full step is still going
 * downhill steeply (Nocedal & Wright, Numerical Optimization, 2nd ed., sec. 3.5).
 * NaN or infinite values count as "too far" and shrink the step.
 */

/** Outcome of {@link lineSearch}. */
export interface LineSearchResult {
  /** True when a point with a sufficient decrease was found (it is in `out`). */
  ok: boolean;
  /** Step length λ taken (x_new = x + λ·p). */
  lambda: number;
  /** f(x_new), or f(x) when not ok. */
  f: number;
}

const ARMIJO = 1e-4;
const MAX_TRIALS = 20;

/**
 * Searches along p from x for a point with f(x + λp) ≤ f(x) + 1e-4·λ·gᵀp.
 *
 * @param f - objective
 * @param x - start point (unchanged)
 * @param f0 - f(x)
 * @param p - search direction
 * @param slope - directional derivative gᵀp (< 0)
 * @param out - receives the new point
 * @param trial - scratch of the same length
 * @param budget - evaluations allowed
 * @param minLambda - smallest step before giving up
 */
export function lineSearch(
  f: (x: Float64Array) => number,
  x: Float64Array,
  f0: number,
  p: Float64Array,
  slope: number,
  out: Float64Array,
  trial: Float64Array,
  budget: number,
  minLambda = 1e-10,
): LineSearchResult {
  const n = x.length;
  const at = (lambda: number): number => {
    for (let i = 0; i < n; i++) trial[i] = x[i]! + lambda * p[i]!;
    return f(trial);
  };
  let bestLambda = 0;
  let bestF = f0;
  let lambda = 1;
  let evals = 0;
  while (evals < Math.min(budget, MAX_TRIALS) && lambda >= minLambda) {
    const fl = at(lambda);
    evals++;
    const finite = Number.isFinite(fl);
    if (finite && fl < bestF) {
      bestF = fl;
      bestLambda = lambda;
      out.set(trial);
    }
    if (finite && fl <= f0 + ARMIJO * lambda * slope) {
      // Sufficient decrease. If the full step was accepted but the parabola through
      // f0, slope and fl has its minimum much further out, one extrapolated try helps
      // when the metric underestimates the step (common in the first iterations).
      const curvature = fl - f0 - slope * lambda;
      if (lambda === 1 && evals < budget) {
        const lambdaStar = curvature > 0 ? (-slope * lambda * lambda) / (2 * curvature) : 4;
        if (lambdaStar > 1.5) {
          const lx = Math.min(lambdaStar, 4);
          const fx = at(lx);
          if (Number.isFinite(fx) && fx < bestF) {
            bestF = fx;
            bestLambda = lx;
            out.set(trial);
          }
        }
      }
      return { ok: true, lambda: bestLambda, f: bestF };
    }
    // Backtrack: minimum of the parabola through f0, slope and fl, kept in [0.1λ, 0.5λ].
    let next = 0.1 * lambda;
    if (finite) {
      const curvature = fl - f0 - slope * lambda;
      if (curvature > 0) next = (-slope * lambda * lambda) / (2 * curvature);
      next = Math.min(Math.max(next, 0.1 * lambda), 0.5 * lambda);
    }
    lambda = next;
  }
  // No Armijo point, but any strict decrease still moves us forward.
  if (bestLambda > 0) return { ok: true, lambda: bestLambda, f: bestF };
  return { ok: false, lambda: 0, f: f0 };
}
