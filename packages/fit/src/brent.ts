/**
 * Brent's root finder (R. P. Brent, Algorithms for Minimization without Derivatives,
 * 1973, ch. 4): bisection safeguarding secant and inverse quadratic interpolation.
 */

/** Result of {@link brentRoot}. */
export interface RootResult {
  /** Best estimate of the root. */
  x: number;
  /** f(x). */
  fx: number;
  /** True when |interval| < xtol or |f| ≤ ftol was reached. */
  converged: boolean;
  /** Function evaluations. */
  nfev: number;
}

/**
 * Finds a root of f in [a, b], where f(a) and f(b) have opposite signs.
 *
 * @param f - function (NaN is treated as a failed evaluation: the search stops)
 * @param a - one end
 * @param b - other end
 * @param fa - f(a)
 * @param fb - f(b)
 * @param xtol - absolute tolerance on x
 * @param ftol - |f| below which a point counts as the root
 * @param maxIter - evaluation limit
 * @example
 * ```ts
 * brentRoot((x) => x * x - 2, 0, 2, -2, 2, 1e-12, 0, 100).x;   // 1.4142135623…
 * ```
 */
export function brentRoot(
  f: (x: number) => number,
  a: number,
  b: number,
  fa: number,
  fb: number,
  xtol: number,
  ftol: number,
  maxIter: number,
): RootResult {
  let nfev = 0;
  if (Math.abs(fa) < Math.abs(fb)) {
    [a, b] = [b, a];
    [fa, fb] = [fb, fa];
  }
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  while (nfev < maxIter) {
    if (Math.abs(fb) <= ftol) return { x: b, fx: fb, converged: true, nfev };
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + 0.5 * xtol;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol) return { x: b, fx: fb, converged: true, nfev };
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      // Interpolate: secant when two points, inverse quadratic when three.
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qa = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(b);
    nfev++;
    if (!Number.isFinite(fb)) return { x: a, fx: fa, converged: false, nfev };
  }
  return { x: b, fx: fb, converged: false, nfev };
}
