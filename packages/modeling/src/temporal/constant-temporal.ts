/**
 * Constant light curve f(t) = 1 (Gammapy's ConstantTemporalModel, "const"); its integral
 * is each interval's share of the summed duration.
 */
import { Parameters } from "../parameters.js";
import { TemporalModel } from "./temporal-model.js";

/**
 * Constant temporal model (no parameters).
 *
 * @example
 * ```ts
 * new ConstantTemporalModel().evaluate(Float64Array.of(59000, 59001));   // [1, 1]
 * ```
 */
export class ConstantTemporalModel extends TemporalModel {
  /** Type names accepted in YAML. */
  static readonly tags = ["ConstantTemporalModel", "const"] as const;
  /** No parameters. */
  static readonly defaults = [] as const;

  constructor() {
    super(ConstantTemporalModel.tags, new Parameters([]));
  }

  /** @inheritDoc */
  evaluate(time: Float64Array, out: Float64Array = new Float64Array(time.length)): Float64Array {
    return out.fill(1, 0, time.length);
  }

  /** Δt [days]. */
  protected override intervalIntegrals(tMin: Float64Array, tMax: Float64Array, out: Float64Array): Float64Array {
    for (let i = 0; i < tMin.length; i++) out[i] = tMax[i]! - tMin[i]!;
    return out;
  }

  /** @inheritDoc */
  copy(): ConstantTemporalModel {
    return new ConstantTemporalModel();
  }
}
