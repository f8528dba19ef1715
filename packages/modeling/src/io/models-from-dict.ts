/**
 * Plain mappings in Gammapy 1.0's YAML schema → Models. Parameters missing from a list
 * take their declared defaults (with a warning, as Gammapy; an error when `strict`);
 * unknown types, keys and parameter names are errors that name the key path and the
 * accepted values.
 */
import { type GammatsError, silentLogger, type Logger } from "@gammats/core";
import { FoVBackgroundModel } from "../fov-background-model.js";
import { Models, type Model } from "../models.js";
import { SPATIAL_MODEL_TYPES, SPECTRAL_MODEL_TYPES, findSpatialModelType, findSpectralModelType } from "../registry.js";
import { SkyModel, type ApplyIrf } from "../sky-model.js";
import { checkFrame, type SpatialModel } from "../spatial/spatial-model.js";
import { COMPOUND_OPERATORS, CompoundSpectralModel, type CompoundOperator } from "../spectral/compound-spectral.js";
import type { SpectralModel } from "../spectral/spectral-model.js";
import { readParameters } from "./parameters-from-dict.js";
import {
  checkKeys,
  describe,
  expectMapping,
  fail,
  toBoolean,
  type Context,
  type KeyPath,
  type Mapping,
} from "./read-context.js";

export { formatKeyPath, type KeyPath } from "./read-context.js";

/** Options of the readers. */
export interface ReadModelsOptions {
  /** File name for messages. */
  file?: string;
  /** Where warnings go (missing parameters); default silent. */
  logger?: Logger;
  /** Treat a parameter missing from a list as an error instead of using its default. */
  strict?: boolean;
  /** Maps a key path to a 1-based line number for messages (set by the YAML reader). */
  locate?: (path: KeyPath) => number | undefined;
}

function readType(ctx: Context, obj: Mapping, path: KeyPath, what: string): string {
  if (typeof obj["type"] !== "string") fail(ctx, [...path, "type"], `${what} needs a 'type'`, "e.g. type: PowerLawSpectralModel");
  return obj["type"];
}

/** Reads a spectral mapping (including compound models). */
function readSpectral(ctx: Context, data: unknown, path: KeyPath): SpectralModel {
  const obj = expectMapping(ctx, data, path, "a spectral model");
  const type = readType(ctx, obj, path, "a spectral model");
  if (CompoundSpectralModel.tags.includes(type as "compound")) {
    checkKeys(ctx, obj, ["type", "model1", "model2", "operator"], path, type);
    const op = obj["operator"];
    if (typeof op !== "string" || !(COMPOUND_OPERATORS as readonly string[]).includes(op)) {
      fail(ctx, [...path, "operator"], `unknown compound operator ${JSON.stringify(op)}`, `use one of ${COMPOUND_OPERATORS.join(", ")}`);
    }
    const m1 = readSpectral(ctx, obj["model1"], [...path, "model1"]);
    const m2 = readSpectral(ctx, obj["model2"], [...path, "model2"]);
    return new CompoundSpectralModel(m1, m2, op as CompoundOperator);
  }
  const entry = findSpectralModelType(type);
  if (entry === undefined) {
    const known = [...SPECTRAL_MODEL_TYPES.map((t) => t.tags[0]), CompoundSpectralModel.tags[0]];
    fail(ctx, [...path, "type"], `unknown spectral model type '${type}'`, `known types: ${known.join(", ")} (or their short tags)`);
  }
  checkKeys(ctx, obj, ["type", "parameters"], path, type);
  const pars = readParameters(ctx, obj["parameters"], entry.defaults, [...path, "parameters"], entry.tags[0]);
  return entry.create(pars);
}

function readSpatial(ctx: Context, data: unknown, path: KeyPath): SpatialModel {
  const obj = expectMapping(ctx, data, path, "a spatial model");
  const type = readType(ctx, obj, path, "a spatial model");
  const entry = findSpatialModelType(type);
  if (entry === undefined) {
    const known = SPATIAL_MODEL_TYPES.map((t) => t.tags[0]);
    fail(ctx, [...path, "type"], `unknown spatial model type '${type}'`, `known types: ${known.join(", ")} (or their short tags)`);
  }
  checkKeys(ctx, obj, ["type", "frame", "parameters"], path, type);
  let frame: "icrs" | "galactic" = "icrs";
  if (entry.hasFrame && obj["frame"] !== undefined) {
    try {
      frame = checkFrame(obj["frame"]);
    } catch (err) {
      fail(ctx, [...path, "frame"], (err as GammatsError).message, undefined, err);
    }
  }
  const pars = readParameters(ctx, obj["parameters"], entry.defaults, [...path, "parameters"], entry.tags[0]);
  return entry.create(pars, frame);
}

function readDatasetsNames(ctx: Context, v: unknown, path: KeyPath): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v as string[];
  return fail(ctx, path, `datasets_names must be a list of names, got ${describe(v)}`);
}

const COMPONENT_TYPES = [...SkyModel.tags, ...FoVBackgroundModel.tags];

