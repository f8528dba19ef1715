/**
 * Scalar root finders: Brent's bracketing method and the secant method, with the defaults
 * and the stopping rules of the scipy solvers Gammapy 1.0 calls
 * (`root_scalar(method="brentq" | "secant")`), so that errors, upper limits and matching
 * excesses come out as Gammapy's, including where its inputs are degenerate.
 */

/** Outcome of a root search; `converged` false means `root` is not to be trusted. */
export interface RootResult {
  /** The root when `converged`; else the last abscissa reached (NaN if none). */
  root: number;
  /** True when the stopping rule was met within `maxiter` iterations. */
  converged: boolean;
  /** Iterations performed. */
  iterations: number;
  /** Function evaluations performed. */
  functionCalls: number;
  /** Why the search stopped. */
  flag: "converged" | "sign error" | "maxiter" | "equal starting points";
}

/** Tolerances of {@link brentq}; defaults are scipy's. */
export interface BrentOptions {
  /** Absolute tolerance on the root. Default 2e-12. */
  xtol?: number;
  /** Relative tolerance on the root. Default 4·2⁻⁵² (8.88e-16). */
  rtol?: number;
  /** Maximum number of iterations. Default 100. */
  maxiter?: number;
  /** f(a) when already known (saves a call of an expensive f). */
  fa?: number;
  /** f(b) when already known. */
  fb?: number;
  /** Stop as soon as |f| <= ftol (for f known only to this precision). Default 0. */
  ftol?: number;
}

/** Tolerances of {@link secant}; defaults are scipy's `newton` without a derivative. */
export interface SecantOptions {
  /** Absolute tolerance on the step. Default 1.48e-8. */
  tol?: number;
  /** Relative tolerance on the step. Default 0. */
  rtol?: number;
  /** Maximum number of iterations. Default 50. */
  maxiter?: number;
}

/**
 * Finds a root of `f` in the bracket [a, b] with Brent's method: inverse quadratic
 * interpolation or secant steps when they shrink the bracket fast enough, bisection
 * otherwise, so it always converges when f(a) and f(b) have opposite signs.
 *
 * Brent (1973), "Algorithms for Minimization without Derivatives", ch. 4. The bookkeeping
 * follows scipy's `brentq` exactly (the sign test is a product, the contrapoint starts at
 * 0), so that a function returning NaN ends where Gammapy's searches end.
 *
 * @param f - the function; called once per iteration
 * @param a - one end of the bracket
 * @param b - the other end
 * @param options - tolerances (see {@link BrentOptions})
 * @returns the root and how the search went; `flag` "sign error" (root NaN) when
 *   f(a)·f(b) > 0
 * @example
 * ```ts
 * brentq((x) => x * x - 2, 0, 2).root; // 1.4142135623731364
 * ```
 */
