/**
 * @gammats/simulate — synthetic IRFs, event sampling from IRFs and a sky model, DL3
 * writing; makes the repository's test-data/.
 *
 * @packageDocumentation
 */
export { trapezoidCdf, sampleLinearPdf, findInterval, pickNode, linearGrid, logGrid } from "./inverse-cdf.js";
export { buildConditionalTable, sampleConditional } from "./conditional-table.js";
export type { ConditionalTable } from "./conditional-table.js";
export type { SamplerIrfs, BackgroundRate, OffsetBackgroundRate, FovBackgroundRate } from "./sampler-irfs.js";
export {
  syntheticShapes,
  aeffValue,
  migraMean,
  migraSigma,
  edispValue,
  psfSigmaValue,
  psfValue,
  psfContainmentValue,
  bkgValue,
  bkgFovValue,
} from "./synthetic-shapes.js";
export type { SyntheticIrfOptions, SyntheticIrfShapes } from "./synthetic-shapes.js";
export { syntheticSamplerIrfs, SYNTHETIC_RANGES } from "./synthetic-sampler-irfs.js";
export type { SyntheticSamplerOptions } from "./synthetic-sampler-irfs.js";
export {
  ENERGY_GRID_PER_DECADE,
  trueEnergyDistribution,
  sampleTrueEnergies,
  migrationTable,
  sampleRecoEnergies,
} from "./sample-energy.js";
export type { TrueEnergyDistribution, MigrationTableOptions } from "./sample-energy.js";
export { psfTable, applyPsf } from "./sample-psf.js";
export type { PsfTableOptions, PsfDraw } from "./sample-psf.js";
export { sampleSourcePositions, spatialCentreIcrs, spatialExtent } from "./sample-spatial.js";
export type { Positions } from "./sample-spatial.js";
export { backgroundGrid, sampleBackground, polarToFov } from "./sample-background.js";
export type { BackgroundGrid, BackgroundGridOptions, BackgroundDraw } from "./sample-background.js";
export { sampleEvents } from "./event-sampler.js";
export type {
  SampleEventsOptions,
  SampleEventsResult,
  SimulatedEvents,
  SimulationExpectation,
} from "./event-sampler.js";
export { syntheticIrfs, syntheticPointLikeIrfs, syntheticRadMax, syntheticIrfAxes, SYNTHETIC_IRF_META } from "./synthetic-irfs.js";
export type { SyntheticIrfAxes, SyntheticIrfSet, SyntheticPointLikeIrfSet, SyntheticRadMaxOptions } from "./synthetic-irfs.js";
export { samplerIrfsFromIrfs } from "./irf-sampler-adapter.js";
export type { IrfsForSampling } from "./irf-sampler-adapter.js";
export { GADF_KEYWORDS, defaultTimeRef, runCards, eventsHdu, gtiHdu, writeDl3Run } from "./dl3-writer.js";
export type { RunMeta, EventColumns, RunIrfHdu, HduIndexRow, WrittenRun } from "./dl3-writer.js";
export { HDU_INDEX_FILE, OBS_INDEX_FILE, hduIndexHdu, obsIndexHdu, writeIndexFiles } from "./index-files.js";
export {
  TEST_DATA_SEED,
  TEST_DATA_RAD_MAX,
  TEST_DATA_SOURCE,
  TEST_DATA_RUNS,
  TEST_DATA_DIRS,
  testDataSourceModel,
  makeTestData,
} from "./test-data.js";
export type { TestDataRun, TestDataRunResult, TestDataResult } from "./test-data.js";
export { testDataReadme } from "./test-data-readme.js";
export type { ReadmeSource } from "./test-data-readme.js";
