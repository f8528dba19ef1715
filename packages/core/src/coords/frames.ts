/**
 * Celestial frames ICRS, FK5 (equinox J2000) and Galactic, defined as astropy 5.2 does:
 * ICRS -> FK5 J2000 is the frame bias of USNO Circular 179; Galactic is fixed to FK5 J2000
 * by the north galactic pole and the longitude of the north celestial pole.
 */
import { DataError } from "../errors.js";
import { wrapAngles, wrapTo360 } from "./angles.js";
import { allScalar, broadcastLength, checkLatitudes, outputArray } from "./broadcast.js";
import type { LonLat, LonLatArrays } from "./lonlat.js";
import { matChain, matMul, rotateLonLatKernel, rotX, rotY, rotZ, transpose } from "./rotation.js";

/** Names of the supported celestial frames (lower case, as Gammapy configs write them). */
export const FRAME_NAMES = ["icrs", "fk5", "galactic"] as const;

/** One of {@link FRAME_NAMES}. */
export type FrameName = (typeof FRAME_NAMES)[number];

/**
 * Parses a frame name case-insensitively ("ICRS", "Galactic", " fk5 ").
 *
 * @param name - frame name as found in a config or a FITS header (e.g. RADECSYS)
 * @param where - where the name came from, for the error message (e.g. "RADECSYS of events.fits")
 * @returns the canonical lower-case name
 * @throws DataError for an unknown name, listing the allowed ones
 * @example
 * ```ts
 * parseFrame("FK5");   // "fk5"
 * ```
 */
export function parseFrame(name: string, where?: string): FrameName {
  const n = String(name).trim().toLowerCase();
  if ((FRAME_NAMES as readonly string[]).includes(n)) return n as FrameName;
  throw new DataError(`unknown sky frame '${name}'${where ? ` in ${where}` : ""}`, {
    hint: `use one of: ${FRAME_NAMES.join(", ")}`,
  });
}

const MAS = Math.PI / (180 * 3600 * 1000);
const DEG = Math.PI / 180;

// ICRS -> FK5 J2000 frame bias (eta0, xi0, da0) from USNO Circular 179 (Kaplan 2005).
const ICRS_TO_FK5 = matChain(rotX(19.9 * MAS), rotY(9.1 * MAS), rotZ(-22.9 * MAS));

// FK5 J2000 -> Galactic from the J2000 NGP and the galactic longitude of the NCP, the values
// astropy 5.2 uses (Galactic._ngp_J2000, Galactic._lon0_J2000).
const NGP_RA = 192.8594812065348;
const NGP_DEC = 27.12825118085622;
const LON0 = 122.9319185680026;
const FK5_TO_GAL = matChain(rotZ((180 - LON0) * DEG), rotY((90 - NGP_DEC) * DEG), rotZ(NGP_RA * DEG));

const TO_ICRS: Record<FrameName, Float64Array> = {
  icrs: Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1),
  fk5: transpose(ICRS_TO_FK5),
  galactic: transpose(matMul(FK5_TO_GAL, ICRS_TO_FK5)),
};

/**
 * Rotation matrix (row-major, 9 numbers) taking unit vectors of frame `from` to frame `to`.
 *
 * @param from - source frame
 * @param to - target frame
 * @returns a new Float64Array(9)
 * @example
 * ```ts
 * const m = frameRotationMatrix("icrs", "galactic");   // m[0] ≈ -0.0548755
 * ```
 */
export function frameRotationMatrix(from: FrameName, to: FrameName): Float64Array {
  if (from === to) return Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1);
  return matMul(transpose(TO_ICRS[to]), TO_ICRS[from]);
}

/**
 * Transforms directions between celestial frames (scalar form).
 *
 * @param lon - longitude in `from` [deg]
 * @param lat - latitude in `from` [deg]
 * @param from - source frame (canonical name; see {@link parseFrame})
 * @param to - target frame
 * @returns longitude in [0, 360) and latitude in `to` [deg]
 * @throws DataError for a latitude outside [-90, 90] or an unknown frame
 * @example
 * ```ts
 * transformFrame(83.63308, 22.0145, "icrs", "galactic");   // { lon: 184.5575..., lat: -5.7843... }
 * ```
 */
export function transformFrame(lon: number, lat: number, from: FrameName, to: FrameName): LonLat;
/**
 * Transforms directions between celestial frames (array form).
 *
 * @param lon - longitudes in `from` [deg]
 * @param lat - latitudes in `from` [deg]
 * @param from - source frame
 * @param to - target frame
 * @param out - output arrays of the input length (may be the inputs); allocated when omitted
 * @returns `out` with longitudes in [0, 360) and latitudes [deg]
 * @throws DataError for mismatched lengths, a latitude outside [-90, 90] or an unknown frame
 * @example
 * ```ts
 * const gal = transformFrame(Float64Array.of(266.405), Float64Array.of(-28.936), "icrs", "galactic");
 * ```
 */
export function transformFrame(
  lon: Float64Array,
  lat: Float64Array,
  from: FrameName,
  to: FrameName,
  out?: LonLatArrays,
): LonLatArrays;
export function transformFrame(
  lon: number | Float64Array,
  lat: number | Float64Array,
  from: FrameName,
  to: FrameName,
  out?: LonLatArrays,
): LonLat | LonLatArrays {
  const fn = "transformFrame";
  const f = parseFrame(from);
  const t = parseFrame(to);
  checkLatitudes(fn, "lat", lat);
  const m = frameRotationMatrix(f, t);
  if (allScalar([lon, lat])) {
    if (f === t) return { lon: wrapTo360(lon as number), lat: lat as number };
    const o = new Float64Array(2);
    rotateLonLatKernel(m, 1, Float64Array.of(lon as number), Float64Array.of(lat as number), o, o.subarray(1));
    return { lon: o[0], lat: o[1] };
  }
  if (typeof lon === "number" || typeof lat === "number") {
    throw new DataError(`${fn}: lon and lat must both be numbers or both be Float64Arrays`);
  }
  const n = broadcastLength(fn, ["lon", "lat"], [lon, lat]);
  const res: LonLatArrays = {
    lon: outputArray(fn, "out.lon", out?.lon, n),
    lat: outputArray(fn, "out.lat", out?.lat, n),
  };
  if (f === t) {
    // Same frame: copy exactly (only the longitude is wrapped into [0, 360)).
    wrapAngles(lon, 360, res.lon);
    res.lat.set(lat);
  } else {
    rotateLonLatKernel(m, n, lon, lat, res.lon, res.lat);
  }
  return res;
}
