/**
 * SafeMaskMaker's methods on map datasets, as Gammapy 1.0 applies them to a `MapDataset`:
 * "offset-max" per pixel (pixel centre closer than offset_max to the pointing), the energy
 * thresholds per reco-energy plane — "aeff-max" from the exposure at one position (the
 * fixed offset north of the pointing, else `position`, else the counts map centre),
 * "edisp-bias" from the edisp kernel at one position (the fixed offset, else `position`,
 * else the IRF map centre, nearest valid IRF pixel), "bkg-peak" from the background
 * summed over the map — and invalid background bins removed first.
 */
import { DataError, offsetBy } from "@gammats/core";
import type { Logger } from "@gammats/core";
import { EffectiveAreaTable2D } from "@gammats/irf";
import type { MapAxis, WcsGeom } from "@gammats/maps";
import { WcsNDMap } from "@gammats/maps";
import type { Observation } from "@gammats/data-store";
import { edispKernelAt, mapNpredBackground, mapOnOffBackground } from "@gammats/datasets";
import type { AnyMapDataset, SkyDirection } from "@gammats/datasets";
import { energyMask } from "../energy-mask.js";
import { aeffMaxEnergy, bkgPeakEnergy, edispBiasEnergy } from "../safe-mask-energy.js";

/** What the map safe mask needs of a SafeMaskMaker (its settings). */
export interface MapSafeMaskSettings {
  readonly methods: readonly string[];
  readonly aeffPercent: number;
  readonly biasPercent: number;
  readonly position: { ra: number; dec: number } | undefined;
  readonly fixedOffset: number | undefined;
  readonly offsetMax: number;
}

/** ANDs a per-energy-bin mask into every pixel of its plane. */
function andPlanes(mask: Uint8Array, bins: Uint8Array, planeSize: number): void {
  for (let p = 0; p < bins.length; p++) {
    if (bins[p]) continue;
    mask.fill(0, p * planeSize, (p + 1) * planeSize);
  }
}

/**
 * mask = current ∧ valid background (finite, and > 0 unless `positive` is false: on/off
 * backgrounds may be 0) ∧ image (per pixel, every plane); a null input counts as all true.
 * Exported for the tests (fast path vs general path).
 */
export function initialMask(mask: Uint8Array, current: ArrayLike<number> | null, background: ArrayLike<number> | null, positive: boolean, image: Uint8Array | null): void {
  const n = image === null ? mask.length : image.length;
  if (current !== null && background !== null && positive && image !== null) {
    // The usual case (a fresh map dataset, "offset-max"): a lean loop per plane; it runs
    // interpreted until optimised, and there every operation counts.
    for (let o = 0; o < mask.length; o += n) initialMaskPlane(mask, o, n, current, background, image);
    return;
  }
  for (let o = 0; o < mask.length; o += n) {
    for (let i = 0; i < n; i++) {
      const k = o + i;
      let m = current === null || current[k] ? 1 : 0;
      if (background !== null) {
        const b = background[k]!;
        if (!Number.isFinite(b) || (positive && !(b > 0))) m = 0;
      }
      mask[k] = image === null ? m : m & image[i]!;
    }
  }
}

/**
 * One plane of {@link initialMask} with every input given and `positive`: a finite b > 0
 * is b > 0 && b !== Infinity (NaN fails b > 0), and 1 & image[i] is m & image[i] for m = 1.
 */
function initialMaskPlane(mask: Uint8Array, o: number, n: number, current: ArrayLike<number>, background: ArrayLike<number>, image: Uint8Array): void {
  for (let i = 0; i < n; i++) {
    const k = o + i;
    const b = background[k]!;
    mask[k] = current[k] && b > 0 && b !== Infinity ? 1 & image[i]! : 0;
  }
}

/**
 * Σ data[k] over k0 <= k < k1, NaN skipped, in index order (a small function of its own:
 * optimised after a plane, not on-stack-replaced inside the large caller).
 */
