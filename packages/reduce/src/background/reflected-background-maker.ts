/**
 * ReflectedRegionsBackgroundMaker (Gammapy 1.0): turns a 1D dataset into an on/off
 * dataset. Off regions come from a region finder (reflected regions by default) around
 * the pointing; off counts are binned on the dataset's reco energy axis; acceptance is 1
 * and acceptance_off the number of off regions in every bin. Point on regions (point-like
 * IRFs) use the observation's RAD_MAX around every off position and are refused when
 * their cuts could overlap. Without any off region the on/off dataset gets an all-false
 * safe mask (Gammapy does so only when the dataset has no background model).
 */
import { DataError, angularSeparation, silentLogger } from "@gammats/core";
import type { Logger } from "@gammats/core";
import { spectrumDatasetOnOffFromSpectrumDataset } from "@gammats/datasets";
import type { SpectrumDataset, SpectrumDatasetOnOff } from "@gammats/datasets";
import { MapAxis, RegionGeom, RegionNDMap } from "@gammats/maps";
import type { RegionWcs, SkyRegion } from "@gammats/maps";
import { radMaxFromIrf, radMaxOverlap } from "./rad-max-selection.js";
import type { EventDirections } from "./rad-max-selection.js";
import { countsOffInRegions, countsOffRadMax } from "./reflected-counts-off.js";
import { checkExclusionMask } from "./reflected-exclusion.js";
import type { ExclusionMask } from "./reflected-exclusion.js";
import { checkRadMaxRegion, observationRadMax } from "./reflected-rad-max.js";
import type { RadMaxSource } from "./reflected-rad-max.js";
import { directionIn } from "./reflected-reference-geom.js";
import { ReflectedRegionsFinder } from "./reflected-regions-finder.js";
import type { ReflectedRegionsFinderOptions } from "./reflected-regions-finder.js";
import type { RegionsFinder } from "./regions-finder.js";

/** What the maker reads of an observation (`Observation` of `@gammats/data-store` fits). */
export interface ReflectedObservation extends RadMaxSource {
  /** Events: ICRS directions [deg] and reco energies [TeV]. */
  readonly events: EventDirections;
  /** Pointing position (ICRS) [deg]: the rotation centre. */
  readonly pointing: { readonly ra: number; readonly dec: number };
}

/** Options of {@link ReflectedRegionsBackgroundMaker}. */
export interface ReflectedRegionsBackgroundMakerOptions extends ReflectedRegionsFinderOptions {
  /** Region finder to use; default a {@link ReflectedRegionsFinder} from the finder options (not both). */
  regionFinder?: RegionsFinder;
  /** Boolean exclusion mask (1 = allowed); off regions touching excluded pixels are skipped. */
  exclusionMask?: ExclusionMask;
  /** Receives warnings (no off region found, overlapping RAD_MAX cuts). */
  logger?: Logger;
}

/** What {@link ReflectedRegionsBackgroundMaker.makeCountsOff} reads of a dataset. */
export type SpectrumDatasetInput = Pick<SpectrumDataset, "name" | "counts">;

/** Off measurement of one observation ({@link ReflectedRegionsBackgroundMaker.makeCountsOff}). */
export interface CountsOff {
  /** Off counts on the off-region geometry (off regions + the reco energy axis), null when no region was found. */
  countsOff: RegionNDMap | null;
  /** Number of off regions in every reco bin (same geometry; zeros on the on geometry when none). */
  acceptanceOff: RegionNDMap;
  /** The off regions. */
  regions: SkyRegion[];
  /** The finder's reference projection (regions are evaluated in it). */
  wcs: RegionWcs;
}

const FINDER_OPTION_KEYS = ["angleIncrement", "minDistance", "minDistanceInput", "maxRegionNumber", "binsz"] as const;

/**
 * Reflected-regions background estimate for 1D datasets.
 *
 * @example
 * ```ts
 * const maker = new ReflectedRegionsBackgroundMaker({ exclusionMask });
 * const onoff = maker.run(spectrumDataset, observation);
 * onoff.countsOff?.data;      // off counts per reco energy bin
 * onoff.acceptanceOff?.data;  // number of off regions per bin
 * ```
 */
export class ReflectedRegionsBackgroundMaker {
  /** Gammapy's maker tag. */
  static readonly tag = "ReflectedRegionsBackgroundMaker";
  /** The region finder. */
  readonly regionFinder: RegionsFinder;
  /** The exclusion mask, if any. */
  readonly exclusionMask: ExclusionMask | undefined;
  private readonly logger: Logger;

  /**
   * @param options - regionFinder or finder options, exclusionMask, logger
   * @throws DataError for finder options given together with a regionFinder, a non-boolean
   *   or non-image exclusion mask, or bad finder options
   */
  constructor(options: ReflectedRegionsBackgroundMakerOptions = {}) {
    const given = FINDER_OPTION_KEYS.filter((k) => options[k] !== undefined);
    if (options.regionFinder !== undefined && given.length > 0) {
      throw new DataError(`ReflectedRegionsBackgroundMaker: finder options (${given.join(", ")}) given together with a regionFinder`, {
        hint: "set them on the region finder instead",
      });
    }
    this.regionFinder = options.regionFinder ?? new ReflectedRegionsFinder(options);
    if (options.exclusionMask !== undefined) checkExclusionMask(options.exclusionMask, "ReflectedRegionsBackgroundMaker");
    this.exclusionMask = options.exclusionMask;
    this.logger = options.logger ?? silentLogger;
  }

