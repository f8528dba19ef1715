/**
 * Power-law light curve f(t) = ((t - t_ref) / t0)^α (Gammapy's PowerLawTemporalModel,
 * "powerlaw"); ∫f dt = t0/(α+1) (f_{α+1}(t_max) - f_{α+1}(t_min)), or t0 ln((t_max - t_ref) /
 * (t_min - t_ref)) for α = -1. Before t_ref a non-integer α gives NaN, as in Gammapy.
 */
import { buildParameters, copyParameters, type ParameterInputs, type ParameterSpec } from "../model-parameters.js";
import { DEFAULT_T_REF_MJD, TemporalModel } from "./temporal-model.js";

/** Parameters of {@link PowerLawTemporalModel} (Gammapy 1.0 order and defaults). */
export const POWER_LAW_TEMPORAL_PARAMETERS = [
  { name: "alpha", value: 1, unit: "" },
  { name: "t_ref", value: DEFAULT_T_REF_MJD, unit: "d", frozen: true },
  { name: "t0", value: 1, unit: "d", frozen: true },
] as const satisfies readonly ParameterSpec[];

/**
 * Power-law temporal model.
 *
 * @example
 * ```ts
 * new PowerLawTemporalModel({ alpha: -1.2, t_ref: 59000 }).evaluate(Float64Array.of(59010));   // [10^-1.2]
 * ```
 */
export class PowerLawTemporalModel extends TemporalModel {
  /** Type names accepted in YAML. */
  static readonly tags = ["PowerLawTemporalModel", "powerlaw"] as const;
  /** Parameter declarations. */
  static readonly defaults = POWER_LAW_TEMPORAL_PARAMETERS;

  /**
   * @param options - alpha, t_ref [MJD, as "d"], t0 [d]
   * @throws ConfigError for unknown names; UnitError for wrong units
   */
  constructor(options: ParameterInputs<typeof POWER_LAW_TEMPORAL_PARAMETERS> = {}) {
    super(PowerLawTemporalModel.tags, buildParameters("PowerLawTemporalModel", POWER_LAW_TEMPORAL_PARAMETERS, options));
  }

  /** @inheritDoc */
  evaluate(time: Float64Array, out: Float64Array = new Float64Array(time.length)): Float64Array {
    const p = this.parameters.list;
    const alpha = p[0]!.internalValue;
    const tRef = p[1]!.internalValue;
    const t0 = p[2]!.internalValue;
    for (let i = 0; i < time.length; i++) out[i] = Math.pow((time[i]! - tRef) / t0, alpha);
    return out;
  }

  /** Closed form [days]. */
  protected override intervalIntegrals(tMin: Float64Array, tMax: Float64Array, out: Float64Array): Float64Array {
    const p = this.parameters.list;
    const alpha = p[0]!.internalValue;
    const tRef = p[1]!.internalValue;
    const t0 = p[2]!.internalValue;
    for (let i = 0; i < tMin.length; i++) {
      const a = (tMin[i]! - tRef) / t0;
      const b = (tMax[i]! - tRef) / t0;
      out[i] = alpha === -1 ? t0 * Math.log(b / a) : (t0 / (alpha + 1)) * (Math.pow(b, alpha + 1) - Math.pow(a, alpha + 1));
    }
    return out;
  }

  /** @inheritDoc */
  copy(): PowerLawTemporalModel {
    return new PowerLawTemporalModel(copyParameters(this.parameters));
  }
}
