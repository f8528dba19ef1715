/**
 * SkyModel: a spectral model times optional spatial and temporal models, with a name and
 * the datasets it applies to (Gammapy's SkyModel, "sky-model"). The temporal part is held,
 * stacked into the parameters and serialised; evaluation over time is the datasets' job.
 */
import { randomUUID } from "node:crypto";
import { ConfigError, DataError, type FrameName } from "@gammats/core";
import { compositeCovariance, compositeCovarianceStamp, setCompositeCovariance, type CovarianceOwner } from "./model-covariance.js";
import { Parameters } from "./parameters.js";
import type { SpatialModel, SkyPosition } from "./spatial/spatial-model.js";
import type { SpectralModel } from "./spectral/spectral-model.js";
import type { TemporalModel } from "./temporal/temporal-model.js";

/** Which instrument responses apply to a model (all true by default, as in Gammapy). */
export interface ApplyIrf {
  /** Multiply by the exposure. */
  exposure: boolean;
  /** Convolve with the PSF. */
  psf: boolean;
  /** Apply the energy dispersion. */
  edisp: boolean;
}

/** Options of {@link SkyModel}. */
export interface SkyModelOptions {
  /** Spectral model; must be a flux model (not a norm model). */
  spectral: SpectralModel;
  /** Spatial model; none for a spectrum-only (1D) analysis. */
  spatial?: SpatialModel | undefined;
  /** Temporal model (a dimensionless factor of time); none for a steady source. */
  temporal?: TemporalModel | undefined;
  /** Unique name; default: 8 random hex characters (as Gammapy's `make_name`). */
  name?: string;
  /** Datasets the model applies to; undefined = all. */
  datasetsNames?: readonly string[] | undefined;
  /** IRFs to apply; default all. */
  applyIrf?: Partial<ApplyIrf>;
}

/** Gammapy's default `apply_irf`. */
export const DEFAULT_APPLY_IRF: Readonly<ApplyIrf> = Object.freeze({ exposure: true, psf: true, edisp: true });

/**
 * A random 8-character model name.
 *
 * @example
 * ```ts
 * makeName().length;   // 8
 * ```
 */
export function makeName(): string {
  return randomUUID().slice(0, 8);
}

/**
 * A source model: dN/dE (cm-2 s-1 TeV-1) times a normalised spatial shape (sr-1).
 * Its parameters are the spectral ones followed by the spatial ones (the same objects).
 *
 * @example
 * ```ts
 * const crab = new SkyModel({
 *   name: "crab",
 *   spectral: new PowerLawSpectralModel({ index: 2.6, amplitude: "5e-11 cm-2 s-1 TeV-1" }),
 *   spatial: new PointSpatialModel({ lon_0: "83.633 deg", lat_0: "22.014 deg" }),
 * });
 * crab.parameters.names;   // ["index", "amplitude", "reference", "lon_0", "lat_0"]
 * ```
 */
export class SkyModel implements CovarianceOwner {
  /** Type names accepted in YAML. */
  static readonly tags = ["SkyModel", "sky-model"] as const;
  /** Type names. */
  readonly tag = SkyModel.tags;
  /** Model name (unique within a Models collection). */
  readonly name: string;
  /** Spectral part. */
  readonly spectral: SpectralModel;
  /** Spatial part, if any. */
  readonly spatial: SpatialModel | undefined;
  /** Temporal part, if any. */
  readonly temporal: TemporalModel | undefined;
  /** Datasets the model applies to (undefined = all). */
  datasetsNames: string[] | undefined;
  /** IRFs to apply. */
  applyIrf: ApplyIrf;
  /** Spectral, then spatial, then temporal parameters. */
  readonly parameters: Parameters;

