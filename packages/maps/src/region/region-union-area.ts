/**
 * Area of a union of pixel regions by counting pixel centres, as Gammapy estimates the
 * solid angle of compound regions (which have no analytic area) from a region mask.
 */
import { pixelRegionBbox, pixelRegionContains } from "./pixel-region.js";
import type { PixelBoundingBox, PixelRegion } from "./pixel-region.js";

function inBox(b: PixelBoundingBox, ix: number, iy: number): boolean {
  return ix >= b.ixmin && ix < b.ixmax && iy >= b.iymin && iy < b.iymax;
}

/**
 * Number of integer pixel positions inside at least one of the regions (each pixel
 * counted once; no union-sized mask is allocated, so far-apart regions stay cheap).
 *
 * @param regions - pixel regions on one grid
 * @returns the pixel count
 * @example
 * ```ts
 * unionPixelCount([{ kind: "circle", x: 0, y: 0, radius: 1.5 }]); // 9
 * ```
 */
export function unionPixelCount(regions: readonly PixelRegion[]): number {
  const boxes = regions.map(pixelRegionBbox);
  let count = 0;
  for (let r = 0; r < regions.length; r++) {
    const b = boxes[r];
    const width = b.ixmax - b.ixmin;
    if (width <= 0 || b.iymax <= b.iymin) continue;
    const xs = new Float64Array(width);
    for (let k = 0; k < width; k++) xs[k] = b.ixmin + k;
    const ys = new Float64Array(width);
    const mask = new Uint8Array(width);
    const earlier = new Uint8Array(width);
    for (let iy = b.iymin; iy < b.iymax; iy++) {
      ys.fill(iy);
      pixelRegionContains(regions[r], xs, ys, mask);
      // Skip pixels an earlier region already counted.
      for (let q = 0; q < r; q++) {
        const bq = boxes[q];
        if (iy < bq.iymin || iy >= bq.iymax || bq.ixmax <= b.ixmin || bq.ixmin >= b.ixmax) continue;
        pixelRegionContains(regions[q], xs, ys, earlier);
        for (let k = 0; k < width; k++) if (earlier[k] && inBox(bq, xs[k], iy)) mask[k] = 0;
      }
      for (let k = 0; k < width; k++) count += mask[k];
    }
  }
  return count;
}
