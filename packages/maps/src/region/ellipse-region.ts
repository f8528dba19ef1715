/**
 * EllipseSkyRegion: astropy regions' ellipse. `width` and `height` are FULL axes (DS9
 * and FITS region tables store semi-axes); `angle` turns the width axis counter-clockwise
 * from the longitude axis as seen on a standard sky image (east left), i.e. from west
 * towards north — position angle of the width axis = 270 deg + angle.
 */
import type { FrameName } from "@gammats/core";
import { OrientedSkyRegion } from "./oriented-region.js";
import { ds9Number } from "./sky-region.js";

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
export class EllipseSkyRegion extends OrientedSkyRegion<"ellipse"> {
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
    super("ellipse", lon, lat, width, height, angle, frame);
  }

  toFrame(frame: FrameName | string): EllipseSkyRegion {
    const p = this.placementIn(frame);
    return new EllipseSkyRegion(p.lon, p.lat, this.width, this.height, p.angle, p.frame);
  }

  toDs9Shape(): string {
    const v = [this.center.lon, this.center.lat, this.width / 2, this.height / 2, this.angle].map(ds9Number);
    return `ellipse(${v.join(",")})`;
  }
}
