/**
 * The spherical rotation between native (phi, theta) and celestial (lon, lat) coordinates
 * of a WCS, after Calabretta & Greisen (2002), A&A 395, 1077 ("Paper II"), Sect. 2.3-2.4:
 * the celestial coordinates (lon_p, lat_p) of the native pole follow from the reference
 * direction CRVAL, the projection's fiducial point (phi0, theta0) and LONPOLE/LATPOLE
 * (eqs. 8-10); points then rotate by eqs. 2 (native -> celestial) and 5 (inverse).
 * Longitudes are normalised as wcslib does so that results agree with astropy.wcs.
 */
import { DataError } from "@gammats/core";

const D2R = Math.PI / 180;
const R2D = 180 / Math.PI;
const TOL = 1e-10;

/** The Euler angles of the rotation (wcslib's `cel.euler`), in degrees, plus cos/sin of the second. */
export interface CelestialRotation {
  /** Celestial longitude of the native pole, lon_p [deg]. */
  lonPole: number;
  /** Celestial latitude of the native pole, lat_p [deg] (what a header writes as LATPOLE). */
  latPole: number;
  /** Native longitude of the celestial pole, phi_p [deg] (LONPOLE). */
  phiPole: number;
  /** cos(90 - lat_p) = sin(lat_p), exact at the poles. */
  cosTilt: number;
  /** sin(90 - lat_p) = cos(lat_p), exactly 0 at the poles. */
  sinTilt: number;
}

/** cos of an angle in degrees, exact at multiples of 90 (wcslib's cosd). */
export function cosd(deg: number): number {
  const r = deg % 360;
  if (r % 90 === 0) return [1, 0, -1, 0][(((r / 90) % 4) + 4) % 4]!;
  return Math.cos(deg * D2R);
}

/** sin of an angle in degrees, exact at multiples of 90 (wcslib's sind). */
export function sind(deg: number): number {
  const r = deg % 360;
  if (r % 90 === 0) return [0, 1, 0, -1][(((r / 90) % 4) + 4) % 4]!;
  return Math.sin(deg * D2R);
}

function normalise180(a: number): number {
  if (a > 180) return a - 360;
  if (a < -180) return a + 360;
  return a;
}

/**
 * Computes the rotation of a WCS: the native pole's celestial coordinates from the
 * reference direction (Paper II eqs. 8, 9 and 10), choosing between two solutions for
 * lat_p the one closer to LATPOLE.
 *
 * @param lon0 - CRVAL1, celestial longitude of the fiducial point [deg]
 * @param lat0 - CRVAL2, celestial latitude of the fiducial point [deg]
 * @param theta0 - native latitude of the fiducial point [deg] (90 zenithal, 0 otherwise)
 * @param lonpole - LONPOLE [deg], or undefined for the default (0 when lat0 >= theta0, else 180)
 * @param latpole - LATPOLE [deg], or undefined for the default +90
 * @returns the rotation
 * @throws DataError when the reference direction and LONPOLE admit no celestial pole
 * @example
 * ```ts
 * celestialRotation(0, 0, 0).lonPole;    // 180 (CAR at the Galactic centre)
 * celestialRotation(10, -30, 0).latPole; // 60
 * ```
 */
export function celestialRotation(
  lon0: number,
  lat0: number,
  theta0: number,
  lonpole?: number,
  latpole?: number,
): CelestialRotation {
  const phi0 = 0;
  const phip = lonpole ?? (lat0 < theta0 ? 180 : 0) + phi0;
  const latRef = latpole ?? 90;
  let lonp: number;
  let latp: number;
  if (theta0 === 90) {
    // Fiducial point at the native pole: the native pole is the reference direction.
    lonp = lon0;
    latp = lat0;
  } else {
    const slat0 = sind(lat0);
    const clat0 = cosd(lat0);
    const sthe0 = sind(theta0);
    const cthe0 = cosd(theta0);
    let sphip: number;
    let u: number;
    let v: number;
    let fixedLatp: number | undefined;
    if (phip === phi0) {
      sphip = 0;
      u = theta0;
      v = 90 - lat0;
    } else {
      sphip = sind(phip - phi0);
      const cphip = cosd(phip - phi0);
      const x = cthe0 * cphip;
      const y = sthe0;
      const z = Math.sqrt(x * x + y * y);
      if (z === 0) {
        if (slat0 !== 0) throw noPole(lon0, lat0, phip);
        fixedLatp = latRef;
        u = 0;
        v = 0;
      } else {
        if (Math.abs(slat0 / z) > 1) throw noPole(lon0, lat0, phip);
        u = Math.atan2(y, x) * R2D;
        v = Math.acos(slat0 / z) * R2D;
      }
    }
    if (fixedLatp !== undefined) latp = fixedLatp;
    else {
      // Paper II eq. 8: two candidate latitudes u +- v.
      const latp1 = normalise180(u + v);
      const latp2 = normalise180(u - v);
      if (Math.abs(latp1) < 90 + TOL && Math.abs(latp2) < 90 + TOL) {
        latp = Math.abs(latp1 - latRef) < Math.abs(latp2 - latRef) ? latp1 : latp2;
      } else {
        latp = Math.abs(latp1) < Math.abs(latp2) ? latp1 : latp2;
      }
      if (Math.abs(latp) < 90 + TOL) latp = Math.max(-90, Math.min(90, latp));
      else throw noPole(lon0, lat0, phip);
    }
    const z = cosd(latp) * clat0;
    if (Math.abs(z) < TOL) {
      if (Math.abs(clat0) < TOL) lonp = lon0; // celestial pole at the fiducial point
      else if (latp > 0) lonp = lon0 + phip - phi0 - 180; // celestial north pole at the native pole
      else lonp = lon0 - phip + phi0; // celestial south pole at the native pole
    } else {
      // Paper II eqs. 9-10.
      const x = (sthe0 - sind(latp) * slat0) / z;
      const y = (sphip * cthe0) / clat0;
      if (x === 0 && y === 0) throw noPole(lon0, lat0, phip);
      lonp = lon0 - Math.atan2(y, x) * R2D;
    }
    // Keep the pole's longitude on the same side of 0 as the reference longitude (as wcslib).
    if (lon0 >= 0) {
      if (lonp < 0) lonp += 360;
      else if (lonp > 360) lonp -= 360;
    } else if (lonp > 0) lonp -= 360;
    else if (lonp < -360) lonp += 360;
  }
  const tilt = 90 - latp;
  return { lonPole: lonp, latPole: latp, phiPole: phip, cosTilt: cosd(tilt), sinTilt: sind(tilt) };
}

