/**
 * EllipseSkyRegion: astropy regions' ellipse. `width` and `height` are FULL axes (DS9
 * and FITS region tables store semi-axes); `angle` turns the width axis counter-clockwise
 * from the longitude axis as seen on a standard sky image (east left), i.e. from west
 * towards north — position angle of the width axis = 270 deg + angle.
 */
import { parseFrame, transformFrame } from "@gammats/core";
import type { FrameName, LonLat } from "@gammats/core";
import type { PixelEllipse } from "./pixel-region.js";
import type { RegionWcs } from "./region-wcs.js";
import { SkyRegionBase, checkAngle, checkPosition, checkSize, ds9Number, northAngleBetween } from "./sky-region.js";

/**
 * An ellipse with full axes `width` (along longitude before rotation) and `height`.
 *
 * @example
 * ```ts
 * const e = new EllipseSkyRegion(83.633, 22.014, 0.4, 0.2, 30, "icrs");
 * e.solidAngle();    // π/4 * 0.4 * 0.2 deg2 = 1.91397e-5 sr
 * e.toDs9Shape();    // "ellipse(83.63300000,22.01400000,0.20000000,0.10000000,30.00000000)"
 * ```
 */
export class EllipseSkyRegion extends SkyRegionBase {
  readonly kind = "ellipse" as const;
  readonly frame: FrameName;
  readonly center: LonLat;
  /** Full axis along longitude before rotation [deg]. */
  readonly width: number;
  /** Full axis along latitude before rotation [deg]. */
  readonly height: number;
  /** Rotation counter-clockwise from the longitude axis [deg]. */
  readonly angle: number;

  /**
   * @param lon - centre longitude [deg]
   * @param lat - centre latitude [deg]
   * @param width - full width [deg], > 0
   * @param height - full height [deg], > 0
   * @param angle - rotation [deg], default 0
   * @param frame - "icrs" (default), "galactic" or "fk5"
   * @throws DataError for a bad position, size, angle or frame
   */
  constructor(lon: number, lat: number, width: number, height: number, angle = 0, frame: FrameName | string = "icrs") {
    super();
    checkPosition("EllipseSkyRegion", lon, lat);
    checkSize("EllipseSkyRegion", "width", width);
    checkSize("EllipseSkyRegion", "height", height);
    checkAngle("EllipseSkyRegion", angle);
    this.frame = parseFrame(frame);
    this.center = { lon, lat };
    this.width = width;
    this.height = height;
    this.angle = angle;
  }

  toPixel(wcs: RegionWcs): PixelEllipse {
    const p = wcs.pixelScaleAngle(this.center.lon, this.center.lat, this.frame);
    // Sky angles are relative to the longitude axis; in pixels add the tilt of north.
    return { kind: "ellipse", x: p.x, y: p.y, width: this.width / p.scale, height: this.height / p.scale, angle: this.angle + p.northAngle - 90 };
  }

  toFrame(frame: FrameName | string): EllipseSkyRegion {
    const f = parseFrame(frame);
    const c = transformFrame(this.center.lon, this.center.lat, this.frame, f);
    const turn = northAngleBetween(this.center.lon, this.center.lat, this.frame, f);
    return new EllipseSkyRegion(c.lon, c.lat, this.width, this.height, this.angle - turn, f);
  }

  toDs9Shape(): string {
    const v = [this.center.lon, this.center.lat, this.width / 2, this.height / 2, this.angle].map(ds9Number);
    return `ellipse(${v.join(",")})`;
  }
}
