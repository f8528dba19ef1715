/**
 * Regions in pixel coordinates of a {@link RegionWcs}: plain records, and the kernels
 * that test containment, measure area and bound them — the pixel side of astropy regions'
 * conventions (angles counter-clockwise from +x; ellipse edge included, circle and
 * rectangle edges excluded; polygons by the even-odd crossing rule).
 */

/** A circle in pixels. */
export interface PixelCircle {
  kind: "circle";
  /** Centre x, y (0-based) and radius [pixel]. */
  x: number;
  y: number;
  radius: number;
}

/** A point in pixels (contains nothing, area 0). */
export interface PixelPoint {
  kind: "point";
  x: number;
  y: number;
}

/** An ellipse in pixels: full axes, `width` along +x before rotating by `angle`. */
export interface PixelEllipse {
  kind: "ellipse";
  x: number;
  y: number;
  /** Full axis lengths [pixel]. */
  width: number;
  height: number;
  /** Rotation counter-clockwise from +x [deg]. */
  angle: number;
}

/** A rectangle in pixels: full sides, `width` along +x before rotating by `angle`. */
export interface PixelRectangle {
  kind: "rectangle";
  x: number;
  y: number;
  /** Full side lengths [pixel]. */
  width: number;
  height: number;
  /** Rotation counter-clockwise from +x [deg]. */
  angle: number;
}

/** A polygon in pixels (vertices in order, not closed). */
export interface PixelPolygon {
  kind: "polygon";
  x: Float64Array;
  y: Float64Array;
}

/** Any region in pixel coordinates. */
export type PixelRegion = PixelCircle | PixelPoint | PixelEllipse | PixelRectangle | PixelPolygon;

/** Integer pixel bounds, upper bounds exclusive (astropy regions' `RegionBoundingBox`). */
export interface PixelBoundingBox {
  ixmin: number;
  ixmax: number;
  iymin: number;
  iymax: number;
}

const D2R = Math.PI / 180;

/**
 * Integer bounding box of a float extent: pixel i covers [i - 0.5, i + 0.5).
 *
 * @param xmin - lowest x [pixel]
 * @param xmax - highest x [pixel]
 * @param ymin - lowest y [pixel]
 * @param ymax - highest y [pixel]
 * @returns the box
 * @example
 * ```ts
 * bboxFromFloat(1.4, 10.4, 1.6, 10.6); // { ixmin: 1, ixmax: 11, iymin: 2, iymax: 12 }
 * ```
 */
export function bboxFromFloat(xmin: number, xmax: number, ymin: number, ymax: number): PixelBoundingBox {
  return {
    ixmin: Math.floor(xmin + 0.5),
    ixmax: Math.ceil(xmax + 0.5),
    iymin: Math.floor(ymin + 0.5),
    iymax: Math.ceil(ymax + 0.5),
  };
}

/**
 * Integer bounding box of a pixel region (as astropy regions' `bounding_box`).
 *
 * @param region - the pixel region
 * @returns the box
 * @example
 * ```ts
 * pixelRegionBbox({ kind: "circle", x: 1799.5, y: 899.5, radius: 1 }); // { ixmin: 1799, ixmax: 1801, ... }
 * ```
 */
export function pixelRegionBbox(region: PixelRegion): PixelBoundingBox {
  switch (region.kind) {
    case "circle":
      return bboxFromFloat(region.x - region.radius, region.x + region.radius, region.y - region.radius, region.y + region.radius);
    case "point":
      return bboxFromFloat(region.x, region.x, region.y, region.y);
    case "ellipse": {
      const c = Math.cos(region.angle * D2R);
      const s = Math.sin(region.angle * D2R);
      const [w, h] = [region.width / 2, region.height / 2];
      const dx = Math.hypot(w * c, h * s);
      const dy = Math.hypot(w * s, h * c);
      return bboxFromFloat(region.x - dx, region.x + dx, region.y - dy, region.y + dy);
    }
    case "rectangle": {
      const c = Math.cos(region.angle * D2R);
      const s = Math.sin(region.angle * D2R);
      const [w, h] = [region.width / 2, region.height / 2];
      const dx = Math.max(Math.abs(w * c - h * s), Math.abs(w * c + h * s));
      const dy = Math.max(Math.abs(w * s + h * c), Math.abs(w * s - h * c));
      return bboxFromFloat(region.x - dx, region.x + dx, region.y - dy, region.y + dy);
    }
    case "polygon": {
      let [xmin, xmax, ymin, ymax] = [Infinity, -Infinity, Infinity, -Infinity];
      for (let i = 0; i < region.x.length; i++) {
        xmin = Math.min(xmin, region.x[i]);
        xmax = Math.max(xmax, region.x[i]);
        ymin = Math.min(ymin, region.y[i]);
        ymax = Math.max(ymax, region.y[i]);
      }
      return bboxFromFloat(xmin, xmax, ymin, ymax);
    }
  }
}

