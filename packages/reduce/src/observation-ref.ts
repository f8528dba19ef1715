/**
 * What a worker thread needs to open an observation itself: its id, the HDU locations
 * from the data store's index and its time filter (files are re-read in the worker).
 */
import { DataError } from "@gammats/core";
import type { Logger } from "@gammats/core";
import { FitsFileCache, Observation } from "@gammats/data-store";
import type { HduLocation, TimeInterval } from "@gammats/data-store";

/** A sendable description of an observation. */
export interface ObservationRef {
  /** Observation id. */
  obsId: number;
  /** HDU type → location, as the data store found them. */
  locations: [string, HduLocation][];
  /** Time filter, if the observation was cut in time. */
  timeFilter: TimeInterval | undefined;
}

/**
 * Describes an observation for a worker.
 *
 * @param observation - an observation from a DataStore
 * @returns its reference
 * @throws DataError for an object that is not a data-store Observation
 */
export function observationRef(observation: Observation): ObservationRef {
  if (!(observation instanceof Observation)) {
    throw new DataError("worker threads can only reduce observations opened from a DataStore", { hint: "use nJobs: 1 for other observation objects" });
  }
  return { obsId: observation.obsId, locations: [...observation.locations], timeFilter: observation.timeFilter };
}

/**
 * Opens the observation a reference describes.
 *
 * @param ref - the reference
 * @param files - the worker's file cache
 * @param logger - the worker's logger
 * @returns the observation
 */
export function openObservationRef(ref: ObservationRef, files: FitsFileCache, logger: Logger): Observation {
  return new Observation({ obsId: ref.obsId, locations: new Map(ref.locations), files, logger }, ref.timeFilter);
}
