/**
 * @gammats/modeling — parameters, spectral, spatial and temporal models, SkyModel,
 * FoVBackgroundModel, the Models collection and Models YAML I/O in Gammapy 1.0's format.
 *
 * Units: energies in TeV, angles in deg; dN/dE in cm-2 s-1 TeV-1, spatial models in sr-1,
 * integral fluxes in cm-2 s-1, energy fluxes in TeV cm-2 s-1; times as MJD, durations in days.
 *
 * @packageDocumentation
 */

// parameters and covariance
export { Parameter } from "./parameter.js";
export type { ParameterOptions, ParameterInterp, ScaleMethod } from "./parameter.js";
export { Parameters, isClose } from "./parameters.js";
export type { ParameterKey } from "./parameters.js";
export { subCovariance, setSubCovariance, covarianceFromFactors, correlationMatrix } from "./covariance.js";
export { compositeCovariance, setCompositeCovariance } from "./model-covariance.js";
export type { CovarianceOwner } from "./model-covariance.js";
export { buildParameters, defaultParameter, copyParameters } from "./model-parameters.js";
export type { ParameterSpec, ParameterInput, ParameterInputs } from "./model-parameters.js";

// spectral models
export { SpectralModel, TEV_TO_ERG } from "./spectral/spectral-model.js";
export type { SpectralKind, ValueWithError, EnergyBounds } from "./spectral/spectral-model.js";
export {
  integrateSpectrum,
  logLogSegment,
  powerLawIntegral,
  integrationPointCount,
  geomspaceInto,
  INTEGRATION_POINTS_PER_DECADE,
} from "./spectral/integrate-spectrum.js";
export { PowerLawSpectralModel, POWER_LAW_PARAMETERS, powerLaw, powerLawEnergyFlux } from "./spectral/power-law.js";
export { PowerLawNormSpectralModel, POWER_LAW_NORM_PARAMETERS } from "./spectral/power-law-norm.js";
export { ScaleSpectralModel } from "./spectral/scale-spectral.js";
export { PowerLaw2SpectralModel, POWER_LAW_2_PARAMETERS } from "./spectral/power-law-2.js";
export {
  ExpCutoffPowerLawSpectralModel,
  EXP_CUTOFF_POWER_LAW_PARAMETERS,
  expCutoffPowerLaw,
} from "./spectral/exp-cutoff-power-law.js";
export {
  ExpCutoffPowerLawNormSpectralModel,
  EXP_CUTOFF_POWER_LAW_NORM_PARAMETERS,
} from "./spectral/exp-cutoff-power-law-norm.js";
export { LogParabolaSpectralModel, LOG_PARABOLA_PARAMETERS, logParabola } from "./spectral/log-parabola.js";
export { LogParabolaNormSpectralModel, LOG_PARABOLA_NORM_PARAMETERS } from "./spectral/log-parabola-norm.js";
export { BrokenPowerLawSpectralModel, BROKEN_POWER_LAW_PARAMETERS } from "./spectral/broken-power-law.js";
export {
  SmoothBrokenPowerLawSpectralModel,
  SMOOTH_BROKEN_POWER_LAW_PARAMETERS,
} from "./spectral/smooth-broken-power-law.js";
export { ConstantSpectralModel, CONSTANT_SPECTRAL_PARAMETERS } from "./spectral/constant-spectral.js";
export { GaussianSpectralModel, GAUSSIAN_SPECTRAL_PARAMETERS } from "./spectral/gaussian-spectral.js";
export { TemplateSpectralModel, TEMPLATE_SPECTRAL_PARAMETERS } from "./spectral/template-spectral.js";
export type { TemplateSpectralModelOptions, TemplateArray } from "./spectral/template-spectral.js";
export { CompoundSpectralModel, COMPOUND_OPERATORS } from "./spectral/compound-spectral.js";
export type { CompoundOperator } from "./spectral/compound-spectral.js";

