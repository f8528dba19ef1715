/**
 * PointSkyRegion: a single direction. As in astropy regions it contains nothing and has
 * no area; Gammapy's RegionGeom treats a geometry made of points as containing everything
 * (point-like IRF analyses, where the ON region size comes from RAD_MAX).
 */
import { parseFrame, transformFrame } from "@gammats/core";
import type { FrameName, LonLat } from "@gammats/core";
import type { PixelPoint } from "./pixel-region.js";
import type { RegionWcs } from "./region-wcs.js";
import { SkyRegionBase, checkPosition, ds9Number } from "./sky-region.js";

/**
 * A point on the sky (astropy regions' `PointSkyRegion`).
 *
 * @example
 * ```ts
 * const p = new PointSkyRegion(184.557, -5.784, "galactic");
 * p.solidAngle();                                     // 0
 * p.toFrame("icrs").center;                           // { lon: 83.63..., lat: 22.01... }
 * ```
 */
export class PointSkyRegion extends SkyRegionBase {
  readonly kind = "point" as const;
  readonly frame: FrameName;
  readonly center: LonLat;

  /**
   * @param lon - longitude [deg]
   * @param lat - latitude [deg]
   * @param frame - "icrs" (default), "galactic" or "fk5"
   * @throws DataError for a bad position or frame
   */
  constructor(lon: number, lat: number, frame: FrameName | string = "icrs") {
    super();
    checkPosition("PointSkyRegion", lon, lat);
    this.frame = parseFrame(frame);
    this.center = { lon, lat };
  }

  toPixel(wcs: RegionWcs): PixelPoint {
    const p = wcs.worldToPixel(Float64Array.of(this.center.lon), Float64Array.of(this.center.lat), this.frame);
    return { kind: "point", x: p.x[0], y: p.y[0] };
  }

  toFrame(frame: FrameName | string): PointSkyRegion {
    const f = parseFrame(frame);
    const c = transformFrame(this.center.lon, this.center.lat, this.frame, f);
    return new PointSkyRegion(c.lon, c.lat, f);
  }

  toDs9Shape(): string {
    return `point(${ds9Number(this.center.lon)},${ds9Number(this.center.lat)})`;
  }
}
