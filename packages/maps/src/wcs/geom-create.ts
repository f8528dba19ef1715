/**
 * The sizing rules of Gammapy 1.0's `WcsGeom.create`: bin sizes and widths in degrees or
 * as quantity strings, pixel counts rounded half-to-even from width / binsz, the reference
 * pixel at the image centre ((n + 1) / 2, 1-based), CDELT1 negative, and the reference
 * direction converted to the geometry's frame.
 */
import { DataError, parseFrame, toInternal, transformFrame } from "@gammats/core";
import type { FrameName } from "@gammats/core";
import { rintHalfEven } from "./cutout.js";
import { Wcs } from "./wcs.js";

/** An angle in degrees or a quantity string ("0.02 deg", "3 arcmin"). */
export type AngleInput = number | string;

/** A sky direction: [lon, lat] in the geometry frame, or lon/lat with their own frame. */
export type SkyDirInput = readonly [number, number] | { lon: number; lat: number; frame?: FrameName | string };

/**
 * Degrees of an angle input.
 *
 * @param value - number [deg] or quantity string
 * @param what - parameter name for the error message
 * @returns the angle [deg]
 * @throws UnitError for a non-angle quantity; DataError for a non-finite value
 */
export function angleDeg(value: AngleInput, what: string): number {
  const v = typeof value === "number" ? value : toInternal(value, "angle");
  if (!Number.isFinite(v)) throw new DataError(`${what} must be a finite angle, got ${value}`, { hint: "give degrees or e.g. '0.1 deg'" });
  return v;
}

/**
 * A (lon, lat) pair of angles from one value or a pair, as Gammapy's `_check_width`.
 *
 * @param value - one angle for both axes or [lon, lat]
 * @param what - parameter name for errors
 * @returns [lon, lat] [deg]
 */
export function anglePair(value: AngleInput | readonly [AngleInput, AngleInput], what: string): [number, number] {
  if (Array.isArray(value)) return [angleDeg(value[0], `${what}[0]`), angleDeg(value[1], `${what}[1]`)];
  const v = angleDeg(value as AngleInput, what);
  return [v, v];
}

/** Options of {@link WcsGeom.create} (Gammapy's `WcsGeom.create` arguments). */
export interface WcsGeomSizing {
  /** Map centre; default (0, 0) in `frame`. A direction in another frame is converted. */
  skydir?: SkyDirInput;
  /** Pixel size, one value or [lon, lat] [deg or quantity]; default 0.5 deg. */
  binsz?: AngleInput | readonly [AngleInput, AngleInput];
  /** Map width, one value or [lon, lat] [deg or quantity]; default all-sky (360 x 180). */
  width?: AngleInput | readonly [AngleInput, AngleInput];
  /** Map size in pixels, one value or [nx, ny]; overrides `width`. */
  npix?: number | readonly [number, number];
  /** Frame, "icrs" (default), "galactic" or "fk5". */
  frame?: FrameName | string;
  /** Projection code; default "CAR". */
  proj?: string;
  /** Reference pixel (1-based, FITS CRPIX); default the image centre. */
  refpix?: readonly [number, number];
}

/**
 * The WCS and image size Gammapy's `WcsGeom.create` builds.
 *
 * @param options - sizing options
 * @returns the WCS and [nx, ny]
 * @throws DataError for non-positive sizes, pixel counts below 1 or a bad frame/projection
 * @example
 * ```ts
 * wcsForCreate({ skydir: [83.63, 22.01], binsz: 0.02, width: [3, 2.5], proj: "TAN" }).npix; // [150, 125]
 * ```
 */
export function wcsForCreate(options: WcsGeomSizing): { wcs: Wcs; npix: [number, number] } {
  const frame = parseFrame(options.frame ?? "icrs", "WcsGeom.create frame");
  let crval: [number, number] = [0, 0];
  const sd = options.skydir;
  if (sd !== undefined) {
    if (Array.isArray(sd)) crval = [sd[0], sd[1]];
    else {
      const d = sd as { lon: number; lat: number; frame?: FrameName | string };
      const from = d.frame === undefined ? frame : parseFrame(d.frame, "WcsGeom.create skydir");
      const c = from === frame ? { lon: d.lon, lat: d.lat } : transformFrame(d.lon, d.lat, from, frame);
      crval = [c.lon, c.lat];
    }
  }
  const binsz = anglePair(options.binsz ?? 0.5, "binsz");
  if (!(binsz[0] > 0 && binsz[1] > 0)) {
    throw new DataError(`WcsGeom.create: binsz must be > 0, got ${binsz.join(", ")} deg`, { hint: "give e.g. binsz: 0.02" });
  }
  let npix: [number, number];
  if (options.npix !== undefined) {
    npix = typeof options.npix === "number" ? [options.npix, options.npix] : [options.npix[0], options.npix[1]];
  } else {
    const width = options.width === undefined ? [360, 180] : anglePair(options.width, "width");
    // Gammapy: np.rint(width / binsz), halves to even.
    npix = [rintHalfEven(width[0]! / binsz[0]), rintHalfEven(width[1]! / binsz[1])];
  }
  if (!npix.every((n) => Number.isInteger(n) && n >= 1)) {
    throw new DataError(`WcsGeom.create: the map would have ${npix.join(" x ")} pixels`, {
      hint: "give a width of at least one binsz, or a positive integer npix",
    });
  }
  const refpix = options.refpix ?? [(npix[0] + 1) / 2, (npix[1] + 1) / 2];
  const wcs = new Wcs({
    frame,
    projection: options.proj ?? "CAR",
    crval,
    crpix: [refpix[0], refpix[1]],
    cdelt: [-binsz[0], binsz[1]],
  });
  return { wcs, npix };
}
