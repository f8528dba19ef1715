/**
 * Numerical integration of spectra the way Gammapy 1.0 does it (`integrate_spectrum`):
 * a log-spaced grid of `ndecade` points per decade and the trapezoidal rule in log-log
 * space (each segment integrated as the power law through its end points).
 */

/** Smallest positive float32; Gammapy clips ratios to it before taking logs. */
const FLOAT32_TINY = 1.1754943508222875e-38;

/** Default number of grid points per decade (Gammapy's `ndecade`). */
export const INTEGRATION_POINTS_PER_DECADE = 100;

/**
 * Integral of the power law through (x0, y0) and (x1, y1) over [x0, x1]: the log-log
 * trapezoid of one segment. Zero when y1 is 0 (index +inf), as in Gammapy.
 *
 * @param x0 - lower abscissa (> 0)
 * @param x1 - upper abscissa (> x0)
 * @param y0 - value at x0 (>= 0)
 * @param y1 - value at x1 (>= 0)
 * @returns the integral [unit of y × unit of x]
 * @example
 * ```ts
 * logLogSegment(1, 10, 1, 0.01);   // 0.9 (exact for y = x^-2)
 * ```
 */
export function logLogSegment(x0: number, x1: number, y0: number, y1: number): number {
  // Index of the power law through both points; the clip mirrors Gammapy's LogScale.
  let ratio = y0 / y1;
  if (!(ratio >= FLOAT32_TINY)) ratio = Number.isNaN(ratio) ? NaN : FLOAT32_TINY;
  let index = -Math.log(ratio) / Math.log(x0 / x1);
  if (Number.isNaN(index)) index = Infinity;
  // Power-law integral with reference x0 (so the lower term is exactly 1; JS gives
  // 1 ** ±Infinity = NaN where numpy gives 1).
  const val = 1 - index;
  if (Math.abs(val) <= 1e-8) return y0 * x0 * Math.log(x1 / x0);
  return ((y0 * x0) / val) * (Math.pow(x1 / x0, val) - 1);
}

/**
 * ∫ amplitude (E/reference)^-index dE over [emin, emax], with the logarithmic limit when
 * |1 - index| <= 1e-8 (numpy's `isclose` to 0, as Gammapy).
 *
 * @param emin - lower bound [TeV]
 * @param emax - upper bound [TeV]
 * @param index - spectral index
 * @param amplitude - value at the reference energy [any unit]
 * @param reference - reference energy [TeV]
 * @returns the integral [amplitude unit × TeV]
 * @example
 * ```ts
 * powerLawIntegral(1, 10, 2, 1e-12, 1);   // 9e-13
 * ```
 */
export function powerLawIntegral(emin: number, emax: number, index: number, amplitude: number, reference: number): number {
  const val = 1 - index;
  if (Math.abs(val) <= 1e-8) return amplitude * reference * Math.log(emax / emin);
  return ((amplitude * reference) / val) * (Math.pow(emax / reference, val) - Math.pow(emin / reference, val));
}

/**
 * Number of grid points Gammapy uses for a set of bins: one count for all bins, from the
 * widest (int(max(ndecade · log10(emax/emin), 2))).
 *
 * @param emin - lower bin edges [TeV]
 * @param emax - upper bin edges [TeV]
 * @param ndecade - points per decade
 */
export function integrationPointCount(emin: ArrayLike<number>, emax: ArrayLike<number>, ndecade: number): number {
  let num = 2;
  for (let i = 0; i < emin.length; i++) {
    const n = ndecade * Math.log10(emax[i]! / emin[i]!);
    if (n > num) num = n;
  }
  return Math.trunc(num);
}

/**
 * Writes numpy's `geomspace(start, stop, num)` into `out` at `offset` (end points exact).
 *
 * @param start - first value (> 0)
 * @param stop - last value (> 0)
 * @param num - number of points (>= 2)
 * @param out - destination
 * @param offset - index of the first point in `out`
 */
export function geomspaceInto(start: number, stop: number, num: number, out: Float64Array, offset: number): void {
  const logStart = Math.log10(start);
  const logStop = Math.log10(stop);
  const step = (logStop - logStart) / (num - 1);
  for (let k = 0; k < num; k++) out[offset + k] = Math.pow(10, k * step + logStart);
  out[offset] = start;
  out[offset + num - 1] = stop;
}

/**
 * Integrates a spectrum over bins like Gammapy's `integrate_spectrum`: for all bins the
 * same number of log-spaced points (set by the widest bin), one vectorised evaluation,
 * then the log-log trapezoidal rule. With `energyPower` 1 it integrates E·f(E) (energy flux).
 *
 * @param evaluate - spectrum, energies [TeV] in, values out (written to its second argument)
 * @param emin - lower bin edges [TeV]
 * @param emax - upper bin edges [TeV]
 * @param energyPower - integrate E^energyPower · f(E) (0 or 1)
 * @param ndecade - grid points per decade (default 100)
 * @param out - optional output, one value per bin
 * @returns integrals [unit of f × TeV^(1+energyPower)]
 * @example
 * ```ts
 * const ecpl = new ExpCutoffPowerLawSpectralModel();
 * integrateSpectrum((e, o) => ecpl.evaluate(e, o), Float64Array.of(1), Float64Array.of(10));
 * ```
 */
export function integrateSpectrum(
  evaluate: (energy: Float64Array, out: Float64Array) => Float64Array,
  emin: ArrayLike<number>,
  emax: ArrayLike<number>,
  energyPower = 0,
  ndecade = INTEGRATION_POINTS_PER_DECADE,
  out?: Float64Array,
): Float64Array {
  const nbin = emin.length;
  const result = out ?? new Float64Array(nbin);
  if (nbin === 0) return result;
  const num = integrationPointCount(emin, emax, ndecade);
  const energy = new Float64Array(nbin * num);
  for (let i = 0; i < nbin; i++) geomspaceInto(emin[i]!, emax[i]!, num, energy, i * num);
  const values = evaluate(energy, new Float64Array(nbin * num));
  if (energyPower !== 0) for (let k = 0; k < values.length; k++) values[k]! *= Math.pow(energy[k]!, energyPower);
  for (let i = 0; i < nbin; i++) {
    let sum = 0;
    const o = i * num;
    for (let k = 0; k < num - 1; k++) {
      sum += logLogSegment(energy[o + k]!, energy[o + k + 1]!, values[o + k]!, values[o + k + 1]!);
    }
    result[i] = sum;
  }
  return result;
}
