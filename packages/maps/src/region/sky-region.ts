/**
 * The common behaviour of sky regions, as astropy regions defines it: a sky region is
 * evaluated by projecting it and the tested directions into the pixels of a TAN WCS
 * (by default the one Gammapy's RegionGeom builds around the region centre).
 */
import { DataError, parseFrame, positionAngle, transformFrame } from "@gammats/core";
import type { FrameName, LonLat } from "@gammats/core";
import type { CircleSkyRegion } from "./circle-region.js";
import type { EllipseSkyRegion } from "./ellipse-region.js";
import type { PointSkyRegion } from "./point-region.js";
import type { PolygonSkyRegion } from "./polygon-region.js";
import type { RectangleSkyRegion } from "./rectangle-region.js";
import { pixelRegionArea, pixelRegionContains } from "./pixel-region.js";
import type { PixelRegion } from "./pixel-region.js";
import { RegionWcs } from "./region-wcs.js";

/** Shape names of the supported sky regions. */
export type RegionKind = "circle" | "point" | "ellipse" | "rectangle" | "polygon";

/** Any supported sky region (discriminated by `kind`). */
export type SkyRegion = CircleSkyRegion | PointSkyRegion | EllipseSkyRegion | RectangleSkyRegion | PolygonSkyRegion;

/** Default pixel size of the projection a region is evaluated in [deg] (Gammapy's `binsz_wcs`). */
export const DEFAULT_BINSZ_WCS = 0.1;

const SR_PER_DEG2 = (Math.PI / 180) ** 2;

/** Longitude/latitude arrays as Float64Array (copies only when the input is another array type). */
export function toFloat64(values: ArrayLike<number>): Float64Array {
  return values instanceof Float64Array ? values : Float64Array.from(values);
}

/**
 * Checks a sky position given to a region constructor.
 *
 * @throws DataError for a non-finite longitude or a latitude outside [-90, 90]
 */
export function checkPosition(what: string, lon: number, lat: number): void {
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90) {
    throw new DataError(`${what}: invalid position (${lon}, ${lat}) deg`, {
      hint: "give a finite longitude and a latitude in [-90, 90] degrees",
    });
  }
}

/**
 * Checks a size given to a region constructor.
 *
 * @throws DataError unless the value is finite and > 0
 */
export function checkSize(what: string, name: string, value: number): void {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new DataError(`${what}: ${name} must be a positive angle in degrees, got ${value}`, {
      hint: name === "radius" ? "use a point region for radius 0" : "give a size > 0",
    });
  }
}

/**
 * Checks a rotation angle given to a region constructor.
 *
 * @throws DataError unless the value is finite
 */
export function checkAngle(what: string, value: number): void {
  if (!Number.isFinite(value)) {
    throw new DataError(`${what}: angle must be a finite number of degrees, got ${value}`, { hint: "give e.g. 0 or 30" });
  }
}

/**
 * Formats a number as astropy regions writes DS9 parameters (8 decimals).
 *
 * @param value - the value
 * @returns e.g. "22.01400000"
 */
export function ds9Number(value: number): string {
  return value.toFixed(8);
}

/**
 * Position angle (east of north, in frame `from`) of the north pole of frame `to`, seen
 * from a direction: how much "up" turns between the frames there.
 *
 * @param lon - longitude in `from` [deg]
 * @param lat - latitude in `from` [deg]
 * @param from - frame of the direction
 * @param to - the other frame
 * @returns the angle [deg]; 0 when the frames are equal
 */
export function northAngleBetween(lon: number, lat: number, from: FrameName, to: FrameName): number {
  if (from === to) return 0;
  const pole = transformFrame(0, 90, to, from);
  return positionAngle(lon, lat, pole.lon, pole.lat);
}

/**
 * Behaviour shared by all sky regions: containment, area and solid angle through a TAN
 * projection. Subclasses say how they map to pixels, change frame and print as DS9.
 */