function nanSum(data: ArrayLike<number>, k0: number, k1: number): number {
  let sum = 0;
  for (let k = k0; k < k1; k++) {
    const v = data[k]!;
    if (!Number.isNaN(v)) sum += v;
  }
  return sum;
}

/**
 * "offset-max" on a sky map: pixels whose centres are closer than `offsetMax` to the pointing.
 *
 * @param geom - the counts geometry
 * @param pointing - pointing RA/Dec [deg]
 * @param offsetMax - maximum offset [deg]
 * @returns one byte per image pixel (ny · nx)
 * @example
 * ```ts
 * offsetMaxImage(dataset.counts.geom, observation.pointing, 2.5); // 1 within 2.5 deg
 * ```
 */
export function offsetMaxImage(geom: WcsGeom, pointing: { ra: number; dec: number }, offsetMax: number): Uint8Array {
  const sep = geom.separation(pointing.ra, pointing.dec, "icrs");
  const out = new Uint8Array(sep.length);
  for (let i = 0; i < sep.length; i++) out[i] = sep[i]! < offsetMax ? 1 : 0;
  return out;
}

/** The position of "aeff-max" / "edisp-bias" with a fixed offset: that far north of the pointing. */
function fixedOffsetPosition(observation: Observation, offset: number): SkyDirection {
  const p = offsetBy(observation.pointing.ra, observation.pointing.dec, 0, offset);
  return { lon: p.lon, lat: p.lat, frame: "icrs" };
}

/**
 * The safe mask of a map dataset (Gammapy's `SafeMaskMaker.run` on a MapDataset).
 *
 * @param s - the maker's settings
 * @param dataset - the map dataset (counts geometry; exposure, edisp, background as the methods need)
 * @param needObs - the observation (offset-max, aeff-default, fixed offset), or a throw
 *   naming the method that needs it
 * @param logger - receives Gammapy's warnings
 * @returns the new safe mask (bool map on the counts geometry)
 * @throws DataError when a method lacks what it needs
 */
export function mapSafeMask(
  s: MapSafeMaskSettings,
  dataset: AnyMapDataset,
  needObs: (method: string) => Observation,
  logger: Logger,
): WcsNDMap {
  const counts = dataset.counts ?? dataset.maskSafe;
  if (counts === null) {
    throw new DataError(`SafeMaskMaker: dataset '${dataset.name}' has no counts geometry`, { hint: "run the MapDatasetMaker first" });
  }
  const geom = counts.geom;
  const energy = geom.axes[0] as MapAxis;
  const planeSize = geom.npix[0] * geom.npix[1];
  const has = (m: string): boolean => s.methods.includes(m);
  const onOff = dataset.tag === "MapDatasetOnOff";
  // Invalid background bins go first, so that "bkg-peak" only loses clipped values.
  const background = onOff ? mapOnOffBackground(dataset) : dataset.background;
  // The current mask ∧ valid background ∧ "offset-max", in one pass (the conditions are
  // per bin, their order does not matter).
  const mask = new Uint8Array(geom.size);
  const image = has("offset-max") ? offsetMaxImage(geom, needObs("offset-max").pointing, s.offsetMax) : null;
  initialMask(mask, dataset.maskSafe?.data ?? null, background?.data ?? null, !onOff, image);
  const fixed = s.fixedOffset !== undefined && (has("aeff-max") || has("edisp-bias")) ? fixedOffsetPosition(needObs("fixed_offset"), s.fixedOffset) : undefined;
  const given: SkyDirection | undefined = s.position === undefined ? undefined : { lon: s.position.ra, lat: s.position.dec, frame: "icrs" };

  if (has("aeff-default")) andPlanes(mask, aeffDefaultBins(energy, needObs("aeff-default"), logger), planeSize);
  if (has("aeff-max")) {
    const at = fixed ?? given ?? geom.centerSkydir;
    const bins = aeffMaxBins(dataset, energy, at, s.aeffPercent, logger);
    andPlanes(mask, bins, planeSize);
  }
  if (has("edisp-bias")) {
    if (dataset.edisp === null) {
      throw new DataError(`SafeMaskMaker: 'edisp-bias' needs the energy dispersion of dataset '${dataset.name}'`, { hint: "include 'edisp' in the maker selection" });
    }
    const kernel = edispKernelAt(dataset.edisp, fixed ?? given);
    andPlanes(mask, energyMask(energy, edispBiasEnergy(kernel, s.biasPercent)), planeSize);
  }
  if (has("bkg-peak")) {
    const npred = mapNpredBackground(dataset);
    if (npred === null) {
      throw new DataError(`SafeMaskMaker: 'bkg-peak' needs a background for dataset '${dataset.name}'`, {
        hint: "include 'background' in the maker selection or run a background maker first",
      });
    }
    // Gammapy's get_spectrum: NaN-ignoring sum over the pixels of each plane.
    const spectrum = new Float64Array(energy.nbin);
    for (let p = 0; p < energy.nbin; p++) spectrum[p] = nanSum(npred.data, p * planeSize, (p + 1) * planeSize);
    andPlanes(mask, energyMask(energy, bkgPeakEnergy(energy.edgesIn("TeV"), spectrum)), planeSize);
  }
  return new WcsNDMap(geom, mask);
}

