/**
 * Off counts of the reflected-regions background, as Gammapy 1.0's
 * `ReflectedRegionsBackgroundMaker.make_counts_off`: events in the union of extended off
 * regions (tested in the finder's reference projection, so each event counts once), or —
 * for point off regions of point-like IRFs — events within θ_max(E, offset) of each off
 * position, filled once per position (an event near two positions counts twice; the
 * maker refuses positions whose cuts could overlap).
 */
import { conversionFactor } from "@gammats/core";
import { RegionGeom } from "@gammats/maps";
import type { MapAxis, RegionWcs, SkyRegion } from "@gammats/maps";
import { selectRadMax } from "./rad-max-selection.js";
import type { EventDirections, RadMaxFn } from "./rad-max-selection.js";

/**
 * Adds selected events to an energy histogram: the events whose `select` entry is set
 * (a 0/1 mask over all events) or the listed event indices. Energies outside the axis
 * are not counted.
 *
 * @param axis - reconstructed energy axis (any energy unit)
 * @param energy - event energies [TeV]
 * @param select - 0/1 mask over all events, or event indices
 * @param out - histogram of `axis.nbin` bins, added to
 * @returns `out`
 * @example
 * ```ts
 * fillEnergyHistogram(energyAxis, events.energy, Uint32Array.of(0, 7), new Float64Array(energyAxis.nbin));
 * ```
 */
export function fillEnergyHistogram(axis: MapAxis, energy: Float64Array, select: Uint8Array | Uint32Array, out: Float64Array): Float64Array {
  const f = conversionFactor("TeV", axis.unit);
  let n = 0;
  if (select instanceof Uint8Array) for (let i = 0; i < select.length; i++) n += select[i] ? 1 : 0;
  else n = select.length;
  // Gather the selected energies in the axis unit, then bin them in one call.
  const chosen = new Float64Array(n);
  if (select instanceof Uint8Array) {
    for (let i = 0, k = 0; i < select.length; i++) if (select[i]) chosen[k++] = energy[i] * f;
  } else {
    for (let k = 0; k < n; k++) chosen[k] = energy[select[k]] * f;
  }
  const idx = axis.coordToIdx(chosen);
  for (let k = 0; k < n; k++) if (idx[k] >= 0) out[idx[k]] += 1;
  return out;
}

/**
 * Off counts per energy bin from extended off regions (their union).
 *
 * @param events - event directions (ICRS) and energies
 * @param regions - the off regions
 * @param wcs - the finder's reference projection (regions are evaluated in it)
 * @param axis - reconstructed energy axis
 * @returns counts per bin
 * @example
 * ```ts
 * const { regions, wcs } = finder.run(on, pointing);
 * countsOffInRegions(obs.events, regions, wcs, energyAxis); // Float64Array(nbin)
 * ```
 */
export function countsOffInRegions(events: EventDirections, regions: readonly SkyRegion[], wcs: RegionWcs, axis: MapAxis): Float64Array {
  const out = new Float64Array(axis.nbin);
  if (regions.length === 0 || events.ra.length === 0) return out;
  const inside = new RegionGeom(regions, { wcs }).contains(events.ra, events.dec, "icrs");
  return fillEnergyHistogram(axis, events.energy, inside, out);
}

/**
 * Off counts per energy bin from point off positions with an energy-dependent cut.
 *
 * @param events - event directions (ICRS) and energies
 * @param positions - the off positions (point regions)
 * @param pointing - pointing (ICRS) [deg]
 * @param axis - reconstructed energy axis
 * @param radMax - the θ_max cut
 * @returns counts per bin, summed over the positions
 * @example
 * ```ts
 * countsOffRadMax(obs.events, regions, { lon: ra, lat: dec }, energyAxis, radMaxFromIrf(radMax));
 * ```
 */
export function countsOffRadMax(
  events: EventDirections,
  positions: readonly SkyRegion[],
  pointing: { lon: number; lat: number },
  axis: MapAxis,
  radMax: RadMaxFn,
): Float64Array {
  const out = new Float64Array(axis.nbin);
  for (const p of positions) {
    const rows = selectRadMax(events, { ...p.center, frame: p.frame }, pointing, radMax);
    fillEnergyHistogram(axis, events.energy, rows, out);
  }
  return out;
}
