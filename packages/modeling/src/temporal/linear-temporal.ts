/**
 * Linear light curve f(t) = α + β (t - t_ref) (Gammapy's LinearTemporalModel, "linear");
 * ∫f dt = α Δt + β/2 ((t_max - t_ref)² - (t_min - t_ref)²).
 */
import { buildParameters, copyParameters, type ParameterInputs, type ParameterSpec } from "../model-parameters.js";
import { DEFAULT_T_REF_MJD, TemporalModel } from "./temporal-model.js";

/** Parameters of {@link LinearTemporalModel} (Gammapy 1.0 order, defaults and unit spelling). */
export const LINEAR_TEMPORAL_PARAMETERS = [
  { name: "alpha", value: 1, unit: "" },
  { name: "beta", value: 0, unit: "d-1" },
  { name: "t_ref", value: DEFAULT_T_REF_MJD, unit: "d", frozen: true },
] as const satisfies readonly ParameterSpec[];

/**
 * Linear temporal model.
 *
 * @example
 * ```ts
 * const lin = new LinearTemporalModel({ alpha: 1, beta: "0.1 d-1", t_ref: 59000 });
 * lin.evaluate(Float64Array.of(59010));   // [2]
 * ```
 */
export class LinearTemporalModel extends TemporalModel {
  /** Type names accepted in YAML. */
  static readonly tags = ["LinearTemporalModel", "linear"] as const;
  /** Parameter declarations. */
  static readonly defaults = LINEAR_TEMPORAL_PARAMETERS;

  /**
   * @param options - alpha, beta [d-1], t_ref [MJD, as "d"]
   * @throws ConfigError for unknown names; UnitError for wrong units
   */
  constructor(options: ParameterInputs<typeof LINEAR_TEMPORAL_PARAMETERS> = {}) {
    super(LinearTemporalModel.tags, buildParameters("LinearTemporalModel", LINEAR_TEMPORAL_PARAMETERS, options));
  }

  /** @inheritDoc */
  evaluate(time: Float64Array, out: Float64Array = new Float64Array(time.length)): Float64Array {
    const p = this.parameters.list;
    const alpha = p[0]!.internalValue;
    const beta = p[1]!.internalValue;
    const tRef = p[2]!.internalValue;
    for (let i = 0; i < time.length; i++) out[i] = alpha + beta * (time[i]! - tRef);
    return out;
  }

  /** Closed form [days]. */
  protected override intervalIntegrals(tMin: Float64Array, tMax: Float64Array, out: Float64Array): Float64Array {
    const p = this.parameters.list;
    const alpha = p[0]!.internalValue;
    const beta = p[1]!.internalValue;
    const tRef = p[2]!.internalValue;
    for (let i = 0; i < tMin.length; i++) {
      const a = tMin[i]! - tRef;
      const b = tMax[i]! - tRef;
      out[i] = alpha * (b - a) + (beta / 2) * (b * b - a * a);
    }
    return out;
  }

  /** @inheritDoc */
  copy(): LinearTemporalModel {
    return new LinearTemporalModel(copyParameters(this.parameters));
  }
}
