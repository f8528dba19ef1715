/**
 * Dimensionless cutoff power law norm (E/E0)^-index exp(-(λE)^α)
 * (Gammapy's ExpCutoffPowerLawNormSpectralModel, "ecpl-norm").
 */
import { buildParameters, copyParameters, type ParameterInputs, type ParameterSpec } from "../model-parameters.js";
import { expCutoffPowerLaw } from "./exp-cutoff-power-law.js";
import { SpectralModel, type SpectralKind } from "./spectral-model.js";

/** Parameters of {@link ExpCutoffPowerLawNormSpectralModel} (Gammapy 1.0 order and defaults). */
export const EXP_CUTOFF_POWER_LAW_NORM_PARAMETERS = [
  { name: "index", value: 1.5, unit: "" },
  { name: "norm", value: 1, unit: "", isNorm: true, interp: "log" },
  { name: "reference", value: 1, unit: "TeV", frozen: true },
  { name: "lambda_", value: 0.1, unit: "TeV-1" },
  { name: "alpha", value: 1, unit: "", frozen: true },
] as const satisfies readonly ParameterSpec[];

/**
 * Exponential-cutoff power-law norm model.
 *
 * @example
 * ```ts
 * new ExpCutoffPowerLawNormSpectralModel({ index: 0, lambda_: "0.1 TeV-1" }).evaluate(Float64Array.of(10));  // [exp(-1)]
 * ```
 */
export class ExpCutoffPowerLawNormSpectralModel extends SpectralModel {
  /** Type names accepted in YAML. */
  static readonly tags = ["ExpCutoffPowerLawNormSpectralModel", "ecpl-norm"] as const;
  /** Parameter declarations. */
  static readonly defaults = EXP_CUTOFF_POWER_LAW_NORM_PARAMETERS;

  /**
   * @param options - index, norm, reference [TeV], lambda_ [TeV-1], alpha
   * @throws ConfigError for unknown names; UnitError for wrong units
   */
  constructor(options: ParameterInputs<typeof EXP_CUTOFF_POWER_LAW_NORM_PARAMETERS> = {}) {
    super(
      ExpCutoffPowerLawNormSpectralModel.tags,
      buildParameters("ExpCutoffPowerLawNormSpectralModel", EXP_CUTOFF_POWER_LAW_NORM_PARAMETERS, options),
    );
  }

  /** Always "norm". */
  get kind(): SpectralKind {
    return "norm";
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

  /** @inheritDoc */
  copy(): ExpCutoffPowerLawNormSpectralModel {
    return new ExpCutoffPowerLawNormSpectralModel(copyParameters(this.parameters));
  }
}
