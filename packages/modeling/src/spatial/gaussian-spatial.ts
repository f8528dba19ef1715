/**
 * Elliptical Gaussian on the sphere (Gammapy's GaussianSpatialModel, "gauss"):
 * f = N exp(-(1 - cos θ) / (2 (1 - cos σ_eff))), θ the separation from the centre and
 * σ_eff the ellipse radius towards the point. Normalisation: symmetric case exact on the
 * sphere, N = 1 / (4π a (1 - exp(-1/a))), a = 1 - cos σ; elliptical case the flat-sky
 * 1 / (2π σ σ_minor) (both as in Gammapy 1.0).
 */
import { buildParameters, copyParameters, type ParameterInputs, type ParameterSpec } from "../model-parameters.js";
import { SpatialModel, type Frame } from "./spatial-model.js";
import { DEG_TO_RAD, angularSeparation, ellipseRadius, oneMinusCos, positionAngle } from "./sphere.js";

/** Parameters of {@link GaussianSpatialModel} (Gammapy 1.0 order and defaults). */
export const GAUSSIAN_SPATIAL_PARAMETERS = [
  { name: "lon_0", value: 0, unit: "deg" },
  { name: "lat_0", value: 0, unit: "deg", min: -90, max: 90 },
  { name: "sigma", value: 1, unit: "deg", min: 0 },
  { name: "e", value: 0, unit: "", min: 0, max: 1, frozen: true },
  { name: "phi", value: 0, unit: "deg", frozen: true },
] as const satisfies readonly ParameterSpec[];

/**
 * Gaussian kernel over positions in the model frame.
 *
 * @param lon - longitudes [deg]
 * @param lat - latitudes [deg]
 * @param lon0 - centre longitude [deg]
 * @param lat0 - centre latitude [deg]
 * @param sigma - semi-major axis σ [deg]
 * @param e - eccentricity (0 = circular)
 * @param phi - position angle of the major axis, east of north [deg]
 * @param out - output
 * @returns out [sr-1]
 */
export function gaussianSpatial(
  lon: Float64Array,
  lat: Float64Array,
  lon0: number,
  lat0: number,
  sigma: number,
  e: number,
  phi: number,
  out: Float64Array,
): Float64Array {
  const l0 = lon0 * DEG_TO_RAD;
  const b0 = lat0 * DEG_TO_RAD;
  const s = sigma * DEG_TO_RAD;
  if (e === 0) {
    const a = oneMinusCos(s);
    const norm = 1 / (4 * Math.PI * a * (1 - Math.exp(-1 / a)));
    for (let i = 0; i < lon.length; i++) {
      const sep = angularSeparation(lon[i]! * DEG_TO_RAD, lat[i]! * DEG_TO_RAD, l0, b0);
      out[i] = norm * Math.exp((-0.5 * oneMinusCos(sep)) / a);
    }
    return out;
  }
  const minor = s * Math.sqrt(1 - e * e);
  const norm = 1 / (2 * Math.PI * s * minor);
  const p = phi * DEG_TO_RAD;
  for (let i = 0; i < lon.length; i++) {
    const l = lon[i]! * DEG_TO_RAD;
    const b = lat[i]! * DEG_TO_RAD;
    const sep = angularSeparation(l, b, l0, b0);
    const sigmaEff = ellipseRadius(s, minor, p - positionAngle(l0, b0, l, b));
    out[i] = norm * Math.exp((-0.5 * oneMinusCos(sep)) / oneMinusCos(sigmaEff));
  }
  return out;
}

/**
 * Gaussian spatial model.
 *
 * @example
 * ```ts
 * const g = new GaussianSpatialModel({ lon_0: "10 deg", lat_0: "0 deg", sigma: "0.2 deg", frame: "galactic" });
 * g.evaluate(Float64Array.of(10), Float64Array.of(0));   // [≈ 1/(2π σ²) = 13062 sr-1]
 * ```
 */
export class GaussianSpatialModel extends SpatialModel {
  /** Type names accepted in YAML. */
  static readonly tags = ["GaussianSpatialModel", "gauss"] as const;
  /** Parameter declarations. */
  static readonly defaults = GAUSSIAN_SPATIAL_PARAMETERS;

  /**
   * @param options - lon_0, lat_0, sigma, phi [deg], e, frame ("icrs" default)
   * @throws ConfigError for unknown names or frames; UnitError for wrong units
   */
  constructor(options: ParameterInputs<typeof GAUSSIAN_SPATIAL_PARAMETERS> & { frame?: Frame } = {}) {
    const { frame, ...pars } = options;
    super(GaussianSpatialModel.tags, buildParameters("GaussianSpatialModel", GAUSSIAN_SPATIAL_PARAMETERS, pars), frame);
  }

  /** 5 σ [deg]. */
  get evaluationRadius(): number {
    return 5 * this.parameters.list[2]!.internalValue;
  }

  /** @inheritDoc */
  evaluate(lon: Float64Array, lat: Float64Array, out: Float64Array = new Float64Array(lon.length)): Float64Array {
    const p = this.parameters.list;
    return gaussianSpatial(
      lon,
      lat,
      p[0]!.internalValue,
      p[1]!.internalValue,
      p[2]!.internalValue,
      p[3]!.internalValue,
      p[4]!.internalValue,
      out,
    );
  }

  /** @inheritDoc */
  copy(): GaussianSpatialModel {
    return new GaussianSpatialModel({ ...copyParameters(this.parameters), frame: this.frame });
  }
}
