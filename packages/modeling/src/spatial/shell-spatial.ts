/**
 * Spherical shell with inner radius and width (Gammapy's ShellSpatialModel, "shell"):
 * r_in = radius, r_out = radius + width; profile and normalisation in `shell-kernel.ts`.
 */
import { buildParameters, copyParameters, type ParameterInputs, type ParameterSpec } from "../model-parameters.js";
import { shellSpatial } from "./shell-kernel.js";
import { SpatialModel, type Frame } from "./spatial-model.js";

/** Parameters of {@link ShellSpatialModel} (Gammapy 1.0 order and defaults). */
export const SHELL_SPATIAL_PARAMETERS = [
  { name: "lon_0", value: 0, unit: "deg" },
  { name: "lat_0", value: 0, unit: "deg", min: -90, max: 90 },
  { name: "radius", value: 1, unit: "deg" },
  { name: "width", value: 0.2, unit: "deg" },
] as const satisfies readonly ParameterSpec[];

/**
 * Shell spatial model.
 *
 * @example
 * ```ts
 * const shell = new ShellSpatialModel({ radius: "0.5 deg", width: "0.1 deg" });
 * shell.evaluate(Float64Array.of(0, 0.5, 0.7), Float64Array.of(0, 0, 0));   // [centre, peak at r_in, 0]
 * shell.evaluationRadius;                                                    // 0.6 deg
 * ```
 */
export class ShellSpatialModel extends SpatialModel {
  /** Type names accepted in YAML. */
  static readonly tags = ["ShellSpatialModel", "shell"] as const;
  /** Parameter declarations. */
  static readonly defaults = SHELL_SPATIAL_PARAMETERS;

  /**
   * @param options - lon_0, lat_0, radius (inner), width [deg], frame ("icrs" default)
   * @throws ConfigError for unknown names or frames; UnitError for wrong units
   */
  constructor(options: ParameterInputs<typeof SHELL_SPATIAL_PARAMETERS> & { frame?: Frame } = {}) {
    const { frame, ...pars } = options;
    super(ShellSpatialModel.tags, buildParameters("ShellSpatialModel", SHELL_SPATIAL_PARAMETERS, pars), frame);
  }

  /** Outer radius, radius + width [deg]. */
  get evaluationRadius(): number {
    const p = this.parameters.list;
    return p[2]!.internalValue + p[3]!.internalValue;
  }

  /** @inheritDoc */
  evaluate(lon: Float64Array, lat: Float64Array, out: Float64Array = new Float64Array(lon.length)): Float64Array {
    const p = this.parameters.list;
    const radius = p[2]!.internalValue;
    return shellSpatial(lon, lat, p[0]!.internalValue, p[1]!.internalValue, radius, radius + p[3]!.internalValue, out);
  }

  /** @inheritDoc */
  copy(): ShellSpatialModel {
    return new ShellSpatialModel({ ...copyParameters(this.parameters), frame: this.frame });
  }
}
