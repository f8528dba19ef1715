/**
 * @gammats/irf — instrument response functions in GADF DL3 layout, following Gammapy 1.0:
 * effective area, energy dispersion (and its kernels), background, RAD_MAX, PSF; read,
 * evaluate (Gammapy's interpolation, fill and extrapolation rules), write.
 *
 * Internal units: energies TeV, angles deg, areas cm2, times s; background rates
 * s-1 TeV-1 sr-1.
 *
 * @packageDocumentation
 */

// --- shared base ---
export { Irf } from "./irf-core.js";
export type { FovAlignment, IrfGadfSpec, IrfGrid, IrfInit, IrfMeta, IrfSpec } from "./irf-core.js";
export { ANY_AXIS_OUTSIDE, IrfEvaluator, gridCoordinates } from "./irf-evaluator.js";
export type { IrfEvaluateOptions, IrfInterpolation, OutOfBoundsRule } from "./irf-evaluator.js";
export { irfMetaFromHeader, readIrfTable } from "./irf-hdu.js";
export type { IrfColumnData, IrfColumnRequest, IrfTableContents, IrfTableRequest, ReadIrfOptions } from "./irf-hdu.js";
export { gadfKeywords, irfTableHdu, isTableKeyword } from "./irf-table-write.js";
export type { IrfColumnOutput, IrfTableOutput, IrfToHduOptions } from "./irf-table-write.js";
export { reverseAxes } from "./axis-order.js";
export { cumsumAlongAxis, nanToNum, normalizeAlongAxis } from "./axis-cumsum.js";
export { IRF_REGISTRY, IrfRegistry, headerText } from "./irf-registry.js";
export type { IrfRegistryEntry } from "./irf-registry.js";
export { readIrfFile, readIrfHdu } from "./read-irf-hdu.js";
export type { IrfDict } from "./read-irf-hdu.js";
export { powerLawSegmentIntegral, trapzLogLog } from "./trapz-log-log.js";

// --- effective area ---
export { EffectiveAreaTable2D } from "./effective-area.js";

// --- energy dispersion ---
export { EnergyDispersion2D } from "./energy-dispersion.js";
export { EDispKernel } from "./edisp-kernel.js";
export type { NormalisationCheckOptions } from "./edisp-kernel.js";
export { migraKernel } from "./edisp-migra-kernel.js";
export { bspline1, gammapyCenters, gammapyCoordToPix, regionMigraKernel } from "./edisp-region-kernel.js";

// --- background ---
export { BACKGROUND_FILE_UNIT, BACKGROUND_INTERPOLATION, BACKGROUND_UNIT, BackgroundIrf, readBackgroundTable } from "./background-irf.js";
export { Background2D } from "./background-2d.js";
export { Background3D } from "./background-3d.js";

// --- RAD_MAX ---
export { RadMax2D } from "./rad-max.js";

// --- psf (owned by the PSF work) ---
export { PSF3D, isPsfTableHdu } from "./psf/psf-table.js";
export { ParametricPSF, readParametricPsfTable } from "./psf/parametric-psf.js";
export type { ParametricPsfInit, PsfParameterSpec } from "./psf/parametric-psf.js";
export { EnergyDependentMultiGaussPSF, isPsf3GaussHdu } from "./psf/psf-3gauss.js";
export { PSFKing, isPsfKingHdu } from "./psf/psf-king.js";
export {
  CONTAINMENT_UPSAMPLE,
  DEG2_PER_SR,
  PSF_RAD_MAX,
  SR_PER_DEG2,
  argminAbsDiff,
  broadcastLength,
  containmentRadGrid,
  containmentRadii,
  defaultRadAxis,
} from "./psf/psf-containment.js";
export type { ContainmentCurve } from "./psf/psf-containment.js";
export { TRIPLE_GAUSS_PARAMETERS, tripleGaussContainment, tripleGaussValue, tripleGaussWeights } from "./psf/multi-gauss-kernel.js";
export { KING_PARAMETERS, kingContainment, kingValue } from "./psf/king-kernel.js";
// --- end psf ---

// --- IRF maps for 3D analyses (maps/) ---
export { EXPOSURE_UNIT, IrfMap, checkAxes, readIrfMapHdus } from "./maps/irf-map.js";
export { broadcastPlanes, nanToNumInPlace, stackIrfMapData } from "./maps/irf-map-stack.js";
export type { IrfStackLayout, IrfStackWeights } from "./maps/irf-map-stack.js";
export { resolveSkyPosition } from "./maps/sky-position.js";
export type { FixedPointing, LonLatIn } from "./maps/sky-position.js";
export { PSFKernel, normalizePlanes, oddNpixGeom, roundUpToOdd } from "./maps/psf-kernel.js";
export { PSF_MAP_AXES, PSFMap } from "./maps/psf-map.js";
export type { PsfKernelOptions } from "./maps/psf-map.js";
export { EDISP_KERNEL_MAP_AXES, EDispKernelMap } from "./maps/edisp-kernel-map.js";
export { EDISP_MAP_AXES, EDispMap, normalizeMigra } from "./maps/edisp-map.js";
export { makeMapExposureTrueEnergy, planeBins } from "./maps/make-exposure.js";
export { backgroundFovCoords, makeMapBackgroundIrf } from "./maps/make-background.js";
export type { BackgroundMapOptions } from "./maps/make-background.js";
export { makePsfMap, normalizePsfData } from "./maps/make-psf-map.js";
export type { PsfIrf } from "./maps/make-psf-map.js";
export { makeEdispKernelMap, makeEdispMap } from "./maps/make-edisp-map.js";
// --- end IRF maps ---
