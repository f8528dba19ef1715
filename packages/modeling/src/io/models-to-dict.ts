/**
 * Models → plain mappings in Gammapy 1.0's YAML schema (`Models.to_dict`): defaults are
 * left out of parameter entries unless `fullOutput`, keys come in Gammapy's order, and
 * parameters shared between models get a `link` label.
 */
import { DataError } from "@gammats/core";
import type { Parameter } from "../parameter.js";
import type { ParameterSpec } from "../model-parameters.js";
import { FoVBackgroundModel } from "../fov-background-model.js";
import type { Models, Model } from "../models.js";
import { findSpatialModelType, findSpectralModelType, findTemporalModelType } from "../registry.js";
import { DEFAULT_APPLY_IRF, type SkyModel } from "../sky-model.js";
import type { SpatialModel } from "../spatial/spatial-model.js";
import { TemplateSpatialModel } from "../spatial/template-spatial.js";
import { CompoundSpectralModel } from "../spectral/compound-spectral.js";
import type { SpectralModel } from "../spectral/spectral-model.js";
import { TemplateSpectralModel } from "../spectral/template-spectral.js";
import { LightCurveTemplateTemporalModel } from "../temporal/light-curve-template-temporal.js";
import type { TemporalModel } from "../temporal/temporal-model.js";
import { astropyUnitString } from "./astropy-unit.js";
import type { YamlValue } from "./yaml-emit.js";

/** Options of the dict/YAML writers. */
export interface ModelsToDictOptions {
  /** Write every parameter field (min, max, error, interp, scale_method, is_norm), as Gammapy's `full_output`. */
  fullOutput?: boolean;
  /** Value of the top-level `covariance:` key (file name of the covariance table); omitted when undefined. */
  covarianceFile?: string | undefined;
}

type Mapping = { [key: string]: YamlValue };

