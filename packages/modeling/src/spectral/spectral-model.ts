/**
 * Base class of spectral models: evaluation over Float64Array energies [TeV], integral
 * and energy flux (analytic where Gammapy is, else its numerical scheme), E²·dN/dE, and
 * error propagation from the covariance by finite differences (Gammapy's `_propagate_error`).
 */
import type { Parameters } from "../parameters.js";
import { integrateSpectrum } from "./integrate-spectrum.js";

/**
 * "flux": dN/dE in cm-2 s-1 TeV-1 (PowerLaw, LogParabola, ...);
 * "norm": a dimensionless factor (PowerLawNorm, ...), as used by FoVBackgroundModel.
 */
export type SpectralKind = "flux" | "norm";

/** A value and its 1-sigma error, one entry per energy or bin. */
export interface ValueWithError {
  /** Values. */
  value: Float64Array;
  /** Propagated 1-sigma errors (same unit). */
  error: Float64Array;
}

/** Energies for the integral methods: one number or one entry per bin [TeV]. */
export type EnergyBounds = number | ArrayLike<number>;

/** 1 TeV in erg (exact, from the 2019 SI eV), to turn energy fluxes into erg cm-2 s-1. */
export const TEV_TO_ERG = 1.602176634;

/**
 * A spectral model. Subclasses declare their parameters and implement {@link evaluate};
 * those with closed forms override {@link integral} / {@link energyFlux}.
 *
 * Units: energies in TeV; `evaluate` gives cm-2 s-1 TeV-1 ("flux" kind) or a pure number
 * ("norm" kind); `integral` cm-2 s-1 (or TeV); `energyFlux` and `e2dnde` TeV cm-2 s-1
 * (multiply by {@link TEV_TO_ERG} for erg cm-2 s-1).
 */
export abstract class SpectralModel {
  /** Model category in YAML ("spectral"). */
  readonly type = "spectral" as const;
  /** Gammapy type names: the long one (written) and the short alias. */
  readonly tag: readonly [string, string];
  /** The parameters, in Gammapy's order. */
  readonly parameters: Parameters;

  /**
   * @param tag - long and short type names
   * @param parameters - the model's parameters
   */
  protected constructor(tag: readonly [string, string], parameters: Parameters) {
    this.tag = tag;
    this.parameters = parameters;
  }

  /** Whether values are differential fluxes or dimensionless norms. */
  abstract get kind(): SpectralKind;

  /**
   * Evaluates dN/dE at each energy.
   *
   * @param energy - energies [TeV]
   * @param out - optional output of the same length (may not alias `energy` for compound models)
   * @returns values [cm-2 s-1 TeV-1, or dimensionless for norm models]
   */
  abstract evaluate(energy: Float64Array, out?: Float64Array): Float64Array;

  /** A deep copy (new parameter objects with the same values, units, bounds and errors). */
  abstract copy(): SpectralModel;

  /**
   * dN/dE at one energy.
   *
   * @param energy - energy [TeV]
   * @returns value [cm-2 s-1 TeV-1, or dimensionless]
   */
  valueAt(energy: number): number {
    return this.evaluate(Float64Array.of(energy))[0]!;
  }

  /**
   * ∫ dN/dE dE per bin. Numerical (Gammapy's log-log trapezoid, 100 points per decade)
   * unless the model has a closed form.
   *
   * @param emin - lower bounds [TeV]
   * @param emax - upper bounds [TeV]
   * @returns integrals [cm-2 s-1, or TeV for norm models]
   * @example
   * ```ts
   * new PowerLawSpectralModel().integral(1, 10)[0];   // 9e-13
   * ```
   */
  integral(emin: EnergyBounds, emax: EnergyBounds): Float64Array {
    const [lo, hi] = bounds(emin, emax);
    return integrateSpectrum((e, o) => this.evaluate(e, o), lo, hi, 0);
  }

  /**
   * ∫ E · dN/dE dE per bin, numerically unless the model has a closed form.
   *
   * @param emin - lower bounds [TeV]
   * @param emax - upper bounds [TeV]
   * @returns energy fluxes [TeV cm-2 s-1; × TEV_TO_ERG for erg cm-2 s-1]
   */
  energyFlux(emin: EnergyBounds, emax: EnergyBounds): Float64Array {
    const [lo, hi] = bounds(emin, emax);
    return integrateSpectrum((e, o) => this.evaluate(e, o), lo, hi, 1);
  }

  /**
   * E² · dN/dE at each energy.
   *
   * @param energy - energies [TeV]
   * @param out - optional output
   * @returns values [TeV cm-2 s-1]
   */
  e2dnde(energy: Float64Array, out?: Float64Array): Float64Array {
    const result = this.evaluate(energy, out);
    for (let i = 0; i < energy.length; i++) result[i]! *= energy[i]! * energy[i]!;
    return result;
  }

