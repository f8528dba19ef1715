/**
 * Asymmetric generalized Gaussian pulse (Gammapy's GeneralizedGaussianTemporalModel,
 * "gengauss"): f(t) = exp(-½ |t - t_ref|^(1/η) / τ^(1/η)) with τ = t_rise before t_ref
 * and t_decay after. No closed-form integral: Gammapy's generic sampled rule is used.
 */
import { buildParameters, copyParameters, type ParameterInputs, type ParameterSpec } from "../model-parameters.js";
import { DEFAULT_T_REF_MJD, TemporalModel } from "./temporal-model.js";

/** Parameters of {@link GeneralizedGaussianTemporalModel} (Gammapy 1.0 order and defaults). */
export const GENERALIZED_GAUSSIAN_TEMPORAL_PARAMETERS = [
  { name: "t_ref", value: DEFAULT_T_REF_MJD, unit: "d" },
  { name: "t_rise", value: 1, unit: "d" },
  { name: "t_decay", value: 1, unit: "d" },
  { name: "eta", value: 0.5, unit: "" },
] as const satisfies readonly ParameterSpec[];

/**
 * Generalized Gaussian temporal model.
 *
 * @example
 * ```ts
 * const flare = new GeneralizedGaussianTemporalModel({ t_ref: 59000, t_rise: "2 h", t_decay: "1 d", eta: 1 });
 * flare.evaluate(Float64Array.of(59000, 59001));   // [1, exp(-1/2)]
 * ```
 */
export class GeneralizedGaussianTemporalModel extends TemporalModel {
  /** Type names accepted in YAML. */
  static readonly tags = ["GeneralizedGaussianTemporalModel", "gengauss"] as const;
  /** Parameter declarations. */
  static readonly defaults = GENERALIZED_GAUSSIAN_TEMPORAL_PARAMETERS;

  /**
   * @param options - t_ref [MJD, as "d"], t_rise, t_decay [d], eta
   * @throws ConfigError for unknown names; UnitError for wrong units
   */
  constructor(options: ParameterInputs<typeof GENERALIZED_GAUSSIAN_TEMPORAL_PARAMETERS> = {}) {
    super(
      GeneralizedGaussianTemporalModel.tags,
      buildParameters("GeneralizedGaussianTemporalModel", GENERALIZED_GAUSSIAN_TEMPORAL_PARAMETERS, options),
    );
  }

  /** @inheritDoc */
  evaluate(time: Float64Array, out: Float64Array = new Float64Array(time.length)): Float64Array {
    const p = this.parameters.list;
    const tRef = p[0]!.internalValue;
    const power = 1 / p[3]!.internalValue;
    const rise = Math.pow(p[1]!.internalValue, power);
    const decay = Math.pow(p[2]!.internalValue, power);
    for (let i = 0; i < time.length; i++) {
      const d = time[i]! - tRef;
      out[i] = Math.exp((-0.5 * Math.pow(Math.abs(d), power)) / (d < 0 ? rise : decay));
    }
    return out;
  }

  /** @inheritDoc */
  copy(): GeneralizedGaussianTemporalModel {
    return new GeneralizedGaussianTemporalModel(copyParameters(this.parameters));
  }
}
