/**
 * Spherical shell with outer radius and relative width (Gammapy's Shell2SpatialModel,
 * "shell2"): r_out = r_0, r_in = (1 - η) r_0; profile and normalisation in `shell-kernel.ts`.
 */
import { buildParameters, copyParameters, type ParameterInputs, type ParameterSpec } from "../model-parameters.js";
import { shellSpatial } from "./shell-kernel.js";
import { SpatialModel, type Frame } from "./spatial-model.js";

/** Parameters of {@link Shell2SpatialModel} (Gammapy 1.0 order and defaults). */
export const SHELL2_SPATIAL_PARAMETERS = [
  { name: "lon_0", value: 0, unit: "deg" },
  { name: "lat_0", value: 0, unit: "deg", min: -90, max: 90 },
  { name: "r_0", value: 1, unit: "deg" },
  { name: "eta", value: 0.2, unit: "", min: 0.02, max: 1 },
] as const satisfies readonly ParameterSpec[];

/**
 * Shell spatial model parametrised by its outer radius.
 *
 * @example
 * ```ts
 * const shell = new Shell2SpatialModel({ r_0: "0.5 deg", eta: 0.3 });
 * shell.rIn;                 // 0.35 deg
 * shell.evaluationRadius;    // 0.5 deg
 * ```
 */
export class Shell2SpatialModel extends SpatialModel {
  /** Type names accepted in YAML. */
  static readonly tags = ["Shell2SpatialModel", "shell2"] as const;
  /** Parameter declarations. */
  static readonly defaults = SHELL2_SPATIAL_PARAMETERS;

  /**
   * @param options - lon_0, lat_0, r_0 (outer radius) [deg], eta (width / r_0), frame
   * @throws ConfigError for unknown names or frames; UnitError for wrong units
   */
  constructor(options: ParameterInputs<typeof SHELL2_SPATIAL_PARAMETERS> & { frame?: Frame } = {}) {
    const { frame, ...pars } = options;
    super(Shell2SpatialModel.tags, buildParameters("Shell2SpatialModel", SHELL2_SPATIAL_PARAMETERS, pars), frame);
  }

  /** Inner radius (1 - η) r_0 [deg]. */
  get rIn(): number {
    const p = this.parameters.list;
    return (1 - p[3]!.internalValue) * p[2]!.internalValue;
  }

  /** Outer radius r_0 [deg]. */
  get evaluationRadius(): number {
    return this.parameters.list[2]!.internalValue;
  }

  /** @inheritDoc */
  evaluate(lon: Float64Array, lat: Float64Array, out: Float64Array = new Float64Array(lon.length)): Float64Array {
    const p = this.parameters.list;
    return shellSpatial(lon, lat, p[0]!.internalValue, p[1]!.internalValue, this.rIn, p[2]!.internalValue, out);
  }

  /** @inheritDoc */
  copy(): Shell2SpatialModel {
    return new Shell2SpatialModel({ ...copyParameters(this.parameters), frame: this.frame });
  }
}