/**
 * Area of a pixel region [pixel^2] (polygon: shoelace formula; point: 0).
 *
 * @param region - the pixel region
 * @returns the area
 * @example
 * ```ts
 * pixelRegionArea({ kind: "ellipse", x: 0, y: 0, width: 4, height: 2, angle: 30 }); // 2π
 * ```
 */
export function pixelRegionArea(region: PixelRegion): number {
  switch (region.kind) {
    case "circle":
      return Math.PI * region.radius * region.radius;
    case "point":
      return 0;
    case "ellipse":
      return (Math.PI / 4) * region.width * region.height;
    case "rectangle":
      return region.width * region.height;
    case "polygon": {
      const { x, y } = region;
      const n = x.length;
      // Offsets from the vertex mean keep the cross products small (precision).
      let mx = 0;
      let my = 0;
      for (let i = 0; i < n; i++) {
        mx += x[i] / n;
        my += y[i] / n;
      }
      let twice = 0;
      for (let i = 0, j = n - 1; i < n; j = i++) twice += (x[j] - mx) * (y[i] - my) - (x[i] - mx) * (y[j] - my);
      return Math.abs(twice) / 2;
    }
  }
}

/**
 * Tests which pixel positions lie inside a pixel region; NaN positions are outside.
 *
 * @param region - the pixel region
 * @param px - pixel x of the positions
 * @param py - pixel y of the positions
 * @param out - output mask (1 inside, 0 outside), allocated when omitted
 * @returns `out`
 * @example
 * ```ts
 * pixelRegionContains({ kind: "circle", x: 0, y: 0, radius: 1 }, Float64Array.of(0.5, 2), Float64Array.of(0, 0)); // [1, 0]
 * ```
 */
export function pixelRegionContains(
  region: PixelRegion,
  px: Float64Array,
  py: Float64Array,
  out: Uint8Array = new Uint8Array(px.length),
): Uint8Array {
  const n = px.length;
  switch (region.kind) {
    case "circle": {
      const { x, y, radius } = region;
      for (let i = 0; i < n; i++) {
        const dx = px[i] - x;
        const dy = py[i] - y;
        out[i] = Math.sqrt(dx * dx + dy * dy) < radius ? 1 : 0;
      }
      return out;
    }
    case "point":
      // A point has no area: regions' PointPixelRegion contains nothing.
      return out.fill(0, 0, n);
    case "ellipse": {
      const c = Math.cos(region.angle * D2R);
      const s = Math.sin(region.angle * D2R);
      const a = 2 / region.width;
      const b = 2 / region.height;
      for (let i = 0; i < n; i++) {
        const dx = px[i] - region.x;
        const dy = py[i] - region.y;
        const u = (c * dx + s * dy) * a;
        const v = (s * dx - c * dy) * b;
        out[i] = u * u + v * v <= 1 ? 1 : 0;
      }
      return out;
    }
    case "rectangle": {
      const c = Math.cos(region.angle * D2R);
      const s = Math.sin(region.angle * D2R);
      const hw = region.width / 2;
      const hh = region.height / 2;
      for (let i = 0; i < n; i++) {
        const dx = px[i] - region.x;
        const dy = py[i] - region.y;
        out[i] = Math.abs(c * dx + s * dy) < hw && Math.abs(s * dx - c * dy) < hh ? 1 : 0;
      }
      return out;
    }
    case "polygon": {
      const { x: vx, y: vy } = region;
      const m = vx.length;
      for (let i = 0; i < n; i++) {
        const x = px[i];
        const y = py[i];
        let inside = 0;
        // Even-odd rule: count edges crossed by a ray from the point towards +x.
        for (let k = 0, j = m - 1; k < m; j = k++) {
          if (vy[k] > y !== vy[j] > y && x < ((vx[j] - vx[k]) * (y - vy[k])) / (vy[j] - vy[k]) + vx[k]) inside ^= 1;
        }
        out[i] = inside;
      }
      return out;
    }
  }
}