function readComponent(ctx: Context, data: unknown, path: KeyPath): Model {
  const obj = expectMapping(ctx, data, path, "a component");
  const type = readType(ctx, obj, path, "a component");
  if (FoVBackgroundModel.tags.includes(type as "fov-bkg")) {
    checkKeys(ctx, obj, ["type", "name", "datasets_names", "spectral"], path, type);
    const names = readDatasetsNames(ctx, obj["datasets_names"], [...path, "datasets_names"]);
    if (names === undefined || names.length !== 1) {
      fail(ctx, [...path, "datasets_names"], "FoVBackgroundModel must name exactly one dataset", "datasets_names: [<dataset name>]");
    }
    const spectral = obj["spectral"] === undefined ? undefined : readSpectral(ctx, obj["spectral"], [...path, "spectral"]);
    if (spectral !== undefined && spectral.kind !== "norm") {
      fail(ctx, [...path, "spectral", "type"], `FoVBackgroundModel needs a norm spectral model, got ${spectral.tag[0]}`, "use e.g. PowerLawNormSpectralModel");
    }
    return new FoVBackgroundModel({ datasetName: names[0]!, ...(spectral ? { spectral } : {}) });
  }
  if (!SkyModel.tags.includes(type as "sky-model")) {
    fail(ctx, [...path, "type"], `unknown model type '${type}'`, `known component types: ${COMPONENT_TYPES.join(", ")}`);
  }
  checkKeys(ctx, obj, ["name", "type", "spectral", "spatial", "temporal", "datasets_names", "apply_irf"], path, type);
  if (typeof obj["name"] !== "string" && typeof obj["name"] !== "number") fail(ctx, [...path, "name"], "SkyModel needs a name");
  if (obj["temporal"] !== undefined) {
    fail(ctx, [...path, "temporal"], "temporal models are not supported by gammats yet", "remove the temporal part");
  }
  if (obj["spectral"] === undefined) fail(ctx, [...path, "spectral"], "SkyModel needs a spectral model", "add spectral: {type: ..., parameters: [...]}");
  const spectral = readSpectral(ctx, obj["spectral"], [...path, "spectral"]);
  if (spectral.kind !== "flux") {
    fail(ctx, [...path, "spectral", "type"], `SkyModel needs a spectral model in flux units, got ${spectral.tag[0]}`, "norm models belong to FoVBackgroundModel");
  }
  const spatial = obj["spatial"] === undefined || obj["spatial"] === null ? undefined : readSpatial(ctx, obj["spatial"], [...path, "spatial"]);
  let applyIrf: Partial<ApplyIrf> | undefined;
  if (obj["apply_irf"] !== undefined) {
    const irf = expectMapping(ctx, obj["apply_irf"], [...path, "apply_irf"], "apply_irf");
    checkKeys(ctx, irf, ["exposure", "psf", "edisp"], [...path, "apply_irf"], "apply_irf");
    applyIrf = {};
    for (const k of ["exposure", "psf", "edisp"] as const) {
      if (irf[k] !== undefined) applyIrf[k] = toBoolean(ctx, irf[k], [...path, "apply_irf", k], `apply_irf.${k}`);
    }
  }
  return new SkyModel({
    name: String(obj["name"]),
    spectral,
    spatial,
    datasetsNames: readDatasetsNames(ctx, obj["datasets_names"], [...path, "datasets_names"]),
    ...(applyIrf ? { applyIrf } : {}),
  });
}

/**
 * Builds Models from a parsed document (`{components: [...], covariance: <file>}`).
 * The covariance table itself is read by `readModels`; here its name is only kept in
 * `models.covarianceFile`.
 *
 * @param data - the parsed YAML document
 * @param options - file (for messages), logger, strict, locate
 * @returns the models
 * @throws ConfigError naming the key path (and line) of the first problem
 * @example
 * ```ts
 * modelsFromDict({ components: [{ name: "src", type: "SkyModel", spectral: { type: "pl" } }] }).names;  // ["src"]
 * ```
 */
export function modelsFromDict(data: unknown, options: ReadModelsOptions = {}): Models {
  const ctx: Context = {
    file: options.file,
    logger: options.logger ?? silentLogger,
    strict: options.strict ?? false,
    locate: options.locate,
    links: new Map(),
  };
  const doc = expectMapping(ctx, data, [], "a models file");
  checkKeys(ctx, doc, ["components", "covariance"], [], "a models file");
  if (!Array.isArray(doc["components"])) {
    fail(ctx, ["components"], `'components' must be a list of models, got ${describe(doc["components"])}`);
  }
  const models = doc["components"].map((c, i) => readComponent(ctx, c, ["components", i]));
  const seen = new Set<string>();
  models.forEach((m, i) => {
    if (seen.has(m.name)) fail(ctx, ["components", i], `model name '${m.name}' is used twice`, "model names must be unique");
    seen.add(m.name);
  });
  const out = new Models(models);
  if (doc["covariance"] !== undefined) {
    if (typeof doc["covariance"] !== "string") fail(ctx, ["covariance"], "covariance must be a file name");
    out.covarianceFile = doc["covariance"];
  }
  return out;
}
