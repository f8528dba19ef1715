/**
 * The reduction of one observation — dataset maker, background maker, safe mask maker —
 * shared by the in-process loop and the worker threads, so both give the same datasets.
 */
import type { Logger } from "@gammats/core";
import type { Observation } from "@gammats/data-store";
import { isMapDataset, mapDatasetCutout } from "@gammats/datasets";
import type { AnyDataset } from "@gammats/datasets";
import { MapDatasetMaker } from "./map/map-dataset-maker.js";

/** Anything with Gammapy's maker interface: `run(dataset, observation)` returns a new dataset. */
export interface Maker {
  /** Makes or modifies a dataset from an observation. */
  run(dataset: any, observation: Observation, logger?: Logger): any;
}

/** The makers applied to every observation. */
export interface ReduceChain {
  /** Makes the dataset from the reference (e.g. a {@link SpectrumDatasetMaker}). */
  datasetMaker: Maker;
  /** Adds the background (e.g. a ReflectedRegionsBackgroundMaker); optional. */
  backgroundMaker?: Maker | null;
  /** Sets the safe mask (a {@link SafeMaskMaker}); optional. */
  safeMaskMaker?: Maker | null;
  /**
   * Run the safe mask maker before the background maker, as Gammapy's 3D reduction does
   * (the FoV background is fitted inside the safe mask). Default false: Gammapy's 1D order.
   */
  safeMaskFirst?: boolean;
  /**
   * Map datasets only: each observation is reduced on a cut-out of the reference of this
   * full width [deg] around its pointing (Gammapy's `cutout_mode="trim"`), then stacked
   * back into the reference geometry. Null or absent: the full reference geometry.
   */
  cutoutWidth?: number | null;
}

/**
 * Reduces one observation.
 *
 * @param reference - the reference dataset (geometries; not modified); map datasets are
 *   cut out around the pointing when `chain.cutoutWidth` is set
 * @param chain - the makers
 * @param observation - the observation
 * @param name - name of the new dataset
 * @param logger - receives the makers' messages
 * @returns the dataset, or null when the background maker found no off region (the
 *   observation is then dropped, as in Gammapy's 1D analysis)
 */
export function reduceObservation(reference: { name: string }, chain: ReduceChain, observation: Observation, name: string, logger: Logger): any {
  logger.debug(`Processing observation ${observation.obsId}`);
  const width = chain.cutoutWidth ?? null;
  const ref = reference as AnyDataset;
  const pointing = { lon: observation.pointing.ra, lat: observation.pointing.dec, frame: "icrs" };
  // A MapDatasetMaker reads only the geometries of the cut-out: its maps need no values
  // (the class itself: a subclass may read more).
  const values = Object.getPrototypeOf(chain.datasetMaker) !== MapDatasetMaker.prototype;
  const base = width !== null && isMapDataset(ref) ? mapDatasetCutout(ref, pointing, width, name, { values }) : { ...reference, name };
  let dataset = chain.datasetMaker.run(base, observation, logger);
  if (chain.safeMaskFirst && chain.safeMaskMaker) dataset = chain.safeMaskMaker.run(dataset, observation, logger);
  if (chain.backgroundMaker) {
    dataset = chain.backgroundMaker.run(dataset, observation, logger);
    if ((dataset as { countsOff?: unknown }).countsOff === null) {
      logger.debug(`No OFF region found for observation ${observation.obsId}. Discarding.`);
      return null;
    }
  }
  if (!chain.safeMaskFirst && chain.safeMaskMaker) dataset = chain.safeMaskMaker.run(dataset, observation, logger);
  return dataset;
}
