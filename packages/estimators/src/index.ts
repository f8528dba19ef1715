/**
 * @gammats/estimators — flux points and light curves (Gammapy 1.0's FluxPointsEstimator
 * and LightCurveEstimator), their FluxPoints result and its table formats.
 *
 * @packageDocumentation
 */

// estimators
export { FluxPointsEstimator, checkEnergyEdges } from "./flux-points-estimator.js";
export type { FluxPointsEstimatorOptions } from "./flux-points-estimator.js";
export { LightCurveEstimator } from "./light-curve-estimator.js";
export type { LightCurveEstimatorOptions } from "./light-curve-estimator.js";
export { resolveFluxOptions, resolveSelection, scanValues } from "./flux-estimator-options.js";
export type { ConfidenceBackend, FluxEstimatorOptions, ResolvedFluxOptions } from "./flux-estimator-options.js";

// the dataset interface the estimators work on, and the adapter for 1D dataset records
export { spectrumEstimatorDataset } from "./spectrum-dataset-adapter.js";
export { mapFluxEstimatorDataset } from "./map-flux-dataset-adapter.js";
export { maskedSum } from "./estimator-dataset.js";
export type { EstimatorDataset, EstimatorGti, NormParameter } from "./estimator-dataset.js";

// building blocks: energy and time bins, the per-bin norm fit
export { energySlice, alignedEnergyAxis, sliceMask } from "./energy-slices.js";
export type { EnergySlice } from "./energy-slices.js";
export { gtiRange, sortedTimeBins, selectDatasetsInTime } from "./time-slices.js";
export type { TimeInterval } from "./time-slices.js";
export { fitNorm, OPTIONAL_STEPS } from "./norm-fit.js";
export type { NormFitOptions, NormFitResult, OptionalStep } from "./norm-fit.js";
export { normConfidenceSide, confidenceEdges } from "./norm-confidence.js";
export type { NormFitProblem, NormConfidenceSide } from "./norm-confidence.js";
export { estimateFlux, datasetsModels, sourceModel } from "./flux-estimate.js";
export type { FluxEstimate, MaskedDataset } from "./flux-estimate.js";
export { estimateFluxPointRows, fluxPointsFromRows } from "./flux-point-rows.js";
export type { FluxPointRow, FluxPointsFromRowsOptions } from "./flux-point-rows.js";

// results and SED types
export { FluxPoints, logCentres } from "./flux-points.js";
export type { FluxPointsMeta, FluxPointsOptions, QuantityData } from "./flux-points.js";
export {
  SED_TYPES,
  FLUX_SED_TYPES,
  SED_UNITS,
  QUANTITY_NAMES,
  COMMON_QUANTITIES,
  PER_DATASET_QUANTITIES,
  REQUIRED_COLUMNS,
  sedColumnNames,
  referenceFluxes,
  ulConfidence,
  nSigmaFromUlConfidence,
  guessSedType,
} from "./sed-types.js";
export type { SedType, FluxSedType, QuantityName, SedColumnNames, ReferenceFluxes } from "./sed-types.js";

// table formats
export { fluxPointsToTable, fluxPointsFromTable, writeFluxPoints, readFluxPoints } from "./flux-points-io.js";
export type {
  TableColumn,
  TableMeta,
  FluxPointsTable,
  FluxPointsFormat,
  ToTableOptions,
  FromTableOptions,
  TableWriter,
  TableReader,
} from "./flux-points-io.js";

// --- map estimators: excess maps, TS maps and their FluxMaps result (map/) ---
export { ExcessMapEstimator } from "./map/excess-map-estimator.js";
export type { ExcessMapEstimatorOptions } from "./map/excess-map-estimator.js";
export { FluxMaps } from "./map/flux-maps.js";
export type { FluxMapsMeta } from "./map/flux-maps.js";
export { excessMapSummary } from "./map/excess-map-summary.js";
export type { ExcessMapSummary } from "./map/excess-map-summary.js";
export type { MapEstimatorDataset, MapExposure, MapEdispKernel, MapOnOffData } from "./map/map-estimator-dataset.js";
export { mapEstimatorDataset } from "./map/map-dataset-adapter.js";
export { MAP_OPTIONAL_STEPS, resolveMapSelection } from "./map/map-options.js";
export type { MapOptionalStep } from "./map/map-options.js";
export { energyGroups, sumGroups, orGroups, groupMask } from "./map/energy-groups.js";
export type { EnergyGroup, EnergyGroups } from "./map/energy-groups.js";
export { correlationKernel, correlateCube, radiusInPixels } from "./map/correlate.js";
export type { SquareKernel } from "./map/correlate.js";
export { recoExposure } from "./map/reco-exposure.js";
export { TSMapEstimator } from "./map/ts-map-estimator.js";
export type { TSMapEstimatorOptions } from "./map/ts-map-estimator.js";
export { tsKernel, tsKernelGeom, tsOddGeom } from "./map/ts-kernel.js";
export { tsPsfKernel } from "./map/ts-psf-kernel.js";
export type { TsMapDataset } from "./map/ts-psf-kernel.js";
export { tsMapDataset } from "./map/ts-dataset-prep.js";
export type { TsKernel } from "./map/ts-kernel.js";
export { fitTsPixel, tsCashDerivative, tsCashSum, tsNormBounds } from "./map/ts-norm-fit.js";
export type { TsFitOptions, TsPixelData, TsPixelResult } from "./map/ts-norm-fit.js";
// --- end map estimators ---
