/**
 * RAD_MAX of an observation and the on-region shapes it allows, as Gammapy 1.0: the
 * RAD_MAX_2D table when the data store has one, else a fixed cut from the RAD_MAX keyword
 * of point-like effective area or energy dispersion. With a cut, the on region must be a
 * point (energy-dependent selection) or a circle whose radius equals a fixed cut.
 */
import { DataError, conversionFactor } from "@gammats/core";
import { RadMax2D } from "@gammats/irf";
import type { Irf } from "@gammats/irf";
import type { SkyRegion } from "@gammats/maps";

/** The IRFs of an observation that define its directional cut. */
export interface RadMaxSource {
  /** Observation id, for messages. */
  readonly obsId?: number;
  /** RAD_MAX_2D table, if the data store lists one. */
  readonly radMax?: Irf | undefined;
  /** Effective area (a point-like one carries the RAD_MAX keyword). */
  readonly aeff?: Irf | undefined;
  /** Energy dispersion (idem). */
  readonly edisp?: Irf | undefined;
}

// np.allclose's default absolute tolerance, in the region's unit (deg).
const ALLCLOSE_ATOL = 1e-8;

/**
 * The directional cut of an observation (Gammapy's `Observation.rad_max`).
 *
 * @param obs - the observation's IRFs
 * @returns the cut, or undefined for full-enclosure IRFs
 * @throws DataError when the rad_max HDU is not a RAD_MAX_2D table, or a point-like IRF has no RAD_MAX keyword
 * @example
 * ```ts
 * observationRadMax(observation)?.isFixedRadMax; // undefined for H.E.S.S. DR1
 * ```
 */
export function observationRadMax(obs: RadMaxSource): RadMax2D | undefined {
  const table = obs.radMax;
  if (table !== undefined) {
    if (!(table instanceof RadMax2D)) {
      throw new DataError(`observation ${obs.obsId ?? "?"}: the rad_max HDU holds a ${table.tag}, not a RAD_MAX_2D table`, {
        hint: "check the HDU index entry of type rad_max",
      });
    }
    return table;
  }
  // Reading aeff first and edisp only if needed, as Gammapy (which avoids loading both).
  const aeff = obs.aeff;
  if (aeff?.isPointlike) return RadMax2D.fromIrf(aeff);
  const edisp = obs.edisp;
  if (edisp?.isPointlike) return RadMax2D.fromIrf(edisp);
  return undefined;
}

/**
 * Checks that an on region suits a directional cut (Gammapy's
 * `is_rad_max_compatible_region_geom` plus the maker's refusal).
 *
 * @param regions - the on region(s)
 * @param radMax - the cut
 * @param where - who asks, for the message
 * @throws DataError for a circle whose radius differs from a fixed cut (relative 1e-3), or
 *   any other shape (extended regions need a fixed cut equal to their radius)
 */
export function checkRadMaxRegion(regions: readonly SkyRegion[], radMax: RadMax2D, where: string): void {
  if (regions.length > 0 && regions.every((r) => r.kind === "point")) return;
  const region = regions.length === 1 ? regions[0] : undefined;
  if (region?.kind === "circle" && radMax.isFixedRadMax) {
    const cut = radMax.data[0] * conversionFactor(radMax.unit, "deg");
    if (Math.abs(region.radius - cut) <= ALLCLOSE_ATOL + 1e-3 * Math.abs(cut)) return;
    throw new DataError(`${where}: the circle radius must equal the fixed RAD_MAX of point-like IRFs: expected ${cut} deg, got ${region.radius} deg`, {
      hint: `use an on region radius of ${cut} deg, or a point on region`,
    });
  }
  throw new DataError(`${where}: point-like IRFs need a point on region, or a circle with the fixed RAD_MAX as radius; got ${regions.map((r) => r.kind).join(" + ") || "no region"}`, {
    hint: "use a point on region (radius 0) for an energy-dependent RAD_MAX",
  });
}
