/**
 * Wcs: a two-dimensional celestial FITS world coordinate system — the linear step
 * (CRPIX, PC, CDELT; Greisen & Calabretta 2002, A&A 395, 1061, "Paper I", eq. 1), the
 * projection (CTYPE, PV2_1) and the spherical rotation (CRVAL, LONPOLE, LATPOLE) of
 * Calabretta & Greisen (2002), "Paper II". Pixel coordinates are 0-based, as
 * astropy's `wcs_pix2world(..., 0)`; longitudes come out as wcslib normalises them.
 */
import { DataError, offsetBy, parseFrame, transformFrame } from "@gammats/core";
import type { FrameName, LonLatArrays } from "@gammats/core";
import { celestialRotation, celestialToNative, nativeToCelestial } from "./celestial-rotation.js";
import type { CelestialRotation } from "./celestial-rotation.js";
import { PROJECTION_CODES, isProjectionCode, nativeFiducialLatitude, nativeToPlane, planeToNative } from "./projections.js";
import type { ProjectionCode } from "./projections.js";

const R2D = 180 / Math.PI;
// astropy regions measures the local scale and north angle with a 1 arcsec step north.
const SCALE_STEP_DEG = 1 / 3600;

/** Pixel x and y arrays (0-based). */
export interface PixelArrays {
  /** Pixel x (along NAXIS1). */
  x: Float64Array;
  /** Pixel y (along NAXIS2). */
  y: Float64Array;
}

/** Options of the {@link Wcs} constructor. */
export interface WcsOptions {
  /** Sky frame (CTYPE RA/DEC with RADESYS ICRS or FK5, or GLON/GLAT). */
  frame: FrameName | string;
  /** Projection code, e.g. "CAR", "TAN". */
  projection: ProjectionCode | string;
  /** Reference direction (CRVAL1, CRVAL2) [deg]. */
  crval: readonly [number, number];
  /** Reference pixel (CRPIX1, CRPIX2), 1-based as in FITS. */
  crpix: readonly [number, number];
  /** Pixel size (CDELT1, CDELT2) [deg]; CDELT1 < 0 puts east to the left. */
  cdelt: readonly [number, number];
  /** PC matrix row-major [PC1_1, PC1_2, PC2_1, PC2_2]; default identity. */
  pc?: readonly [number, number, number, number];
  /** LONPOLE [deg]; default 0 when CRVAL2 >= theta0 else 180 (wcslib). */
  lonpole?: number;
  /** LATPOLE [deg]; default 90. */
  latpole?: number;
  /** CEA's lambda (PV2_1), in (0, 1]; default 1. */
  ceaLambda?: number;
}

/**
 * A celestial WCS: pixel <-> sky transforms over Float64Arrays, as astropy.wcs (wcslib)
 * computes them for the projections in {@link PROJECTION_CODES}.
 *
 * @example
 * ```ts
 * const wcs = new Wcs({ frame: "galactic", projection: "CAR", crval: [0, 0], crpix: [25.5, 25.5], cdelt: [-0.1, 0.1] });
 * wcs.pixToSky(Float64Array.of(24.5), Float64Array.of(24.5)); // { lon: [0], lat: [0] }
 * wcs.skyToPix(Float64Array.of(359.9), Float64Array.of(0));   // { x: [25.5], y: [24.5] }
 * ```
 */
export class Wcs {
  /** Sky frame of the world coordinates. */
  readonly frame: FrameName;
  /** Projection code. */
  readonly projection: ProjectionCode;
  /** Reference direction [deg]. */
  readonly crval: readonly [number, number];
  /** Reference pixel (1-based). */
  readonly crpix: readonly [number, number];
  /** Pixel size [deg]. */
  readonly cdelt: readonly [number, number];
  /** PC matrix, row-major. */
  readonly pc: readonly [number, number, number, number];
  /** CEA lambda (PV2_1). */
  readonly ceaLambda: number;
  /** The spherical rotation (resolved LONPOLE = phiPole, LATPOLE = latPole). */
  readonly rotation: CelestialRotation;
  /** LONPOLE as given (undefined = default); kept for writing the header. */
  private readonly lonpoleInput: number | undefined;
  private readonly latpoleInput: number | undefined;
  // Linear step: intermediate = M (p - crpix); M = diag(cdelt) PC; inverse Minv.
  private readonly m: Float64Array;
  private readonly minv: Float64Array;
  private readonly unitPc: boolean;

