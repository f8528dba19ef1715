/**
 * Interpolation of map data onto another geometry (Gammapy's `interp_to_geom`): the target
 * pixel centres are projected into the source map once per image, target axis centres
 * into the source axes once per axis, and every target value is interpolated in the
 * source's pixel space. Masks take the nearest pixel (outside: the fill value as bool).
 * With `preserveCounts`, source values are divided by their pixel solid angle [deg2] and
 * results multiplied by the target's.
 */
import { DataError } from "@gammats/core";
import { rintHalfEven } from "./cutout.js";
import { interpPlan, interpPoint } from "./map-interp.js";
import type { InterpMethod } from "./map-interp.js";
import type { WcsGeom } from "./wcs-geom.js";

const DEG2_PER_SR = (180 / Math.PI) ** 2;

/** Options of {@link interpToGeomData}. */
export interface InterpToGeomOptions {
  /** Scale by pixel solid angles (default false). */
  preserveCounts?: boolean;
  /** Value outside the source map; null extrapolates (default 0). */
  fillValue?: number | null;
  /** "linear" (default) or "nearest". */
  method?: InterpMethod;
}

/**
 * Values of a source map at the pixel and axis centres of a target geometry.
 *
 * @param src - source geometry
 * @param data - source data
 * @param isMask - whether the data are a 0/1 mask
 * @param target - target geometry (must have every source axis, by name)
 * @param options - preserveCounts, fillValue, method
 * @returns target data (float64; 0/1 for masks)
 * @throws DataError when the target lacks a source axis
 */
export function interpToGeomData(
  src: WcsGeom,
  data: ArrayLike<number>,
  isMask: boolean,
  target: WcsGeom,
  options: InterpToGeomOptions = {},
): Float64Array {
  const fill = options.fillValue === undefined ? 0 : options.fillValue;
  const img = target.getCoord();
  const pix = src.wcs.skyToPix(img.lon, img.lat, target.frame, { x: img.lon, y: img.lat });
  const np = target.npix[0] * target.npix[1];
  const sizes = [src.npix[0], src.npix[1], ...src.axes.map((a) => a.nbin)];
  const targetAxis = src.axes.map((a) => {
    const j = target.axes.findIndex((b) => b.name === a.name);
    if (j < 0) throw new DataError(`interpToGeom: the target has no axis '${a.name}'`, { hint: "give a geometry with the same axis names" });
    return j;
  });
  const axisPix = src.axes.map((a, i) => a.coordToPix(target.axes[targetAxis[i]!]!.centers));
  let values: ArrayLike<number> = data;
  const omSrc = options.preserveCounts ? src.solidAngle() : undefined;
  if (omSrc) {
    const d = new Float64Array(data.length);
    for (let i = 0; i < d.length; i++) d[i] = data[i]! / (omSrc[i % omSrc.length]! * DEG2_PER_SR);
    values = d;
  }
  const omDst = options.preserveCounts ? target.solidAngle() : undefined;
  const plan = interpPlan(values, sizes);
  const method = options.method ?? "linear";
  const out = new Float64Array(target.size);
  const p = new Float64Array(sizes.length);
  const tIdx = new Int32Array(target.axes.length);
  for (let plane = 0; plane < target.planeCount; plane++) {
    let rest = plane;
    for (let a = 0; a < target.axes.length; a++) {
      tIdx[a] = rest % target.axes[a]!.nbin;
      rest = Math.floor(rest / target.axes[a]!.nbin);
    }
    for (let a = 0; a < axisPix.length; a++) p[2 + a] = axisPix[a]![tIdx[targetAxis[a]!]!]!;
    for (let k = 0; k < np; k++) {
      p[0] = pix.x[k];
      p[1] = pix.y[k];
      const v = isMask ? maskValue(data, sizes, p, fill) : interpPoint(plan, p, method, fill);
      out[plane * np + k] = omDst ? v * omDst[k]! * DEG2_PER_SR : v;
    }
  }
  return out;
}

// Nearest-pixel lookup of a mask (Gammapy's get_by_coord, NaN -> fill, cast to bool).
function maskValue(data: ArrayLike<number>, sizes: readonly number[], p: Float64Array, fill: number | null): number {
  let flat = 0;
  let stride = 1;
  for (let d = 0; d < sizes.length; d++) {
    const i = Number.isNaN(p[d]) ? -1 : rintHalfEven(p[d]);
    if (!(i >= 0 && i < sizes[d]!)) return fill ? 1 : 0;
    flat += i * stride;
    stride *= sizes[d]!;
  }
  return data[flat] ? 1 : 0;
}