/**
 * "aeff-default": the reco bins inside LO_THRES / HI_THRES [TeV] of the effective area
 * header (a missing or zero keyword is no bound, with a warning, as Gammapy).
 *
 * @param energy - the reco energy axis
 * @param observation - the observation (its effective area)
 * @param logger - receives the warnings
 * @returns one byte per reco bin
 */
export function aeffDefaultBins(energy: MapAxis, observation: Observation, logger: Logger): Uint8Array {
  const aeff = observation.aeff;
  const lo = aeff instanceof EffectiveAreaTable2D ? aeff.loThreshold : undefined;
  const hi = aeff instanceof EffectiveAreaTable2D ? aeff.hiThreshold : undefined;
  // Gammapy tests the keyword's truth: a 0 threshold counts as absent.
  if (!hi) logger.warning(`No default upper safe energy threshold defined for obs ${observation.obsId}`);
  if (!lo) logger.warning(`No default lower safe energy threshold defined for obs ${observation.obsId}`);
  return energyMask(energy, lo || undefined, hi || undefined);
}

/** "aeff-max": exposure / livetime in the pixel at `at` (nearest), inverted at `percent` % of its maximum. */
function aeffMaxBins(dataset: AnyMapDataset, energy: MapAxis, at: { lon: number; lat: number; frame: string }, percent: number, logger: Logger): Uint8Array {
  const exposure = dataset.exposure;
  if (exposure === null || dataset.livetime === null) {
    throw new DataError(`SafeMaskMaker: 'aeff-max' needs the exposure and livetime of dataset '${dataset.name}'`, {
      hint: "include 'exposure' in the maker selection",
    });
  }
  const etrue = exposure.geom.axes[0] as MapAxis;
  const centers = etrue.centersIn("TeV");
  const values = exposure.interpByCoord({ lon: at.lon, lat: at.lat, frame: at.frame, energy_true: centers }, { method: "nearest" });
  const livetime = dataset.livetime;
  const aeff = values.map((v) => v / livetime);
  if (!aeff.some((v) => v > 0)) {
    logger.warning(`Effective area is all zero at [${at.lon.toFixed(4)}, ${at.lat.toFixed(4)}] (${at.frame}). No safe energy band can be defined for the dataset '${dataset.name}': setting mask_safe to all False.`);
    return new Uint8Array(energy.nbin);
  }
  return energyMask(energy, aeffMaxEnergy(centers, aeff, percent));
}
