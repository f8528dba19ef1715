/**
 * RectangleSkyRegion: astropy regions' rectangle (DS9 "box", FITS "rotbox"). `width` and
 * `height` are full sides; `angle` turns the width side counter-clockwise from the
 * longitude axis (from west towards north on a standard sky image), as for ellipses.
 */
import { parseFrame, transformFrame } from "@gammats/core";
import type { FrameName, LonLat } from "@gammats/core";
import type { PixelRectangle } from "./pixel-region.js";
import type { RegionWcs } from "./region-wcs.js";
import { SkyRegionBase, checkAngle, checkPosition, checkSize, ds9Number, northAngleBetween } from "./sky-region.js";

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
export class RectangleSkyRegion extends SkyRegionBase {
  readonly kind = "rectangle" as const;
  readonly frame: FrameName;
  readonly center: LonLat;
  /** Full side along longitude before rotation [deg]. */
  readonly width: number;
  /** Full side along latitude before rotation [deg]. */
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
    checkPosition("RectangleSkyRegion", lon, lat);
    checkSize("RectangleSkyRegion", "width", width);
    checkSize("RectangleSkyRegion", "height", height);
    checkAngle("RectangleSkyRegion", angle);
    this.frame = parseFrame(frame);
    this.center = { lon, lat };
    this.width = width;
    this.height = height;
    this.angle = angle;
  }

  toPixel(wcs: RegionWcs): PixelRectangle {
    const p = wcs.pixelScaleAngle(this.center.lon, this.center.lat, this.frame);
    // Sky angles are relative to the longitude axis; in pixels add the tilt of north.
    return { kind: "rectangle", x: p.x, y: p.y, width: this.width / p.scale, height: this.height / p.scale, angle: this.angle + p.northAngle - 90 };
  }

  toFrame(frame: FrameName | string): RectangleSkyRegion {
    const f = parseFrame(frame);
    const c = transformFrame(this.center.lon, this.center.lat, this.frame, f);
    const turn = northAngleBetween(this.center.lon, this.center.lat, this.frame, f);
    return new RectangleSkyRegion(c.lon, c.lat, this.width, this.height, this.angle - turn, f);
  }

  toDs9Shape(): string {
    const v = [this.center.lon, this.center.lat, this.width, this.height, this.angle].map(ds9Number);
    return `box(${v.join(",")})`;
  }
}
