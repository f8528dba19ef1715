/**
 * SafeMaskMaker: the safe data range of a 1D or map dataset, as Gammapy 1.0's
 * `SafeMaskMaker` — invalid background bins removed first, then each method's mask ANDed
 * in: "offset-max", "aeff-default", "aeff-max", "edisp-bias", "bkg-peak" (map datasets:
 * `map/map-safe-mask.ts`).
 */
import { DataError, silentLogger, toInternal } from "@gammats/core";
import type { Logger } from "@gammats/core";
import type { MapAxis } from "@gammats/maps";
import type { Observation } from "@gammats/data-store";
import { npredBackground, onOffBackground } from "@gammats/datasets";
import type { AnyMapDataset, AnySpectrumDataset } from "@gammats/datasets";
import { energyMask } from "./energy-mask.js";
import { aeffDefaultBins, mapSafeMask } from "./map/map-safe-mask.js";
import { regionOffset } from "./region-center.js";
import { aeffMaxEnergy, bkgPeakEnergy, edispBiasEnergy } from "./safe-mask-energy.js";

/** The safe-mask methods (config `datasets.safe_mask.methods`). */
export const SAFE_MASK_METHODS = ["aeff-default", "aeff-max", "edisp-bias", "offset-max", "bkg-peak"] as const;

/** One of {@link SAFE_MASK_METHODS}. */
export type SafeMaskMethod = (typeof SAFE_MASK_METHODS)[number];

/** Options of {@link SafeMaskMaker} (config `datasets.safe_mask.parameters`, camelCase). */
export interface SafeMaskMakerOptions {
  /** Methods, combined with AND. Default ["aeff-default"]. */
  methods?: readonly SafeMaskMethod[];
  /** "aeff-max": threshold in % of the maximum effective area. Default 10. */
  aeffPercent?: number;
  /** "edisp-bias": threshold of the energy bias [%]. Default 10. */
  biasPercent?: number;
  /**
   * Position where "aeff-max" / "edisp-bias" are evaluated on map datasets, RA/Dec [deg]
   * (default: the counts map centre for "aeff-max", the IRF map centre for "edisp-bias").
   * Gammapy ignores it for 1D datasets (their IRFs exist at one position only).
   */
  position?: { ra: number; dec: number };
  /**
   * Offset from the pointing where "aeff-max" / "edisp-bias" are evaluated on map datasets
   * (that far north of the pointing) [deg or "1 deg"]; exclusive with `position`; needs the
   * observation. Ignored for 1D datasets, as in Gammapy.
   */
  fixedOffset?: number | string;
  /**
   * "offset-max": maximum offset from the pointing of the on-region centre (1D) or of each
   * pixel centre (maps) [deg or "3 deg"]. Default 3 deg.
   */
  offsetMax?: number | string;
}

function angle(value: number | string, key: string): number {
  const v = typeof value === "number" ? value : toInternal(value, "angle");
  if (!Number.isFinite(v) || v < 0) {
    throw new DataError(`SafeMaskMaker: ${key} must be an angle >= 0, got ${String(value)}`, { hint: `give e.g. ${key}: "2.5 deg"` });
  }
  return v;
}

function percent(value: number, key: string): number {
  if (!Number.isFinite(value) || value < 0 || value > 100) {
    throw new DataError(`SafeMaskMaker: ${key} must be a percentage in [0, 100], got ${value}`, { hint: `give e.g. ${key}: 10` });
  }
  return value;
}

function andInto(mask: Uint8Array, other: Uint8Array | number): void {
  for (let i = 0; i < mask.length; i++) mask[i] = mask[i]! & (typeof other === "number" ? other : other[i]!);
}

/**
 * Makes the safe mask of datasets.
 *
 * @example
 * ```ts
 * const safe = new SafeMaskMaker({ methods: ["aeff-default", "edisp-bias"], biasPercent: 10 });
 * const masked = safe.run(dataset, observation);
 * masked.maskSafe; // Uint8Array, 1 where the bin is safe
 * ```
 */
export class SafeMaskMaker {
  /** Gammapy's tag. */
  readonly tag = "SafeMaskMaker";
  /** The methods used. */
  readonly methods: readonly SafeMaskMethod[];
  /** Effective-area threshold [%]. */
  readonly aeffPercent: number;
  /** Bias threshold [%]. */
  readonly biasPercent: number;
  /** Evaluation position, if set. */
  readonly position: { ra: number; dec: number } | undefined;
  /** Evaluation offset [deg], if set. */
  readonly fixedOffset: number | undefined;
  /** Maximum offset [deg]. */
  readonly offsetMax: number;

  /**
   * @param options - methods and their parameters
   * @throws DataError for an unknown method, bad numbers, or both position and fixedOffset
   */
  constructor(options: SafeMaskMakerOptions = {}) {
    const methods: SafeMaskMethod[] = [...new Set<SafeMaskMethod>(options.methods ?? ["aeff-default"])];
    const bad = methods.filter((m) => !(SAFE_MASK_METHODS as readonly string[]).includes(m));
    if (bad.length > 0) {
      throw new DataError(`SafeMaskMaker: ${bad.map((b) => `'${b}'`).join(", ")} is not a safe-mask method`, {
        hint: `choose from ${SAFE_MASK_METHODS.join(", ")}`,
      });
    }
    this.methods = methods;
    this.aeffPercent = percent(options.aeffPercent ?? 10, "aeff_percent");
    this.biasPercent = percent(options.biasPercent ?? 10, "bias_percent");
    this.position = options.position;
    this.fixedOffset = options.fixedOffset === undefined ? undefined : angle(options.fixedOffset, "fixed_offset");
    this.offsetMax = angle(options.offsetMax ?? 3, "offset_max");
    if (this.position !== undefined && this.fixedOffset !== undefined) {
      throw new DataError("SafeMaskMaker: position and fixed_offset are mutually exclusive", { hint: "give one of them" });
    }
  }

