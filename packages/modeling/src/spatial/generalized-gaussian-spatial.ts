/**
 * Elliptical generalized Gaussian (Gammapy's GeneralizedGaussianSpatialModel,
 * "gauss-general"): f = N exp(-(θ / r_eff)^(1/η)), θ the separation from the centre and
 * r_eff the ellipse radius towards the point; N = 1 / (2π a b η Γ(2η)) with a = r_0 and
 * b = r_0 sqrt(1 - e²) in radians, the flat-sky normalisation Gammapy 1.0 uses.
 * η → 0 tends to a disk, η = 1/2 is a Gaussian with σ = r_0 / √2, η = 1 a Laplace profile.
 */
import { buildParameters, copyParameters, type ParameterInputs, type ParameterSpec } from "../model-parameters.js";
import { gammaFunction } from "./gamma-function.js";
import { SpatialModel, type Frame } from "./spatial-model.js";
import { DEG_TO_RAD, angularSeparation, ellipseRadius, positionAngle } from "./sphere.js";

/** Parameters of {@link GeneralizedGaussianSpatialModel} (Gammapy 1.0 order and defaults). */
export const GENERALIZED_GAUSSIAN_SPATIAL_PARAMETERS = [
  { name: "lon_0", value: 0, unit: "deg" },
  { name: "lat_0", value: 0, unit: "deg", min: -90, max: 90 },
  { name: "r_0", value: 1, unit: "deg" },
  { name: "eta", value: 0.5, unit: "", min: 0.01, max: 1 },
  { name: "e", value: 0, unit: "", min: 0, max: 1, frozen: true },
  { name: "phi", value: 0, unit: "deg", frozen: true },
] as const satisfies readonly ParameterSpec[];

/**
 * Generalized Gaussian kernel over positions in the model frame.
 *
 * @param lon - longitudes [deg]
 * @param lat - latitudes [deg]
 * @param lon0 - centre longitude [deg]
 * @param lat0 - centre latitude [deg]
 * @param r0 - semi-major axis [deg]
 * @param eta - shape η (0 < η ≤ 1)
 * @param e - eccentricity
 * @param phi - position angle of the major axis, east of north [deg]
 * @param out - output
 * @returns out [sr-1]
 * @example
 * ```ts
 * // η = 1/2: a Gaussian with σ = r_0/√2, peak 1 / (π r_0²)
 * generalizedGaussianSpatial(Float64Array.of(0), Float64Array.of(0), 0, 0, 1, 0.5, 0, 0, new Float64Array(1));
 * // [1044.96]
 * ```
 */
export function generalizedGaussianSpatial(
  lon: Float64Array,
  lat: Float64Array,
  lon0: number,
  lat0: number,
  r0: number,
  eta: number,
  e: number,
  phi: number,
  out: Float64Array,
): Float64Array {
  const l0 = lon0 * DEG_TO_RAD;
  const b0 = lat0 * DEG_TO_RAD;
  const major = r0 * DEG_TO_RAD;
  const minor = major * Math.sqrt(1 - e * e);
  const norm = 1 / (2 * Math.PI * minor * major * eta * gammaFunction(2 * eta));
  const power = 1 / eta;
  const p = phi * DEG_TO_RAD;
  for (let i = 0; i < lon.length; i++) {
    const l = lon[i]! * DEG_TO_RAD;
    const b = lat[i]! * DEG_TO_RAD;
    const sep = angularSeparation(l, b, l0, b0);
    const rEff = e === 0 ? major : ellipseRadius(major, minor, p - positionAngle(l0, b0, l, b));
    out[i] = norm * Math.exp(-Math.pow(sep / rEff, power));
  }
  return out;
}

/**
 * Generalized Gaussian spatial model.
 *
 * @example
 * ```ts
 * const g = new GeneralizedGaussianSpatialModel({ r_0: "0.3 deg", eta: 0.7, e: 0.5, phi: "30 deg", frame: "galactic" });
 * g.evaluate(Float64Array.of(0, 0.2), Float64Array.of(0, 0.1));   // [sr-1]
 * g.evaluationRadius;                                              // 0.3 · (1 + 8 · 0.7) = 1.98 deg
 * ```
 */
export class GeneralizedGaussianSpatialModel extends SpatialModel {
  /** Type names accepted in YAML. */
  static readonly tags = ["GeneralizedGaussianSpatialModel", "gauss-general"] as const;
  /** Parameter declarations. */
  static readonly defaults = GENERALIZED_GAUSSIAN_SPATIAL_PARAMETERS;

  /**
   * @param options - lon_0, lat_0, r_0, phi [deg], eta, e, frame ("icrs" default)
   * @throws ConfigError for unknown names or frames; UnitError for wrong units
   */
  constructor(options: ParameterInputs<typeof GENERALIZED_GAUSSIAN_SPATIAL_PARAMETERS> & { frame?: Frame } = {}) {
    const { frame, ...pars } = options;
    super(
      GeneralizedGaussianSpatialModel.tags,
      buildParameters("GeneralizedGaussianSpatialModel", GENERALIZED_GAUSSIAN_SPATIAL_PARAMETERS, pars),
      frame,
    );
  }

  /** r_0 · (1 + 8η) [deg] (→ r_0 for a disk, 5 r_0 for the Gaussian, 9 r_0 for Laplace). */
  get evaluationRadius(): number {
    const p = this.parameters.list;
    return p[2]!.internalValue * (1 + 8 * p[3]!.internalValue);
  }

  /** @inheritDoc */
  evaluate(lon: Float64Array, lat: Float64Array, out: Float64Array = new Float64Array(lon.length)): Float64Array {
    const p = this.parameters.list;
    return generalizedGaussianSpatial(
      lon,
      lat,
      p[0]!.internalValue,
      p[1]!.internalValue,
      p[2]!.internalValue,
      p[3]!.internalValue,
      p[4]!.internalValue,
      p[5]!.internalValue,
      out,
    );
  }

  /** @inheritDoc */
  copy(): GeneralizedGaussianSpatialModel {
    return new GeneralizedGaussianSpatialModel({ ...copyParameters(this.parameters), frame: this.frame });
  }
}
