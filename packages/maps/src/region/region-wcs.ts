/**
 * RegionWcs: the gnomonic (TAN) sky projection Gammapy's RegionGeom uses to evaluate
 * sky regions in a plane — an all-sky TAN WCS centred on the region, with square pixels
 * of `binsz` degrees. Only what regions need: world <-> pixel, the local pixel scale and
 * north angle, and the FITS header cards of the REGION table.
 */
import { DataError, FitsError, offsetBy, transformFrame } from "@gammats/core";
import type { FrameName, LonLatArrays } from "@gammats/core";
import type { FitsHeader } from "@gammats/fits";

const D2R = Math.PI / 180;
const R2D = 180 / Math.PI;
// regions measures the local scale and north angle with a 1 arcsec step to the north.
const SCALE_STEP_DEG = 1 / 3600;

/** Pixel position, scale and north direction of a sky position (see {@link RegionWcs.pixelScaleAngle}). */
export interface PixelScaleAngle {
  /** 0-based pixel x of the position. */
  x: number;
  /** 0-based pixel y of the position. */
  y: number;
  /** Angular size of one pixel along the local north direction [deg / pixel]. */
  scale: number;
  /** Angle of local north, counter-clockwise from the +x pixel axis [deg] (90 at a TAN reference point). */
  northAngle: number;
}

/** Options of the {@link RegionWcs} constructor. */
export interface RegionWcsOptions {
  /** Frame of the projection (CTYPE RA/DEC for icrs and fk5, GLON/GLAT for galactic). */
  frame: FrameName;
  /** Reference direction (CRVAL1, CRVAL2) [deg]. */
  crval: readonly [number, number];
  /** Reference pixel, 1-based as in FITS (CRPIX1, CRPIX2). */
  crpix: readonly [number, number];
  /** Pixel size (CDELT1, CDELT2) [deg]; CDELT1 is negative for longitude growing to the left. */
  cdelt: readonly [number, number];
  /** Image size [nx, ny] (WCSSHAPE). */
  npix: readonly [number, number];
}

// NumPy's rint: halves go to the even neighbour (Gammapy sizes its all-sky WCS with it).
function rintHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * A TAN projection with square pixels and no rotation (PC = identity, LONPOLE = 180),
 * the WCS Gammapy 1.0 builds for a `RegionGeom` and writes to the REGION table header.
 *
 * @example
 * ```ts
 * const wcs = RegionWcs.create(83.633, 22.014, "icrs");   // crpix [1800.5, 900.5], binsz 0.1 deg
 * wcs.worldToPixel(Float64Array.of(83.7), Float64Array.of(22)); // { x: [1798.8787...], y: [899.3601...] }
 * ```
 */
export class RegionWcs {
  /** Frame of the projection. */
  readonly frame: FrameName;
  /** Reference direction [deg]. */
  readonly crval: readonly [number, number];
  /** Reference pixel (1-based). */
  readonly crpix: readonly [number, number];
  /** Pixel size per axis [deg]. */
  readonly cdelt: readonly [number, number];
  /** Image size [nx, ny]. */
  readonly npix: readonly [number, number];
  // Tangent-plane basis at the reference point: centre, east and north unit vectors.
  private readonly e0: Float64Array;
  private readonly eEast: Float64Array;
  private readonly eNorth: Float64Array;

  /**
   * @param options - frame, crval, crpix, cdelt, npix
   * @throws DataError for a non-finite or zero pixel size or a reference latitude outside [-90, 90]
   */
  constructor(options: RegionWcsOptions) {
    const { frame, crval, crpix, cdelt, npix } = options;
    if (![...crval, ...crpix, ...cdelt].every(Number.isFinite) || cdelt[0] === 0 || cdelt[1] === 0) {
      throw new DataError(`RegionWcs: invalid crval ${crval}, crpix ${crpix} or cdelt ${cdelt}`, {
        hint: "give finite numbers and a non-zero pixel size",
      });
    }
    if (Math.abs(crval[1]) > 90) {
      throw new DataError(`RegionWcs: reference latitude ${crval[1]} deg outside [-90, 90]`, { hint: "check CRVAL2" });
    }
    this.frame = frame;
    this.crval = [crval[0], crval[1]];
    this.crpix = [crpix[0], crpix[1]];
    this.cdelt = [cdelt[0], cdelt[1]];
    this.npix = [npix[0], npix[1]];
    const l0 = crval[0] * D2R;
    const b0 = crval[1] * D2R;
    const [sl, cl, sb, cb] = [Math.sin(l0), Math.cos(l0), Math.sin(b0), Math.cos(b0)];
    this.e0 = Float64Array.of(cb * cl, cb * sl, sb);
    this.eEast = Float64Array.of(-sl, cl, 0);
    this.eNorth = Float64Array.of(-sb * cl, -sb * sl, cb);
  }

