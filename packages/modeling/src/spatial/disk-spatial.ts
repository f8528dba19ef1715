/**
 * Uniform (elliptical) disk with a smooth edge (Gammapy's DiskSpatialModel, "disk"):
 * f = N · ½ (1 - erf(2.326 (θ - r_eff) / (r_eff · edge_width))), so the edge drops from
 * 95% to 5% over edge_width · r_eff; N makes the sharp ellipse integrate to 1 on the sphere.
 */
import { buildParameters, copyParameters, type ParameterInputs, type ParameterSpec } from "../model-parameters.js";
import { erf } from "../special.js";
import { SpatialModel, type Frame } from "./spatial-model.js";
import { DEG_TO_RAD, angularSeparation, ellipseRadius, positionAngle } from "./sphere.js";

/** Parameters of {@link DiskSpatialModel} (Gammapy 1.0 order and defaults). */
export const DISK_SPATIAL_PARAMETERS = [
  { name: "lon_0", value: 0, unit: "deg" },
  { name: "lat_0", value: 0, unit: "deg", min: -90, max: 90 },
  { name: "r_0", value: 1, unit: "deg", min: 0 },
  { name: "e", value: 0, unit: "", min: 0, max: 1, frozen: true },
  { name: "phi", value: 0, unit: "deg", frozen: true },
  { name: "edge_width", value: 0.01, unit: "", min: 0, max: 1, frozen: true },
] as const satisfies readonly ParameterSpec[];

/** erf argument at which ½(1 - erf) is 5% (the 95%→5% edge definition). */
const EDGE_WIDTH_95 = 2.326174307353347;
/** Nodes of the periodic trapezoid for the normalisation (exponentially convergent). */
const NORM_NODES = 4096;

/**
 * Normalisation of an elliptical disk on the sphere: 1 / (2 ∫₀^π (1 - sqrt(1 - 1/(B + C cos² x))) dx),
 * A = 1/sin² a, B = 1/sin² b, C = A - B (solid angle of a spherical ellipse).
 *
 * @param r0 - semi-major axis a [deg]
 * @param e - eccentricity
 * @returns N [sr-1]
 * @example
 * ```ts
 * diskNormalisation(1, 0);   // 1 / (2π (1 - cos 1°)) = 1044.98
 * ```
 */
export function diskNormalisation(r0: number, e: number): number {
  const a = r0 * DEG_TO_RAD;
  const b = a * Math.sqrt(1 - e * e);
  const A = 1 / (Math.sin(a) * Math.sin(a));
  const B = 1 / (Math.sin(b) * Math.sin(b));
  const C = A - B;
  // The integrand depends on cos² x, which has period π: the plain trapezoid is spectrally accurate.
  let sum = 0;
  for (let k = 0; k < NORM_NODES; k++) {
    const c = Math.cos((k * Math.PI) / NORM_NODES);
    sum += 1 - Math.sqrt(1 - 1 / (B + C * c * c));
  }
  return 1 / (2 * sum * (Math.PI / NORM_NODES));
}

/**
 * Disk spatial model.
 *
 * @example
 * ```ts
 * const disk = new DiskSpatialModel({ r_0: "0.5 deg" });
 * disk.evaluate(Float64Array.of(0, 1), Float64Array.of(0, 0));   // [4179.8, 0]
 * ```
 */
export class DiskSpatialModel extends SpatialModel {
  /** Type names accepted in YAML. */
  static readonly tags = ["DiskSpatialModel", "disk"] as const;
  /** Parameter declarations. */
  static readonly defaults = DISK_SPATIAL_PARAMETERS;

  private normCache: { r0: number; e: number; norm: number } | undefined;

  /**
   * @param options - lon_0, lat_0, r_0, phi [deg], e, edge_width (fraction of r_0), frame
   * @throws ConfigError for unknown names or frames; UnitError for wrong units
   */
  constructor(options: ParameterInputs<typeof DISK_SPATIAL_PARAMETERS> & { frame?: Frame } = {}) {
    const { frame, ...pars } = options;
    super(DiskSpatialModel.tags, buildParameters("DiskSpatialModel", DISK_SPATIAL_PARAMETERS, pars), frame);
    this.normCache = undefined;
  }

  /** 1.1 · r_0 · (1 + edge_width) [deg]. */
  get evaluationRadius(): number {
    const p = this.parameters.list;
    return 1.1 * p[2]!.internalValue * (1 + p[5]!.internalValue);
  }

  /** @inheritDoc */
  evaluate(lon: Float64Array, lat: Float64Array, out: Float64Array = new Float64Array(lon.length)): Float64Array {
    const p = this.parameters.list;
    const l0 = p[0]!.internalValue * DEG_TO_RAD;
    const b0 = p[1]!.internalValue * DEG_TO_RAD;
    const r0deg = p[2]!.internalValue;
    const e = p[3]!.internalValue;
    const phi = p[4]!.internalValue * DEG_TO_RAD;
    const edge = p[5]!.internalValue;
    const norm = this.normalisation(r0deg, e);
    const r0 = r0deg * DEG_TO_RAD;
    const minor = r0 * Math.sqrt(1 - e * e);
    for (let i = 0; i < lon.length; i++) {
      const l = lon[i]! * DEG_TO_RAD;
      const b = lat[i]! * DEG_TO_RAD;
      const sep = angularSeparation(l, b, l0, b0);
      const rEff = e === 0 ? r0 : ellipseRadius(r0, minor, phi - positionAngle(l0, b0, l, b));
      out[i] = norm * 0.5 * (1 - erf(((sep - rEff) / (rEff * edge)) * EDGE_WIDTH_95));
    }
    return out;
  }

  /** @inheritDoc */
  copy(): DiskSpatialModel {
    return new DiskSpatialModel({ ...copyParameters(this.parameters), frame: this.frame });
  }

  private normalisation(r0: number, e: number): number {
    const c = this.normCache;
    if (c !== undefined && c.r0 === r0 && c.e === e) return c.norm;
    const norm = diskNormalisation(r0, e);
    this.normCache = { r0, e, norm };
    return norm;
  }
}
