/**
 * Rotation of pixel regions about a pixel position, as astropy regions' `rotate`: the
 * centre (or every polygon vertex) turns counter-clockwise by the angle, and the shape's
 * own angle grows by it.
 */
import { RAD_TO_DEG } from "@gammats/core";
import type { PixelRegion } from "@gammats/maps";

/**
 * Rotates a pixel region counter-clockwise about a point.
 *
 * @param region - the pixel region
 * @param cx - rotation centre x [pixel]
 * @param cy - rotation centre y [pixel]
 * @param angle - rotation angle, counter-clockwise [rad]
 * @returns a new pixel region
 * @example
 * ```ts
 * rotatePixelRegion({ kind: "circle", x: 1, y: 0, radius: 0.5 }, 0, 0, Math.PI / 2); // { x: 6.1e-17, y: 1, ... }
 * ```
 */
export function rotatePixelRegion(region: PixelRegion, cx: number, cy: number, angle: number): PixelRegion {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const turn = (x: number, y: number): [number, number] => {
    const dx = x - cx;
    const dy = y - cy;
    return [cx + (c * dx - s * dy), cy + (s * dx + c * dy)];
  };
  if (region.kind === "polygon") {
    const x = new Float64Array(region.x.length);
    const y = new Float64Array(region.y.length);
    for (let i = 0; i < x.length; i++) [x[i], y[i]] = turn(region.x[i], region.y[i]);
    return { kind: "polygon", x, y };
  }
  const [x, y] = turn(region.x, region.y);
  if (region.kind === "ellipse" || region.kind === "rectangle") return { ...region, x, y, angle: region.angle + angle * RAD_TO_DEG };
  return { ...region, x, y };
}
