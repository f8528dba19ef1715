/**
 * The registry of supported celestial projections: their FITS codes, native latitude of
 * the fiducial point, and dispatch to the kernels of each family. After the projection
 * step (plane -> native) wcslib checks that phi is in [-180, 180] and theta in
 * [-90, 90]; {@link checkNativeBounds} does the same.
 */
import { allSkyNativeToPlane, allSkyPlaneToNative } from "./proj-all-sky.js";
import type { AllSkyCode } from "./proj-all-sky.js";
import { cylindricalNativeToPlane, cylindricalPlaneToNative } from "./proj-cylindrical.js";
import type { CylindricalCode } from "./proj-cylindrical.js";
import { zenithalNativeToPlane, zenithalPlaneToNative } from "./proj-zenithal.js";
import type { ZenithalCode } from "./proj-zenithal.js";

/** FITS codes of the supported celestial projections (the last 3 letters of CTYPEn). */
export const PROJECTION_CODES = ["CAR", "TAN", "SIN", "ARC", "ZEA", "STG", "AIT", "MOL", "CEA", "MER", "SFL"] as const;

/** One of {@link PROJECTION_CODES}. */
export type ProjectionCode = (typeof PROJECTION_CODES)[number];

const ZENITHAL = new Set<string>(["TAN", "SIN", "ARC", "ZEA", "STG"]);
const ALL_SKY = new Set<string>(["AIT", "MOL"]);

/**
 * Whether a string is a supported projection code.
 *
 * @param code - e.g. "TAN"
 * @returns true for a code in {@link PROJECTION_CODES}
 * @example
 * ```ts
 * isProjectionCode("AZP"); // false
 * ```
 */
export function isProjectionCode(code: string): code is ProjectionCode {
  return (PROJECTION_CODES as readonly string[]).includes(code);
}

/**
 * Native latitude theta0 [deg] of the projection's fiducial point: 90 for zenithal
 * projections, 0 for the others (Paper II, Table 13 / Sect. 2.5).
 *
 * @param code - projection code
 * @returns 90 or 0
 * @example
 * ```ts
 * nativeFiducialLatitude("TAN"); // 90
 * ```
 */
export function nativeFiducialLatitude(code: ProjectionCode): number {
  return ZENITHAL.has(code) ? 90 : 0;
}

/**
 * Projection plane -> native spherical coordinates, dispatching to the family kernel,
 * then wcslib's bounds check.
 *
 * @param code - projection code
 * @param n - number of points
 * @param x - plane x [deg]
 * @param y - plane y [deg]
 * @param phi - output native longitude [deg] (may alias x)
 * @param theta - output native latitude [deg] (may alias y)
 * @param lambda - CEA's PV2_1 (default 1)
 * @example
 * ```ts
 * planeToNative("CAR", 1, Float64Array.of(200), Float64Array.of(0), phi, theta); // NaN, NaN (outside)
 * ```
 */
export function planeToNative(
  code: ProjectionCode,
  n: number,
  x: Float64Array,
  y: Float64Array,
  phi: Float64Array,
  theta: Float64Array,
  lambda = 1,
): void {
  if (ZENITHAL.has(code)) zenithalPlaneToNative(code as ZenithalCode, n, x, y, phi, theta);
  else if (ALL_SKY.has(code)) allSkyPlaneToNative(code as AllSkyCode, n, x, y, phi, theta);
  else cylindricalPlaneToNative(code as CylindricalCode, n, x, y, phi, theta, lambda);
  checkNativeBounds(n, phi, theta);
}

/**
 * Native spherical coordinates -> projection plane (NaN where the projection has no
 * image of the point).
 *
 * @param code - projection code
 * @param n - number of points
 * @param phi - native longitude [deg]
 * @param theta - native latitude [deg]
 * @param x - output plane x [deg] (may alias phi)
 * @param y - output plane y [deg] (may alias theta)
 * @param lambda - CEA's PV2_1 (default 1)
 * @example
 * ```ts
 * nativeToPlane("TAN", 1, Float64Array.of(0), Float64Array.of(-10), x, y); // NaN (far side)
 * ```
 */
export function nativeToPlane(
  code: ProjectionCode,
  n: number,
  phi: Float64Array,
  theta: Float64Array,
  x: Float64Array,
  y: Float64Array,
  lambda = 1,
): void {
  if (ZENITHAL.has(code)) zenithalNativeToPlane(code as ZenithalCode, n, phi, theta, x, y);
  else if (ALL_SKY.has(code)) allSkyNativeToPlane(code as AllSkyCode, n, phi, theta, x, y);
  else cylindricalNativeToPlane(code as CylindricalCode, n, phi, theta, x, y, lambda);
}

/**
 * wcslib's bounds check after deprojection: phi outside [-180, 180] or theta outside
 * [-90, 90] by more than 1e-13 deg makes the point invalid (NaN, both); smaller
 * excursions are clamped.
 *
 * @param n - number of points
 * @param phi - native longitudes [deg], modified in place
 * @param theta - native latitudes [deg], modified in place
 * @example
 * ```ts
 * checkNativeBounds(1, Float64Array.of(181), Float64Array.of(0)); // both NaN
 * ```
 */
export function checkNativeBounds(n: number, phi: Float64Array, theta: Float64Array): void {
  const tol = 1e-13;
  for (let i = 0; i < n; i++) {
    let p = phi[i];
    let t = theta[i];
    if (p < -180 || p > 180) {
      if (p < -180 - tol || p > 180 + tol) t = NaN;
      else p = p < 0 ? -180 : 180;
    }
    if (t < -90 || t > 90) {
      if (t < -90 - tol || t > 90 + tol) t = NaN;
      else t = t < 0 ? -90 : 90;
    }
    if (Number.isNaN(t) || Number.isNaN(p)) {
      phi[i] = NaN;
      theta[i] = NaN;
    } else {
      phi[i] = p;
      theta[i] = t;
    }
  }
}
