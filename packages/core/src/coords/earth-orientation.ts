/**
 * Earth orientation for the celestial -> terrestrial chain of the IAU 2006/2000 resolutions
 * (CIO based, as astropy 5.2 computes AltAz): the GCRS -> CIRS matrix from IAU 2006
 * precession (Fukushima-Williams angles) and IAU 2000B nutation, the CIO locator s, the
 * TIO locator s' and the Earth rotation angle.
 */
import { nutationIau2000b } from "./nutation.js";
import { matChain, rotX, rotY, rotZ } from "./rotation.js";

const ARCSEC = Math.PI / (180 * 3600);

/** Julian centuries of TT since J2000.0. */
function centuries(mjdTt: number): number {
  return (mjdTt - 51544.5) / 36525;
}

/**
 * Bias-precession-nutation matrix (GCRS -> true equator and equinox of date).
 *
 * @param mjdTt - time, Modified Julian Date in TT [d]
 * @returns row-major 3x3 matrix (Float64Array(9))
 * @example
 * ```ts
 * const npb = biasPrecessionNutationMatrix(60000);   // npb[6], npb[7] are the CIP X, Y
 * ```
 */
export function biasPrecessionNutationMatrix(mjdTt: number): Float64Array {
  const t = centuries(mjdTt);
  // Fukushima-Williams angles of IAU 2006 precession incl. frame bias (Hilton et al. 2006,
  // IERS Conventions 2010 eq. 5.40), and the IAU 2006 mean obliquity (eq. 5.39) [arcsec].
  const gamb = -0.052928 + (10.556378 + (0.4932044 + (-0.00031238 + (-0.000002788 + 0.000000026 * t) * t) * t) * t) * t;
  const phib = 84381.412819 + (-46.811016 + (0.0511268 + (0.00053289 + (-0.00000044 - 0.0000000176 * t) * t) * t) * t) * t;
  const psib = -0.041775 + (5038.481484 + (1.5584175 + (-0.00018522 + (-0.000026452 - 0.0000000148 * t) * t) * t) * t) * t;
  const epsa = 84381.406 + (-46.836769 + (-0.0001831 + (0.0020034 + (-0.000000576 - 0.0000000434 * t) * t) * t) * t) * t;
  const nut = nutationIau2000b(mjdTt);
  // Nutation enters as psi += dpsi, eps += deps (IERS Conventions 2010 eq. 5.41).
  return matChain(
    rotX(-(epsa * ARCSEC + nut[1])),
    rotZ(-(psib * ARCSEC + nut[0])),
    rotX(phib * ARCSEC),
    rotZ(gamb * ARCSEC),
  );
}

/**
 * CIO locator s (positions the CIO on the CIP equator), IAU 2006 series truncated to the
 * polynomial and the two largest periodic terms (IERS Conventions 2010 table 5.2d; < 0.2 mas).
 *
 * @param mjdTt - time, Modified Julian Date in TT [d]
 * @param x - CIP X [rad]
 * @param y - CIP Y [rad]
 * @returns s [rad]
 * @example
 * ```ts
 * cioLocator(51544.5, 0, 0);   // -9.736e-9 rad (the 94 µas constant and the Om terms)
 * ```
 */
export function cioLocator(mjdTt: number, x: number, y: number): number {
  const t = centuries(mjdTt);
  const om = ((450160.398036 - 6962890.5431 * t) % 1296000) * ARCSEC;
  const poly = 94.0 + (3808.65 + (-122.68 + (-72574.11 + (27.98 + 15.62 * t) * t) * t) * t) * t;
  const periodic = -2640.73 * Math.sin(om) - 63.53 * Math.sin(2 * om);
  return (poly + periodic) * 1e-6 * ARCSEC - (x * y) / 2;
}

/**
 * TIO locator s' (IERS Conventions 2010 eq. 5.13).
 *
 * @param mjdTt - time, Modified Julian Date in TT [d]
 * @returns s' [rad]
 * @example
 * ```ts
 * tioLocator(51544.5 + 36525);   // -47 µas in radians
 * ```
 */
export function tioLocator(mjdTt: number): number {
  return -47e-6 * centuries(mjdTt) * ARCSEC;
}

/**
 * GCRS -> CIRS rotation matrix (celestial to intermediate), from the CIP X, Y of the
 * IAU 2006/2000B bias-precession-nutation and the CIO locator s (IERS Conventions 2010 eq. 5.10).
 *
 * @param mjdTt - time, Modified Julian Date in TT [d]
 * @returns row-major 3x3 matrix (Float64Array(9))
 * @example
 * ```ts
 * const c2i = gcrsToCirsMatrix(59000.5);   // apply to GCRS unit vectors to get CIRS ones
 * ```
 */
export function gcrsToCirsMatrix(mjdTt: number): Float64Array {
  const npb = biasPrecessionNutationMatrix(mjdTt);
  const x = npb[6];
  const y = npb[7];
  const s = cioLocator(mjdTt, x, y);
  const r2 = x * x + y * y;
  const e = r2 > 0 ? Math.atan2(y, x) : 0;
  const d = Math.atan(Math.sqrt(r2 / (1 - r2)));
  return matChain(rotZ(-(e + s)), rotY(d), rotZ(e));
}

/**
 * Earth rotation angle (IERS Conventions 2010 eq. 5.15).
 *
 * @param mjdUt1 - time, Modified Julian Date in UT1 [d]
 * @returns ERA in [0, 2π) [rad]
 * @example
 * ```ts
 * earthRotationAngle(51544.5);   // 4.894961212823756 (0.7790572732640 turns)
 * ```
 */
export function earthRotationAngle(mjdUt1: number): number {
  const tu = mjdUt1 - 51544.5;
  // The fraction of the day is taken apart first to keep the precision of the large term.
  const frac = tu - Math.floor(tu);
  let turns = (frac + 0.779057273264 + 0.00273781191135448 * tu) % 1;
  if (turns < 0) turns += 1;
  return 2 * Math.PI * turns;
}