  /**
   * @param options - frame, projection, crval, crpix, cdelt and optional pc, lonpole, latpole, ceaLambda
   * @throws DataError for an unknown frame or projection, non-finite numbers, a zero
   *   pixel size, a singular PC matrix, a latitude outside [-90, 90] or an impossible pole
   */
  constructor(options: WcsOptions) {
    const proj = String(options.projection).trim().toUpperCase();
    if (!isProjectionCode(proj)) {
      throw new DataError(`WCS: projection '${options.projection}' is not supported`, {
        hint: `use one of ${PROJECTION_CODES.join(", ")}`,
      });
    }
    this.frame = parseFrame(options.frame, "WCS frame");
    this.projection = proj;
    const pc = options.pc ?? [1, 0, 0, 1];
    const nums = [...options.crval, ...options.crpix, ...options.cdelt, ...pc];
    if (!nums.every(Number.isFinite) || options.cdelt[0] === 0 || options.cdelt[1] === 0) {
      throw new DataError(`WCS: invalid crval ${options.crval}, crpix ${options.crpix}, cdelt ${options.cdelt} or pc ${pc}`, {
        hint: "give finite numbers and a non-zero pixel size",
      });
    }
    if (Math.abs(options.crval[1]) > 90) {
      throw new DataError(`WCS: reference latitude CRVAL2 = ${options.crval[1]} deg outside [-90, 90]`, { hint: "check CRVAL2" });
    }
    const lambda = options.ceaLambda ?? 1;
    if (!(lambda > 0 && lambda <= 1)) {
      throw new DataError(`WCS: CEA lambda (PV2_1) = ${lambda} must be in (0, 1]`, { hint: "fix PV2_1" });
    }
    this.crval = [options.crval[0], options.crval[1]];
    this.crpix = [options.crpix[0], options.crpix[1]];
    this.cdelt = [options.cdelt[0], options.cdelt[1]];
    this.pc = [pc[0], pc[1], pc[2], pc[3]];
    this.ceaLambda = lambda;
    this.lonpoleInput = options.lonpole;
    this.latpoleInput = options.latpole;
    this.unitPc = pc[0] === 1 && pc[1] === 0 && pc[2] === 0 && pc[3] === 1;
    const [c1, c2] = this.cdelt;
    this.m = Float64Array.of(c1 * pc[0], c1 * pc[1], c2 * pc[2], c2 * pc[3]);
    const det = this.m[0]! * this.m[3]! - this.m[1]! * this.m[2]!;
    if (det === 0 || !Number.isFinite(det)) {
      throw new DataError(`WCS: the PC matrix ${pc} with CDELT ${this.cdelt} is singular`, { hint: "fix PCi_j / CDi_j" });
    }
    this.minv = Float64Array.of(this.m[3]! / det, -this.m[1]! / det, -this.m[2]! / det, this.m[0]! / det);
    this.rotation = celestialRotation(
      this.crval[0],
      this.crval[1],
      nativeFiducialLatitude(proj),
      options.lonpole,
      options.latpole,
    );
  }

  /** LONPOLE in effect [deg] (wcslib's default resolved). */
  get lonpole(): number {
    return this.rotation.phiPole;
  }

  /** LATPOLE in effect [deg]: the celestial latitude of the native pole. */
  get latpole(): number {
    return this.rotation.latPole;
  }

  /** Whether the PC matrix is the identity (no rotation or skew). */
  get isUnrotated(): boolean {
    return this.unitPc;
  }

  /**
   * Pixel scales along the image axes at the reference point [deg] (astropy's
   * `proj_plane_pixel_scales`: the column norms of CDELT x PC).
   */
  get pixelScales(): [number, number] {
    const m = this.m;
    return [Math.hypot(m[0]!, m[2]!), Math.hypot(m[1]!, m[3]!)];
  }

  /** Area of one pixel in the projection plane [deg2] (astropy's `proj_plane_pixel_area`). */
  get pixelArea(): number {
    const m = this.m;
    return Math.abs(m[0]! * m[3]! - m[1]! * m[2]!);
  }

