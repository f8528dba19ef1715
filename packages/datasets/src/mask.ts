/**
 * Bin masks of 1D datasets: one byte per reco-energy bin (1 = use the bin), built from
 * the forms users have (Uint8Array, booleans, numbers, boolean RegionNDMaps), combined as
 * Gammapy's `Dataset.mask` (safe ∧ fit), and the energy range they select.
 */
import { DataError } from "@gammats/core";
import { RegionNDMap } from "@gammats/maps";
import type { MapAxis } from "@gammats/maps";

/** A mask as given by a user: bytes, booleans, numbers (≠ 0 = true) or a region map of them. */
export type MaskInput = Uint8Array | ArrayLike<boolean> | ArrayLike<number> | RegionNDMap;

/**
 * Converts a mask to one byte per bin (1 = selected), checking its length.
 *
 * @param mask - the mask
 * @param nbin - expected number of bins
 * @param what - what the mask is, for messages (e.g. "maskSafe of dataset 'a'")
 * @returns a new Uint8Array of 0/1
 * @throws DataError when the length differs from `nbin`
 * @example
 * ```ts
 * toMask([true, false, 1], 3, "maskFit"); // Uint8Array [1, 0, 1]
 * ```
 */
export function toMask(mask: MaskInput, nbin: number, what: string): Uint8Array {
  const values: ArrayLike<number | boolean> = mask instanceof RegionNDMap ? mask.data : mask;
  if (values.length !== nbin) {
    throw new DataError(`${what} has ${values.length} bins but the reco energy axis has ${nbin}`, {
      hint: "give one value per reco-energy bin (1/true = use the bin)",
    });
  }
  const out = new Uint8Array(nbin);
  for (let i = 0; i < nbin; i++) {
    const v = values[i];
    out[i] = v === true || (typeof v === "number" && v !== 0 && v === v) ? 1 : 0;
  }
  return out;
}

/**
 * The mask a statistic is summed over, as Gammapy's `Dataset.mask`: safe ∧ fit, either
 * one alone, or null when neither is set (all bins count).
 *
 * @param maskSafe - safe mask or null
 * @param maskFit - fit mask or null
 * @returns a new mask, or null
 * @example
 * ```ts
 * combinedMask(Uint8Array.of(1, 1, 0), Uint8Array.of(0, 1, 1)); // Uint8Array [0, 1, 0]
 * ```
 */
export function combinedMask(maskSafe: Uint8Array | null, maskFit: Uint8Array | null): Uint8Array | null {
  if (maskSafe === null && maskFit === null) return null;
  if (maskSafe === null) return maskFit!.slice();
  if (maskFit === null) return maskSafe.slice();
  const out = new Uint8Array(maskSafe.length);
  for (let i = 0; i < out.length; i++) out[i] = maskSafe[i]! & maskFit[i]!;
  return out;
}

/**
 * True when any bin is selected (Gammapy's `np.any(mask)`); false for null.
 *
 * @param mask - mask or null
 * @returns whether a bin is selected
 */
export function anySelected(mask: Uint8Array | null): boolean {
  if (mask === null) return false;
  for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) return true;
  return false;
}

/**
 * The energy range a mask selects, as Gammapy's `energy_range_*`: the lower edge of the
 * first selected bin and the upper edge of the last; NaN for an empty selection; the full
 * axis for a null mask.
 *
 * @param axis - reco energy axis
 * @param mask - mask or null
 * @returns [min, max] in TeV
 * @example
 * ```ts
 * energyRange(MapAxis.fromEnergyBounds(1, 10, 3), Uint8Array.of(0, 1, 1)); // [2.154..., 10]
 * ```
 */
export function energyRange(axis: MapAxis, mask: Uint8Array | null): [number, number] {
  const edges = axis.edgesIn("TeV");
  if (mask === null) return [edges[0]!, edges[edges.length - 1]!];
  let first = -1;
  let last = -1;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === 0) continue;
    if (first < 0) first = i;
    last = i;
  }
  return first < 0 ? [NaN, NaN] : [edges[first]!, edges[last + 1]!];
}
