/**
 * Energy masks on a reco-energy axis as Gammapy's `Geom.energy_mask`: a bin is kept when
 * it lies entirely inside [energyMin, energyMax].
 */
import { DataError } from "@gammats/core";
import type { MapAxis } from "@gammats/maps";

/**
 * Relative slack when comparing bin edges with a threshold. Gammapy's edges come from
 * NumPy's SIMD exp/log, whose last bits differ from V8's (and between CPUs: a 100 TeV edge
 * is 99.99999999999994 there and 100.00000000000004 here), so an edge that equals a
 * threshold (HI_THRES = 100 TeV with a 100 TeV axis) must count as equal on both sides.
 */
export const ENERGY_EDGE_RTOL = 1e-9;

/**
 * Which bins of an energy axis lie inside [energyMin, energyMax] (Gammapy's
 * `energy_mask`, with {@link ENERGY_EDGE_RTOL} slack at the bounds).
 *
 * @param axis - the (reco) energy axis
 * @param energyMin - lower bound [TeV]; undefined: none (NaN keeps no bin, as in Gammapy)
 * @param energyMax - upper bound [TeV]; undefined: none
 * @returns 1 for kept bins, one per bin
 * @throws DataError when the axis is not an energy axis
 * @example
 * ```ts
 * energyMask(MapAxis.fromEnergyBounds(0.1, 100, 3), 1); // Uint8Array [0, 1, 1]
 * ```
 */
export function energyMask(axis: MapAxis, energyMin?: number, energyMax?: number): Uint8Array {
  if (!axis.isEnergyAxis) {
    throw new DataError(`energy mask: axis '${axis.name}' [${axis.unit}] is not an energy axis`, {
      hint: "give the dataset's reco energy axis (name 'energy', unit TeV)",
    });
  }
  const edges = axis.edgesIn("TeV");
  const lo = energyMin === undefined ? -Infinity : energyMin * (1 - ENERGY_EDGE_RTOL);
  const hi = energyMax === undefined ? Infinity : energyMax * (1 + ENERGY_EDGE_RTOL);
  const out = new Uint8Array(axis.nbin);
  for (let i = 0; i < out.length; i++) out[i] = edges[i]! >= lo && edges[i + 1]! <= hi ? 1 : 0;
  return out;
}