  /**
   * The all-sky TAN WCS Gammapy's `RegionGeom` makes around a direction: 360 x 180 deg
   * wide (pixel counts rounded half-to-even), reference pixel at the image centre.
   *
   * @param lon - centre longitude [deg]
   * @param lat - centre latitude [deg]
   * @param frame - frame of the centre and of the WCS
   * @param binsz - pixel size [deg], default 0.1 (Gammapy's `binsz_wcs`)
   * @returns the WCS
   * @throws DataError for a non-positive bin size
   * @example
   * ```ts
   * RegionWcs.create(184.557, -5.784, "galactic", 0.07).crpix; // [2572, 1286]
   * ```
   */
  static create(lon: number, lat: number, frame: FrameName, binsz = 0.1): RegionWcs {
    if (!(binsz > 0) || !Number.isFinite(binsz)) {
      throw new DataError(`RegionWcs: bin size must be a positive angle, got ${binsz} deg`, { hint: "use e.g. 0.1 (deg)" });
    }
    const nx = rintHalfEven(360 / binsz);
    const ny = rintHalfEven(180 / binsz);
    // Wrap only when needed: (lon % 360 + 360) % 360 would perturb the last bit of lon.
    const wrapped = lon >= 0 && lon < 360 ? lon : ((lon % 360) + 360) % 360;
    return new RegionWcs({ frame, crval: [wrapped, lat], crpix: [(nx + 1) / 2, (ny + 1) / 2], cdelt: [-binsz, binsz], npix: [nx, ny] });
  }

  /** Pixel size [deg] (the larger of |CDELT1| and |CDELT2|; they are equal for Gammapy's WCS). */
  get binsz(): number {
    return Math.max(Math.abs(this.cdelt[0]), Math.abs(this.cdelt[1]));
  }

  /** Area of one pixel in the projection plane [deg2] (astropy's `proj_plane_pixel_area`). */
  get pixelArea(): number {
    return Math.abs(this.cdelt[0] * this.cdelt[1]);
  }

  /**
   * Projects directions to 0-based pixel coordinates; directions 90 deg or more from the
   * reference point (no TAN image) give NaN, as astropy does.
   *
   * @param lon - longitudes [deg]
   * @param lat - latitudes [deg]
   * @param frame - frame of the input (converted to the WCS frame); default the WCS frame
   * @param out - optional output arrays of the input length
   * @returns pixel x and y (0-based)
   * @throws DataError for arrays of different lengths or latitudes outside [-90, 90]
   * @example
   * ```ts
   * wcs.worldToPixel(Float64Array.of(83.633), Float64Array.of(22.014)); // { x: [1799.5], y: [899.5] }
   * ```
   */
  worldToPixel(
    lon: Float64Array,
    lat: Float64Array,
    frame: FrameName = this.frame,
    out?: { x: Float64Array; y: Float64Array },
  ): { x: Float64Array; y: Float64Array } {
    const n = lon.length;
    if (lat.length !== n) {
      throw new DataError(`RegionWcs.worldToPixel: ${n} longitudes but ${lat.length} latitudes`, { hint: "pass arrays of equal length" });
    }
    const c = frame === this.frame ? { lon, lat } : transformFrame(lon, lat, frame, this.frame);
    const x = out?.x ?? new Float64Array(n);
    const y = out?.y ?? new Float64Array(n);
    const [e0, ee, en] = [this.e0, this.eEast, this.eNorth];
    const ox = this.crpix[0] - 1;
    const oy = this.crpix[1] - 1;
    const ix = R2D / this.cdelt[0];
    const iy = R2D / this.cdelt[1];
    for (let i = 0; i < n; i++) {
      const l = c.lon[i] * D2R;
      const b = c.lat[i] * D2R;
      const cb = Math.cos(b);
      const px = cb * Math.cos(l);
      const py = cb * Math.sin(l);
      const pz = Math.sin(b);
      const cosc = px * e0[0] + py * e0[1] + pz * e0[2];
      if (!(cosc > 0)) {
        x[i] = NaN;
        y[i] = NaN;
        continue;
      }
      // Gnomonic projection: the tangent-plane offsets are the east/north components over cos(distance).
      x[i] = ox + ((px * ee[0] + py * ee[1]) / cosc) * ix;
      y[i] = oy + ((px * en[0] + py * en[1] + pz * en[2]) / cosc) * iy;
    }
    return { x, y };
  }