  /**
   * @param options - spectral, spatial, temporal, name, datasetsNames, applyIrf
   * @throws ConfigError when the spectral model is a norm model, unless the spatial
   *   model carries the flux unit (a template such as a Fermi diffuse cube)
   */
  constructor(options: SkyModelOptions) {
    const { spectral, spatial, temporal } = options;
    if (spectral.kind !== "flux" && (spatial === undefined || spatial.unit === "sr-1")) {
      throw new ConfigError(
        `SkyModel '${options.name ?? ""}' needs a spectral model in flux units, got ${spectral.tag[0]} (dimensionless norm)`,
        "spectral",
        { hint: "use e.g. PowerLawSpectralModel; norm models belong to FoVBackgroundModel or to flux templates" },
      );
    }
    this.name = options.name ?? makeName();
    this.spectral = spectral;
    this.spatial = spatial;
    this.temporal = temporal;
    this.datasetsNames = options.datasetsNames === undefined ? undefined : [...options.datasetsNames];
    this.applyIrf = { ...DEFAULT_APPLY_IRF, ...options.applyIrf };
    this.parameters = Parameters.fromStack(this.parts.map((p) => p.parameters));
  }

  /** The parts whose parameters make up this model's: spectral, spatial, temporal. */
  get parts(): (SpectralModel | SpatialModel | TemporalModel)[] {
    const parts: (SpectralModel | SpatialModel | TemporalModel)[] = [this.spectral];
    if (this.spatial) parts.push(this.spatial);
    if (this.temporal) parts.push(this.temporal);
    return parts;
  }

  /** Covariance of all parameters (row-major n×n), assembled from the parts. */
  get covariance(): Float64Array {
    return compositeCovariance(this.parameters, this.parts);
  }

  /** Stamp of the latest covariance write here or in a part. */
  get covarianceStamp(): number {
    return compositeCovarianceStamp(this.parameters, this.parts);
  }

  /** Sets the covariance and hands each part its block. @throws DataError when not n×n */
  set covariance(matrix: ArrayLike<number>) {
    setCompositeCovariance(this.parameters, this.parts, matrix);
  }

  /** Centre of the spatial model, undefined without one. */
  get position(): SkyPosition | undefined {
    return this.spatial?.position;
  }

  /** True when every parameter is frozen. */
  get frozen(): boolean {
    return this.parameters.list.every((p) => p.frozen);
  }

  /**
   * Differential surface brightness at matching (lon, lat, energy) triples.
   *
   * @param lon - longitudes [deg], in `options.frame` (default: the spatial model's frame)
   * @param lat - latitudes [deg]
   * @param energy - energies [TeV]
   * @param options - frame of lon/lat; out: optional output
   * @returns values [cm-2 s-1 TeV-1 sr-1] (energy-dependent templates: evaluated at `energy`)
   * @throws DataError without an extended spatial model, or for arrays of different lengths
   */
  evaluate(
    lon: Float64Array,
    lat: Float64Array,
    energy: Float64Array,
    options: { frame?: FrameName; out?: Float64Array } = {},
  ): Float64Array {
    if (this.spatial === undefined || this.spatial.isPoint) {
      throw new DataError(`SkyModel '${this.name}' has no extended spatial model to evaluate`, {
        hint: "evaluate the spectral model (and use the position) instead",
      });
    }
    if (lon.length !== lat.length || lon.length !== energy.length) {
      throw new DataError(`lon, lat and energy must have the same length (${lon.length}, ${lat.length}, ${energy.length})`);
    }
    const result = this.spectral.evaluate(energy, options.out);
    const frame = options.frame ?? this.spatial.frame;
    const spatial = this.spatial.evaluateInFrame(lon, lat, frame, undefined, this.spatial.isEnergyDependent ? energy : undefined);
    for (let i = 0; i < result.length; i++) result[i]! *= spatial[i]!;
    return result;
  }

  /**
   * A deep copy (new parameter objects).
   *
   * @param name - name of the copy; default the same name
   */
  copy(name?: string): SkyModel {
    return new SkyModel({
      name: name ?? this.name,
      spectral: this.spectral.copy(),
      spatial: this.spatial?.copy(),
      temporal: this.temporal?.copy(),
      datasetsNames: this.datasetsNames,
      applyIrf: this.applyIrf,
    });
  }
}
