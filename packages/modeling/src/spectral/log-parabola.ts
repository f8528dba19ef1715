/**
 * Log parabola dN/dE = amplitude (E/E0)^(-alpha - beta ln(E/E0)), with the NATURAL
 * logarithm as in Gammapy (Fermi-LAT and some papers use log10: beta_ln = beta_log10 / ln 10,
 * see {@link LogParabolaSpectralModel.fromLog10}). Gammapy's LogParabolaSpectralModel, "lp".
 */
import { buildParameters, copyParameters, type ParameterInputs, type ParameterSpec } from "../model-parameters.js";
import { SpectralModel, type SpectralKind } from "./spectral-model.js";

/** Parameters of {@link LogParabolaSpectralModel} (Gammapy 1.0 order and defaults; reference 10 TeV). */
export const LOG_PARABOLA_PARAMETERS = [
  { name: "amplitude", value: 1e-12, unit: "cm-2 s-1 TeV-1", isNorm: true, interp: "log" },
  { name: "reference", value: 10, unit: "TeV", frozen: true },
  { name: "alpha", value: 2, unit: "" },
  { name: "beta", value: 1, unit: "" },
] as const satisfies readonly ParameterSpec[];

/**
 * Log-parabola kernel: out[i] = amplitude · x^(-alpha - beta ln x), x = E / reference.
 *
 * @param energy - energies [TeV]
 * @param amplitude - [cm-2 s-1 TeV-1], or the norm
 * @param reference - [TeV]
 * @param alpha - index at the reference energy
 * @param beta - curvature (natural-log convention)
 * @param out - output (may be `energy`)
 * @returns out
 */
export function logParabola(
  energy: Float64Array,
  amplitude: number,
  reference: number,
  alpha: number,
  beta: number,
  out: Float64Array,
): Float64Array {
  for (let i = 0; i < energy.length; i++) {
    const x = energy[i]! / reference;
    out[i] = amplitude * Math.pow(x, -alpha - beta * Math.log(x));
  }
  return out;
}

/**
 * Log-parabola spectral model (natural-log curvature).
 *
 * @example
 * ```ts
 * const lp = new LogParabolaSpectralModel({ amplitude: "1e-12 cm-2 s-1 TeV-1", reference: "1 TeV", alpha: 2, beta: 0.2 });
 * lp.evaluate(Float64Array.of(10));   // [1e-12 · 10^(-2 - 0.2 ln 10)]
 * ```
 */
export class LogParabolaSpectralModel extends SpectralModel {
  /** Type names accepted in YAML. */
  static readonly tags = ["LogParabolaSpectralModel", "lp"] as const;
  /** Parameter declarations. */
  static readonly defaults = LOG_PARABOLA_PARAMETERS;

  /**
   * @param options - amplitude [cm-2 s-1 TeV-1], reference [TeV], alpha, beta (ln convention)
   * @throws ConfigError for unknown names; UnitError for wrong units
   */
  constructor(options: ParameterInputs<typeof LOG_PARABOLA_PARAMETERS> = {}) {
    super(LogParabolaSpectralModel.tags, buildParameters("LogParabolaSpectralModel", LOG_PARABOLA_PARAMETERS, options));
  }

  /**
   * Builds the model from a log10 curvature (dN/dE ∝ x^(-alpha - beta10 log10 x)).
   *
   * @param options - as the constructor, but `beta` is the log10 curvature (a number)
   * @example
   * ```ts
   * LogParabolaSpectralModel.fromLog10({ beta: 0.5 }).parameters.get("beta").value;  // 0.5 / ln 10
   * ```
   */
  static fromLog10(options: ParameterInputs<typeof LOG_PARABOLA_PARAMETERS> & { beta?: number }): LogParabolaSpectralModel {
    const { beta, ...rest } = options;
    return new LogParabolaSpectralModel({ ...rest, ...(beta === undefined ? {} : { beta: beta / Math.LN10 }) });
  }

  /** Always "flux". */
  get kind(): SpectralKind {
    return "flux";
  }

  /** @inheritDoc */
  evaluate(energy: Float64Array, out: Float64Array = new Float64Array(energy.length)): Float64Array {
    const p = this.parameters.list;
    return logParabola(energy, p[0]!.internalValue, p[1]!.internalValue, p[2]!.internalValue, p[3]!.internalValue, out);
  }

  /**
   * Peak of E²·dN/dE: E0 · exp((2 - alpha) / (2 beta)).
   *
   * @returns energy [TeV]
   */
  ePeak(): number {
    const p = this.parameters.list;
    return p[1]!.internalValue * Math.exp((2 - p[2]!.internalValue) / (2 * p[3]!.internalValue));
  }

  /** @inheritDoc */
  copy(): LogParabolaSpectralModel {
    return new LogParabolaSpectralModel(copyParameters(this.parameters));
  }
}
