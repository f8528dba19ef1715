/**
 * Exponential decay f(t) = exp(-(t - t_ref) / t0) (Gammapy's ExpDecayTemporalModel,
 * "exp-decay"); ∫f dt = t0 (f(t_min) - f(t_max)).
 */
import { buildParameters, copyParameters, type ParameterInputs, type ParameterSpec } from "../model-parameters.js";
import { DEFAULT_T_REF_MJD, TemporalModel } from "./temporal-model.js";

/** Parameters of {@link ExpDecayTemporalModel} (Gammapy 1.0 order and defaults). */
export const EXP_DECAY_TEMPORAL_PARAMETERS = [
  { name: "t0", value: 1, unit: "d" },
  { name: "t_ref", value: DEFAULT_T_REF_MJD, unit: "d", frozen: true },
] as const satisfies readonly ParameterSpec[];

/**
 * Exponential-decay temporal model.
 *
 * @example
 * ```ts
 * new ExpDecayTemporalModel({ t0: "2 d", t_ref: 59000 }).evaluate(Float64Array.of(59002));   // [1/e]
 * ```
 */
export class ExpDecayTemporalModel extends TemporalModel {
  /** Type names accepted in YAML. */
  static readonly tags = ["ExpDecayTemporalModel", "exp-decay"] as const;
  /** Parameter declarations. */
  static readonly defaults = EXP_DECAY_TEMPORAL_PARAMETERS;

  /**
   * @param options - t0 [d], t_ref [MJD, as "d"]
   * @throws ConfigError for unknown names; UnitError for wrong units
   */
  constructor(options: ParameterInputs<typeof EXP_DECAY_TEMPORAL_PARAMETERS> = {}) {
    super(ExpDecayTemporalModel.tags, buildParameters("ExpDecayTemporalModel", EXP_DECAY_TEMPORAL_PARAMETERS, options));
  }

  /** @inheritDoc */
  evaluate(time: Float64Array, out: Float64Array = new Float64Array(time.length)): Float64Array {
    const p = this.parameters.list;
    const t0 = p[0]!.internalValue;
    const tRef = p[1]!.internalValue;
    for (let i = 0; i < time.length; i++) out[i] = Math.exp(-(time[i]! - tRef) / t0);
    return out;
  }

  /** Closed form [days]. */
  protected override intervalIntegrals(tMin: Float64Array, tMax: Float64Array, out: Float64Array): Float64Array {
    const p = this.parameters.list;
    const t0 = p[0]!.internalValue;
    const tRef = p[1]!.internalValue;
    for (let i = 0; i < tMin.length; i++) {
      out[i] = -t0 * (Math.exp(-(tMax[i]! - tRef) / t0) - Math.exp(-(tMin[i]! - tRef) / t0));
    }
    return out;
  }

  /** @inheritDoc */
  copy(): ExpDecayTemporalModel {
    return new ExpDecayTemporalModel(copyParameters(this.parameters));
  }
}
