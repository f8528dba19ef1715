/**
 * Field-of-view background model: a dimensionless spectral correction of a dataset's
 * background (Gammapy's FoVBackgroundModel, "fov-bkg"), named "<dataset>-bkg".
 */
import { ConfigError } from "@gammats/core";
import type { CovarianceOwner } from "./model-covariance.js";
import type { ParameterSpec } from "./model-parameters.js";
import type { Parameters } from "./parameters.js";
import { PowerLawNormSpectralModel } from "./spectral/power-law-norm.js";
import type { SpectralModel } from "./spectral/spectral-model.js";

/** Options of {@link FoVBackgroundModel}. */
export interface FoVBackgroundModelOptions {
  /** The dataset whose background it scales (required). */
  datasetName: string;
  /** A norm spectral model; default PowerLawNormSpectralModel (norm 1, tilt 0, reference 1 TeV). */
  spectral?: SpectralModel;
}

/**
 * Background normalisation and tilt for one dataset.
 *
 * @example
 * ```ts
 * const bkg = new FoVBackgroundModel({ datasetName: "obs-23523" });
 * bkg.name;                    // "obs-23523-bkg"
 * bkg.parameters.names;        // ["norm", "tilt", "reference"]
 * ```
 */
export class FoVBackgroundModel implements CovarianceOwner {
  /** Type names accepted in YAML. */
  static readonly tags = ["FoVBackgroundModel", "fov-bkg"] as const;
  /** Type names. */
  readonly tag = FoVBackgroundModel.tags;
  /** The dataset this model belongs to (one element). */
  readonly datasetsNames: readonly [string];
  /** Norm spectral model. */
  readonly spectral: SpectralModel;

  /**
   * @param options - datasetName, spectral
   * @throws ConfigError without a dataset name or with a flux (non-norm) spectral model
   */
  constructor(options: FoVBackgroundModelOptions) {
    if (typeof options.datasetName !== "string" || options.datasetName === "") {
      throw new ConfigError("FoVBackgroundModel needs a dataset name", "datasets_names", {
        hint: "give datasets_names: [<dataset name>]",
      });
    }
    const spectral = options.spectral ?? new PowerLawNormSpectralModel();
    if (spectral.kind !== "norm") {
      throw new ConfigError(`FoVBackgroundModel needs a norm spectral model, got ${spectral.tag[0]}`, "spectral", {
        hint: "use e.g. PowerLawNormSpectralModel",
      });
    }
    this.datasetsNames = [options.datasetName];
    this.spectral = spectral;
  }

  /** "<dataset name>-bkg". */
  get name(): string {
    return `${this.datasetsNames[0]}-bkg`;
  }

  /** The spectral model's parameters. */
  get parameters(): Parameters {
    return this.spectral.parameters;
  }

  /** Covariance (row-major n×n) of the spectral parameters. */
  get covariance(): Float64Array {
    return this.spectral.covariance;
  }

  /** Stamp of the latest covariance write (see `Parameters.covarianceStamp`). */
  get covarianceStamp(): number {
    return this.spectral.covarianceStamp;
  }

  /** Sets the covariance and errors. @throws DataError when not n×n */
  set covariance(matrix: ArrayLike<number>) {
    this.spectral.covariance = matrix;
  }

  /** True when every parameter is frozen. */
  get frozen(): boolean {
    return this.parameters.list.every((p) => p.frozen);
  }

  /**
   * The background correction factor at each energy.
   *
   * @param energy - reconstructed energies [TeV]
   * @param out - optional output
   * @returns dimensionless factors
   */
  evaluate(energy: Float64Array, out?: Float64Array): Float64Array {
    return this.spectral.evaluate(energy, out);
  }

  /** Resets the spectral parameter values and units to the model class's defaults. */
  resetToDefault(): void {
    const specs = (this.spectral.constructor as { defaults?: readonly ParameterSpec[] }).defaults ?? [];
    for (const spec of specs) {
      if (this.spectral.parameters.has(spec.name)) this.spectral.parameters.get(spec.name).setQuantity(spec.value, spec.unit);
    }
  }

  /** A deep copy. */
  copy(): FoVBackgroundModel {
    return new FoVBackgroundModel({ datasetName: this.datasetsNames[0], spectral: this.spectral.copy() });
  }
}

/**
 * The FoV background model of a dataset: the model named "<dataset name>-bkg" (the name a
 * FoVBackgroundModel takes from its dataset) when it is a FoVBackgroundModel, else undefined.
 *
 * @param models - the dataset's models, or null
 * @param datasetName - the dataset's name
 * @returns the model, or undefined
 * @example
 * ```ts
 * datasetFovBackgroundModel(dataset.models, dataset.name)?.evaluate([1, 10]); // norm per energy
 * ```
 */
export function datasetFovBackgroundModel(
  models: { has(name: string): boolean; get(name: string): unknown } | null | undefined,
  datasetName: string,
): FoVBackgroundModel | undefined {
  const name = `${datasetName}-bkg`;
  const model = models?.has(name) ? models.get(name) : undefined;
  return model instanceof FoVBackgroundModel ? model : undefined;
}
