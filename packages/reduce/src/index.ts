/**
 * @gammats/reduce — data reduction makers: spectrum datasets, safe masks, reflected
 * regions background, and the loop over observations.
 *
 * @packageDocumentation
 */

// --- reflected background ---
export { angleDeg, angleRad } from "./background/angle-input.js";
export type { AngleInput } from "./background/angle-input.js";
export { REFERENCE_WIDTH_MARGIN_DEG, centerPixel, directionIn, referenceWcs } from "./background/reflected-reference-geom.js";
export type { SkyDirection } from "./background/reflected-reference-geom.js";
export { checkExclusionMask, excludedPixels, rotationAnnulus } from "./background/reflected-exclusion.js";
export type { ExclusionMask, PixelAnnulus, PixelList } from "./background/reflected-exclusion.js";
export { rotatePixelRegion } from "./background/pixel-region-rotate.js";
export { regionAngularSize } from "./background/region-angular-size.js";
export { DEFAULT_FINDER_BINSZ_DEG } from "./background/regions-finder.js";
export type { RegionsFinder, RegionsFinderResult } from "./background/regions-finder.js";
export { ReflectedRegionsFinder } from "./background/reflected-regions-finder.js";
export type { ReflectedRegionsFinderOptions } from "./background/reflected-regions-finder.js";
export { WobbleRegionsFinder } from "./background/wobble-regions-finder.js";
export type { WobbleRegionsFinderOptions } from "./background/wobble-regions-finder.js";
export { radMaxFromIrf, radMaxOverlap, selectRadMax } from "./background/rad-max-selection.js";
export type { EventDirections, RadMaxFn } from "./background/rad-max-selection.js";
export { checkRadMaxRegion, observationRadMax } from "./background/reflected-rad-max.js";
export type { RadMaxSource } from "./background/reflected-rad-max.js";
export { countsOffInRegions, countsOffRadMax, fillEnergyHistogram } from "./background/reflected-counts-off.js";
export { ReflectedRegionsBackgroundMaker } from "./background/reflected-background-maker.js";
export type {
  CountsOff,
  ReflectedObservation,
  ReflectedRegionsBackgroundMakerOptions,
  SpectrumDatasetInput,
} from "./background/reflected-background-maker.js";
// --- end reflected background ---

// --- spectrum datasets, safe mask, loop over observations ---
export { SpectrumDatasetMaker, SPECTRUM_SELECTION } from "./spectrum-dataset-maker.js";
export type { SpectrumDatasetMakerOptions, SpectrumSelection } from "./spectrum-dataset-maker.js";
export { emptySpectrumDataset } from "./empty-spectrum-dataset.js";
export type { EmptySpectrumDatasetOptions } from "./empty-spectrum-dataset.js";
export { makeCounts, makeCountsRadMax } from "./counts.js";
export { makeExposure } from "./exposure.js";
export { containmentCorrection } from "./containment-correction.js";
export { makeEdispAtRegion } from "./edisp-at-region.js";
export type { EdispAtRegion } from "./edisp-at-region.js";
export { makeBackgroundAtRegion } from "./background-at-region.js";
export type { BackgroundAtRegionOptions } from "./background-at-region.js";
export { makeMetaTable, observationGti } from "./dataset-meta.js";
export { energyAxisOf, regionCenterIcrs, regionOffset } from "./region-center.js";
export { SafeMaskMaker, SAFE_MASK_METHODS } from "./safe-mask-maker.js";
export type { SafeMaskMakerOptions, SafeMaskMethod } from "./safe-mask-maker.js";
export { aeffMaxEnergy, bkgPeakEnergy, edispBiasEnergy } from "./safe-mask-energy.js";
export { ENERGY_EDGE_RTOL, energyMask } from "./energy-mask.js";
export { firstRootLog, templateInverse, templateValue } from "./template-inverse.js";
export { DatasetsMaker, datasetNames } from "./datasets-maker.js";
export type { DatasetsMakerOptions, ReduceProgress } from "./datasets-maker.js";
export { reduceObservation } from "./reduce-observation.js";
export type { Maker, ReduceChain } from "./reduce-observation.js";
export { observationRef, openObservationRef } from "./observation-ref.js";
export type { ObservationRef } from "./observation-ref.js";
export { WorkerPool, WorkerTaskError, workerExecArgv } from "./worker-pool.js";
export type { WorkerReply } from "./worker-pool.js";
export { TransferRegistry, decodeTransfer, encodeTransfer } from "./transfer-codec.js";
export type { Encoded } from "./transfer-codec.js";
export { transferRegistry } from "./transfer-registry.js";
// --- end spectrum datasets, safe mask, loop over observations ---

// --- map datasets (3D): maker, safe mask helpers, FoV and ring background ---
export { MapDatasetMaker, MAP_SELECTION } from "./map/map-dataset-maker.js";
export type { MapDatasetMakerOptions, MapSelection } from "./map/map-dataset-maker.js";
export { makeMapCounts } from "./map/map-counts.js";
export { observationFixedPointing } from "./map/fixed-pointing.js";
export { aeffDefaultBins, mapSafeMask, offsetMaxImage } from "./map/map-safe-mask.js";
export type { MapSafeMaskSettings } from "./map/map-safe-mask.js";
export { exclusionOnGeom } from "./map/exclusion-on-geom.js";
export { filledBackground, interpMissingEnergy, padOffset } from "./background-at-region.js";
export { FoVBackgroundMaker, FOV_METHODS } from "./background/fov-background-maker.js";
export type { FoVBackgroundMakerOptions, FovMethod } from "./background/fov-background-maker.js";
export { fitFovModel, fovFailure, fovScale, fovSums } from "./background/fov-norm.js";
export type { FovFitData, FovSums } from "./background/fov-norm.js";
export { newtonMinimize } from "./background/small-newton.js";
export type { NewtonOptions, SmallFitResult } from "./background/small-newton.js";
export { RingBackgroundMaker } from "./background/ring-background-maker.js";
export type { RingBackgroundMakerOptions } from "./background/ring-background-maker.js";
export { ringKernel } from "./background/ring-kernel.js";
export type { RingKernel } from "./background/ring-kernel.js";
// --- end map datasets ---
