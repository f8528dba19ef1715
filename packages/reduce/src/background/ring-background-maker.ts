/**
 * RingBackgroundMaker: the ring background method of Gammapy 1.0 — the off counts of each
 * pixel are the counts in a ring around it, outside the exclusion mask; the off acceptance
 * is the background template summed over the same ring; the on acceptance is the
 * template itself, so α = acceptance / acceptance_off renormalises the template locally.
 */
import { DataError, silentLogger, toInternal } from "@gammats/core";
import type { Logger } from "@gammats/core";
import { mapDatasetOnOffFromMapDataset, mapNpredBackground } from "@gammats/datasets";
import type { MapDataset, MapDatasetOnOff } from "@gammats/datasets";
import { WcsNDMap } from "@gammats/maps";
import type { Observation } from "@gammats/data-store";
import { exclusionOnGeom } from "../map/exclusion-on-geom.js";
import { ringKernel } from "./ring-kernel.js";
import type { RingKernel } from "./ring-kernel.js";

/** Options of {@link RingBackgroundMaker} (Gammapy's arguments, camelCase). */
export interface RingBackgroundMakerOptions {
  /** Inner ring radius [deg or "0.5 deg"]. */
  rIn: number | string;
  /** Ring width [deg or "0.3 deg"]. */
  width: number | string;
  /** Exclusion mask: bool map, 1 = usable; default none (all pixels usable). */
  exclusionMask?: WcsNDMap | null;
}

function angle(value: number | string, key: string): number {
  const v = typeof value === "number" ? value : toInternal(value, "angle");
  if (!Number.isFinite(v) || v < 0) {
    throw new DataError(`RingBackgroundMaker: ${key} must be an angle >= 0, got ${String(value)}`, { hint: `give e.g. ${key}: "0.5 deg"` });
  }
  return v;
}

/**
 * Makes on/off map datasets with the ring background.
 *
 * @example
 * ```ts
 * const ring = new RingBackgroundMaker({ rIn: "0.5 deg", width: "0.3 deg", exclusionMask });
 * const onoff = ring.run(dataset);   // MapDatasetOnOff, one energy bin
 * onoff.countsOff!.data;             // ring counts outside the exclusion
 * ```
 */
export class RingBackgroundMaker {
  /** Gammapy's tag. */
  readonly tag = "RingBackgroundMaker";
  /** Inner radius [deg]. */
  readonly rIn: number;
  /** Width [deg]. */
  readonly width: number;
  /** The exclusion mask, or null. */
  readonly exclusionMask: WcsNDMap | null;

  /**
   * @param options - rIn, width, exclusionMask
   * @throws DataError for negative radii or a zero width
   */
  constructor(options: RingBackgroundMakerOptions) {
    this.rIn = angle(options.rIn, "r_in");
    this.width = angle(options.width, "width");
    if (!(this.width > 0)) throw new DataError("RingBackgroundMaker: width must be > 0", { hint: 'give e.g. width: "0.3 deg"' });
    this.exclusionMask = options.exclusionMask ?? null;
  }

  /**
   * The ring kernel on a map's pixels (radii divided by the x pixel scale, as Gammapy).
   *
   * @param pixelScale - pixel size [deg]
   * @returns the kernel
   */
  kernel(pixelScale: number): RingKernel {
    return ringKernel(this.rIn / pixelScale, this.width / pixelScale);
  }

  /**
   * The off counts and off acceptance: counts and predicted background outside the
   * exclusion, convolved with the ring (Gammapy's `make_maps_off`).
   *
   * @param dataset - the map dataset
   * @param logger - receives the warning when the mask does not cover the dataset
   * @returns countsOff, acceptanceOff and the acceptance (predicted background)
   * @throws DataError without counts or background
   */
  makeMapsOff(dataset: MapDataset, logger: Logger = silentLogger): { countsOff: WcsNDMap; acceptanceOff: WcsNDMap; acceptance: WcsNDMap } {
    const counts = dataset.counts;
    const background = dataset.counts === null ? null : mapNpredBackground(dataset);
    if (counts === null || background === null) {
      throw new DataError(`RingBackgroundMaker: dataset '${dataset.name}' has no ${counts === null ? "counts" : "background"}`, {
        hint: "include 'counts' and 'background' in the MapDatasetMaker selection",
      });
    }
    const geom = counts.geom;
    const usable = this.exclusionMask === null ? null : exclusionOnGeom(this.exclusionMask, geom, "RingBackgroundMaker", logger);
    const masked = (data: ArrayLike<number>): WcsNDMap =>
      new WcsNDMap(geom, usable === null ? Float64Array.from(data) : Float64Array.from(data, (v, i) => (usable[i] ? v : 0)));
    const ring = this.kernel(geom.pixelScales[0]);
    return { countsOff: masked(counts.data).convolve(ring), acceptanceOff: masked(background.data).convolve(ring), acceptance: background };
  }

  /**
   * Runs the ring background method.
   *
   * @param dataset - a MapDataset with one reco-energy bin, counts and background
   * @param _observation - unused (makers' common signature)
   * @param logger - receives warnings
   * @returns the MapDatasetOnOff (same name); safe mask off where acceptance_off ≤ 0 (NaN kept, as Gammapy)
   * @throws DataError for other datasets, more than one energy bin, missing maps
   */
  run(dataset: MapDataset, _observation?: Observation, logger: Logger = silentLogger): MapDatasetOnOff {
    if ((dataset as { tag?: string }).tag !== "MapDataset") {
      throw new DataError(`RingBackgroundMaker: dataset '${dataset.name}' is a ${(dataset as { tag?: string }).tag ?? "non-map dataset"}`, {
        hint: "the ring background needs a MapDataset with a background template",
      });
    }
    const nbin = dataset.counts?.geom.axes[0]?.nbin ?? 1;
    if (nbin > 1) {
      // Gammapy's Analysis refuses this too: the ring is meant for one (integrated) energy bin.
      throw new DataError(`RingBackgroundMaker: dataset '${dataset.name}' has ${nbin} energy bins, the ring background needs one`, {
        hint: "use a single-bin energy axis (datasets.geom.axes.energy.nbins: 1)",
      });
    }
    const { countsOff, acceptanceOff, acceptance } = this.makeMapsOff(dataset, logger);
    const geom = countsOff.geom;
    const safe = new Uint8Array(geom.size);
    const current = dataset.maskSafe?.data;
    const off = acceptanceOff.data;
    for (let i = 0; i < safe.length; i++) safe[i] = (current === undefined || current[i] ? 1 : 0) & (off[i]! <= 0 ? 0 : 1);
    return mapDatasetOnOffFromMapDataset({ ...dataset, maskSafe: new WcsNDMap(geom, safe) }, acceptance, acceptanceOff, { countsOff, name: dataset.name });
  }
}
