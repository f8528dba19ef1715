/**
 * Isotropic surface brightness (Gammapy's ConstantSpatialModel, "const"); written to YAML
 * without frame and with an empty parameter list, as Gammapy does.
 */
import { buildParameters, copyParameters, type ParameterInputs, type ParameterSpec } from "../model-parameters.js";
import { SpatialModel } from "./spatial-model.js";

/** Parameters of {@link ConstantSpatialModel} (Gammapy 1.0 defaults). */
export const CONSTANT_SPATIAL_PARAMETERS = [
  { name: "value", value: 1, unit: "sr-1", frozen: true },
] as const satisfies readonly ParameterSpec[];

/**
 * Constant spatial model.
 *
 * @example
 * ```ts
 * new ConstantSpatialModel().evaluate(Float64Array.of(0), Float64Array.of(0));   // [1]
 * ```
 */
export class ConstantSpatialModel extends SpatialModel {
  /** Type names accepted in YAML. */
  static readonly tags = ["ConstantSpatialModel", "const"] as const;
  /** Parameter declarations. */
  static readonly defaults = CONSTANT_SPATIAL_PARAMETERS;

  /**
   * @param options - value [sr-1]
   * @throws ConfigError for unknown names; UnitError for wrong units
   */
  constructor(options: ParameterInputs<typeof CONSTANT_SPATIAL_PARAMETERS> = {}) {
    super(ConstantSpatialModel.tags, buildParameters("ConstantSpatialModel", CONSTANT_SPATIAL_PARAMETERS, options), "icrs");
  }

  /** Unbounded. */
  get evaluationRadius(): undefined {
    return undefined;
  }

  /** @inheritDoc */
  evaluate(lon: Float64Array, _lat: Float64Array, out: Float64Array = new Float64Array(lon.length)): Float64Array {
    return out.fill(this.parameters.list[0]!.internalValue, 0, lon.length);
  }

  /** @inheritDoc */
  copy(): ConstantSpatialModel {
    return new ConstantSpatialModel(copyParameters(this.parameters));
  }
}
