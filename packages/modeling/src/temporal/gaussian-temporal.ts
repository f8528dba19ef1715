/**
 * Gaussian pulse f(t) = exp(-(t - t_ref)² / (2σ²)) (Gammapy's GaussianTemporalModel,
 * "gauss"); ∫f dt = sqrt(π/2) σ (erf(u_max) - erf(u_min)), u = (t - t_ref) / (√2 σ).
 */
import { buildParameters, copyParameters, type ParameterInputs, type ParameterSpec } from "../model-parameters.js";
import { erf } from "../special.js";
import { DEFAULT_T_REF_MJD, TemporalModel } from "./temporal-model.js";

/** Parameters of {@link GaussianTemporalModel} (Gammapy 1.0 order and defaults). */
export const GAUSSIAN_TEMPORAL_PARAMETERS = [
  { name: "t_ref", value: DEFAULT_T_REF_MJD, unit: "d" },
  { name: "sigma", value: 1, unit: "d" },
] as const satisfies readonly ParameterSpec[];

/**
 * Gaussian temporal model.
 *
 * @example
 * ```ts
 * new GaussianTemporalModel({ t_ref: 59000, sigma: "2 h" }).evaluate(Float64Array.of(59000));   // [1]
 * ```
 */
export class GaussianTemporalModel extends TemporalModel {
  /** Type names accepted in YAML. */
  static readonly tags = ["GaussianTemporalModel", "gauss"] as const;
  /** Parameter declarations. */
  static readonly defaults = GAUSSIAN_TEMPORAL_PARAMETERS;

  /**
   * @param options - t_ref [MJD, as "d"], sigma [d]
   * @throws ConfigError for unknown names; UnitError for wrong units
   */
  constructor(options: ParameterInputs<typeof GAUSSIAN_TEMPORAL_PARAMETERS> = {}) {
    super(GaussianTemporalModel.tags, buildParameters("GaussianTemporalModel", GAUSSIAN_TEMPORAL_PARAMETERS, options));
  }

  /** @inheritDoc */
  evaluate(time: Float64Array, out: Float64Array = new Float64Array(time.length)): Float64Array {
    const p = this.parameters.list;
    const tRef = p[0]!.internalValue;
    const sigma = p[1]!.internalValue;
    for (let i = 0; i < time.length; i++) {
      const d = time[i]! - tRef;
      out[i] = Math.exp(-(d * d) / (2 * sigma * sigma));
    }
    return out;
  }

  /** Closed form [days]. */
  protected override intervalIntegrals(tMin: Float64Array, tMax: Float64Array, out: Float64Array): Float64Array {
    const p = this.parameters.list;
    const tRef = p[0]!.internalValue;
    const sigma = p[1]!.internalValue;
    const norm = Math.sqrt(Math.PI / 2) * sigma;
    const scale = Math.SQRT2 * sigma;
    for (let i = 0; i < tMin.length; i++) {
      out[i] = norm * (erf((tMax[i]! - tRef) / scale) - erf((tMin[i]! - tRef) / scale));
    }
    return out;
  }

  /** @inheritDoc */
  copy(): GaussianTemporalModel {
    return new GaussianTemporalModel(copyParameters(this.parameters));
  }
}
