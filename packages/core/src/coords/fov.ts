/**
 * Field-of-view (FoV) coordinates as GADF and Gammapy 1.0 define them
 * (`gammapy.utils.coordinates.sky_to_fov` / `fov_to_sky`): the sky is rotated so that the
 * pointing sits at (0, 0) — astropy's SkyOffsetFrame — and `fov_lon` is the NEGATED offset
 * longitude. RADEC alignment uses ICRS (ra, dec) with the pointing in ICRS; ALTAZ alignment
 * uses (az, alt) with the pointing in AltAz.
 *
 * Note: Gammapy 1.0's `make_map_background_irf` evaluates RADEC-aligned background IRFs
 * with the SkyOffsetFrame longitude itself (no negation); {@link skyToOffsetFrame} gives
 * exactly that.
 */
import { allScalar, broadcastLength, checkLatitudes, outputArray, strided } from "./broadcast.js";
import type { NumberOrArray } from "./broadcast.js";
import type { LonLat, LonLatArrays } from "./lonlat.js";
import { altAzToIcrs, icrsToAltAz } from "./altaz.js";
import type { ObservingTime } from "./altaz.js";
import type { EarthLocation } from "./earth-location.js";

const D2R = Math.PI / 180;
const R2D = 180 / Math.PI;

/**
 * Kernel: directions -> offset frame centred on (lonPnt, latPnt). `sign` = 1 gives astropy's
 * SkyOffsetFrame longitude wrapped to [-180, 180); `sign` = -1 negates it (Gammapy FoV).
 */
export function toOffsetKernel(
  n: number, sign: number,
  lon: Float64Array, sLon: number,
  lat: Float64Array, sLat: number,
  lonP: Float64Array, sLonP: number,
  latP: Float64Array, sLatP: number,
  outLon: Float64Array, outLat: Float64Array,
): void {
  if (sLonP === 0 && sLatP === 0) {
    toOffsetFixedPointing(n, sign, lon, sLon, lat, sLat, lonP[0], latP[0], outLon, outLat);
    return;
  }
  for (let i = 0; i < n; i++) {
    const dl = (lon[i * sLon] - lonP[i * sLonP]) * D2R;
    const b = lat[i * sLat] * D2R;
    const bp = latP[i * sLatP] * D2R;
    const cb = Math.cos(b);
    const sb = Math.sin(b);
    const cp = Math.cos(bp);
    const spp = Math.sin(bp);
    // Rz(lonP) then Ry(-latP): the pointing moves to +x (astropy SkyOffsetFrame matrix).
    const x0 = cb * Math.cos(dl);
    const y = cb * Math.sin(dl);
    const x = cp * x0 + spp * sb;
    const z = -spp * x0 + cp * sb;
    let lo = Math.atan2(y, x) * R2D;
    if (lo >= 180) lo -= 360;
    outLon[i] = sign * lo + 0; // "+ 0" turns -0 into 0
    outLat[i] = Math.atan2(z, Math.sqrt(x * x + y * y)) * R2D;
  }
}

/**
 * {@link toOffsetKernel} for one pointing (the usual case: every pixel of a map): the
 * pointing's sine and cosine once instead of per direction — the same operands, so the
 * same numbers.
 */
function toOffsetFixedPointing(
  n: number, sign: number,
  lon: Float64Array, sLon: number,
  lat: Float64Array, sLat: number,
  lp: number, latP: number,
  outLon: Float64Array, outLat: Float64Array,
): void {
  const bp = latP * D2R;
  const cp = Math.cos(bp);
  const spp = Math.sin(bp);
  for (let i = 0; i < n; i++) {
    const dl = (lon[i * sLon] - lp) * D2R;
    const b = lat[i * sLat] * D2R;
    const cb = Math.cos(b);
    const sb = Math.sin(b);
    const x0 = cb * Math.cos(dl);
    const y = cb * Math.sin(dl);
    const x = cp * x0 + spp * sb;
    const z = -spp * x0 + cp * sb;
    let lo = Math.atan2(y, x) * R2D;
    if (lo >= 180) lo -= 360;
    outLon[i] = sign * lo + 0; // "+ 0" turns -0 into 0
    outLat[i] = Math.atan2(z, Math.sqrt(x * x + y * y)) * R2D;
  }
}