  /**
   * Finds the off regions and counts the events in them (Gammapy's `make_counts_off`).
   *
   * @param dataset - the 1D dataset (its counts geometry gives the on region and the energy axis)
   * @param observation - events, pointing and IRFs
   * @returns off counts, acceptance_off, the regions and the reference WCS
   * @throws DataError when the dataset has no counts, no single on region or no MapAxis
   *   "energy", or when the on region does not suit the observation's RAD_MAX
   * @example
   * ```ts
   * const { countsOff, regions } = maker.makeCountsOff(dataset, observation);
   * ```
   */
  makeCountsOff(dataset: SpectrumDatasetInput, observation: ReflectedObservation): CountsOff {
    const { geom, region, axis } = onGeometry(dataset);
    const where = `ReflectedRegionsBackgroundMaker (dataset '${dataset.name}')`;
    const isPoint = geom.isAllPointSkyRegions;
    const radMax = observationRadMax(observation);
    if (radMax !== undefined) checkRadMaxRegion(geom.regions, radMax, where);
    else if (isPoint) {
      throw new DataError(`${where}: a point on region needs point-like IRFs with RAD_MAX (observation ${observation.obsId ?? "?"} has none)`, {
        hint: "use a circle on region for full-enclosure IRFs",
      });
    }
    const pointing = { lon: observation.pointing.ra, lat: observation.pointing.dec };
    const found = this.regionFinder.run(region, { ...pointing, frame: "icrs" }, this.exclusionMask);
    let regions = found.regions;
    if (isPoint && radMax !== undefined && regions.length > 0) {
      const p = directionIn({ ...pointing, frame: "icrs" }, region.frame);
      const offset = angularSeparation(region.center.lon, region.center.lat, p.lon, p.lat);
      const e = axis.edgesIn("TeV");
      if (radMaxOverlap([region.center, ...regions.map((r) => r.center)], radMax, offset, e[0], e[e.length - 1])) {
        this.logger.warning(`${where}: RAD_MAX circles of the on and off positions overlap; use fewer off regions`);
        regions = [];
      }
    }
    if (regions.length === 0) {
      this.logger.warning(`${where}: no off region found outside the exclusion mask for observation ${observation.obsId ?? "?"}`);
      return { countsOff: null, acceptanceOff: new RegionNDMap(geom, new Float64Array(geom.size)), regions, wcs: found.wcs };
    }
    const geomOff = new RegionGeom(regions, { axes: [axis], wcs: found.wcs });
    const counts = isPoint
      ? countsOffRadMax(observation.events, regions, pointing, axis, radMaxFromIrf(radMax!))
      : countsOffInRegions(observation.events, regions, found.wcs, axis);
    return {
      countsOff: new RegionNDMap(geomOff, counts),
      acceptanceOff: new RegionNDMap(geomOff, new Float64Array(axis.nbin).fill(regions.length)),
      regions,
      wcs: found.wcs,
    };
  }

  /**
   * Makes the on/off dataset (Gammapy's `run`): the dataset's fields, acceptance 1, the off
   * counts and acceptance_off; the background model is dropped.
   *
   * @param dataset - the 1D dataset
   * @param observation - events, pointing and IRFs
   * @returns the on/off dataset, named as the input. Without off region its safe mask is
   *   all false, and countsOff null (zeros if the dataset has a background, as Gammapy)
   * @throws DataError as {@link makeCountsOff}
   * @example
   * ```ts
   * const onoff = new ReflectedRegionsBackgroundMaker().run(dataset, observation);
   * ```
   */
  run(dataset: SpectrumDataset, observation: ReflectedObservation): SpectrumDatasetOnOff {
    const { countsOff, acceptanceOff } = this.makeCountsOff(dataset, observation);
    const geom = dataset.counts!.geom;
    const acceptance = new RegionNDMap(geom, new Float64Array(geom.size).fill(1));
    const onoff = spectrumDatasetOnOffFromSpectrumDataset(dataset, { acceptance, acceptanceOff, countsOff, name: dataset.name });
    if (countsOff !== null) return onoff;
    // Excluded from fits rather than fitted against a missing background.
    this.logger.warning(`ReflectedRegionsBackgroundMaker failed: the safe mask of dataset '${dataset.name}' is set to false`);
    return { ...onoff, maskSafe: new Uint8Array(geom.size) };
  }
}

/** The on geometry of a dataset, with its single region and MapAxis "energy". */
function onGeometry(dataset: SpectrumDatasetInput): { geom: RegionGeom; region: SkyRegion; axis: MapAxis } {
  const where = `ReflectedRegionsBackgroundMaker (dataset '${dataset.name}')`;
  const geom = dataset.counts?.geom;
  if (geom === undefined) {
    throw new DataError(`${where}: the dataset has no counts`, { hint: "make the counts first (SpectrumDatasetMaker with 'counts' selected)" });
  }
  const region = geom.region;
  if (region === undefined) {
    throw new DataError(`${where}: the on geometry has ${geom.regions.length} regions; reflected regions need exactly one`, {
      hint: "use a single on region (circle, ellipse, rectangle, polygon or point)",
    });
  }
  const axis = geom.axes.find((a) => a.name === "energy");
  if (!(axis instanceof MapAxis)) {
    throw new DataError(`${where}: the counts geometry has no MapAxis 'energy' (axes: ${geom.axes.map((a) => a.name).join(", ") || "none"})`, {
      hint: "build the dataset on a reco energy axis named 'energy'",
    });
  }
  return { geom, region, axis };
}