function sameNumber(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/**
 * One parameter entry: name, value, unit (in astropy's FITS order, as Gammapy), error, min,
 * max, frozen (+ interp, scale_method, is_norm with `fullOutput`), link. Without `fullOutput` a field equal to the declared
 * default is dropped, and `unit` is dropped for dimensionless parameters.
 *
 * @param p - the parameter
 * @param spec - its declaration (defaults), if known
 * @param fullOutput - keep every field
 * @param link - link label, when the parameter is shared between models
 */
export function parameterToDict(p: Parameter, spec: ParameterSpec | undefined, fullOutput: boolean, link?: string): Mapping {
  const out: Mapping = {
    name: p.name,
    value: p.value,
    unit: astropyUnitString(p.unit),
    error: p.error,
    min: p.min,
    max: p.max,
    frozen: p.frozen,
  };
  if (fullOutput) {
    out["interp"] = p.interp;
    out["scale_method"] = p.scaleMethod;
    out["is_norm"] = p.isNorm;
  } else if (spec !== undefined) {
    if (sameNumber(p.error, 0)) delete out["error"];
    if (sameNumber(p.min, spec.min ?? NaN)) delete out["min"];
    if (sameNumber(p.max, spec.max ?? NaN)) delete out["max"];
    if (p.frozen === (spec.frozen ?? false)) delete out["frozen"];
    if (spec.unit === "") delete out["unit"];
  }
  if (link !== undefined) out["link"] = link;
  return out;
}

/** Assigns link labels to parameters used more than once (keeping labels they already have). */
function linkLabels(models: Models): Map<Parameter, string> {
  const seen = new Set<Parameter>();
  const shared = new Set<Parameter>();
  for (const p of models.parameters) {
    if (seen.has(p)) shared.add(p);
    seen.add(p);
  }
  const labels = new Map<Parameter, string>();
  let k = 0;
  for (const p of shared) {
    if (p.linkLabel === undefined) p.linkLabel = `${p.name}@link${k++}`;
    labels.set(p, p.linkLabel);
  }
  return labels;
}

function parameterList(
  pars: Iterable<Parameter>,
  specs: readonly ParameterSpec[] | undefined,
  fullOutput: boolean,
  links: Map<Parameter, string>,
): Mapping[] {
  return [...pars].map((p) => parameterToDict(p, specs?.find((s) => s.name === p.name), fullOutput, links.get(p)));
}

function declaredSpecs(model: object, tag: string, kind: "spectral" | "spatial" | "temporal"): readonly ParameterSpec[] | undefined {
  const entry =
    kind === "spectral" ? findSpectralModelType(tag) : kind === "spatial" ? findSpatialModelType(tag) : findTemporalModelType(tag);
  return entry?.defaults ?? (model.constructor as { defaults?: readonly ParameterSpec[] }).defaults;
}

/**
 * A spectral model's mapping: `{type, parameters}` (TemplateSpectralModel adds
 * `energy` and `values` as `{data, unit}`), or for a compound model
 * `{type, model1, model2, operator}`.
 *
 * @param model - spectral model
 * @param fullOutput - keep default fields
 * @param links - link labels of shared parameters
 */
export function spectralToDict(model: SpectralModel, fullOutput = false, links = new Map<Parameter, string>()): Mapping {
  if (model instanceof CompoundSpectralModel) {
    return {
      type: model.tag[0],
      model1: spectralToDict(model.model1, fullOutput, links),
      model2: spectralToDict(model.model2, fullOutput, links),
      operator: model.operator,
    };
  }
  const specs = declaredSpecs(model, model.tag[0], "spectral");
  const out: Mapping = { type: model.tag[0], parameters: parameterList(model.parameters, specs, fullOutput, links) };
  if (model instanceof TemplateSpectralModel) {
    // Gammapy: the tables are written inline, units as given.
    out["energy"] = { data: [...model.energy.data], unit: model.energy.unit };
    out["values"] = { data: [...model.values.data], unit: model.values.unit };
  }
  return out;
}

/**
 * A spatial model's mapping: `{type, frame, parameters}` (ConstantSpatialModel: no frame
 * and an empty parameter list, as Gammapy writes it).
 *
 * @param model - spatial model
 * @param fullOutput - keep default fields
 * @param links - link labels of shared parameters
 */
export function spatialToDict(model: SpatialModel, fullOutput = false, links = new Map<Parameter, string>()): Mapping {
  if (model instanceof TemplateSpatialModel) {
    // Gammapy: the map file is the model; `unit` is informative (ignored on reading).
    if (model.filename === undefined) {
      throw new DataError("a TemplateSpatialModel without a filename cannot be written to YAML", {
        hint: "set model.filename to the FITS file holding the map",
      });
    }
    return {
      type: model.tag[0],
      frame: model.frame,
      parameters: [],
      filename: model.filename,
      normalize: model.normalize,
      unit: model.yamlUnit,
    };
  }
  const entry = findSpatialModelType(model.tag[0]);
  if (entry !== undefined && !entry.hasFrame) return { type: model.tag[0], parameters: [] };
  const specs = declaredSpecs(model, model.tag[0], "spatial");
  return { type: model.tag[0], frame: model.frame, parameters: parameterList(model.parameters, specs, fullOutput, links) };
}

/**
 * A temporal model's mapping: `{type, parameters}`; a light-curve template adds
 * `filename`, `format: table` and `unit` as Gammapy writes them.
 *
 * @param model - temporal model
 * @param fullOutput - keep default fields
 * @param links - link labels of shared parameters
 * @throws DataError for a light-curve template without a filename
 */
export function temporalToDict(model: TemporalModel, fullOutput = false, links = new Map<Parameter, string>()): Mapping {
  const specs = declaredSpecs(model, model.tag[0], "temporal");
  const out: Mapping = { type: model.tag[0], parameters: parameterList(model.parameters, specs, fullOutput, links) };
  if (model instanceof LightCurveTemplateTemporalModel) {
    if (model.filename === undefined) {
      throw new DataError("a LightCurveTemplateTemporalModel without a filename cannot be written to YAML", {
        hint: "set model.filename to the FITS table holding the light curve",
      });
    }
    out["filename"] = model.filename;
    out["format"] = "table";
    out["unit"] = model.normUnit;
  }
  return out;
}

/**
 * One component of `components:`.
 *
 * @param model - sky or background model
 * @param fullOutput - keep default fields
 * @param links - link labels of shared parameters
 */
export function modelToDict(model: Model, fullOutput = false, links = new Map<Parameter, string>()): Mapping {
  if (model instanceof FoVBackgroundModel) {
    return {
      type: model.tag[0],
      datasets_names: [...model.datasetsNames],
      spectral: spectralToDict(model.spectral, fullOutput, links),
    };
  }
  const sky: SkyModel = model;
  const out: Mapping = { name: sky.name, type: sky.tag[0] };
  const irf = sky.applyIrf;
  if (irf.exposure !== DEFAULT_APPLY_IRF.exposure || irf.psf !== DEFAULT_APPLY_IRF.psf || irf.edisp !== DEFAULT_APPLY_IRF.edisp) {
    out["apply_irf"] = { exposure: irf.exposure, psf: irf.psf, edisp: irf.edisp };
  }
  if (sky.datasetsNames !== undefined) out["datasets_names"] = [...sky.datasetsNames];
  out["spectral"] = spectralToDict(sky.spectral, fullOutput, links);
  if (sky.spatial !== undefined) out["spatial"] = spatialToDict(sky.spatial, fullOutput, links);
  if (sky.temporal !== undefined) out["temporal"] = temporalToDict(sky.temporal, fullOutput, links);
  return out;
}

/**
 * The whole file's mapping: `{components: [...], covariance: <file>}`.
 *
 * @param models - the collection
 * @param options - fullOutput, covarianceFile
 * @example
 * ```ts
 * emitYaml(modelsToDict(models));   // Gammapy-compatible YAML text
 * ```
 */
export function modelsToDict(models: Models, options: ModelsToDictOptions = {}): Mapping {
  const fullOutput = options.fullOutput ?? false;
  const links = linkLabels(models);
  const out: Mapping = { components: models.list.map((m) => modelToDict(m, fullOutput, links)) };
  if (options.covarianceFile !== undefined) out["covariance"] = options.covarianceFile;
  return out;
}
