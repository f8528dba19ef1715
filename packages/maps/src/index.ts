/**
 * @gammats/maps — map axes (MapAxis, TimeMapAxis), their GADF/OGIP table layouts, and
 * the scaled N-dimensional grid interpolator that IRFs evaluate with.
 *
 * @packageDocumentation
 */

// --- axes ---
export { MapAxis } from "./map-axis.js";
export type { AllcloseOptions, EnergyBoundsOptions, MapAxisOptions, NodeType } from "./map-axis.js";
export { TimeMapAxis } from "./time-map-axis.js";
export type { TimeMapAxisOptions } from "./time-map-axis.js";
export {
  DL3_AXIS_COLUMNS,
  STANDARD_AXIS_NAMES,
  dl3AxisSpec,
  dl3ColumnPrefix,
  isStandardAxisName,
} from "./axis-names.js";
export type { Dl3AxisSpec, StandardAxisName } from "./axis-names.js";
export type { EnergyAxisName } from "./energy-bounds.js";
export { binsForDecades, nodesFromBounds } from "./axis-nodes.js";

// --- axis tables (GADF DL3 LO/HI, OGIP, GADF BANDS) ---
export { axisFromLoHi, axisToLoHi, dl3AxisFromColumns, dl3AxisToColumns } from "./axis-lo-hi.js";
export type { LoHiColumns } from "./axis-lo-hi.js";
export {
  axesFromGadfBands,
  axesToGadfBands,
  axisFromArf,
  axisFromEbounds,
  axisFromEnergies,
  axisToArf,
  axisToEbounds,
} from "./axis-tables.js";
export type { AxisColumn, AxisHeaderValue, AxisTable } from "./axis-tables.js";
export { bandsHdu, dl3AxisColumnInputs, eboundsHdu, readAxesTable, readDl3Axes, readDl3Axis } from "./axis-fits.js";
export type { AxisTableFormat } from "./axis-fits.js";

// --- interpolation ---
export { ScaledGridInterpolator } from "./scaled-grid-interpolator.js";
export type {
  EvaluateOptions,
  InterpMethod,
  InterpolationAxisLike,
  ScaledGridInterpolatorOptions,
} from "./scaled-grid-interpolator.js";
export {
  INTERP_SCALES,
  LOG_SCALE_TINY,
  isInterpScale,
  scaleArray,
  scaleForward,
  scaleInverse,
  scaleInverseArray,
} from "./interpolation-scale.js";
export type { InterpScale } from "./interpolation-scale.js";
export { evaluateScaledGrid, findCell } from "./grid-interpolation-kernel.js";
export { evaluateScaledGridProduct } from "./grid-product-kernel.js";
export type { GridPostFill } from "./grid-product-kernel.js";
export type { ScaledGridCall, ScaledGridPlan } from "./grid-interpolation-kernel.js";
export { interp1dLinear, linspace, searchSortedLeft } from "./linear-interp-1d.js";