export abstract class SkyRegionBase {
  /** Shape name. */
  abstract readonly kind: RegionKind;
  /** Frame of the region's coordinates. */
  abstract readonly frame: FrameName;
  /** Centre of the region [deg] (the vertex mean direction for polygons). */
  abstract readonly center: LonLat;

  /**
   * The region in the pixels of a WCS (sizes and angles converted at the centre, as
   * astropy regions' `to_pixel`).
   *
   * @param wcs - the projection
   * @returns the pixel region
   */
  abstract toPixel(wcs: RegionWcs): PixelRegion;

  /**
   * The same region expressed in another frame (centre and vertices transformed, angles
   * turned by the angle between the two frames' north directions at the centre).
   *
   * @param frame - target frame
   * @returns a new region
   */
  abstract toFrame(frame: FrameName | string): SkyRegion;

  /**
   * The DS9 shape text without frame, as astropy regions writes it, e.g.
   * "circle(83.63300000,22.01400000,0.10000000)".
   */
  abstract toDs9Shape(): string;

  /**
   * The TAN WCS Gammapy's RegionGeom would build around this region.
   *
   * @param binsz - pixel size [deg], default 0.1
   * @returns the projection
   * @example
   * ```ts
   * new CircleSkyRegion(83.633, 22.014, 0.1, "icrs").defaultWcs().crval; // [83.633, 22.014]
   * ```
   */
  defaultWcs(binsz = DEFAULT_BINSZ_WCS): RegionWcs {
    return RegionWcs.create(this.center.lon, this.center.lat, this.frame, binsz);
  }

  /**
   * Tests which directions lie inside the region. Directions are converted to the WCS
   * frame and projected; the shape is compared in pixels, as regions' `contains`.
   * A point region contains nothing.
   *
   * @param lon - longitudes [deg]
   * @param lat - latitudes [deg]
   * @param frame - frame of lon/lat, default the region frame
   * @param wcs - projection, default {@link defaultWcs}
   * @returns mask, 1 inside
   * @throws DataError for arrays of different lengths or bad latitudes
   * @example
   * ```ts
   * new CircleSkyRegion(83.633, 22.014, 0.1, "icrs").contains(Float64Array.of(83.65), Float64Array.of(22.0)); // [1]
   * ```
   */
  contains(lon: ArrayLike<number>, lat: ArrayLike<number>, frame: FrameName | string = this.frame, wcs?: RegionWcs): Uint8Array {
    const f = parseFrame(frame);
    const w = wcs ?? this.defaultWcs();
    const pix = w.worldToPixel(toFloat64(lon), toFloat64(lat), f);
    return pixelRegionContains(this.toPixel(w), pix.x, pix.y);
  }

  /**
   * Area of the projected region [deg2]: pixel area times the pixel size squared.
   *
   * @param wcs - projection, default {@link defaultWcs}
   * @returns the area
   */
  area(wcs?: RegionWcs): number {
    const w = wcs ?? this.defaultWcs();
    return pixelRegionArea(this.toPixel(w)) * w.pixelArea;
  }

  /**
   * Solid angle as Gammapy's `RegionGeom.solid_angle` computes it: the area in the
   * tangent plane (not the spherical area; a 0.1 deg circle gives π (0.1 deg)^2).
   *
   * @param wcs - projection, default {@link defaultWcs}
   * @returns the solid angle [sr]
   * @example
   * ```ts
   * new CircleSkyRegion(83.633, 22.014, 0.1, "icrs").solidAngle(); // 9.5698384820e-6
   * ```
   */
  solidAngle(wcs?: RegionWcs): number {
    return this.area(wcs) * SR_PER_DEG2;
  }

  /**
   * DS9 region text as astropy regions writes one region: header, frame line, shape.
   *
   * @returns e.g. "# Region file format: DS9 astropy/regions\nicrs\ncircle(...)\n"
   */
  toDs9(): string {
    return `# Region file format: DS9 astropy/regions\n${this.frame}\n${this.toDs9Shape()}\n`;
  }
}
