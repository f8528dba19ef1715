/**
 * CircleSkyRegion: a circle on the sky, evaluated (like astropy regions) as a circle in
 * the tangent plane at its centre — not a spherical cap.
 */
import { parseFrame, transformFrame } from "@gammats/core";
import type { FrameName, LonLat } from "@gammats/core";
import type { PixelCircle } from "./pixel-region.js";
import type { RegionWcs } from "./region-wcs.js";
import { SkyRegionBase, checkPosition, checkSize, ds9Number } from "./sky-region.js";

/**
 * A circle with a centre and radius (astropy regions' `CircleSkyRegion`).
 *
 * @example
 * ```ts
 * const on = new CircleSkyRegion(83.633, 22.014, 0.1, "icrs");
 * on.contains(Float64Array.of(83.633, 83.9), Float64Array.of(22.1, 22.014)); // Uint8Array [1, 0]
 * on.solidAngle();                                                             // 9.56984e-6 sr
 * ```
 */
export class CircleSkyRegion extends SkyRegionBase {
  readonly kind = "circle" as const;
  readonly frame: FrameName;
  readonly center: LonLat;
  /** Radius [deg]. */
  readonly radius: number;

  /**
   * @param lon - centre longitude [deg]
   * @param lat - centre latitude [deg]
   * @param radius - radius [deg], > 0 (use {@link PointSkyRegion} for a point)
   * @param frame - "icrs" (default), "galactic" or "fk5"
   * @throws DataError for a bad position, radius or frame
   */
  constructor(lon: number, lat: number, radius: number, frame: FrameName | string = "icrs") {
    super();
    checkPosition("CircleSkyRegion", lon, lat);
    checkSize("CircleSkyRegion", "radius", radius);
    this.frame = parseFrame(frame);
    this.center = { lon, lat };
    this.radius = radius;
  }

  toPixel(wcs: RegionWcs): PixelCircle {
    const p = wcs.pixelScaleAngle(this.center.lon, this.center.lat, this.frame);
    return { kind: "circle", x: p.x, y: p.y, radius: this.radius / p.scale };
  }

  toFrame(frame: FrameName | string): CircleSkyRegion {
    const f = parseFrame(frame);
    const c = transformFrame(this.center.lon, this.center.lat, this.frame, f);
    return new CircleSkyRegion(c.lon, c.lat, this.radius, f);
  }

  toDs9Shape(): string {
    return `circle(${ds9Number(this.center.lon)},${ds9Number(this.center.lat)},${ds9Number(this.radius)})`;
  }
}
