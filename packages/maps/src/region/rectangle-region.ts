/**
 * RectangleSkyRegion: astropy regions' rectangle (DS9 "box", FITS "rotbox"). `width` and
 * `height` are full sides; `angle` turns the width side counter-clockwise from the
 * longitude axis (from west towards north on a standard sky image), as for ellipses.
 */
import type { FrameName } from "@gammats/core";
import { OrientedSkyRegion } from "./oriented-region.js";
import { ds9Number } from "./sky-region.js";

/**
 * A rectangle with full sides `width` (along longitude before rotation) and `height`.
 *
 * @example
 * ```ts
 * const r = new RectangleSkyRegion(184.557, -5.784, 0.4, 0.2, 30, "galactic");
 * r.solidAngle();    // 0.4 * 0.2 deg2 = 2.43694e-5 sr
 * r.toDs9Shape();    // "box(184.55700000,-5.78400000,0.40000000,0.20000000,30.00000000)"
 * ```
 */
export class RectangleSkyRegion extends OrientedSkyRegion<"rectangle"> {
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
    super("rectangle", lon, lat, width, height, angle, frame);
  }

  toFrame(frame: FrameName | string): RectangleSkyRegion {
    const p = this.placementIn(frame);
    return new RectangleSkyRegion(p.lon, p.lat, this.width, this.height, p.angle, p.frame);
  }

  toDs9Shape(): string {
    const v = [this.center.lon, this.center.lat, this.width, this.height, this.angle].map(ds9Number);
    return `box(${v.join(",")})`;
  }
}
