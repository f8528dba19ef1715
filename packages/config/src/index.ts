/**
 * @gammats/config — the analysis configuration: Gammapy 1.0's `AnalysisConfig` keys,
 * validated by one committed JSON Schema, read from and written to YAML, with a
 * commented template and error messages that name the offending key.
 *
 * @packageDocumentation
 */
export { AnalysisConfig } from "./analysis-config.js";
export type { AnalysisConfigInput, AnalysisConfigOptions } from "./analysis-config.js";

export type {
  AnalysisConfigData,
  BackgroundConfig,
  ConfigKeyPaths,
  DatasetsConfig,
  EnergyAxesConfig,
  EnergyAxisConfig,
  EnergyRangeConfig,
  ExcessMapConfig,
  FitConfig,
  FluxPointsConfig,
  GeneralConfig,
  GeomConfig,
  LightCurveConfig,
  LogConfig,
  ObservationsConfig,
  SafeMaskConfig,
  SelectionConfig,
  SkyCoordConfig,
  SpatialCircleConfig,
  TimeRangeConfig,
  WcsConfig,
  WidthConfig,
} from "./config-types.js";

export { validateConfig } from "./validate.js";
export { configTemplate, uncommentLine } from "./template.js";
export { SCHEMA_FILE, analysisConfigSchema, analysisConfigSchemaText, keyPathsOfKind, schemaAt } from "./schema.js";
export type { RootSchema, SchemaNode, ValueKind } from "./schema.js";
export { expandEnvVars } from "./env-vars.js";
export type { ExpandEnvOptions } from "./env-vars.js";
export { didYouMean, editDistance } from "./did-you-mean.js";
export { readTextFile, readTextFileSync, writeTextFileAtomic, writeTextFileAtomicSync } from "./text-file.js";
export type { WriteOptions } from "./text-file.js";
export type { EnergyAxisValues, PathOptions, SkyCircleValues, TimeInterval } from "./typed-values.js";
export type { DeepPartial, DeepReadonly } from "./plain-objects.js";
