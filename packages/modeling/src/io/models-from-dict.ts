/**
 * Plain mappings in Gammapy 1.0's YAML schema → Models. Parameters missing from a list
 * take their declared defaults (with a warning, as Gammapy; an error when `strict`);
 * unknown types, keys and parameter names are errors that name the key path and the
 * accepted values.
 */
import { existsSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { type GammatsError, silentLogger, type Logger } from "@gammats/core";
import { FoVBackgroundModel } from "../fov-background-model.js";
import { Models, type Model } from "../models.js";
import {
  SPATIAL_MODEL_TYPES,
  SPECTRAL_MODEL_TYPES,
  TEMPORAL_MODEL_TYPES,
  findSpatialModelType,
  findSpectralModelType,
  findTemporalModelType,
} from "../registry.js";
import { SkyModel, type ApplyIrf } from "../sky-model.js";
import { checkFrame, type SpatialModel } from "../spatial/spatial-model.js";
import { expandPath, readTemplateSpatialModel } from "../spatial/template-map-io.js";
import { TemplateSpatialModel } from "../spatial/template-spatial.js";
import { COMPOUND_OPERATORS, CompoundSpectralModel, type CompoundOperator } from "../spectral/compound-spectral.js";
import type { SpectralModel } from "../spectral/spectral-model.js";
import { TEMPLATE_SPECTRAL_PARAMETERS, TemplateSpectralModel } from "../spectral/template-spectral.js";
import {
  LIGHT_CURVE_TEMPLATE_PARAMETERS,
  LightCurveTemplateTemporalModel,
  readLightCurveTemplate,
} from "../temporal/light-curve-template-temporal.js";
import type { TemporalModel } from "../temporal/temporal-model.js";
import { readParameters } from "./parameters-from-dict.js";
import {
  checkKeys,
  describe,
  expectMapping,
  fail,
  toBoolean,
  toNumber,
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
  /**
   * Directory where template files (spatial maps, light curves) are looked up when they
   * are not found as written (relative to the working directory, as Gammapy); `readModels`
   * sets the YAML file's directory.
   */
  baseDir?: string;
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
  if ((TemplateSpectralModel.tags as readonly string[]).includes(type)) return readTemplateSpectral(ctx, obj, path, type);
  const entry = findSpectralModelType(type);
  if (entry === undefined) {
    const known = [...SPECTRAL_MODEL_TYPES.map((t) => t.tags[0]), CompoundSpectralModel.tags[0], TemplateSpectralModel.tags[0]];
    fail(ctx, [...path, "type"], `unknown spectral model type '${type}'`, `known types: ${known.join(", ")} (or their short tags)`);
  }
  checkKeys(ctx, obj, ["type", "parameters"], path, type);
  const pars = readParameters(ctx, obj["parameters"], entry.defaults, [...path, "parameters"], entry.tags[0]);
  return entry.create(pars);
}

/** A `{data: [numbers], unit}` mapping of a TemplateSpectralModel. */
function readTemplateArray(ctx: Context, obj: Mapping, key: string, path: KeyPath, type: string): { data: number[]; unit: string } {
  const arr = expectMapping(ctx, obj[key], [...path, key], `'${key}' of ${type} ({data: [...], unit: ...})`);
  checkKeys(ctx, arr, ["data", "unit"], [...path, key], key);
  const data = arr["data"];
  if (!Array.isArray(data) || data.length === 0) {
    fail(ctx, [...path, key, "data"], `'${key}.data' must be a non-empty list of numbers, got ${describe(data)}`, "data: [0.1, 1.0, 10.0]");
  }
  const unit = arr["unit"] ?? "";
  if (typeof unit !== "string") fail(ctx, [...path, key, "unit"], `'${key}.unit' must be a string, got ${describe(unit)}`, "unit: TeV");
  return { data: data.map((v, i) => toNumber(ctx, v, [...path, key, "data", i], `${key}.data[${i}]`)), unit };
}

/** A TemplateSpectralModel: `energy` and `values` tables (`{data, unit}`) and the `norm` parameter. */
function readTemplateSpectral(ctx: Context, obj: Mapping, path: KeyPath, type: string): SpectralModel {
  checkKeys(ctx, obj, ["type", "parameters", "energy", "values"], path, type);
  const energy = readTemplateArray(ctx, obj, "energy", path, type);
  const values = readTemplateArray(ctx, obj, "values", path, type);
  const pars = readParameters(ctx, obj["parameters"], TEMPLATE_SPECTRAL_PARAMETERS, [...path, "parameters"], TemplateSpectralModel.tags[0]);
  try {
    return new TemplateSpectralModel({
      energy: energy.data,
      energyUnit: energy.unit,
      values: values.data,
      valuesUnit: values.unit,
      norm: pars["norm"]!,
    });
  } catch (err) {
    return fail(ctx, path, (err as GammatsError).message, undefined, err);
  }
}

/** The file a template's `filename` names: expanded, else next to the models file. */
function templatePath(ctx: Context, filename: string): string {
  const expanded = expandPath(filename);
  if (isAbsolute(expanded) || existsSync(expanded) || ctx.baseDir === undefined) return expanded;
  const candidate = join(ctx.baseDir, expanded);
  return existsSync(candidate) ? candidate : expanded;
}

function readFilename(ctx: Context, obj: Mapping, path: KeyPath, what: string): string {
  const filename = obj["filename"];
  if (typeof filename !== "string" || filename === "") {
    fail(ctx, [...path, "filename"], `${what} needs a 'filename'`, "filename: <FITS file>");
  }
  return filename;
}

/** A TemplateSpatialModel: the map named by `filename`, normalised unless `normalize: false`. */
function readTemplateSpatial(ctx: Context, obj: Mapping, path: KeyPath, type: string): SpatialModel {
  checkKeys(ctx, obj, ["type", "frame", "parameters", "filename", "normalize", "unit"], path, type);
  const filename = readFilename(ctx, obj, path, type);
  const normalize = obj["normalize"] === undefined ? true : toBoolean(ctx, obj["normalize"], [...path, "normalize"], "normalize");
  try {
    const model = readTemplateSpatialModel(templatePath(ctx, filename), { normalize, logger: ctx.logger });
    model.filename = expandPath(filename);
    return model;
  } catch (err) {
    return fail(ctx, [...path, "filename"], `cannot read template map '${filename}': ${(err as Error).message}`, undefined, err);
  }
}

function readSpatial(ctx: Context, data: unknown, path: KeyPath): SpatialModel {
  const obj = expectMapping(ctx, data, path, "a spatial model");
  const type = readType(ctx, obj, path, "a spatial model");
  if ((TemplateSpatialModel.tags as readonly string[]).includes(type)) return readTemplateSpatial(ctx, obj, path, type);
  const entry = findSpatialModelType(type);
  if (entry === undefined) {
    const known = [...SPATIAL_MODEL_TYPES.map((t) => t.tags[0]), TemplateSpatialModel.tags[0]];
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

/**
 * A LightCurveTemplateTemporalModel: as Gammapy, everything (t_ref included) comes from
 * the table named by `filename`; the parameter list is only checked.
 */
function readLightCurve(ctx: Context, obj: Mapping, path: KeyPath, type: string): TemporalModel {
  checkKeys(ctx, obj, ["type", "parameters", "filename", "format", "unit"], path, type);
  const filename = readFilename(ctx, obj, path, type);
  const format = obj["format"];
  if (format !== undefined && format !== "table") {
    fail(ctx, [...path, "format"], `light-curve template format ${JSON.stringify(format)} is not supported`, "gammats reads format: table (TIME/NORM columns)");
  }
  readParameters(ctx, obj["parameters"], LIGHT_CURVE_TEMPLATE_PARAMETERS, [...path, "parameters"], type);
  try {
    const model = readLightCurveTemplate(templatePath(ctx, filename));
    model.filename = expandPath(filename);
    return model;
  } catch (err) {
    return fail(ctx, [...path, "filename"], `cannot read light curve '${filename}': ${(err as Error).message}`, undefined, err);
  }
}

function readTemporal(ctx: Context, data: unknown, path: KeyPath): TemporalModel {
  const obj = expectMapping(ctx, data, path, "a temporal model");
  const type = readType(ctx, obj, path, "a temporal model");
  if ((LightCurveTemplateTemporalModel.tags as readonly string[]).includes(type)) return readLightCurve(ctx, obj, path, type);
  const entry = findTemporalModelType(type);
  if (entry === undefined) {
    const known = [...TEMPORAL_MODEL_TYPES.map((t) => t.tags[0]), LightCurveTemplateTemporalModel.tags[0]];
    fail(ctx, [...path, "type"], `unknown temporal model type '${type}'`, `known types: ${known.join(", ")} (or their short tags)`);
  }
  checkKeys(ctx, obj, ["type", "parameters"], path, type);
  const pars = readParameters(ctx, obj["parameters"], entry.defaults, [...path, "parameters"], entry.tags[0]);
  return entry.create(pars);
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
  if (obj["spectral"] === undefined) fail(ctx, [...path, "spectral"], "SkyModel needs a spectral model", "add spectral: {type: ..., parameters: [...]}");
  const spectral = readSpectral(ctx, obj["spectral"], [...path, "spectral"]);
  const spatial = obj["spatial"] === undefined || obj["spatial"] === null ? undefined : readSpatial(ctx, obj["spatial"], [...path, "spatial"]);
  if (spectral.kind !== "flux" && (spatial === undefined || spatial.unit === "sr-1")) {
    fail(ctx, [...path, "spectral", "type"], `SkyModel needs a spectral model in flux units, got ${spectral.tag[0]}`, "norm models belong to FoVBackgroundModel or to flux templates");
  }
  const temporal = obj["temporal"] === undefined || obj["temporal"] === null ? undefined : readTemporal(ctx, obj["temporal"], [...path, "temporal"]);
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
    temporal,
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
    baseDir: options.baseDir,
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
