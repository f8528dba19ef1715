/**
 * @gammats/analysis — the thin `Analysis` facade of Gammapy 1.0's high-level interface:
 * config → observations → datasets (1D or 3D) → fit → flux points / light curve / excess
 * maps, session save and restore, and the whole run behind `gammats analysis run` (steps,
 * timings, summary.json).
 * Every step is delegated to the package that does the work.
 *
 * @example
 * ```ts
 * import { Analysis } from "@gammats/analysis";
 * import { AnalysisConfig } from "@gammats/config";
 * const analysis = new Analysis(await AnalysisConfig.read("config.yaml"));
 * await analysis.getObservations();
 * await analysis.getDatasets();
 * await analysis.readModels("model.yaml");
 * analysis.runFit();
 * analysis.getFluxPoints();
 * await analysis.write("results");
 * ```
 *
 * @packageDocumentation
 */

// the session
export { Analysis } from "./analysis.js";
export type { AnalysisOptions, SetModelsOptions, WriteOptions } from "./analysis.js";
export type { AnalysisFitResult } from "./fit-result.js";
export { analysisFitResult, fitResultFromYaml, fitResultToYaml } from "./fit-result.js";

// whole runs
export { runAnalysis, runAnalysisFile } from "./run-analysis.js";
export type { RunAnalysisOptions, RunAnalysisResult } from "./run-analysis.js";
export { optimiseSession } from "./optimise-session.js";
export type { OptimiseSessionOptions } from "./optimise-session.js";
/** Progress of the datasets step (re-exported from @gammats/reduce for `onProgress` callers). */
export type { ReduceProgress } from "@gammats/reduce";
export { STEPS, isStepName, resolveSteps } from "./steps.js";
export type { StepName } from "./steps.js";
export {
  datasetsSummary,
  excessMapSummary,
  fitSummary,
  fluxPointsSummary,
  lightCurveSummary,
  observationsSummary,
  peakRssMb,
} from "./summary.js";
export type {
  AnalysisSummary,
  FitSummary,
  FluxPointSummary,
  LightCurveBinSummary,
  ObservationSummary,
  ParameterSummary,
  TimingsSummary,
} from "./summary.js";
export { alignColumns, formatFitResult, formatFluxPoints, formatInfoTable, formatLightCurve, formatNumber, formatTable } from "./report.js";
export { gammatsVersion } from "./version.js";

// the steps, for callers that assemble their own workflow
export { configPath } from "./context.js";
export type { StepContext } from "./context.js";
export { loggerFromConfig } from "./logging.js";
export type { LoggerFromConfigOptions } from "./logging.js";
export { runObservationsStep } from "./observations-step.js";
export { energyAxisFromConfig, runDatasetsStep, safeMaskMaker, spectrumReference } from "./datasets-step.js";
export { fovBackgroundModelsFor, mapBackgroundMaker, mapExclusionMask, runMapDatasetsStep } from "./map-datasets-step.js";
export { mapGeometry, mapReference } from "./map-geometry.js";
export { readExcessMapFits, runExcessMapStep, writeExcessMapFits } from "./excess-map-step.js";
export { applyFitRange, runFitStep } from "./fit-step.js";
export { runFluxPointsStep } from "./flux-points-step.js";
export { runLightCurveStep } from "./light-curve-step.js";
export { estimatorDatasets } from "./estimator-datasets.js";
export { estimatorOptions } from "./estimator-options.js";
export { mapParameters } from "./maker-options.js";
export type { OptionSpec } from "./maker-options.js";

// files
export { readSession, writeSession } from "./session-io.js";
export type { SessionState, WriteSessionOptions } from "./session-io.js";
export { readDatasetsFile, writeDatasetsFile } from "./datasets-file.js";
export type { WriteDatasetsFileOptions } from "./datasets-file.js";
export { readFluxPointsFits, readFluxPointsTable, writeFluxPointsFits } from "./flux-points-fits.js";
export type { WriteFluxPointsFitsOptions } from "./flux-points-fits.js";
export { MANIFEST, PRODUCT_FILES, checkOutputDir, commitProducts, existingProducts } from "./output-dir.js";