/** Kernel: offset-frame (lon, lat) -> directions, inverse of {@link toOffsetKernel}; lon in [0, 360). */
export function fromOffsetKernel(
  n: number, sign: number,
  lon: Float64Array, sLon: number,
  lat: Float64Array, sLat: number,
  lonP: Float64Array, sLonP: number,
  latP: Float64Array, sLatP: number,
  outLon: Float64Array, outLat: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const ol = sign * lon[i * sLon] * D2R;
    const ob = lat[i * sLat] * D2R;
    const lp = lonP[i * sLonP];
    const bp = latP[i * sLatP] * D2R;
    const cob = Math.cos(ob);
    const x1 = cob * Math.cos(ol);
    const y = cob * Math.sin(ol);
    const z1 = Math.sin(ob);
    const cp = Math.cos(bp);
    const spp = Math.sin(bp);
    const x = cp * x1 - spp * z1;
    const z = spp * x1 + cp * z1;
    let lo = (lp + Math.atan2(y, x) * R2D) % 360;
    if (lo < 0) lo += 360;
    if (lo >= 360) lo = 0;
    outLon[i] = lo;
    outLat[i] = Math.atan2(z, Math.sqrt(x * x + y * y)) * R2D;
  }
}

type Kernel = typeof toOffsetKernel;

function offsetTransform(
  fn: string, kernel: Kernel, sign: number, names: readonly string[],
  lon: NumberOrArray, lat: NumberOrArray, lonP: NumberOrArray, latP: NumberOrArray,
  out: LonLatArrays | undefined,
): LonLat | LonLatArrays {
  checkLatitudes(fn, names[1], lat);
  checkLatitudes(fn, names[3], latP);
  const args = [lon, lat, lonP, latP];
  const n = broadcastLength(fn, names, args);
  const scalar = allScalar(args) && out === undefined;
  const oLon = scalar ? new Float64Array(1) : outputArray(fn, "out.lon", out?.lon, n);
  const oLat = scalar ? new Float64Array(1) : outputArray(fn, "out.lat", out?.lat, n);
  const [a, sa] = strided(lon);
  const [b, sb] = strided(lat);
  const [c, sc] = strided(lonP);
  const [d, sd] = strided(latP);
  kernel(n, sign, a, sa, b, sb, c, sc, d, sd, oLon, oLat);
  return scalar ? { lon: oLon[0], lat: oLat[0] } : { lon: oLon, lat: oLat };
}

const SKY = ["lon", "lat", "lonPnt", "latPnt"] as const;
const FOV = ["fovLon", "fovLat", "lonPnt", "latPnt"] as const;

/**
 * Sky -> FoV coordinates, Gammapy's `sky_to_fov` (fov_lon is the negated offset longitude).
 * Works for any frame pair: (ra, dec) with an ICRS pointing, or (az, alt) with an AltAz one.
 *
 * @param lon - longitudes (ra or az) [deg]
 * @param lat - latitudes (dec or alt) [deg]
 * @param lonPnt - pointing longitude, same frame [deg]
 * @param latPnt - pointing latitude [deg]
 * @param out - output arrays (array form only); allocated when omitted
 * @returns `lon` = fov_lon in (-180, 180], `lat` = fov_lat [deg]; numbers when all inputs are numbers
 * @throws DataError for arrays of different lengths or latitudes outside [-90, 90]
 * @example
 * ```ts
 * skyToFov(1, 1, 0, 0);   // { lon: -1, lat: 1 }
 * ```
 */
export function skyToFov(lon: number, lat: number, lonPnt: number, latPnt: number): LonLat;
export function skyToFov(
  lon: NumberOrArray, lat: NumberOrArray, lonPnt: NumberOrArray, latPnt: NumberOrArray, out?: LonLatArrays,
): LonLatArrays;
export function skyToFov(
  lon: NumberOrArray, lat: NumberOrArray, lonPnt: NumberOrArray, latPnt: NumberOrArray, out?: LonLatArrays,
): LonLat | LonLatArrays {
  return offsetTransform("skyToFov", toOffsetKernel, -1, SKY, lon, lat, lonPnt, latPnt, out);
}