// spatial models
export { SpatialModel, FRAMES, checkFrame } from "./spatial/spatial-model.js";
export type { Frame, SkyPosition } from "./spatial/spatial-model.js";
export { PointSpatialModel, POINT_SPATIAL_PARAMETERS } from "./spatial/point-spatial.js";
export { GaussianSpatialModel, GAUSSIAN_SPATIAL_PARAMETERS, gaussianSpatial } from "./spatial/gaussian-spatial.js";
export { DiskSpatialModel, DISK_SPATIAL_PARAMETERS, diskNormalisation } from "./spatial/disk-spatial.js";
export { ConstantSpatialModel, CONSTANT_SPATIAL_PARAMETERS } from "./spatial/constant-spatial.js";
export {
  GeneralizedGaussianSpatialModel,
  GENERALIZED_GAUSSIAN_SPATIAL_PARAMETERS,
  generalizedGaussianSpatial,
} from "./spatial/generalized-gaussian-spatial.js";
export { ShellSpatialModel, SHELL_SPATIAL_PARAMETERS } from "./spatial/shell-spatial.js";
export { Shell2SpatialModel, SHELL2_SPATIAL_PARAMETERS } from "./spatial/shell2-spatial.js";
export { shellSpatial } from "./spatial/shell-kernel.js";
export { gammaFunction } from "./spatial/gamma-function.js";
export { TemplateSpatialModel } from "./spatial/template-spatial.js";
export type { TemplateSpatialModelOptions } from "./spatial/template-spatial.js";
export { LonLatGridGeom } from "./spatial/template-geom.js";
export type { TemplateGeom, TemplateMap, LonLatGridOptions } from "./spatial/template-geom.js";
export { interpolateMap } from "./spatial/template-interpolation.js";
export { readTemplateMap, readTemplateSpatialModel, templateGeomFromHeader, expandPath } from "./spatial/template-map-io.js";

// temporal models
export { TemporalModel, timeSum, TEMPORAL_INTEGRAL_SAMPLES, DEFAULT_T_REF_MJD } from "./temporal/temporal-model.js";
export { ConstantTemporalModel } from "./temporal/constant-temporal.js";
export { LinearTemporalModel, LINEAR_TEMPORAL_PARAMETERS } from "./temporal/linear-temporal.js";
export { ExpDecayTemporalModel, EXP_DECAY_TEMPORAL_PARAMETERS } from "./temporal/exp-decay-temporal.js";
export { GaussianTemporalModel, GAUSSIAN_TEMPORAL_PARAMETERS } from "./temporal/gaussian-temporal.js";
export {
  GeneralizedGaussianTemporalModel,
  GENERALIZED_GAUSSIAN_TEMPORAL_PARAMETERS,
} from "./temporal/generalized-gaussian-temporal.js";
export { PowerLawTemporalModel, POWER_LAW_TEMPORAL_PARAMETERS } from "./temporal/power-law-temporal.js";
export { SineTemporalModel, SINE_TEMPORAL_PARAMETERS } from "./temporal/sine-temporal.js";
export {
  LightCurveTemplateTemporalModel,
  LIGHT_CURVE_TEMPLATE_PARAMETERS,
  readLightCurveTemplate,
} from "./temporal/light-curve-template-temporal.js";
export type { LightCurveTemplateOptions } from "./temporal/light-curve-template-temporal.js";

// sky and background models, collection
export { SkyModel, DEFAULT_APPLY_IRF, makeName } from "./sky-model.js";
export type { SkyModelOptions, ApplyIrf } from "./sky-model.js";
export { FoVBackgroundModel, datasetFovBackgroundModel } from "./fov-background-model.js";
export type { FoVBackgroundModelOptions } from "./fov-background-model.js";
export { Models } from "./models.js";
export type { Model } from "./models.js";

// registries and YAML I/O
export {
  SPECTRAL_MODEL_TYPES,
  SPATIAL_MODEL_TYPES,
  TEMPORAL_MODEL_TYPES,
  findSpectralModelType,
  findSpatialModelType,
  findTemporalModelType,
  registerSpectralModelType,
  registerSpatialModelType,
  registerTemporalModelType,
} from "./registry.js";
export type { SpectralModelType, SpatialModelType, TemporalModelType } from "./registry.js";
export { modelsFromDict, formatKeyPath } from "./io/models-from-dict.js";
export type { ReadModelsOptions, KeyPath } from "./io/models-from-dict.js";
export {
  modelsToDict,
  modelToDict,
  spectralToDict,
  spatialToDict,
  temporalToDict,
  parameterToDict,
} from "./io/models-to-dict.js";
export type { ModelsToDictOptions } from "./io/models-to-dict.js";
export { modelsFromYaml, modelsToYaml, readModels, writeModels } from "./io/models-yaml.js";
export type { WriteModelsOptions } from "./io/models-yaml.js";
export { parseCovarianceTable, formatCovarianceTable } from "./io/covariance-table.js";
export type { CovarianceTable } from "./io/covariance-table.js";
export { emitYaml, yamlString, yamlInt } from "./io/yaml-emit.js";
export { parseYaml } from "./io/yaml-parse.js";
export type { YamlValue, YamlInt } from "./io/yaml-emit.js";
export { pythonFloatRepr, yamlFloat } from "./io/python-float.js";
export { astropyUnitString } from "./io/astropy-unit.js";
export { erf, erfc } from "./special.js";
