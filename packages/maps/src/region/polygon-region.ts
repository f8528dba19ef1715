/**
 * PolygonSkyRegion: vertices on the sky joined by straight lines in the projection (as
 * astropy regions: each vertex is projected, the polygon is tested in pixels). regions
 * gives a polygon no centre, so Gammapy 1.0 cannot build a RegionGeom on one; gammats
 * uses the direction of the mean vertex unit vector as centre (and projection point).
 */
import { DataError, parseFrame, transformFrame } from "@gammats/core";
import type { FrameName, LonLat } from "@gammats/core";
import type { PixelPolygon } from "./pixel-region.js";
import type { RegionWcs } from "./region-wcs.js";
import { SkyRegionBase, checkPosition, ds9Number, toFloat64 } from "./sky-region.js";

const D2R = Math.PI / 180;

function meanDirection(lon: Float64Array, lat: Float64Array): LonLat {
  let [x, y, z] = [0, 0, 0];
  for (let i = 0; i < lon.length; i++) {
    const cb = Math.cos(lat[i] * D2R);
    x += cb * Math.cos(lon[i] * D2R);
    y += cb * Math.sin(lon[i] * D2R);
    z += Math.sin(lat[i] * D2R);
  }
  const l = Math.atan2(y, x) / D2R;
  return { lon: l < 0 ? l + 360 : l, lat: Math.atan2(z, Math.hypot(x, y)) / D2R };
}

/**
 * A polygon given by its vertices (not closed: the last joins the first).
 *
 * @example
 * ```ts
 * const tri = new PolygonSkyRegion([83, 84, 83.5], [22, 22, 23], "icrs");
 * tri.contains(Float64Array.of(83.5), Float64Array.of(22.3)); // Uint8Array [1]
 * ```
 */
export class PolygonSkyRegion extends SkyRegionBase {
  readonly kind = "polygon" as const;
  readonly frame: FrameName;
  readonly center: LonLat;
  /** Vertex longitudes [deg]. */
  readonly lon: Float64Array;
  /** Vertex latitudes [deg]. */
  readonly lat: Float64Array;

  /**
   * @param lon - vertex longitudes [deg]
   * @param lat - vertex latitudes [deg]
   * @param frame - "icrs" (default), "galactic" or "fk5"
   * @throws DataError for fewer than 3 vertices, arrays of different lengths or a bad vertex
   */
  constructor(lon: ArrayLike<number>, lat: ArrayLike<number>, frame: FrameName | string = "icrs") {
    super();
    if (lon.length !== lat.length || lon.length < 3) {
      throw new DataError(`PolygonSkyRegion: needs >= 3 vertices with one lon and one lat each, got ${lon.length} lon and ${lat.length} lat`, {
        hint: "give the vertices as two arrays of equal length",
      });
    }
    this.lon = Float64Array.from(toFloat64(lon));
    this.lat = Float64Array.from(toFloat64(lat));
    for (let i = 0; i < this.lon.length; i++) checkPosition(`PolygonSkyRegion vertex ${i}`, this.lon[i], this.lat[i]);
    this.frame = parseFrame(frame);
    this.center = meanDirection(this.lon, this.lat);
  }

  toPixel(wcs: RegionWcs): PixelPolygon {
    const p = wcs.worldToPixel(this.lon, this.lat, this.frame);
    return { kind: "polygon", x: p.x, y: p.y };
  }

  toFrame(frame: FrameName | string): PolygonSkyRegion {
    const f = parseFrame(frame);
    const c = transformFrame(this.lon, this.lat, this.frame, f);
    return new PolygonSkyRegion(c.lon, c.lat, f);
  }

  toDs9Shape(): string {
    const v: string[] = [];
    for (let i = 0; i < this.lon.length; i++) v.push(ds9Number(this.lon[i]), ds9Number(this.lat[i]));
    return `polygon(${v.join(",")})`;
  }
}