// --- sky regions, RegionGeom, RegionNDMap (region/) ---
export { CircleSkyRegion } from "./region/circle-region.js";
export { PointSkyRegion } from "./region/point-region.js";
export { EllipseSkyRegion } from "./region/ellipse-region.js";
export { RectangleSkyRegion } from "./region/rectangle-region.js";
export { PolygonSkyRegion } from "./region/polygon-region.js";
export { OrientedSkyRegion } from "./region/oriented-region.js";
export type { OrientedKind, OrientedPlacement } from "./region/oriented-region.js";
export { DEFAULT_BINSZ_WCS, SkyRegionBase } from "./region/sky-region.js";
export type { RegionKind, SkyRegion } from "./region/sky-region.js";
export { RegionWcs } from "./region/region-wcs.js";
export type { PixelScaleAngle, RegionWcsOptions } from "./region/region-wcs.js";
export { bboxFromFloat, pixelRegionArea, pixelRegionBbox, pixelRegionContains } from "./region/pixel-region.js";
export type {
  PixelBoundingBox,
  PixelCircle,
  PixelEllipse,
  PixelPoint,
  PixelPolygon,
  PixelRectangle,
  PixelRegion,
} from "./region/pixel-region.js";
export { unionPixelCount } from "./region/region-union-area.js";
export { geometricMedian } from "./region/geometric-median.js";
export { parseDs9Regions, regionFromOnRegion, regionsToDs9 } from "./region/region-parse.js";
export type { OnRegionConfig } from "./region/region-parse.js";
export { RegionGeom } from "./region/region-geom.js";
export type { RegionAxis, RegionGeomOptions } from "./region/region-geom.js";
export { RegionNDMap } from "./region/region-nd-map.js";
export type { RegionNDMapCreateOptions, RegionSkyCoords } from "./region/region-nd-map.js";
export { pixelRegionToSky, readRegionTable, regionTableHdu } from "./region/region-table.js";
export {
  readRegionNDMap,
  regionGeomFromFits,
  regionGeomToHdus,
  regionNDMapToHdus,
  writeRegionNDMap,
} from "./region/region-map-io.js";
export type { RegionGeomFormat, RegionGeomReadOptions, RegionGeomWriteOptions } from "./region/region-map-io.js";

// --- WCS: projections, WcsGeom, WcsNDMap, map FITS I/O (wcs/) ---
export { Wcs } from "./wcs/wcs.js";
export type { PixelArrays, WcsOptions } from "./wcs/wcs.js";
export { wcsFromHeader, wcsToHeaderCards } from "./wcs/wcs-header.js";
export type { HeaderWhere } from "./wcs/wcs-header.js";
export { PROJECTION_CODES, isProjectionCode, nativeFiducialLatitude, nativeToPlane, planeToNative } from "./wcs/projections.js";
export type { ProjectionCode } from "./wcs/projections.js";
export { celestialRotation, celestialToNative, nativeToCelestial } from "./wcs/celestial-rotation.js";
export type { CelestialRotation } from "./wcs/celestial-rotation.js";
export { WcsGeom } from "./wcs/wcs-geom.js";
export type { CoordMode, ImageCoords, WcsGeomCreateOptions } from "./wcs/wcs-geom.js";
export type { AngleInput, SkyDirInput, WcsGeomSizing } from "./wcs/geom-create.js";
export type { MapCoords } from "./wcs/map-coord.js";
export { WcsNDMap } from "./wcs/wcs-nd-map.js";
export type { ConvolutionKernel, InterpOptions, WcsNDMapOptions } from "./wcs/wcs-nd-map.js";
export type { InterpToGeomOptions } from "./wcs/interp-to-geom.js";
export type { InterpMethod as MapInterpMethod } from "./wcs/map-interp.js";
export type { RegionsInput } from "./wcs/region-mask.js";
export { SkyMap } from "./wcs/map-factory.js";
export { readWcsMap, readWcsMapFromFits } from "./wcs/map-io.js";
export type { ReadWcsMapOptions } from "./wcs/map-io.js";
export { wcsMapToHdus } from "./wcs/map-hdus.js";
export type { MapData, MapDType, WcsMapLike, WriteWcsMapOptions } from "./wcs/map-hdus.js";
export { DEFAULT_MAP_MEMORY_LIMIT, checkMapMemory, getMapMemoryLimit, setMapMemoryLimit } from "./wcs/memory-guard.js";
export { convolveSame, convolveSameAt, convolveSameSparse, countNonZero, gaussianWeights, nonZeroPixels, tophatKernel } from "./wcs/convolve.js";
export { blockFootprint, convolveBlockTimes, isFiniteBlock2x2, padKernel } from "./wcs/convolve-block.js";
export { FftConvolvePlan, convolveSameFft, fftConvolveCost, fftPaddedSize, preferFft } from "./wcs/fft-convolve.js";