export function brentq(f: (x: number) => number, a: number, b: number, options: BrentOptions = {}): RootResult {
  const xtol = options.xtol ?? 2e-12;
  const rtol = options.rtol ?? 4 * Number.EPSILON;
  const maxiter = options.maxiter ?? 100;
  let xpre = a;
  let xcur = b;
  const ftol = options.ftol ?? 0;
  let calls = 0;
  let fpre = options.fa ?? (calls++, f(xpre));
  let fcur = options.fb ?? (calls++, f(xcur));
  if (fpre === 0) return { root: xpre, converged: true, iterations: 0, functionCalls: calls, flag: "converged" };
  if (fcur === 0) return { root: xcur, converged: true, iterations: 0, functionCalls: calls, flag: "converged" };
  if (fpre * fcur > 0) return { root: NaN, converged: false, iterations: 0, functionCalls: calls, flag: "sign error" };

  // The contrapoint (xblk, fblk) keeps the sign change; spre/scur are the last two steps.
  let xblk = 0;
  let fblk = 0;
  let spre = 0;
  let scur = 0;
  for (let i = 1; i <= maxiter; i++) {
    if (fpre * fcur < 0) {
      xblk = xpre;
      fblk = fpre;
      spre = scur = xcur - xpre;
    }
    if (Math.abs(fblk) < Math.abs(fcur)) {
      // Keep the better estimate in xcur.
      xpre = xcur;
      xcur = xblk;
      xblk = xpre;
      fpre = fcur;
      fcur = fblk;
      fblk = fpre;
    }
    const delta = (xtol + rtol * Math.abs(xcur)) / 2;
    const sbis = (xblk - xcur) / 2;
    if (Math.abs(fcur) <= ftol || Math.abs(sbis) < delta) {
      return { root: xcur, converged: true, iterations: i, functionCalls: calls, flag: "converged" };
    }
    if (Math.abs(spre) > delta && Math.abs(fcur) < Math.abs(fpre)) {
      let stry: number;
      if (xpre === xblk) {
        stry = (-fcur * (xcur - xpre)) / (fcur - fpre); // secant step
      } else {
        // inverse quadratic interpolation through the three points
        const dpre = (fpre - fcur) / (xpre - xcur);
        const dblk = (fblk - fcur) / (xblk - xcur);
        stry = (-fcur * (fblk * dblk - fpre * dpre)) / (dblk * dpre * (fblk - fpre));
      }
      if (2 * Math.abs(stry) < Math.min(Math.abs(spre), 3 * Math.abs(sbis) - delta)) {
        spre = scur;
        scur = stry;
      } else {
        spre = sbis;
        scur = sbis;
      }
    } else {
      spre = sbis;
      scur = sbis;
    }
    xpre = xcur;
    fpre = fcur;
    xcur += Math.abs(scur) > delta ? scur : sbis > 0 ? delta : -delta;
    fcur = f(xcur);
    calls++;
  }
  return { root: xcur, converged: false, iterations: maxiter, functionCalls: calls, flag: "maxiter" };
}

/**
 * Finds a root of `f` by the secant method from the two starting points x0, x1. Not
 * bracketing: it may wander off or fail; Gammapy uses it (through scipy) to invert the
 * significance, and so does `CountsStatistic.nSigMatchingSignificance`.
 *
 * Stops when a step is within `tol + rtol·|x|`; when two successive function values are
 * equal it returns the midpoint as converged (scipy's rule).
 *
 * @param f - the function
 * @param x0 - first starting point
 * @param x1 - second starting point (must differ from x0)
 * @param options - tolerances (see {@link SecantOptions})
 * @returns the root and how the search went (check `converged`)
 * @example
 * ```ts
 * secant((x) => x * x - 2, 1, 1.0001).root; // 1.414213562373095
 * ```
 */
export function secant(f: (x: number) => number, x0: number, x1: number, options: SecantOptions = {}): RootResult {
  const tol = options.tol ?? 1.48e-8;
  const rtol = options.rtol ?? 0;
  const maxiter = options.maxiter ?? 50;
  if (x0 === x1) return { root: NaN, converged: false, iterations: 0, functionCalls: 0, flag: "equal starting points" };
  let p0 = x0;
  let p1 = x1;
  let q0 = f(p0);
  let q1 = f(p1);
  let calls = 2;
  if (Math.abs(q1) < Math.abs(q0)) {
    [p0, p1, q0, q1] = [p1, p0, q1, q0];
  }
  for (let i = 1; i <= maxiter; i++) {
    let p: number;
    if (q1 === q0) {
      return { root: (p1 + p0) / 2, converged: true, iterations: i, functionCalls: calls, flag: "converged" };
    } else if (Math.abs(q1) > Math.abs(q0)) {
      // Both forms are the same secant step; dividing by the larger value keeps the ratio below 1.
      p = ((-q0 / q1) * p1 + p0) / (1 - q0 / q1);
    } else {
      p = ((-q1 / q0) * p0 + p1) / (1 - q1 / q0);
    }
    if (p === p1 || Math.abs(p - p1) <= tol + rtol * Math.abs(p1)) {
      return { root: p, converged: true, iterations: i, functionCalls: calls, flag: "converged" };
    }
    p0 = p1;
    q0 = q1;
    p1 = p;
    q1 = f(p1);
    calls++;
  }
  return { root: p1, converged: false, iterations: maxiter, functionCalls: calls, flag: "maxiter" };
}
