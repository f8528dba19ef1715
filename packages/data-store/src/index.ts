/**
 * @gammats/data-store — GADF DL3 data access: the data store (HDU and observation index
 * tables), observation selection as Gammapy's `Analysis.get_observations`, observations
 * with lazily read events, GTIs and IRFs.
 *
 * @example
 * ```ts
 * import { DataStore, selectObservations, dataInfo } from "@gammats/data-store";
 * const { observations } = selectObservations({
 *   datastore: "$GAMMAPY_DATA/hess-dl3-dr1",
 *   obs_cone: { frame: "icrs", lon: "83.633 deg", lat: "22.014 deg", radius: "5 deg" },
 * });
 * observations[0].events.selectEnergy(1, 10).length;
 * ```
 *
 * @packageDocumentation
 */

// store and index tables
export { DataStore, MissingHduError } from "./data-store.js";
export type { DataStoreOptions, FromDirOptions, GetObservationsOptions } from "./data-store.js";
export { HduIndexTable, HDU_TYPES, HDU_CLASSES } from "./hdu-index.js";
export type { HduLocation, HduType, HduIndexOptions } from "./hdu-index.js";
export { ObservationTable } from "./observation-table.js";
export type { ObsTableColumn, TimeRangeSelectOptions } from "./observation-table.js";
export { FitsFileCache } from "./fits-cache.js";
export { expandPath } from "./env-path.js";
export type { ExpandPathOptions } from "./env-path.js";

// observations
export { Observation, IRF_TYPES } from "./observation.js";
export type { IrfType, ObservationOptions, TimeInterval } from "./observation.js";
export { EventList, REQUIRED_EVENT_COLUMNS } from "./event-list.js";
export type { SkyPosition } from "./event-list.js";
export { GTI } from "./gti.js";
export { locationFromMeta, metaNumber, metaString, pointingFromMeta, pointingModeFromMeta } from "./observation-info.js";
export type { MetaRecord, Pointing, PointingMode } from "./observation-info.js";
export type { Irf } from "./irf-loader.js";

// selection
export { selectObservations, selectTimeIntervals } from "./observation-selection.js";
export type { ObservationSelection, ObservationsSection, SelectObservationsOptions, TimeInput } from "./observation-selection.js";
export { requiredHdus, REQUIRED_IRF_SHORTCUTS } from "./required-hdus.js";
export type { RequiredIrf } from "./required-hdus.js";
export { readObsIdFile } from "./obs-id-file.js";

// summaries
export { dataInfo } from "./data-info.js";

// kernels
export { bandMask, gatherRows, maskToIndices } from "./row-selection.js";
export type { ColumnData } from "./row-selection.js";
