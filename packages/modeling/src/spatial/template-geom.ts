/**
 * What the template spatial model needs from a sky-map geometry, as a structural type:
 * maps' `WcsGeom` satisfies it as it is, so a `WcsNDMap`-like `{ geom, data, unit }`
 * can be handed to `TemplateSpatialModel` directly. {@link LonLatGridGeom} is the small
 * built-in geometry for plain longitude/latitude grids (CAR with CRVAL2 = 0), used until
 * the general WCS reader is wired in.
 */
import { DataError, type FrameName } from "@gammats/core";
import type { MapAxis } from "@gammats/maps";
import { DEG_TO_RAD } from "./sphere.js";

/** The members of a WCS geometry the template model uses (a subset of maps' `WcsGeom`). */
export interface TemplateGeom {
  /** Sky frame of the pixel grid. */
  readonly frame: FrameName;
  /** Image size [nx, ny]. */
  readonly npix: readonly [number, number];
  /** Non-spatial axes (a template has none or one, "energy_true"). */
  readonly axes: readonly MapAxis[];
  /** Image width along lon and lat [deg]. */
  readonly width: readonly [number, number];
  /** Sky direction of the image centre [deg]. */
  readonly centerSkydir: { lon: number; lat: number; frame: FrameName };
  /**
   * 0-based pixel coordinates of sky directions in the geometry's frame.
   *
   * @param lon - longitudes [deg]
   * @param lat - latitudes [deg]
   */
  skyToPix(lon: Float64Array, lat: Float64Array): { x: Float64Array; y: Float64Array };
  /** Solid angle of every image pixel, row-major ny × nx [sr]. */
  solidAngle(): Float64Array;
}

/** A sky map as the template model takes it (shape of maps' `WcsNDMap`). */
export interface TemplateMap {
  /** Geometry. */
  readonly geom: TemplateGeom;
  /** Values, row-major [n_energy,] ny, nx (C order, x fastest). */
  readonly data: ArrayLike<number>;
  /** Unit of the values ("" when none, "sr-1", "cm-2 s-1 MeV-1 sr-1", ...). */
  readonly unit: string;
}

/** Options of {@link LonLatGridGeom}. */
export interface LonLatGridOptions {
  /** Image size [nx, ny]. */
  npix: readonly [number, number];
  /** Longitude at the reference pixel [deg] (CRVAL1). */
  lonRef: number;
  /** Pixel size along x [deg] (CDELT1; negative when lon grows to the left, as usual). */
  dlon: number;
  /** Pixel size along y [deg] (CDELT2). */
  dlat: number;
  /** 0-based pixel of the reference point [x, y] (CRPIX - 1); latitude 0 sits at y = refPix[1]. */
  refPix: readonly [number, number];
  /** Frame ("icrs" default). */
  frame?: FrameName;
  /** Non-spatial axes (default none). */
  axes?: readonly MapAxis[];
}

/**
 * A plain longitude/latitude pixel grid: the CAR projection with the reference point on
 * the equator, where pixel and sky coordinates are linear in each other.
 *
 * @example
 * ```ts
 * const geom = new LonLatGridGeom({ npix: [20, 15], lonRef: 10, dlon: -0.1, dlat: 0.1, refPix: [9.5, 7], frame: "galactic" });
 * geom.skyToPix(Float64Array.of(10), Float64Array.of(0));   // { x: [9.5], y: [7] }
 * geom.width;                                               // [2, 1.5]
 * ```
 */
export class LonLatGridGeom implements TemplateGeom {
  /** @inheritDoc */
  readonly frame: FrameName;
  /** @inheritDoc */
  readonly npix: readonly [number, number];
  /** @inheritDoc */
  readonly axes: readonly MapAxis[];
  /** CRVAL1 [deg]. */
  readonly lonRef: number;
  /** CDELT1 [deg]. */
  readonly dlon: number;
  /** CDELT2 [deg]. */
  readonly dlat: number;
  /** 0-based reference pixel [x, y]. */
  readonly refPix: readonly [number, number];
  private solidAngleCache: Float64Array | undefined;

  /**
   * @param options - npix, lonRef, dlon, dlat, refPix, frame, axes
   * @throws DataError for a non-integer size or a zero pixel size
   */
  constructor(options: LonLatGridOptions) {
    const [nx, ny] = options.npix;
    if (!Number.isInteger(nx) || !Number.isInteger(ny) || nx < 1 || ny < 1) {
      throw new DataError(`LonLatGridGeom: image size must be positive integers, got ${nx} x ${ny}`);
    }
    if (!(options.dlon !== 0 && options.dlat !== 0 && Number.isFinite(options.dlon) && Number.isFinite(options.dlat))) {
      throw new DataError(`LonLatGridGeom: pixel size must be non-zero, got ${options.dlon} x ${options.dlat} deg`);
    }
    this.npix = [nx, ny];
    this.lonRef = options.lonRef;
    this.dlon = options.dlon;
    this.dlat = options.dlat;
    this.refPix = [options.refPix[0], options.refPix[1]];
    this.frame = options.frame ?? "icrs";
    this.axes = [...(options.axes ?? [])];
    this.solidAngleCache = undefined;
  }

  /** |CDELT| · npix [deg]. */
  get width(): [number, number] {
    return [Math.abs(this.dlon) * this.npix[0], Math.abs(this.dlat) * this.npix[1]];
  }

  /** Sky direction of pixel ((nx - 1)/2, (ny - 1)/2). */
  get centerSkydir(): { lon: number; lat: number; frame: FrameName } {
    const x = (this.npix[0] - 1) / 2;
    const y = (this.npix[1] - 1) / 2;
    const lon = this.lonRef + (x - this.refPix[0]) * this.dlon;
    return { lon: ((lon % 360) + 360) % 360, lat: (y - this.refPix[1]) * this.dlat, frame: this.frame };
  }

  /** @inheritDoc */
  skyToPix(lon: Float64Array, lat: Float64Array): { x: Float64Array; y: Float64Array } {
    const n = lon.length;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      // Native longitude in [-180, 180) around the reference, as the CAR projection.
      const d = lon[i]! - this.lonRef;
      const dl = d - 360 * Math.floor((d + 180) / 360);
      x[i] = this.refPix[0] + dl / this.dlon;
      y[i] = this.refPix[1] + lat[i]! / this.dlat;
    }
    return { x, y };
  }

  /** Exact pixel solid angles Δλ (sin b_hi - sin b_lo) [sr], cached. */
  solidAngle(): Float64Array {
    if (this.solidAngleCache !== undefined) return this.solidAngleCache;
    const [nx, ny] = this.npix;
    const out = new Float64Array(nx * ny);
    const dl = Math.abs(this.dlon) * DEG_TO_RAD;
    for (let j = 0; j < ny; j++) {
      const b1 = (j - 0.5 - this.refPix[1]) * this.dlat * DEG_TO_RAD;
      const b2 = (j + 0.5 - this.refPix[1]) * this.dlat * DEG_TO_RAD;
      out.fill(dl * Math.abs(Math.sin(b2) - Math.sin(b1)), j * nx, (j + 1) * nx);
    }
    this.solidAngleCache = out;
    return out;
  }
}
