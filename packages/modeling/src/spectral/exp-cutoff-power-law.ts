/**
 * Power law with exponential cutoff: amplitude (E/E0)^-index exp(-(λE)^α)
 * (Gammapy's ExpCutoffPowerLawSpectralModel, "ecpl"); integrals are numerical, as in Gammapy.
 */
import { buildParameters, copyParameters, type ParameterInputs, type ParameterSpec } from "../model-parameters.js";
import { SpectralModel, type SpectralKind } from "./spectral-model.js";

/** Parameters of {@link ExpCutoffPowerLawSpectralModel} (Gammapy 1.0 order and defaults). */
export const EXP_CUTOFF_POWER_LAW_PARAMETERS = [
  { name: "index", value: 1.5, unit: "" },
  { name: "amplitude", value: 1e-12, unit: "cm-2 s-1 TeV-1", isNorm: true, interp: "log" },
  { name: "reference", value: 1, unit: "TeV", frozen: true },
  { name: "lambda_", value: 0.1, unit: "TeV-1" },
  { name: "alpha", value: 1, unit: "", frozen: true },
] as const satisfies readonly ParameterSpec[];

/**
 * Cutoff power-law kernel: out[i] = amplitude (E/reference)^-index · exp(-(λ E)^α).
 *
 * @param energy - energies [TeV]
 * @param index - spectral index
 * @param amplitude - [cm-2 s-1 TeV-1], or 1 for the norm variant
 * @param reference - [TeV]
 * @param lambda - inverse cutoff energy [TeV-1]
 * @param alpha - cutoff sharpness
 * @param out - output (may be `energy`)
 * @returns out
 */
export function expCutoffPowerLaw(
  energy: Float64Array,
  index: number,
  amplitude: number,
  reference: number,
  lambda: number,
  alpha: number,
  out: Float64Array,
): Float64Array {
  for (let i = 0; i < energy.length; i++) {
    const e = energy[i]!;
    out[i] = amplitude * Math.pow(e / reference, -index) * Math.exp(-Math.pow(e * lambda, alpha));
  }
  return out;
}

/**
 * Exponential-cutoff power law.
 *
 * @example
 * ```ts
 * const ecpl = new ExpCutoffPowerLawSpectralModel({ index: 2, lambda_: "0.05 TeV-1" });
 * ecpl.evaluate(Float64Array.of(10));   // [1e-14 · exp(-0.5)]
 * ```
 */
export class ExpCutoffPowerLawSpectralModel extends SpectralModel {
  /** Type names accepted in YAML. */
  static readonly tags = ["ExpCutoffPowerLawSpectralModel", "ecpl"] as const;
  /** Parameter declarations. */
  static readonly defaults = EXP_CUTOFF_POWER_LAW_PARAMETERS;

  /**
   * @param options - index, amplitude [cm-2 s-1 TeV-1], reference [TeV], lambda_ [TeV-1], alpha
   * @throws ConfigError for unknown names; UnitError for wrong units
   */
  constructor(options: ParameterInputs<typeof EXP_CUTOFF_POWER_LAW_PARAMETERS> = {}) {
    super(
      ExpCutoffPowerLawSpectralModel.tags,
      buildParameters("ExpCutoffPowerLawSpectralModel", EXP_CUTOFF_POWER_LAW_PARAMETERS, options),
    );
  }

  /** Always "flux". */
  get kind(): SpectralKind {
    return "flux";
  }

  /** @inheritDoc */
  evaluate(energy: Float64Array, out: Float64Array = new Float64Array(energy.length)): Float64Array {
    const p = this.parameters.list;
    return expCutoffPowerLaw(
      energy,
      p[0]!.internalValue,
      p[1]!.internalValue,
      p[2]!.internalValue,
      p[3]!.internalValue,
      p[4]!.internalValue,
      out,
    );
  }

  /**
   * Peak of E²·dN/dE: ((2 - index)/α)^(1/α) / λ.
   *
   * @returns energy [TeV]; NaN when index >= 2 or λ or α is 0
   */
  ePeak(): number {
    const p = this.parameters.list;
    const [index, lambda, alpha] = [p[0]!.internalValue, p[3]!.internalValue, p[4]!.internalValue];
    if (index >= 2 || lambda === 0 || alpha === 0) return NaN;
    return Math.pow((2 - index) / alpha, 1 / alpha) / lambda;
  }

  /** @inheritDoc */
  copy(): ExpCutoffPowerLawSpectralModel {
    return new ExpCutoffPowerLawSpectralModel(copyParameters(this.parameters));
  }
}