  /**
   * Sky directions of pixel coordinates (0-based), in the WCS frame. Pixels outside the
   * projection's domain give NaN.
   *
   * @param x - pixel x
   * @param y - pixel y
   * @param out - optional output arrays of the same length (may be x and y themselves)
   * @returns longitudes and latitudes [deg]
   * @throws DataError for arrays of different lengths
   * @example
   * ```ts
   * wcs.pixToSky(Float64Array.of(0, 10), Float64Array.of(0, 10)); // { lon: [...], lat: [...] }
   * ```
   */
  pixToSky(x: Float64Array, y: Float64Array, out?: LonLatArrays): LonLatArrays {
    const n = x.length;
    if (y.length !== n) throw lengthError("pixToSky", "x", "y", n, y.length);
    const lon = out?.lon ?? new Float64Array(n);
    const lat = out?.lat ?? new Float64Array(n);
    if (lon.length < n || lat.length < n) throw lengthError("pixToSky", "x", "out", n, Math.min(lon.length, lat.length));
    this.pixToIntermediate(n, x, y, lon, lat);
    planeToNative(this.projection, n, lon, lat, lon, lat, this.ceaLambda);
    nativeToCelestial(this.rotation, n, lon, lat, lon, lat);
    return { lon, lat };
  }

  /**
   * Pixel coordinates (0-based) of sky directions; directions without an image in the
   * projection (e.g. the far hemisphere for TAN and SIN) give NaN.
   *
   * @param lon - longitudes [deg]
   * @param lat - latitudes [deg]
   * @param frame - frame of lon/lat, converted to the WCS frame; default the WCS frame
   * @param out - optional output arrays (may be lon and lat themselves when no frame change)
   * @returns pixel x and y
   * @throws DataError for arrays of different lengths or an unknown frame
   * @example
   * ```ts
   * wcs.skyToPix(Float64Array.of(83.63), Float64Array.of(22.01), "icrs"); // { x: [...], y: [...] }
   * ```
   */
  skyToPix(lon: Float64Array, lat: Float64Array, frame: FrameName | string = this.frame, out?: PixelArrays): PixelArrays {
    const n = lon.length;
    if (lat.length !== n) throw lengthError("skyToPix", "lon", "lat", n, lat.length);
    const f = parseFrame(frame);
    const src = f === this.frame ? { lon, lat } : transformFrame(lon, lat, f, this.frame);
    const x = out?.x ?? new Float64Array(n);
    const y = out?.y ?? new Float64Array(n);
    if (x.length < n || y.length < n) throw lengthError("skyToPix", "lon", "out", n, Math.min(x.length, y.length));
    this.skyToPixKernel(n, src.lon, src.lat, x, y);
    return { x, y };
  }

  /**
   * The allocation-free core of {@link skyToPix}: directions already in the WCS frame.
   *
   * @param n - number of points
   * @param lon - longitudes [deg] (WCS frame)
   * @param lat - latitudes [deg]
   * @param x - output pixel x (may alias lon)
   * @param y - output pixel y (may alias lat)
   */
  skyToPixKernel(n: number, lon: Float64Array, lat: Float64Array, x: Float64Array, y: Float64Array): void {
    celestialToNative(this.rotation, n, lon, lat, x, y);
    nativeToPlane(this.projection, n, x, y, x, y, this.ceaLambda);
    this.intermediateToPix(n, x, y, x, y);
  }

  /**
   * Pixel coordinates of sky directions in any frame — the interface sky regions use
   * (same as {@link skyToPix}).
   *
   * @param lon - longitudes [deg]
   * @param lat - latitudes [deg]
   * @param frame - frame of lon/lat (default the WCS frame)
   * @param out - optional output arrays
   * @returns pixel x and y
   */
  worldToPixel(lon: Float64Array, lat: Float64Array, frame: FrameName = this.frame, out?: PixelArrays): PixelArrays {
    return this.skyToPix(lon, lat, frame, out);
  }

  /**
   * Pixel position, local pixel scale and direction of north at a sky position, measured
   * as astropy regions does (projecting a point 1 arcsec to the north, in the position's frame).
   *
   * @param lon - longitude [deg]
   * @param lat - latitude [deg]
   * @param frame - frame of the position
   * @returns pixel x, y (0-based), scale [deg / pixel] and northAngle [deg, counter-clockwise from +x]
   * @example
   * ```ts
   * wcs.pixelScaleAngle(0, 0, "galactic"); // { x: 24.5, y: 24.5, scale: 0.1, northAngle: 90 }
   * ```
   */
  pixelScaleAngle(lon: number, lat: number, frame: FrameName): { x: number; y: number; scale: number; northAngle: number } {
    const north = offsetBy(lon, lat, 0, SCALE_STEP_DEG);
    const p = this.skyToPix(Float64Array.of(lon, north.lon), Float64Array.of(lat, north.lat), frame);
    const dx = p.x[1]! - p.x[0]!;
    const dy = p.y[1]! - p.y[0]!;
    return { x: p.x[0]!, y: p.y[0]!, scale: SCALE_STEP_DEG / Math.hypot(dx, dy), northAngle: Math.atan2(dy, dx) * R2D };
  }

