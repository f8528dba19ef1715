/**
 * Named gamma-ray observatory sites, with the values of Gammapy 1.0's
 * `gammapy.data.observatory_locations`.
 */
import { DataError } from "../errors.js";
import type { EarthLocation } from "./earth-location.js";

/** Degrees from degrees, arcminutes, arcseconds; the sign of `d` applies to all parts. */
function dms(d: number, m: number, s: number): number {
  const sign = d < 0 || Object.is(d, -0) ? -1 : 1;
  return sign * (Math.abs(d) + m / 60 + s / 3600);
}

/**
 * Observatory locations by lower-case name: astri, cta_north, cta_south, fact, hawc,
 * hegra, hess, magic, milagro, veritas, whipple.
 *
 * @example
 * ```ts
 * OBSERVATORY_LOCATIONS.hess;   // { lon: 16.500222..., lat: -23.271777..., height: 1835 }
 * ```
 */
export const OBSERVATORY_LOCATIONS: Readonly<Record<string, EarthLocation>> = Object.freeze({
  astri: { lon: dms(-16, 30, 20.99), lat: dms(28, 18, 0.0), height: 2370 },
  cta_north: { lon: dms(-17, 53, 31.218), lat: dms(28, 45, 43.7904), height: 2147 },
  cta_south: { lon: dms(-70, 18, 58.84), lat: dms(-24, 41, 0.34), height: 2150 },
  fact: { lon: -17.891116, lat: 28.761647, height: 2200 },
  hawc: { lon: dms(-97, 18, 34), lat: dms(18, 59, 48), height: 4100 },
  hegra: { lon: dms(28, 45, 42), lat: dms(17, 53, 27), height: 2200 },
  hess: { lon: dms(16, 30, 0.8), lat: dms(-23, 16, 18.4), height: 1835 },
  magic: { lon: dms(-17, 53, 24), lat: dms(28, 45, 43), height: 2200 },
  milagro: { lon: -106.67625, lat: 35.87835, height: 2530 },
  veritas: { lon: dms(-110, 57, 7.77), lat: dms(31, 40, 30.21), height: 1268 },
  whipple: { lon: dms(-110, 52, 42), lat: dms(31, 40, 52), height: 2606 },
});

/**
 * Looks up an observatory by name, case-insensitively ("HESS", "cta_south", "CTA-South").
 *
 * @param name - observatory name; "-" and " " are read as "_"
 * @returns its location
 * @throws DataError for an unknown name, listing the known ones
 * @example
 * ```ts
 * getObservatoryLocation("HESS").height;   // 1835
 * ```
 */
export function getObservatoryLocation(name: string): EarthLocation {
  const key = String(name).trim().toLowerCase().replace(/[-\s]+/g, "_");
  const loc = Object.prototype.hasOwnProperty.call(OBSERVATORY_LOCATIONS, key) ? OBSERVATORY_LOCATIONS[key] : undefined;
  if (loc === undefined) {
    throw new DataError(`unknown observatory '${name}'`, {
      hint: `use one of: ${Object.keys(OBSERVATORY_LOCATIONS).join(", ")}, or give { lon, lat, height } explicitly`,
    });
  }
  return loc;
}