  /**
   * Directions of 0-based pixel coordinates, in the WCS frame.
   *
   * @param x - pixel x (0-based)
   * @param y - pixel y (0-based)
   * @returns longitudes in [0, 360) and latitudes [deg]
   * @throws DataError for arrays of different lengths
   * @example
   * ```ts
   * wcs.pixelToWorld(Float64Array.of(1799.5), Float64Array.of(899.5)); // { lon: [83.633], lat: [22.014] }
   * ```
   */
  pixelToWorld(x: Float64Array, y: Float64Array): LonLatArrays {
    const n = x.length;
    if (y.length !== n) {
      throw new DataError(`RegionWcs.pixelToWorld: ${n} x values but ${y.length} y values`, { hint: "pass arrays of equal length" });
    }
    const lon = new Float64Array(n);
    const lat = new Float64Array(n);
    const [e0, ee, en] = [this.e0, this.eEast, this.eNorth];
    for (let i = 0; i < n; i++) {
      const u = (x[i] - this.crpix[0] + 1) * this.cdelt[0] * D2R;
      const v = (y[i] - this.crpix[1] + 1) * this.cdelt[1] * D2R;
      const px = e0[0] + u * ee[0] + v * en[0];
      const py = e0[1] + u * ee[1] + v * en[1];
      const pz = e0[2] + v * en[2];
      const l = Math.atan2(py, px) * R2D;
      lon[i] = l < 0 ? l + 360 : l;
      lat[i] = Math.atan2(pz, Math.hypot(px, py)) * R2D;
    }
    return { lon, lat };
  }

  /**
   * Pixel position, pixel scale and direction of north at a sky position, measured as
   * astropy regions does: by projecting a point 1 arcsec to the north (in the frame of
   * the position). Sky regions turn their sizes and angles into pixels with it.
   *
   * @param lon - longitude [deg]
   * @param lat - latitude [deg]
   * @param frame - frame of the position (its north is used)
   * @returns pixel coordinates, scale [deg/pixel] and north angle [deg]
   * @example
   * ```ts
   * RegionWcs.create(83.633, 22.014, "icrs").pixelScaleAngle(83.633, 22.014, "icrs"); // { scale: 0.1, northAngle: 90, ... }
   * ```
   */
  pixelScaleAngle(lon: number, lat: number, frame: FrameName): PixelScaleAngle {
    const north = offsetBy(lon, lat, 0, SCALE_STEP_DEG);
    const p = this.worldToPixel(Float64Array.of(lon, north.lon), Float64Array.of(lat, north.lat), frame);
    const dx = p.x[1] - p.x[0];
    const dy = p.y[1] - p.y[0];
    return { x: p.x[0], y: p.y[0], scale: SCALE_STEP_DEG / Math.hypot(dx, dy), northAngle: Math.atan2(dy, dx) * R2D };
  }

  /**
   * FITS header cards describing this WCS, as Gammapy writes them to a REGION table.
   *
   * @returns cards (WCSAXES, CRPIXn, CDELTn, CUNITn, CTYPEn, CRVALn, LONPOLE, LATPOLE,
   *   MJDREF, RADESYS/EQUINOX for equatorial frames, WCSSHAPE)
   * @example
   * ```ts
   * binTableHdu({ name: "REGION", columns, header: wcs.toHeaderCards() });
   * ```
   */
  toHeaderCards(): [string, string | number][] {
    const galactic = this.frame === "galactic";
    const cards: [string, string | number][] = [
      ["WCSAXES", 2],
      ["CRPIX1", this.crpix[0]],
      ["CRPIX2", this.crpix[1]],
      ["CDELT1", this.cdelt[0]],
      ["CDELT2", this.cdelt[1]],
      ["CUNIT1", "deg"],
      ["CUNIT2", "deg"],
      ["CTYPE1", galactic ? "GLON-TAN" : "RA---TAN"],
      ["CTYPE2", galactic ? "GLAT-TAN" : "DEC--TAN"],
      ["CRVAL1", this.crval[0]],
      ["CRVAL2", this.crval[1]],
      ["LONPOLE", 180.0],
      ["LATPOLE", this.crval[1]],
      ["MJDREF", 0.0],
    ];
    if (this.frame === "icrs") cards.push(["RADESYS", "ICRS"]);
    if (this.frame === "fk5") cards.push(["RADESYS", "FK5"], ["EQUINOX", 2000.0]);
    cards.push(["WCSSHAPE", `(${this.npix[0]},${this.npix[1]})`]);
    return cards;
  }

