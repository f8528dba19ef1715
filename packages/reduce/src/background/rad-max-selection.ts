/**
 * Event selection with an energy-dependent directional cut (point-like IRFs, GADF
 * `RAD_MAX_2D`), as Gammapy 1.0's `EventList.select_rad_max`: an event is kept when its
 * angular distance from the position is at most θ_max(E_reco, offset of the position
 * from the pointing), θ_max looked up at the nearest table node. The cut is a callback so
 * that on-region (spectrum maker) and off-region (reflected background) selections share it.
 */
import { DataError, angularSeparation, conversionFactor, parseFrame, transformFrame } from "@gammats/core";
import type { RadMax2D } from "@gammats/irf";
import type { SkyDirection } from "./reflected-reference-geom.js";

/**
 * Directional cut radius θ_max for reconstructed energies at one offset.
 *
 * @param energy - reconstructed energies [TeV]
 * @param offset - offset of the selection position from the pointing [deg]
 * @param out - optional output of the same length
 * @returns θ_max per energy [deg]
 */
export type RadMaxFn = (energy: Float64Array, offset: number, out?: Float64Array) => Float64Array;

/** Event columns a directional selection reads (ICRS directions [deg], energy [TeV]). */
export interface EventDirections {
  readonly ra: Float64Array;
  readonly dec: Float64Array;
  readonly energy: Float64Array;
}

/**
 * The cut of a `RadMax2D` table as a {@link RadMaxFn}.
 *
 * @param radMax - the RAD_MAX_2D table
 * @param method - table lookup; default "nearest" (Gammapy's event selection)
 * @returns the callback
 * @example
 * ```ts
 * const cut = radMaxFromIrf(observation.radMax as RadMax2D);
 * cut(Float64Array.of(0.3, 3), 0.5); // Float64Array [θ(0.3 TeV), θ(3 TeV)] deg
 * ```
 */
export function radMaxFromIrf(radMax: RadMax2D, method: "nearest" | "linear" = "nearest"): RadMaxFn {
  const toDeg = conversionFactor(radMax.unit, "deg");
  return (energy, offset, out) => {
    const r = radMax.evaluate(energy, [offset], out, { method });
    if (toDeg !== 1) for (let i = 0; i < energy.length; i++) r[i] *= toDeg;
    return r;
  };
}

/**
 * Indices of the events within θ_max(E, offset) of a position.
 *
 * @param events - event directions (ICRS) and energies
 * @param position - centre of the selection (any frame, default icrs)
 * @param pointing - pointing position (ICRS) [deg], for the offset
 * @param radMax - the cut
 * @returns ascending event indices
 * @throws DataError for a bad position
 * @example
 * ```ts
 * const on = selectRadMax(obs.events, { lon: 83.633, lat: 22.0145 }, { lon: obs.pointing.ra, lat: obs.pointing.dec }, cut);
 * ```
 */
export function selectRadMax(events: EventDirections, position: SkyDirection, pointing: { lon: number; lat: number }, radMax: RadMaxFn): Uint32Array {
  const frame = parseFrame(position.frame ?? "icrs", "rad max selection position frame");
  if (!Number.isFinite(position.lon) || !(Math.abs(position.lat) <= 90)) {
    throw new DataError(`rad max selection: invalid position (${position.lon}, ${position.lat}) deg`, { hint: "give finite degrees with |lat| <= 90" });
  }
  const p = frame === "icrs" ? position : transformFrame(position.lon, position.lat, frame, "icrs");
  const offset = angularSeparation(p.lon, p.lat, pointing.lon, pointing.lat);
  const n = events.ra.length;
  const sep = angularSeparation(events.ra, events.dec, p.lon, p.lat, new Float64Array(n));
  const theta = radMax(events.energy, offset, new Float64Array(n));
  let count = 0;
  for (let i = 0; i < n; i++) if (sep[i] <= theta[i]) count++;
  const rows = new Uint32Array(count);
  for (let i = 0, k = 0; i < n; i++) if (sep[i] <= theta[i]) rows[k++] = i;
  return rows;
}

/**
 * Whether circles of radius θ_max around the given centres would overlap anywhere in an
 * energy range (Gammapy 1.0's `are_regions_overlapping_rad_max`): θ_max is taken at the
 * table's energy nodes (its own interpolation) at one offset, for the table bins that touch
 * [eMin, eMax], and compared with half of every pairwise distance.
 *
 * @param centers - region centres, one frame [deg]
 * @param radMax - the RAD_MAX_2D table
 * @param offset - offset of the on region from the pointing [deg]
 * @param eMin - lowest reco energy of the analysis [TeV]
 * @param eMax - highest reco energy [TeV]
 * @returns true when two centres are closer than 2 θ_max
 * @example
 * ```ts
 * radMaxOverlap([on.center, ...off.map((r) => r.center)], radMax, 0.5, 0.5, 30); // false
 * ```
 */
export function radMaxOverlap(
  centers: readonly { lon: number; lat: number }[],
  radMax: RadMax2D,
  offset: number,
  eMin: number,
  eMax: number,
): boolean {
  const axis = radMax.axis("energy");
  const nodes = axis.centersIn("TeV");
  const lo = axis.edgesIn("TeV");
  const theta = radMax.evaluate(nodes, [offset]);
  const toDeg = conversionFactor(radMax.unit, "deg");
  let largest = -Infinity;
  for (let i = 0; i < nodes.length; i++) {
    // Table bins touching the analysis range (upper edge >= eMin, lower edge <= eMax).
    if (lo[i + 1] >= eMin && lo[i] <= eMax) largest = Math.max(largest, theta[i] * toDeg);
  }
  if (largest === -Infinity) return false;
  for (let a = 0; a < centers.length; a++) {
    for (let b = a + 1; b < centers.length; b++) {
      if (angularSeparation(centers[a].lon, centers[a].lat, centers[b].lon, centers[b].lat) < 2 * largest) return true;
    }
  }
  return false;
}
