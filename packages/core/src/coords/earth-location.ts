/**
 * Observer locations on the Earth: geodetic longitude, latitude and height on the WGS84
 * ellipsoid (the convention of astropy's `EarthLocation` and of Gammapy's observatories).
 */
import { DataError } from "../errors.js";

/** A place on the Earth (WGS84). */
export interface EarthLocation {
  /** Geodetic longitude, east positive [deg]. */
  readonly lon: number;
  /** Geodetic latitude, north positive [deg]. */
  readonly lat: number;
  /** Height above the ellipsoid [m]. */
  readonly height: number;
}

// WGS84 ellipsoid (NIMA TR8350.2).
const WGS84_A = 6378137.0;
const WGS84_F = 1 / 298.257223563;

/**
 * Checks an observer location.
 *
 * @param location - the location to check
 * @param fn - calling function, for the error message
 * @throws DataError for non-finite values, a latitude outside [-90, 90] or a height far outside [-12 km, 100 km]
 * @example
 * ```ts
 * checkEarthLocation({ lon: 16.5, lat: -23.27, height: 1835 });   // ok
 * ```
 */
export function checkEarthLocation(location: EarthLocation, fn = "checkEarthLocation"): void {
  const { lon, lat, height } = location ?? ({} as EarthLocation);
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || !Number.isFinite(height)) {
    throw new DataError(`${fn}: observer location needs finite lon [deg], lat [deg] and height [m], got ${JSON.stringify(location)}`, {
      hint: "use e.g. { lon: 16.5002, lat: -23.2718, height: 1835 } or getObservatoryLocation('hess')",
    });
  }
  if (lat < -90 || lat > 90) {
    throw new DataError(`${fn}: observer latitude ${lat} deg is outside [-90, 90]`, {
      hint: "check the order: lon (east positive), then lat",
    });
  }
  if (height < -12e3 || height > 1e5) {
    throw new DataError(`${fn}: observer height ${height} m is not on the Earth's surface`, {
      hint: "height is in metres above the WGS84 ellipsoid",
    });
  }
}

/**
 * Geocentric (ITRS) cartesian position of a location.
 *
 * @param location - geodetic location (WGS84)
 * @param out - output array of 3 numbers; allocated when omitted
 * @returns x, y, z [m]
 * @example
 * ```ts
 * geodeticToGeocentric({ lon: 0, lat: 0, height: 0 });   // Float64Array [6378137, 0, 0]
 * ```
 */
export function geodeticToGeocentric(location: EarthLocation, out = new Float64Array(3)): Float64Array {
  const e2 = WGS84_F * (2 - WGS84_F);
  const phi = (location.lat * Math.PI) / 180;
  const lam = (location.lon * Math.PI) / 180;
  const sp = Math.sin(phi);
  const cp = Math.cos(phi);
  const nu = WGS84_A / Math.sqrt(1 - e2 * sp * sp);
  out[0] = (nu + location.height) * cp * Math.cos(lam);
  out[1] = (nu + location.height) * cp * Math.sin(lam);
  out[2] = (nu * (1 - e2) + location.height) * sp;
  return out;
}
