/**
 * Sinusoidal modulation f(t) = 1 + A sin(ω (t - t_ref)) (Gammapy's SineTemporalModel,
 * "sinus"). Its integral is the exact ∫f dt = Δt - A/ω (cos(ω(t_max - t_ref)) -
 * cos(ω(t_min - t_ref))); Gammapy 1.0 writes sin for cos there, so its closed-form
 * integral differs from ∫f dt (and from its own generic sampled integral).
 */
import { buildParameters, copyParameters, type ParameterInputs, type ParameterSpec } from "../model-parameters.js";
import { DEFAULT_T_REF_MJD, TemporalModel } from "./temporal-model.js";

/** Parameters of {@link SineTemporalModel} (Gammapy 1.0 order, defaults and unit spelling). */
export const SINE_TEMPORAL_PARAMETERS = [
  { name: "amp", value: 1, unit: "" },
  { name: "omega", value: 1, unit: "d-1 rad" },
  { name: "t_ref", value: DEFAULT_T_REF_MJD, unit: "d" },
] as const satisfies readonly ParameterSpec[];

/**
 * Sine temporal model.
 *
 * @example
 * ```ts
 * const orbit = new SineTemporalModel({ amp: 0.5, omega: `${(2 * Math.PI) / 3.9} rad / d`, t_ref: 59000 });
 * orbit.evaluate(Float64Array.of(59000 + 3.9 / 4));   // [1.5]
 * ```
 */
export class SineTemporalModel extends TemporalModel {
  /** Type names accepted in YAML. */
  static readonly tags = ["SineTemporalModel", "sinus"] as const;
  /** Parameter declarations. */
  static readonly defaults = SINE_TEMPORAL_PARAMETERS;

  /**
   * @param options - amp, omega [rad / d], t_ref [MJD, as "d"]
   * @throws ConfigError for unknown names; UnitError for wrong units
   */
  constructor(options: ParameterInputs<typeof SINE_TEMPORAL_PARAMETERS> = {}) {
    super(SineTemporalModel.tags, buildParameters("SineTemporalModel", SINE_TEMPORAL_PARAMETERS, options));
  }

  /** @inheritDoc */
  evaluate(time: Float64Array, out: Float64Array = new Float64Array(time.length)): Float64Array {
    const p = this.parameters.list;
    const amp = p[0]!.internalValue;
    const omega = p[1]!.internalValue;
    const tRef = p[2]!.internalValue;
    for (let i = 0; i < time.length; i++) out[i] = 1 + amp * Math.sin(omega * (time[i]! - tRef));
    return out;
  }

  /** Exact closed form [days] (see the file comment on Gammapy's). */
  protected override intervalIntegrals(tMin: Float64Array, tMax: Float64Array, out: Float64Array): Float64Array {
    const p = this.parameters.list;
    const amp = p[0]!.internalValue;
    const omega = p[1]!.internalValue;
    const tRef = p[2]!.internalValue;
    for (let i = 0; i < tMin.length; i++) {
      const c = Math.cos(omega * (tMax[i]! - tRef)) - Math.cos(omega * (tMin[i]! - tRef));
      out[i] = tMax[i]! - tMin[i]! - (amp / omega) * c;
    }
    return out;
  }

  /** @inheritDoc */
  copy(): SineTemporalModel {
    return new SineTemporalModel(copyParameters(this.parameters));
  }
}