/**
 * FoV -> sky coordinates, Gammapy's `fov_to_sky`; the inverse of {@link skyToFov}.
 *
 * @param fovLon - FoV longitudes (Gammapy sign) [deg]
 * @param fovLat - FoV latitudes [deg]
 * @param lonPnt - pointing longitude [deg]
 * @param latPnt - pointing latitude [deg]
 * @param out - output arrays (array form only); allocated when omitted
 * @returns sky `lon` in [0, 360) and `lat` [deg]
 * @throws DataError for arrays of different lengths or latitudes outside [-90, 90]
 * @example
 * ```ts
 * fovToSky(1, 1, 0, 0);   // { lon: 359, lat: 1 }
 * ```
 */
export function fovToSky(fovLon: number, fovLat: number, lonPnt: number, latPnt: number): LonLat;
export function fovToSky(
  fovLon: NumberOrArray, fovLat: NumberOrArray, lonPnt: NumberOrArray, latPnt: NumberOrArray, out?: LonLatArrays,
): LonLatArrays;
export function fovToSky(
  fovLon: NumberOrArray, fovLat: NumberOrArray, lonPnt: NumberOrArray, latPnt: NumberOrArray, out?: LonLatArrays,
): LonLat | LonLatArrays {
  return offsetTransform("fovToSky", fromOffsetKernel, -1, FOV, fovLon, fovLat, lonPnt, latPnt, out);
}

/**
 * Sky -> astropy SkyOffsetFrame (origin at the pointing, longitude NOT negated, in [-180, 180)).
 *
 * @param lon - longitudes [deg]
 * @param lat - latitudes [deg]
 * @param lonPnt - origin longitude [deg]
 * @param latPnt - origin latitude [deg]
 * @param out - output arrays (array form only; may be `lon` / `lat` themselves, for in place); allocated when omitted
 * @returns offset-frame `lon`, `lat` [deg]
 * @throws DataError for arrays of different lengths or latitudes outside [-90, 90]
 * @example
 * ```ts
 * skyToOffsetFrame(1, 1, 0, 0);   // { lon: 1, lat: 1 }
 * ```
 */
export function skyToOffsetFrame(lon: number, lat: number, lonPnt: number, latPnt: number): LonLat;
export function skyToOffsetFrame(
  lon: NumberOrArray, lat: NumberOrArray, lonPnt: NumberOrArray, latPnt: NumberOrArray, out?: LonLatArrays,
): LonLatArrays;
export function skyToOffsetFrame(
  lon: NumberOrArray, lat: NumberOrArray, lonPnt: NumberOrArray, latPnt: NumberOrArray, out?: LonLatArrays,
): LonLat | LonLatArrays {
  return offsetTransform("skyToOffsetFrame", toOffsetKernel, 1, SKY, lon, lat, lonPnt, latPnt, out);
}

/**
 * Astropy SkyOffsetFrame -> sky; the inverse of {@link skyToOffsetFrame}.
 *
 * @param offLon - offset-frame longitudes [deg]
 * @param offLat - offset-frame latitudes [deg]
 * @param lonPnt - origin longitude [deg]
 * @param latPnt - origin latitude [deg]
 * @param out - output arrays (array form only); allocated when omitted
 * @returns sky `lon` in [0, 360) and `lat` [deg]
 * @throws DataError for arrays of different lengths or latitudes outside [-90, 90]
 * @example
 * ```ts
 * offsetFrameToSky(1, 1, 0, 0);   // { lon: 1, lat: 1 }
 * ```
 */
export function offsetFrameToSky(offLon: number, offLat: number, lonPnt: number, latPnt: number): LonLat;
export function offsetFrameToSky(
  offLon: NumberOrArray, offLat: NumberOrArray, lonPnt: NumberOrArray, latPnt: NumberOrArray, out?: LonLatArrays,
): LonLatArrays;
export function offsetFrameToSky(
  offLon: NumberOrArray, offLat: NumberOrArray, lonPnt: NumberOrArray, latPnt: NumberOrArray, out?: LonLatArrays,
): LonLat | LonLatArrays {
  return offsetTransform("offsetFrameToSky", fromOffsetKernel, 1, FOV, offLon, offLat, lonPnt, latPnt, out);
}