  /**
   * Integrals over consecutive bins of an edge array, e.g. to build an energy CDF for
   * sampling (cumulative sum of the result).
   *
   * @param edges - n+1 increasing edges [TeV]
   * @returns n integrals [cm-2 s-1]
   */
  binIntegrals(edges: ArrayLike<number>): Float64Array {
    const n = Math.max(edges.length - 1, 0);
    const lo = new Float64Array(n);
    const hi = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      lo[i] = edges[i]!;
      hi[i] = edges[i + 1]!;
    }
    return this.integral(lo, hi);
  }

  /** Covariance of this model's parameters (row-major n×n, parameter units); see `Parameters.covariance`. */
  get covariance(): Float64Array {
    return this.parameters.covariance;
  }

  /** Stamp of the latest covariance write (see `Parameters.covarianceStamp`). */
  get covarianceStamp(): number {
    return this.parameters.covarianceStamp;
  }

  /** Sets the covariance and the parameter errors. @throws DataError when not n×n */
  set covariance(matrix: ArrayLike<number>) {
    this.parameters.covariance = matrix;
  }

  /**
   * dN/dE and its error from the covariance (Gammapy's `evaluate_error`).
   *
   * @param energy - energies [TeV]
   * @param epsilon - finite-difference step as a fraction of each parameter's error
   * @returns values and errors [cm-2 s-1 TeV-1]
   */
  evaluateError(energy: Float64Array, epsilon = 1e-4): ValueWithError {
    return this.propagateError(() => this.evaluate(energy), epsilon);
  }

  /**
   * Integral flux and its error from the covariance (Gammapy's `integral_error`).
   *
   * @param emin - lower bounds [TeV]
   * @param emax - upper bounds [TeV]
   * @param epsilon - step as a fraction of each parameter's error
   * @returns values and errors [cm-2 s-1]
   */
  integralError(emin: EnergyBounds, emax: EnergyBounds, epsilon = 1e-4): ValueWithError {
    return this.propagateError(() => this.integral(emin, emax), epsilon);
  }

  /**
   * Energy flux and its error from the covariance (Gammapy's `energy_flux_error`).
   *
   * @param emin - lower bounds [TeV]
   * @param emax - upper bounds [TeV]
   * @param epsilon - step as a fraction of each parameter's error
   * @returns values and errors [TeV cm-2 s-1]
   */
  energyFluxError(emin: EnergyBounds, emax: EnergyBounds, epsilon = 1e-4): ValueWithError {
    return this.propagateError(() => this.energyFlux(emin, emax), epsilon);
  }

  /**
   * First-order error propagation: the gradient of `fn` by forward differences with step
   * epsilon·σ_i for each free parameter, then σ_f² = gᵀ Σ g per output element.
   *
   * @param fn - quantity to propagate, evaluated with the current parameter values
   * @param epsilon - step as a fraction of each parameter's error
   */
  protected propagateError(fn: () => Float64Array, epsilon: number): ValueWithError {
    const pars = this.parameters.list;
    const n = pars.length;
    const cov = this.covariance;
    const f0 = Float64Array.from(fn());
    const m = f0.length;
    const grad = new Float64Array(n * m);
    for (let i = 0; i < n; i++) {
      const p = pars[i]!;
      const eps = Math.sqrt(cov[i * n + i]!) * epsilon;
      if (p.frozen || eps === 0 || !Number.isFinite(eps)) continue;
      const saved = p.factor;
      p.value = p.value + eps;
      const f1 = fn();
      p.factor = saved;
      for (let k = 0; k < m; k++) grad[i * m + k] = (f1[k]! - f0[k]!) / eps;
    }
    const error = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const gi = grad[i * m + k]!;
        if (gi === 0) continue;
        for (let j = 0; j < n; j++) s += gi * cov[i * n + j]! * grad[j * m + k]!;
      }
      error[k] = Math.sqrt(s);
    }
    return { value: f0, error };
  }
}

/**
 * Normalises integral bounds to two Float64Arrays of equal length.
 *
 * @param emin - number or array [TeV]
 * @param emax - number or array [TeV]
 */
export function bounds(emin: EnergyBounds, emax: EnergyBounds): [Float64Array, Float64Array] {
  const lo = typeof emin === "number" ? Float64Array.of(emin) : Float64Array.from(emin);
  const hi = typeof emax === "number" ? Float64Array.of(emax) : Float64Array.from(emax);
  if (lo.length === 1 && hi.length > 1) return [new Float64Array(hi.length).fill(lo[0]!), hi];
  if (hi.length === 1 && lo.length > 1) return [lo, new Float64Array(lo.length).fill(hi[0]!)];
  return [lo, hi];
}