  /**
   * A copy with some parameters changed (e.g. a shifted CRPIX for a cut-out).
   *
   * @param changes - options to replace
   * @returns a new Wcs
   * @example
   * ```ts
   * wcs.copy({ crpix: [wcs.crpix[0] - 10, wcs.crpix[1] - 5] });
   * ```
   */
  copy(changes: Partial<WcsOptions> = {}): Wcs {
    const base: WcsOptions = {
      frame: this.frame,
      projection: this.projection,
      crval: this.crval,
      crpix: this.crpix,
      cdelt: this.cdelt,
      pc: this.pc,
      ceaLambda: this.ceaLambda,
    };
    if (this.lonpoleInput !== undefined) base.lonpole = this.lonpoleInput;
    if (this.latpoleInput !== undefined) base.latpole = this.latpoleInput;
    return new Wcs({ ...base, ...changes });
  }

  /**
   * Whether two WCS describe the same transform within an absolute tolerance (as
   * wcslib's `wcscompare` with a tolerance, used by Gammapy's geometry equality).
   *
   * @param other - the other WCS
   * @param tolerance - absolute tolerance on every parameter (default 1e-6)
   * @returns true when equal
   * @example
   * ```ts
   * wcs.equals(wcs.copy()); // true
   * ```
   */
  equals(other: Wcs, tolerance = 1e-6): boolean {
    if (this.frame !== other.frame || this.projection !== other.projection) return false;
    const a = [...this.crval, ...this.crpix, ...this.cdelt, ...this.pc, this.lonpole, this.latpole, this.ceaLambda];
    const b = [...other.crval, ...other.crpix, ...other.cdelt, ...other.pc, other.lonpole, other.latpole, other.ceaLambda];
    return a.every((v, i) => Math.abs(v - b[i]!) <= tolerance);
  }

  private pixToIntermediate(n: number, px: Float64Array, py: Float64Array, x: Float64Array, y: Float64Array): void {
    // FITS pixel p = x0 + 1 (0-based input); intermediate = CDELT PC (p - CRPIX) (Paper I eq. 1).
    const r1 = this.crpix[0] - 1;
    const r2 = this.crpix[1] - 1;
    if (this.unitPc) {
      const c1 = this.cdelt[0];
      const c2 = this.cdelt[1];
      for (let i = 0; i < n; i++) {
        const u = px[i] - r1;
        const v = py[i] - r2;
        x[i] = c1 * u;
        y[i] = c2 * v;
      }
      return;
    }
    const m = this.m;
    const [m0, m1, m2, m3] = [m[0]!, m[1]!, m[2]!, m[3]!];
    for (let i = 0; i < n; i++) {
      const u = px[i] - r1;
      const v = py[i] - r2;
      x[i] = m0 * u + m1 * v;
      y[i] = m2 * u + m3 * v;
    }
  }

  private intermediateToPix(n: number, x: Float64Array, y: Float64Array, px: Float64Array, py: Float64Array): void {
    const r1 = this.crpix[0] - 1;
    const r2 = this.crpix[1] - 1;
    if (this.unitPc) {
      const c1 = this.cdelt[0];
      const c2 = this.cdelt[1];
      for (let i = 0; i < n; i++) {
        px[i] = x[i] / c1 + r1;
        py[i] = y[i] / c2 + r2;
      }
      return;
    }
    const m = this.minv;
    const [m0, m1, m2, m3] = [m[0]!, m[1]!, m[2]!, m[3]!];
    for (let i = 0; i < n; i++) {
      const u = x[i];
      const v = y[i];
      px[i] = m0 * u + m1 * v + r1;
      py[i] = m2 * u + m3 * v + r2;
    }
  }
}

function lengthError(fn: string, a: string, b: string, na: number, nb: number): DataError {
  return new DataError(`Wcs.${fn}: ${a} has ${na} values but ${b} has ${nb}`, { hint: "pass arrays of equal length" });
}
