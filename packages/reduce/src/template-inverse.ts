/**
 * Inverting a tabulated spectrum as Gammapy's `TemplateSpectralModel.inverse` does — the
 * step behind the "aeff-max" and "edisp-bias" safe energy thresholds: log-log
 * interpolation of the table, a scan for sign changes on a log grid, Brent's method in the
 * first bracket.
 */
import { brentq } from "@gammats/core";

/** Smallest positive float32: Gammapy's log scale clips values to it before the log. */
const TINY = 1.1754943508222875e-38;

function logScale(v: number): number {
  return Math.log(v < TINY ? TINY : v);
}

/**
 * Value of a tabulated spectrum at energy x as Gammapy's `TemplateSpectralModel` (default
 * scales): linear interpolation of log(value) in log(energy), extrapolated from the end
 * segments, values below the float32 tiny treated as tiny, results within 2·tiny of 0 set
 * to 0, negative results clipped to 0.
 *
 * @param energy - table energies, increasing [TeV]
 * @param values - table values (same length)
 * @param x - energy [TeV]
 * @returns the interpolated value
 * @example
 * ```ts
 * templateValue(Float64Array.of(1, 10), Float64Array.of(1, 100), 3.1622776601683795); // 10
 * ```
 */
export function templateValue(energy: ArrayLike<number>, values: ArrayLike<number>, x: number): number {
  const n = energy.length;
  if (n === 1) return Math.max(0, values[0]!);
  const lx = logScale(x);
  // The segment: the last node below x (scipy's searchsorted − 1), clipped to the ends.
  let i = 0;
  while (i < n - 2 && logScale(energy[i + 1]!) < lx) i++;
  const x0 = logScale(energy[i]!);
  const x1 = logScale(energy[i + 1]!);
  const t = (lx - x0) / (x1 - x0);
  const y = Math.exp(logScale(values[i]!) * (1 - t) + logScale(values[i + 1]!) * t);
  if (Math.abs(y) - TINY <= TINY) return 0;
  return y < 0 ? 0 : y;
}

/**
 * First root of f in [lo, hi] as Gammapy's `find_roots(points_scale="log")`: f is sampled
 * at nbin + 1 log-spaced energies, the first interval where its sign changes (NaN counts as
 * a change, as NumPy compares signs) is searched with Brent's method.
 *
 * @param f - the function
 * @param lo - lower bound [TeV]
 * @param hi - upper bound [TeV]
 * @param nbin - number of scan intervals (default 100)
 * @returns the root, or NaN when no sign change or the search did not converge
 * @example
 * ```ts
 * firstRootLog((e) => e - 2, 1, 10); // 2
 * ```
 */
export function firstRootLog(f: (x: number) => number, lo: number, hi: number, nbin = 100): number {
  const a = logScale(lo);
  const b = logScale(hi);
  const step = (b - a) / nbin;
  let xPrev = NaN;
  let sPrev = NaN;
  for (let k = 0; k <= nbin; k++) {
    // NumPy's linspace: start + k·step, the last point exactly the stop.
    const e = Math.exp(k === nbin ? b : a + k * step);
    const x = Math.abs(e) - TINY <= TINY ? 0 : e;
    const s = Math.sign(f(x));
    if (k > 0 && !(s === sPrev)) {
      const res = brentq(f, xPrev, x);
      return res.converged ? res.root : NaN;
    }
    xPrev = x;
    sPrev = s;
  }
  return NaN;
}

/**
 * Energy at which a tabulated spectrum takes a value (Gammapy's
 * `TemplateSpectralModel.inverse(value, energy_min, energy_max)[0]`).
 *
 * @param energy - table energies [TeV]
 * @param values - table values
 * @param value - the value to reach (same unit as `values`)
 * @param lo - lower search bound [TeV]
 * @param hi - upper search bound [TeV]
 * @returns the first energy where the interpolated table crosses `value`, NaN if none
 * @example
 * ```ts
 * templateInverse(Float64Array.of(1, 10), Float64Array.of(1, 100), 10, 1, 10); // ≈ 3.1623
 * ```
 */
export function templateInverse(energy: ArrayLike<number>, values: ArrayLike<number>, value: number, lo: number, hi: number): number {
  // Gammapy scales the difference by 1e12 "for precision"; kept so Brent's steps match.
  return firstRootLog((x) => 1e12 * (templateValue(energy, values, x) - value), lo, hi);
}
