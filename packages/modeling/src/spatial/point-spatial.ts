/**
 * Point source at (lon_0, lat_0) (Gammapy's PointSpatialModel, "point").
 */
import { DataError } from "@gammats/core";
import { buildParameters, copyParameters, type ParameterInputs, type ParameterSpec } from "../model-parameters.js";
import { SpatialModel, type Frame } from "./spatial-model.js";

/** Parameters of {@link PointSpatialModel} (Gammapy 1.0 order and defaults). */
export const POINT_SPATIAL_PARAMETERS = [
  { name: "lon_0", value: 0, unit: "deg" },
  { name: "lat_0", value: 0, unit: "deg", min: -90, max: 90 },
] as const satisfies readonly ParameterSpec[];

/**
 * Point source. It has no surface brightness to evaluate: use `position` (and, on a map,
 * the instrument's PSF at that position).
 *
 * @example
 * ```ts
 * const crab = new PointSpatialModel({ lon_0: "83.633 deg", lat_0: "22.014 deg", frame: "icrs" });
 * crab.position;   // { lon: 83.633, lat: 22.014, frame: "icrs" }
 * ```
 */
export class PointSpatialModel extends SpatialModel {
  /** Type names accepted in YAML. */
  static readonly tags = ["PointSpatialModel", "point"] as const;
  /** Parameter declarations. */
  static readonly defaults = POINT_SPATIAL_PARAMETERS;

  /**
   * @param options - lon_0 [deg], lat_0 [deg], frame ("icrs" default)
   * @throws ConfigError for unknown names or frames; UnitError for wrong units
   */
  constructor(options: ParameterInputs<typeof POINT_SPATIAL_PARAMETERS> & { frame?: Frame } = {}) {
    const { frame, ...pars } = options;
    super(PointSpatialModel.tags, buildParameters("PointSpatialModel", POINT_SPATIAL_PARAMETERS, pars), frame);
  }

  /** Always true. */
  override get isPoint(): boolean {
    return true;
  }

  /** 0 deg. */
  get evaluationRadius(): number {
    return 0;
  }

  /**
   * Not defined for a point source.
   *
   * @throws DataError always
   */
  evaluate(): Float64Array {
    throw new DataError("a point source has no surface brightness to evaluate", {
      hint: "use its position (e.g. spread by the PSF) instead",
    });
  }

  /** @inheritDoc */
  copy(): PointSpatialModel {
    return new PointSpatialModel({ ...copyParameters(this.parameters), frame: this.frame });
  }
}
