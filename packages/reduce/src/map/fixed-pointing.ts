/**
 * An observation's pointing as the IRF-map functions take it (Gammapy's
 * `FixedPointingInfo`): ICRS always, and the AltAz pointing with the site and the middle
 * of the run when the observation has them (needed by ALTAZ-aligned backgrounds).
 */
import { metToTime, timeRefFromHeader } from "@gammats/core";
import type { FixedPointing } from "@gammats/irf";
import type { Observation } from "@gammats/data-store";

/**
 * The fixed pointing of an observation.
 *
 * @param observation - the observation
 * @returns ICRS pointing, plus `altaz` at (TSTART + TSTOP) / 2 when the location and the
 *   times are known
 * @example
 * ```ts
 * observationFixedPointing(observation); // { ra: 82.01, dec: 22.01, altaz: { az, alt, location, time } }
 * ```
 */
export function observationFixedPointing(observation: Observation): FixedPointing {
  const p = observation.pointing;
  const out: FixedPointing = { ra: p.ra, dec: p.dec };
  const loc = observation.location;
  const meta = observation.meta;
  const t0 = meta.TSTART;
  const t1 = meta.TSTOP;
  if (loc === undefined || typeof t0 !== "number" || typeof t1 !== "number") return out;
  const mid = metToTime((t0 + t1) / 2, timeRefFromHeader(meta, { source: `observation ${observation.obsId}` }));
  const altaz = observation.pointingAltAz();
  out.altaz = { az: altaz.az, alt: altaz.alt, location: loc, time: { mjdTt: mid.tt().mjd, mjdUt1: mid.ut1().mjd } };
  return out;
}
