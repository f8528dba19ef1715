/**
 * A tiny Newton minimiser for the one or two (at most a handful of) parameters of a FoV
 * background norm model. `@gammats/fit` may not be imported by reduce (DESIGN.md), and a
 * likelihood this smooth and low-dimensional needs no more: central-difference gradient
 * and Hessian, Newton steps with step halving, gradient steps where the Hessian is not
 * positive definite; it stops when the predicted decrease (Minuit's EDM) or the step is
 * negligible. The covariance is 2 H⁻¹ (the statistic is −2 ln L, as Gammapy's).
 */

/** Result of {@link newtonMinimize}. */
export interface SmallFitResult {
  /** Best-fit parameters. */
  x: Float64Array;
  /** Statistic at `x`. */
  stat: number;
  /** Covariance, row-major n × n (2 H⁻¹; NaN when H is singular). */
  covariance: Float64Array;
  /** Whether the minimiser converged. */
  success: boolean;
  /** What happened. */
  message: string;
  /** Number of statistic evaluations. */
  nfev: number;
}

/** Options of {@link newtonMinimize}. */
export interface NewtonOptions {
  /** Maximum Newton iterations. Default 200. */
  maxIter?: number;
  /** Converged when every step is below tol · (|x| + scale). Default 1e-10. */
  tol?: number;
  /** Converged when the predicted decrease ½ gᵀH⁻¹g of the statistic is below this. Default 1e-10. */
  edmTol?: number;
}

/** Solves the small system A x = b by Gaussian elimination with partial pivoting (null if singular). */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array | null {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]!) > Math.abs(m[p * n + c]!)) p = r;
    const piv = m[p * n + c]!;
    if (!(Math.abs(piv) > 0) || !Number.isFinite(piv)) return null;
    if (p !== c) {
      for (let k = 0; k < n; k++) [m[c * n + k], m[p * n + k]] = [m[p * n + k]!, m[c * n + k]!];
      [x[c], x[p]] = [x[p]!, x[c]!];
    }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r * n + c]! / piv;
      if (f === 0) continue;
      for (let k = c; k < n; k++) m[r * n + k] = m[r * n + k]! - f * m[c * n + k]!;
      x[r] = x[r]! - f * x[c]!;
    }
  }
  for (let c = 0; c < n; c++) x[c] = x[c]! / m[c * n + c]!;
  return x;
}

/** The inverse of a small matrix (NaN-filled when singular). */
function inverse(a: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    const e = new Float64Array(n);
    e[c] = 1;
    const col = solve(a, e, n);
    for (let r = 0; r < n; r++) out[r * n + c] = col === null ? NaN : col[r]!;
  }
  return out;
}

/**
 * Minimises a smooth function of a few parameters.
 *
 * @param fn - the statistic (−2 ln L)
 * @param x0 - start values
 * @param scale - typical size of each parameter (sets the difference steps), > 0
 * @param options - maxIter, tol, edmTol
 * @returns the minimum, the covariance 2 H⁻¹ and whether it converged
 * @example
 * ```ts
 * newtonMinimize((x) => 2 * (x[0]! * 10 - 12 * Math.log(x[0]!)), Float64Array.of(1), Float64Array.of(1)).x; // [1.2]
 * ```
 */
export function newtonMinimize(fn: (x: Float64Array) => number, x0: Float64Array, scale: Float64Array, options: NewtonOptions = {}): SmallFitResult {
  const n = x0.length;
  const maxIter = options.maxIter ?? 200;
  const tol = options.tol ?? 1e-10;
  const edmTol = options.edmTol ?? 1e-10;
  let nfev = 0;
  const f = (x: Float64Array): number => {
    nfev++;
    return fn(x);
  };
  const x = Float64Array.from(x0);
  let fx = f(x);
  const g = new Float64Array(n);
  const h = new Float64Array(n * n);
  const t = new Float64Array(n);
  const steps = (k: number, s: number): number => s * (Math.abs(x[k]!) + scale[k]!);
  // Central differences: gradient with small steps, Hessian with larger ones (its error is
  // second order in the step and only slows Newton down, the gradient sets the minimum).
  const derivatives = (): void => {
    for (let i = 0; i < n; i++) {
      const hi = steps(i, 1e-5);
      t.set(x);
      t[i] = x[i]! + hi;
      const fp = f(t);
      t[i] = x[i]! - hi;
      const fm = f(t);
      g[i] = (fp - fm) / (2 * hi);
    }
    for (let i = 0; i < n; i++) {
      const hi = steps(i, 1e-4);
      for (let j = i; j < n; j++) {
        const hj = steps(j, 1e-4);
        let v: number;
        if (i === j) {
          t.set(x);
          t[i] = x[i]! + hi;
          const fp = f(t);
          t[i] = x[i]! - hi;
          const fm = f(t);
          v = (fp - 2 * fx + fm) / (hi * hi);
        } else {
          const at = (si: number, sj: number): number => {
            t.set(x);
            t[i] = x[i]! + si * hi;
            t[j] = x[j]! + sj * hj;
            return f(t);
          };
          v = (at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4 * hi * hj);
        }
        h[i * n + j] = v;
        h[j * n + i] = v;
      }
    }
  };
  if (!Number.isFinite(fx)) return { x, stat: fx, covariance: new Float64Array(n * n).fill(NaN), success: false, message: "statistic not finite at the start values", nfev };
  let success = false;
  let message = `no convergence in ${maxIter} iterations`;
  for (let iter = 0; iter < maxIter; iter++) {
    derivatives();
    let step = solve(h, g, n);
    const decrease = step === null ? NaN : 0.5 * step.reduce((acc, s, k) => acc + s * g[k]!, 0);
    const descent = decrease > 0;
    if (descent && decrease < edmTol) {
      // Predicted decrease (Minuit's EDM) negligible: the statistic is flat to rounding
      // here, so take the last Newton step without asking for a decrease and stop.
      const last = x.map((v, i) => v - step![i]!);
      const fl = f(last);
      if (Number.isFinite(fl) && fl <= fx + 1e-12 * Math.abs(fx)) {
        x.set(last);
        fx = fl;
      }
      success = true;
      message = "converged";
      break;
    }
    if (!descent) {
      // Not a minimum-shaped Hessian here: a scaled gradient step instead.
      step = g.map((gk, k) => gk * scale[k]! * scale[k]! * 1e-3);
    }
    let lambda = 1;
    let improved = false;
    const trial = new Float64Array(n);
    for (let k = 0; k < 60; k++) {
      for (let i = 0; i < n; i++) trial[i] = x[i]! - lambda * step![i]!;
      const ft = f(trial);
      if (Number.isFinite(ft) && ft <= fx) {
        const small = trial.every((v, i) => Math.abs(v - x[i]!) <= tol * (Math.abs(x[i]!) + scale[i]!));
        x.set(trial);
        fx = ft;
        improved = true;
        if (small) {
          success = true;
          message = "converged";
        }
        break;
      }
      lambda /= 2;
    }
    if (success) break;
    if (!improved) {
      // No lower value along the step: at the minimum to rounding precision.
      success = true;
      message = "converged (no further decrease)";
      break;
    }
  }
  derivatives();
  const covariance = inverse(h, n);
  for (let i = 0; i < covariance.length; i++) covariance[i] = 2 * covariance[i]!;
  return { x, stat: fx, covariance, success, message, nfev };
}