  /**
   * The safe mask, as Gammapy: the dataset's current safe mask (all bins when none), ∧
   * finite (and, except for on/off datasets, positive) background when there is one, ∧
   * each method's mask.
   *
   * @param dataset - the dataset, 1D or map (counts geometry, exposure, edisp, background as needed)
   * @param observation - the observation it was made from (needed by "offset-max",
   *   "aeff-default" and `fixedOffset`)
   * @param logger - receives Gammapy's warnings (missing thresholds, zero area)
   * @returns a copy of the dataset with the new `maskSafe` (other arrays shared)
   * @throws DataError when a method lacks what it needs
   */
  run<D extends AnySpectrumDataset | AnyMapDataset>(dataset: D, observation?: Observation, logger: Logger = silentLogger): D {
    const needObs = (m: string): Observation => {
      if (observation === undefined) {
        throw new DataError(`SafeMaskMaker: method '${m}' needs the observation of dataset '${dataset.name}'`, { hint: "pass the observation to run()" });
      }
      return observation;
    };
    if (dataset.tag === "MapDataset" || dataset.tag === "MapDatasetOnOff") {
      return { ...dataset, maskSafe: mapSafeMask(this, dataset, needObs, logger) };
    }
    return this.runSpectrum(dataset as AnySpectrumDataset, needObs, logger) as D;
  }

  /** The 1D safe mask. */
  private runSpectrum<D extends AnySpectrumDataset>(dataset: D, needObs: (m: string) => Observation, logger: Logger): D {
    const counts = dataset.counts;
    if (counts === null) {
      throw new DataError(`SafeMaskMaker: dataset '${dataset.name}' has no counts geometry`, { hint: "run the SpectrumDatasetMaker first" });
    }
    const energy = counts.geom.axes[0] as MapAxis;
    const mask = dataset.maskSafe?.slice() ?? new Uint8Array(energy.nbin).fill(1);
    const has = (m: SafeMaskMethod): boolean => this.methods.includes(m);
    if (this.fixedOffset !== undefined && (has("aeff-max") || has("edisp-bias"))) needObs("fixed_offset");

    // Invalid background bins go first, so that "bkg-peak" only loses clipped values.
    const background = dataset.tag === "SpectrumDatasetOnOff" ? onOffBackground(dataset) : dataset.background;
    if (background !== null) {
      const wstat = dataset.tag === "SpectrumDatasetOnOff";
      const b = background.data;
      for (let i = 0; i < mask.length; i++) if (!Number.isFinite(b[i]!) || (!wstat && !(b[i]! > 0))) mask[i] = 0;
    }
    if (has("offset-max")) {
      const obs = needObs("offset-max");
      andInto(mask, regionOffset(counts.geom, obs.pointing, "SafeMaskMaker offset-max") < this.offsetMax ? 1 : 0);
    }
    if (has("aeff-default")) andInto(mask, aeffDefaultBins(energy, needObs("aeff-default"), logger));
    if (has("aeff-max")) andInto(mask, energyMask(energy, this.aeffMaxThreshold(dataset, logger)));
    if (has("edisp-bias")) {
      if (dataset.edisp === null) {
        throw new DataError(`SafeMaskMaker: 'edisp-bias' needs the energy dispersion of dataset '${dataset.name}'`, { hint: "include 'edisp' in the maker selection" });
      }
      andInto(mask, energyMask(energy, edispBiasEnergy(dataset.edisp.kernel, this.biasPercent)));
    }
    if (has("bkg-peak")) {
      const npred = npredBackground(dataset);
      if (npred === null) {
        throw new DataError(`SafeMaskMaker: 'bkg-peak' needs a background for dataset '${dataset.name}'`, {
          hint: "include 'background' in the maker selection or run a background maker first",
        });
      }
      andInto(mask, energyMask(energy, bkgPeakEnergy(energy.edgesIn("TeV"), npred)));
    }
    return { ...dataset, maskSafe: mask };
  }

  /** "aeff-max": the threshold true energy [TeV], or NaN (no bin safe) for a zero area. */
  private aeffMaxThreshold(dataset: AnySpectrumDataset, logger: Logger): number {
    const exposure = dataset.exposure;
    if (exposure === null || dataset.livetime === null) {
      throw new DataError(`SafeMaskMaker: 'aeff-max' needs the exposure and livetime of dataset '${dataset.name}'`, {
        hint: "include 'exposure' in the maker selection",
      });
    }
    const livetime = dataset.livetime;
    const aeff = exposure.data.map((v: number) => v / livetime);
    const energyMin = aeffMaxEnergy((exposure.geom.axes[0] as MapAxis).centersIn("TeV"), aeff, this.aeffPercent);
    if (Number.isNaN(energyMin)) {
      logger.warning(`Effective area is all zero. No safe energy band can be defined for the dataset '${dataset.name}': setting mask_safe to all False.`);
    }
    return energyMin;
  }
}
