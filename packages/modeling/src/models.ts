/**
 * Models: the ordered collection of sky and background models of an analysis, with
 * unique names, the stacked parameter list and the joint covariance (Gammapy's `Models`).
 */
import { ConfigError } from "@gammats/core";
import { FoVBackgroundModel } from "./fov-background-model.js";
import { compositeCovariance, compositeCovarianceStamp, setCompositeCovariance } from "./model-covariance.js";
import { Parameters } from "./parameters.js";
import { SkyModel } from "./sky-model.js";

/** A component of a {@link Models} collection. */
export type Model = SkyModel | FoVBackgroundModel;

/**
 * Ordered collection of models with unique names.
 *
 * @example
 * ```ts
 * const models = new Models([crab, new FoVBackgroundModel({ datasetName: "stacked" })]);
 * models.names;                              // ["crab", "stacked-bkg"]
 * models.parameters.free().length;           // free parameters of both
 * models.forDataset("stacked").names;        // both (crab has no datasets_names)
 * ```
 */
export class Models implements Iterable<Model> {
  private readonly items: Model[];
  private stacked: Parameters;
  /**
   * Name of the covariance table written next to (or read with) the YAML file, as in
   * the file's `covariance:` key; undefined when none.
   */
  covarianceFile: string | undefined;

  /**
   * @param models - the components
   * @throws ConfigError when two have the same name
   */
  constructor(models: Iterable<Model> = []) {
    this.items = [];
    for (const m of models) {
      this.checkNewName(m);
      this.items.push(m);
    }
    this.stacked = this.stack();
    this.covarianceFile = undefined;
  }

  /** Number of models. */
  get length(): number {
    return this.items.length;
  }

  [Symbol.iterator](): Iterator<Model> {
    return this.items[Symbol.iterator]();
  }

  /** The models as a read-only array. */
  get list(): readonly Model[] {
    return this.items;
  }

  /** Model names, in order. */
  get names(): string[] {
    return this.items.map((m) => m.name);
  }

  /** True when a model has this name. */
  has(name: string): boolean {
    return this.items.some((m) => m.name === name);
  }

  /**
   * The model with this name or index.
   *
   * @param key - name or index
   * @throws ConfigError naming the known models when absent
   */
  get(key: string | number): Model {
    const m = typeof key === "number" ? this.items[key] : this.items.find((x) => x.name === key);
    if (m === undefined) {
      throw new ConfigError(`no model ${JSON.stringify(key)}`, String(key), {
        hint: `known models: ${this.names.join(", ") || "(none)"}`,
      });
    }
    return m;
  }

  /**
   * Appends a model.
   *
   * @param model - the model
   * @throws ConfigError when the name is taken
   */
  add(model: Model): void {
    this.checkNewName(model);
    this.items.push(model);
    this.stacked = this.stack();
  }

  /**
   * Removes a model by name or object.
   *
   * @param key - name or the model itself
   * @throws ConfigError when absent
   */
  remove(key: string | Model): void {
    const i = typeof key === "string" ? this.items.findIndex((m) => m.name === key) : this.items.indexOf(key);
    if (i < 0) this.get(typeof key === "string" ? key : key.name);
    this.items.splice(i, 1);
    this.stacked = this.stack();
  }

  /** All parameters, model after model (linked parameters appear at each use). */
  get parameters(): Parameters {
    return this.stacked;
  }

  /** Unique parameter names "model.type.name" (e.g. "crab.spectral.index"), as in Gammapy's covariance files. */
  get parametersUniqueNames(): string[] {
    const names: string[] = [];
    for (const m of this.items) {
      const parts = m instanceof SkyModel ? m.parts : [m.spectral];
      for (const part of parts) for (const p of part.parameters) names.push(`${m.name}.${part.type}.${p.name}`);
    }
    return names;
  }

  /** Joint covariance (row-major n×n, parameter units), assembled from the models'. */
  get covariance(): Float64Array {
    return compositeCovariance(this.stacked, this.items);
  }

  /** Stamp of the latest covariance write here or in a part. */
  get covarianceStamp(): number {
    return compositeCovarianceStamp(this.stacked, this.items);
  }

  /** Sets the joint covariance, the models' blocks and the parameter errors. @throws DataError when not n×n */
  set covariance(matrix: ArrayLike<number>) {
    setCompositeCovariance(this.stacked, this.items, matrix);
  }

  /** The sky models (no background models). */
  skyModels(): SkyModel[] {
    return this.items.filter((m): m is SkyModel => m instanceof SkyModel);
  }

  /** The background models. */
  backgroundModels(): FoVBackgroundModel[] {
    return this.items.filter((m): m is FoVBackgroundModel => m instanceof FoVBackgroundModel);
  }

  /**
   * The models that apply to a dataset: those without `datasetsNames` or naming it.
   *
   * @param datasetName - dataset name
   * @returns a new collection sharing the model objects
   */
  forDataset(datasetName: string): Models {
    return new Models(
      this.items.filter((m) => m.datasetsNames === undefined || m.datasetsNames.includes(datasetName)),
    );
  }

  /** A deep copy (new parameter objects; links between models are not kept). */
  copy(): Models {
    const out = new Models(this.items.map((m) => m.copy()));
    out.covariance = this.covariance;
    return out;
  }

  private stack(): Parameters {
    return Parameters.fromStack(this.items.map((m) => m.parameters));
  }

  private checkNewName(model: Model): void {
    if (this.items.some((m) => m.name === model.name)) {
      throw new ConfigError(`model name '${model.name}' is used twice`, model.name, {
        hint: "model names must be unique; rename one of them",
      });
    }
  }
}