/**
 * ICRS directions -> ALTAZ-aligned FoV coordinates: each direction goes to AltAz at its
 * time, then `sky_to_fov(az, alt, azPnt, altPnt)` as Gammapy 1.0 does for ALTAZ
 * background IRFs.
 *
 * @param ra - right ascensions [deg]
 * @param dec - declinations [deg]
 * @param azPnt - pointing azimuth at the same times [deg]
 * @param altPnt - pointing altitude at the same times [deg]
 * @param location - observer (WGS84)
 * @param time - TT and UT1 MJDs (numbers or one per element)
 * @param out - output arrays; allocated when omitted
 * @returns `lon` = fov_lon, `lat` = fov_lat [deg], always arrays
 * @throws DataError for arrays of different lengths or bad latitudes, location or time
 * @example
 * ```ts
 * const p = icrsToAltAz(83.633, 22.0145, site, time);
 * const fov = icrsToFovAltAz(events.ra, events.dec, p.az, p.alt, site, time);
 * ```
 */
export function icrsToFovAltAz(
  ra: NumberOrArray, dec: NumberOrArray, azPnt: NumberOrArray, altPnt: NumberOrArray,
  location: EarthLocation, time: ObservingTime, out?: LonLatArrays,
): LonLatArrays {
  const fn = "icrsToFovAltAz";
  const n = broadcastLength(fn, ["ra", "dec", "azPnt", "altPnt", "time.mjdTt", "time.mjdUt1"], [
    ra, dec, azPnt, altPnt, time?.mjdTt ?? 0, time?.mjdUt1 ?? 0,
  ]);
  const res: LonLatArrays = {
    lon: outputArray(fn, "out.lon", out?.lon, n),
    lat: outputArray(fn, "out.lat", out?.lat, n),
  };
  checkLatitudes(fn, "altPnt", altPnt);
  // Both steps run in place on the output arrays (each element is read before written).
  icrsToAltAz(ra, dec, location, time, { az: res.lon, alt: res.lat });
  return skyToFov(res.lon, res.lat, azPnt, altPnt, res);
}

/**
 * ALTAZ-aligned FoV coordinates -> ICRS; the inverse of {@link icrsToFovAltAz}.
 *
 * @param fovLon - FoV longitudes (Gammapy sign) [deg]
 * @param fovLat - FoV latitudes [deg]
 * @param azPnt - pointing azimuth [deg]
 * @param altPnt - pointing altitude [deg]
 * @param location - observer (WGS84)
 * @param time - TT and UT1 MJDs (numbers or one per element)
 * @param out - output arrays; allocated when omitted
 * @returns ICRS `lon` (ra) and `lat` (dec) [deg], always arrays
 * @throws DataError for arrays of different lengths or bad latitudes, location or time
 * @example
 * ```ts
 * const radec = fovAltAzToIcrs(fovLon, fovLat, p.az, p.alt, site, time);
 * ```
 */
export function fovAltAzToIcrs(
  fovLon: NumberOrArray, fovLat: NumberOrArray, azPnt: NumberOrArray, altPnt: NumberOrArray,
  location: EarthLocation, time: ObservingTime, out?: LonLatArrays,
): LonLatArrays {
  const fn = "fovAltAzToIcrs";
  const n = broadcastLength(fn, ["fovLon", "fovLat", "azPnt", "altPnt", "time.mjdTt", "time.mjdUt1"], [
    fovLon, fovLat, azPnt, altPnt, time?.mjdTt ?? 0, time?.mjdUt1 ?? 0,
  ]);
  const res: LonLatArrays = {
    lon: outputArray(fn, "out.lon", out?.lon, n),
    lat: outputArray(fn, "out.lat", out?.lat, n),
  };
  fovToSky(fovLon, fovLat, azPnt, altPnt, res);
  return altAzToIcrs(res.lon, res.lat, location, time, res);
}