function noPole(lon0: number, lat0: number, phip: number): DataError {
  return new DataError(`WCS: no celestial pole is consistent with CRVAL (${lon0}, ${lat0}) and LONPOLE ${phip}`, {
    hint: "check CRVAL2, LONPOLE and LATPOLE of the header",
  });
}

/**
 * Native -> celestial kernel (Paper II eq. 2); longitudes normalised as wcslib does
 * (into [0, 360] when lon_p >= 0, else into [-360, 0]).
 *
 * @param rot - the rotation
 * @param n - number of points
 * @param phi - native longitudes [deg]
 * @param theta - native latitudes [deg]
 * @param lon - output longitudes [deg] (may alias phi)
 * @param lat - output latitudes [deg] (may alias theta)
 * @example
 * ```ts
 * nativeToCelestial(celestialRotation(0, 0, 0), 1, Float64Array.of(-0.5), Float64Array.of(0), lon, lat); // lon 359.5
 * ```
 */
export function nativeToCelestial(
  rot: CelestialRotation,
  n: number,
  phi: Float64Array,
  theta: Float64Array,
  lon: Float64Array,
  lat: Float64Array,
): void {
  const { lonPole, phiPole, cosTilt, sinTilt } = rot;
  const positive = lonPole >= 0;
  if (sinTilt === 0) {
    // Native and celestial poles coincide (or are opposite): a pure longitude shift.
    const north = cosTilt > 0;
    const shift = north ? (lonPole + 180 - phiPole) % 360 : (lonPole + phiPole) % 360;
    for (let i = 0; i < n; i++) {
      const t = theta[i];
      let l = north ? phi[i] + shift : shift - phi[i];
      l = normaliseCelestial(l, positive);
      lon[i] = Number.isNaN(t) ? NaN : l;
      lat[i] = north ? t : -t;
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const dphi = (phi[i] - phiPole) * D2R;
    const t = theta[i] * D2R;
    const st = Math.sin(t);
    const ct = Math.cos(t);
    const cd = Math.cos(dphi);
    const x = st * sinTilt - ct * cosTilt * cd;
    const y = -ct * Math.sin(dphi);
    const z = st * cosTilt + ct * sinTilt * cd;
    const l = lonPole + Math.atan2(y, x) * R2D;
    lon[i] = normaliseCelestial(l, positive);
    lat[i] = Math.atan2(z, Math.sqrt(x * x + y * y)) * R2D;
  }
}

function normaliseCelestial(l: number, positive: boolean): number {
  let v = l;
  if (positive) {
    if (v < 0) v += 360;
  } else if (v > 0) v -= 360;
  if (v > 360) v -= 360;
  else if (v < -360) v += 360;
  return v;
}

/**
 * Celestial -> native kernel (Paper II eq. 5); native longitudes in [-180, 180].
 *
 * @param rot - the rotation
 * @param n - number of points
 * @param lon - longitudes [deg]
 * @param lat - latitudes [deg]
 * @param phi - output native longitudes [deg] (may alias lon)
 * @param theta - output native latitudes [deg] (may alias lat)
 * @example
 * ```ts
 * celestialToNative(celestialRotation(0, 0, 0), 1, Float64Array.of(181), Float64Array.of(0), phi, theta); // phi -179
 * ```
 */
export function celestialToNative(
  rot: CelestialRotation,
  n: number,
  lon: Float64Array,
  lat: Float64Array,
  phi: Float64Array,
  theta: Float64Array,
): void {
  const { lonPole, phiPole, cosTilt, sinTilt } = rot;
  if (sinTilt === 0) {
    const north = cosTilt > 0;
    const shift = north ? (phiPole - 180 - lonPole) % 360 : (phiPole + lonPole) % 360;
    for (let i = 0; i < n; i++) {
      const b = lat[i];
      let p = north ? (lon[i] + shift) % 360 : (shift - lon[i]) % 360;
      if (p > 180) p -= 360;
      else if (p < -180) p += 360;
      phi[i] = p;
      theta[i] = Math.abs(b) > 90 ? NaN : north ? b : -b;
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const b = lat[i];
    if (!(Math.abs(b) <= 90)) {
      phi[i] = NaN;
      theta[i] = NaN;
      continue;
    }
    const dl = (lon[i] - lonPole) * D2R;
    const sb = Math.sin(b * D2R);
    const cb = Math.cos(b * D2R);
    const cdl = Math.cos(dl);
    const x = sb * sinTilt - cb * cosTilt * cdl;
    const y = -cb * Math.sin(dl);
    const z = sb * cosTilt + cb * sinTilt * cdl;
    let p = (phiPole + Math.atan2(y, x) * R2D) % 360;
    if (p > 180) p -= 360;
    else if (p < -180) p += 360;
    phi[i] = p;
    theta[i] = Math.atan2(z, Math.sqrt(x * x + y * y)) * R2D;
  }
}
