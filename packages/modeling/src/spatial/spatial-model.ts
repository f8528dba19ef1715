/**
 * Base class of spatial models: parameters, frame ("icrs" or "galactic"), centre
 * position, and evaluation of the surface brightness [sr-1] at coordinates in the model frame.
 */
import { ConfigError, transformFrame, type FrameName, type LonLat } from "@gammats/core";
import type { Parameters } from "../parameters.js";

/** Sky frames a spatial model can be defined in (Gammapy's `frame`). */
export type Frame = "icrs" | "galactic";

/** The frames gammats knows. */
export const FRAMES: readonly Frame[] = ["icrs", "galactic"];

/** A sky position: longitude and latitude [deg] in a frame. */
export interface SkyPosition {
  /** Longitude (RA or l) [deg]. */
  lon: number;
  /** Latitude (Dec or b) [deg]. */
  lat: number;
  /** Frame of lon/lat. */
  frame: Frame;
}

/**
 * Checks a frame name.
 *
 * @param frame - value from user input
 * @param path - key path for the message
 * @throws ConfigError when it is not "icrs" or "galactic"
 */
export function checkFrame(frame: unknown, path = "frame"): Frame {
  if (frame === "icrs" || frame === "galactic") return frame;
  throw new ConfigError(`unknown frame ${JSON.stringify(frame)}`, path, { hint: `use one of ${FRAMES.join(", ")}` });
}

/**
 * A spatial model. {@link evaluate} takes coordinates in the model's frame (the fast
 * path); {@link evaluateInFrame} converts from another frame first.
 */
export abstract class SpatialModel {
  /** Model category in YAML ("spatial"). */
  readonly type = "spatial" as const;
  /** Gammapy type names: the long one (written) and the short alias. */
  readonly tag: readonly [string, string];
  /** Parameters in Gammapy's order. */
  readonly parameters: Parameters;
  /** Frame of lon_0 / lat_0 and of the coordinates given to `evaluate`. */
  frame: Frame;

  /**
   * @param tag - long and short type names
   * @param parameters - the model's parameters
   * @param frame - "icrs" (default) or "galactic"
   */
  protected constructor(tag: readonly [string, string], parameters: Parameters, frame: Frame = "icrs") {
    this.tag = tag;
    this.parameters = parameters;
    this.frame = checkFrame(frame);
  }

  /** True for a point source (no surface brightness; use {@link position}). */
  get isPoint(): boolean {
    return false;
  }

  /**
   * True when the surface brightness depends on (true) energy, as for a template map
   * with an energy axis: evaluate such a model with {@link evaluateAtEnergy}.
   */
  get isEnergyDependent(): boolean {
    return false;
  }

  /**
   * Unit of the values of {@link evaluate}: "sr-1" for every model but a template map
   * that carries its own flux unit (e.g. "cm-2 s-1 TeV-1 sr-1", used with a norm spectrum).
   */
  get unit(): string {
    return "sr-1";
  }

  /** Centre of the model, undefined for models without one (constant). */
  get position(): SkyPosition | undefined {
    if (!this.parameters.has("lon_0")) return undefined;
    return {
      lon: this.parameters.get("lon_0").internalValue,
      lat: this.parameters.get("lat_0").internalValue,
      frame: this.frame,
    };
  }

  /**
   * Radius outside of which the model is negligible [deg], undefined when unbounded.
   */
  abstract get evaluationRadius(): number | undefined;

  /**
   * Surface brightness at each position (normalised to integrate to 1 over the sphere).
   *
   * @param lon - longitudes in the model frame [deg]
   * @param lat - latitudes in the model frame [deg]
   * @param out - optional output
   * @returns values [sr-1]
   */
  abstract evaluate(lon: Float64Array, lat: Float64Array, out?: Float64Array): Float64Array;

  /**
   * Surface brightness at matching (lon, lat, energy) triples; the energy matters only
   * when {@link isEnergyDependent} (models without an energy axis ignore it).
   *
   * @param lon - longitudes in the model frame [deg]
   * @param lat - latitudes in the model frame [deg]
   * @param _energy - true energies [TeV]
   * @param out - optional output
   * @returns values [{@link unit}]
   */
  evaluateAtEnergy(lon: Float64Array, lat: Float64Array, _energy: Float64Array, out?: Float64Array): Float64Array {
    return this.evaluate(lon, lat, out);
  }

  /**
   * Surface brightness at positions given in any sky frame: they are rotated into the
   * model's frame first (core's `transformFrame`), as Gammapy evaluates a map in the model frame.
   *
   * @param lon - longitudes in `frame` [deg]
   * @param lat - latitudes in `frame` [deg]
   * @param frame - frame of lon/lat ("icrs", "galactic", "fk5")
   * @param out - optional output
   * @param energy - true energies [TeV], needed by energy-dependent models
   * @returns values [sr-1]
   * @throws DataError for latitudes outside [-90, 90] or mismatched lengths
   * @example
   * ```ts
   * gauss.evaluateInFrame(Float64Array.of(266.4), Float64Array.of(-28.9), "icrs");
   * ```
   */
  evaluateInFrame(lon: Float64Array, lat: Float64Array, frame: FrameName, out?: Float64Array, energy?: Float64Array): Float64Array {
    const c = frame === this.frame ? { lon, lat } : transformFrame(lon, lat, frame, this.frame);
    return energy === undefined ? this.evaluate(c.lon, c.lat, out) : this.evaluateAtEnergy(c.lon, c.lat, energy, out);
  }

  /**
   * The centre in another frame.
   *
   * @param frame - wanted frame
   * @returns lon/lat [deg], undefined for models without a centre
   */
  positionIn(frame: FrameName): LonLat | undefined {
    const p = this.position;
    if (p === undefined) return undefined;
    return frame === p.frame ? { lon: p.lon, lat: p.lat } : transformFrame(p.lon, p.lat, p.frame, frame);
  }

  /** A deep copy. */
  abstract copy(): SpatialModel;

  /** Covariance of this model's parameters (row-major n×n, parameter units). */
  get covariance(): Float64Array {
    return this.parameters.covariance;
  }

  /** Stamp of the latest covariance write (see `Parameters.covarianceStamp`). */
  get covarianceStamp(): number {
    return this.parameters.covarianceStamp;
  }

  /** Sets the covariance and the parameter errors. @throws DataError when not n×n */
  set covariance(matrix: ArrayLike<number>) {
    this.parameters.covariance = matrix;
  }
}