  /**
   * Reads a TAN WCS from header cards (a REGION table header written by Gammapy).
   *
   * @param header - the header
   * @param where - file and HDU for error messages
   * @returns the WCS
   * @throws FitsError for a missing key, a projection other than TAN, a rotation
   *   (PC/CD matrix, LONPOLE other than 180) or an unsupported frame
   * @example
   * ```ts
   * RegionWcs.fromHeader(file.hdu("SKYMAP_REGION").header, { file: path, hdu: "SKYMAP_REGION" });
   * ```
   */
  static fromHeader(header: FitsHeader, where: { file?: string; hdu?: string | number } = {}): RegionWcs {
    const fail = (message: string, key: string, hint: string): FitsError => new FitsError(message, { ...where, key }, { hint });
    const ctype1 = header.has("CTYPE1") ? header.getString("CTYPE1").trim().toUpperCase() : "";
    const ctype2 = header.has("CTYPE2") ? header.getString("CTYPE2").trim().toUpperCase() : "";
    if (!ctype1.endsWith("-TAN") || !ctype2.endsWith("-TAN")) {
      throw fail(`region WCS must be a TAN projection, got CTYPE1 '${ctype1}', CTYPE2 '${ctype2}'`, "CTYPE1", "write the region table with Gammapy or gammats");
    }
    let frame: FrameName;
    if (ctype1.startsWith("GLON") && ctype2.startsWith("GLAT")) frame = "galactic";
    else if (ctype1.startsWith("RA") && ctype2.startsWith("DEC")) {
      const radesys = header.has("RADESYS") ? header.getString("RADESYS").trim().toUpperCase() : "ICRS";
      if (radesys === "ICRS") frame = "icrs";
      else if (radesys === "FK5") frame = "fk5";
      else throw fail(`unsupported RADESYS '${radesys}'`, "RADESYS", "use ICRS or FK5");
    } else throw fail(`unsupported celestial axes '${ctype1}', '${ctype2}'`, "CTYPE1", "use RA/DEC or GLON/GLAT");
    for (const key of ["PC1_2", "PC2_1", "CD1_1", "CD1_2", "CD2_1", "CD2_2", "CROTA2"]) {
      if (header.has(key) && !(key.startsWith("PC") && header.getNumber(key) === 0)) {
        throw fail(`rotated region WCS (${key}) is not supported`, key, "use a WCS without PC/CD rotation");
      }
    }
    if (header.has("LONPOLE") && header.getNumber("LONPOLE") !== 180) {
      throw fail(`LONPOLE ${header.getNumber("LONPOLE")} is not supported`, "LONPOLE", "use the default LONPOLE = 180");
    }
    for (const key of ["CUNIT1", "CUNIT2"]) {
      if (header.has(key) && !["DEG", ""].includes(header.getString(key).trim().toUpperCase())) {
        throw fail(`${key} must be 'deg'`, key, "write the WCS in degrees");
      }
    }
    const num = (key: string): number => header.getNumber(key);
    // The image size only matters for cut-outs; NAXISn of a table header are table sizes, not it.
    const shape = header.has("WCSSHAPE") ? /^\(\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(header.getString("WCSSHAPE").trim()) : null;
    const npix: [number, number] = shape ? [Number(shape[1]), Number(shape[2])] : [0, 0];
    return new RegionWcs({
      frame,
      crval: [num("CRVAL1"), num("CRVAL2")],
      crpix: [num("CRPIX1"), num("CRPIX2")],
      cdelt: [num("CDELT1"), num("CDELT2")],
      npix,
    });
  }

  /**
   * Whether two WCS are the same projection and pixel grid.
   *
   * @param other - the other WCS
   * @returns true when frame, crval, crpix, cdelt and npix are equal
   * @example
   * ```ts
   * RegionWcs.create(1, 2, "icrs").equals(RegionWcs.create(1, 2, "icrs")); // true
   * ```
   */
  equals(other: RegionWcs): boolean {
    const same = (a: readonly number[], b: readonly number[]): boolean => a[0] === b[0] && a[1] === b[1];
    return (
      this.frame === other.frame &&
      same(this.crval, other.crval) &&
      same(this.crpix, other.crpix) &&
      same(this.cdelt, other.cdelt) &&
      same(this.npix, other.npix)
    );
  }
}
