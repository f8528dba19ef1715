/**
 * @gammats/datasets — SpectrumDataset(OnOff), MapDataset(OnOff), Datasets, fit statistics
 * (cash, wstat), stacking, dataset I/O and Gammapy's datasets index (YAML).
 *
 * @packageDocumentation
 */

// --- stats ---
export { TRUNCATION_VALUE, cash, cashBin, cashSum, cashSumAt, cashSumLinear, cashSumOfScaledSumAt, cashSumOfSumAt, cashSumScaled } from "./stats/cash.js";
export { cstat, cstatBin, cstatSum } from "./stats/cstat.js";
export { wstat, wstatBin, wstatGofTermsBin, wstatMuBkg, wstatMuBkgBin, wstatSum } from "./stats/wstat.js";
export { liMaSignificance, liMaSignificanceBin } from "./stats/li-ma.js";
export { CountsStatistic } from "./stats/counts-statistic.js";
export type { NumberOrArray } from "./stats/counts-statistic.js";
export { CashCountsStatistic } from "./stats/cash-counts-statistic.js";
export { WStatCountsStatistic } from "./stats/wstat-counts-statistic.js";
// --- end stats ---

// --- spectrum datasets (records, npred, statistics, stacking, info, collection, I/O) ---
export { createSpectrumDataset, copySpectrumDataset } from "./spectrum-dataset.js";
export type { SpectrumDataset, SpectrumDatasetInit } from "./spectrum-dataset.js";
export {
  alpha,
  copyDataset,
  copySpectrumDatasetOnOff,
  createSpectrumDatasetOnOff,
  onOffBackground,
  onOffToSpectrumDataset,
  spectrumDatasetOnOffFromSpectrumDataset,
} from "./spectrum-dataset-on-off.js";
export type { AcceptanceInput, AnySpectrumDataset, SpectrumDatasetOnOff, SpectrumDatasetOnOffInit } from "./spectrum-dataset-on-off.js";
export { EXPOSURE_UNIT, sameEnergyBins } from "./spectrum-dataset-base.js";
export type { SpectrumDatasetFields, SpectrumDatasetFieldsInit } from "./spectrum-dataset-base.js";
export { edispKernelMap, stackEdispKernelMaps } from "./edisp-kernel-map.js";
export type { EDispKernelMap } from "./edisp-kernel-map.js";
export { createGti, defaultGtiReference, gtiMjd, gtiTimeSum, gtiUnion, stackGti } from "./gti.js";
export type { Gti } from "./gti.js";
export { createMetaTable, metaTableObsIds, stackMetaTables } from "./meta-table.js";
export type { MetaTable } from "./meta-table.js";
export { anySelected, combinedMask, energyRange, toMask } from "./mask.js";
export type { MaskInput } from "./mask.js";
export { finiteOrZero, nanToNum } from "./non-finite.js";
export { npred, npredBackground, npredSignal, onOffNpredBackground, recoGeom } from "./npred.js";
export { datasetMask, residuals, statArray, statSum, statType } from "./spectrum-stat.js";
export type { ResidualsMethod, StatType } from "./spectrum-stat.js";
export { stackDatasets, toMasked } from "./stack.js";
export { energyRangeSafe, infoDict, summaryRow } from "./info.js";
export type { InfoDict, SummaryDatasetRow } from "./info.js";
export { Datasets } from "./datasets.js";
export { gtiFromHdu, gtiHdu } from "./gti-hdu.js";
export { metaTableFromHdu, metaTableHdu } from "./meta-table-hdu.js";
export { regionMapHdus } from "./region-map-hdus.js";
export { readRmf, rmfHdus } from "./ogip-rmf.js";
export { ogipFilenames, readOgipDataset, writeOgipDataset } from "./ogip-io.js";
export type { WriteOgipOptions } from "./ogip-io.js";
export { datasetToHdus, readGadfDataset, readSpectrumDataset, writeSpectrumDataset } from "./dataset-io.js";
export type { DatasetFormat, ReadDatasetOptions, WriteDatasetOptions } from "./dataset-io.js";
// --- end spectrum datasets ---

// --- map datasets (records, evaluator, npred, statistics, stacking, cut-outs, info, I/O) ---
export { axisNamed, edispKernelAt, isEdispMap, isPsfMap, psfKernelAt } from "./map/irf-maps.js";
export type { EDispKernelMapLike, MapDatasetEdisp, MapDatasetPsf, PsfKernelLike, PsfMapLike, SkyDirection } from "./map/irf-maps.js";
export { diagonalEdispKernelMap, makeEdispKernelMap, makePsfMap, zeroPsfMap } from "./map/irf-map-data.js";
export { checkDatasetName } from "./map/map-dataset-base.js";
export type { MapDatasetFields, MapDatasetFieldsInit } from "./map/map-dataset-base.js";
export { copyMapDataset, mapDataset } from "./map/map-dataset.js";
export type { MapDataset, MapDatasetInit } from "./map/map-dataset.js";
export { copyAnyMapDataset, copyMapDatasetOnOff, mapAlpha, mapDatasetOnOff, mapOnOffBackground } from "./map/map-dataset-on-off.js";
export type { AnyMapDataset, MapAcceptanceInput, MapDatasetOnOff, MapDatasetOnOffInit } from "./map/map-dataset-on-off.js";
export { mapDatasetOnOffFromMapDataset, mapOnOffToMapDataset } from "./map/map-on-off-convert.js";
export { isMapDataset } from "./map/any-dataset.js";
export type { AnyDataset } from "./map/any-dataset.js";
export { BINSZ_IRF_DEFAULT, createMapDataset, createMapDatasetOnOff, defaultRadAxis, mapDatasetGeoms, toBinsz } from "./map/map-create.js";
export type { CreateMapDatasetOptions, MapDatasetGeoms } from "./map/map-create.js";
export { MAX_OVERSAMPLING, SpatialIntegrator, evaluationBinSizeMin, oversamplingFactor } from "./map/spatial-integration.js";
export { CUTOUT_MARGIN, MapEvaluator } from "./map/map-evaluator.js";
export type { EvaluatorContext } from "./map/map-evaluator.js";
export {
  mapDatasetMask,
  mapEvaluators,
  mapMaskImage,
  mapNpred,
  mapNpredBackground,
  mapNpredSignal,
  mapRecoGeom,
} from "./map/map-npred.js";
export type { NpredMapOptions } from "./map/map-npred.js";
export { mapStatArray, mapStatSum, mapStatType } from "./map/map-stat.js";
export { mapResiduals } from "./map/residuals.js";
export { copyMapDatasetDeep, mapToMasked, stackMapDatasets, stackMapDatasetsInPlace } from "./map/map-stack.js";
export { mapDatasetCutout } from "./map/map-cutout.js";
export type { MapDatasetCutoutOptions } from "./map/map-cutout.js";
export { mapEnergyRangeSafe, mapInfoDict, mapSummaryRow } from "./map/map-info.js";
export type { MapSummaryDatasetRow } from "./map/map-info.js";
export { isMapDatasetFile, mapDatasetToHdus, readMapDataset, writeMapDataset } from "./map/map-io.js";
export type { WriteMapDatasetOptions } from "./map/map-io.js";
export { readDatasetsYaml, writeDatasetsYaml } from "./datasets-yaml.js";
export type { ReadDatasetsYamlOptions, WriteDatasetsYamlOptions } from "./datasets-yaml.js";
// --- end map datasets ---
