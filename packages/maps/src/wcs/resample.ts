/**
 * Spatial resampling kernels of WCS maps, as Gammapy 1.0 does them: block sums/means
 * (`downsample`), nearest-neighbour replication with solid-angle rescaling (`upsample`),
 * and reprojection by oversampling the input and adding every sub-pixel into the output
 * pixel containing its centre (`reproject_to_geom` = `upsample` + `resample`). Planes of
 * non-spatial axes are carried through unchanged.
 */
import { rintHalfEven } from "./cutout.js";
import { solidAngleKernel } from "./solid-angle.js";
import type { WcsGeom } from "./wcs-geom.js";

/**
 * Block reduction over factor x factor pixels of every plane, ignoring NaN (numpy's
 * nansum, or nanmean which gives NaN for an all-NaN block).
 *
 * @param data - input planes, nPlanes x ny x nx
 * @param nPlanes - number of planes
 * @param ny - input rows (divisible by factor)
 * @param nx - input columns (divisible by factor)
 * @param factor - block size
 * @param mean - true for the mean, false for the sum
 * @param weights - optional per-value weights of the same layout (multiplied first)
 * @param out - output planes, nPlanes x (ny / factor) x (nx / factor)
 * @returns out
 */
export function blockReduce(
  data: ArrayLike<number>,
  nPlanes: number,
  ny: number,
  nx: number,
  factor: number,
  mean: boolean,
  weights: ArrayLike<number> | undefined,
  out: Float64Array,
): Float64Array {
  const oy = ny / factor;
  const ox = nx / factor;
  for (let p = 0; p < nPlanes; p++) {
    for (let j = 0; j < oy; j++) {
      for (let i = 0; i < ox; i++) {
        let sum = 0;
        let count = 0;
        for (let b = 0; b < factor; b++) {
          const row = (p * ny + j * factor + b) * nx + i * factor;
          for (let a = 0; a < factor; a++) {
            const v = weights === undefined ? data[row + a]! : data[row + a]! * weights[row + a]!;
            if (!Number.isNaN(v)) {
              sum += v;
              count++;
            }
          }
        }
        out[(p * oy + j) * ox + i] = mean ? (count > 0 ? sum / count : NaN) : sum;
      }
    }
  }
  return out;
}

/**
 * Upsampling by pixel replication (scipy's order-0 `map_coordinates` at the sub-pixel
 * centres picks the parent pixel), optionally times the solid-angle ratio of sub-pixel
 * and parent (Gammapy's `preserve_counts`).
 *
 * @param data - input planes, nPlanes x ny x nx
 * @param nPlanes - number of planes
 * @param src - input geometry (for its solid angles)
 * @param dst - upsampled geometry
 * @param factor - upsampling factor
 * @param preserveCounts - rescale by solid angles
 * @param out - output planes, nPlanes x (ny factor) x (nx factor)
 * @returns out
 */
export function upsampleReplicate(
  data: ArrayLike<number>,
  nPlanes: number,
  src: WcsGeom,
  dst: WcsGeom,
  factor: number,
  preserveCounts: boolean,
  out: Float64Array,
): Float64Array {
  const [nx, ny] = src.npix;
  const ox = nx * factor;
  const oy = ny * factor;
  const omSrc = preserveCounts ? src.solidAngle() : undefined;
  const omDst = preserveCounts ? dst.solidAngle() : undefined;
  for (let p = 0; p < nPlanes; p++) {
    for (let j = 0; j < oy; j++) {
      const sj = Math.floor(j / factor);
      for (let i = 0; i < ox; i++) {
        const si = Math.floor(i / factor);
        const k = sj * nx + si;
        const v = data[(p * ny + sj) * nx + si]!;
        out[(p * oy + j) * ox + i] = omSrc === undefined ? v : (v / omSrc[k]) * omDst![j * ox + i];
      }
    }
  }
  return out;
}

/**
 * Reprojection as Gammapy's `reproject_to_geom`: the input is (virtually) upsampled by
 * `factor` (values times sub-pixel / pixel solid angle when preserving counts), each
 * sub-pixel centre is projected into the target image, and values are summed into the
 * target pixel containing it (mean over contributors when not preserving counts).
 * Sub-pixels are generated one input row at a time, so memory stays at the output size.
 *
 * @param data - input planes, nPlanes x ny x nx (same plane layout as the output)
 * @param nPlanes - number of planes
 * @param src - input geometry (image part used)
 * @param dst - target geometry (image part used)
 * @param factor - oversampling factor (1 = none)
 * @param preserveCounts - sum (true) or mean (false)
 * @param out - output planes, nPlanes x dst ny x dst nx, zero-filled
 * @returns out
 */
export function reprojectOversampled(
  data: ArrayLike<number>,
  nPlanes: number,
  src: WcsGeom,
  dst: WcsGeom,
  factor: number,
  preserveCounts: boolean,
  out: Float64Array,
): Float64Array {
  const [nx, ny] = src.npix;
  const [tx, ty] = dst.npix;
  const tSize = tx * ty;
  const fine = factor > 1 ? src.toImage().upsample(factor) : src.toImage();
  const fx = nx * factor;
  const omSrc = preserveCounts && factor > 1 ? src.solidAngle() : undefined;
  const counts = preserveCounts ? undefined : new Float64Array(tSize);
  // Scratch for one input row of sub-pixels: centres, then sky, then target pixels.
  const m = fx * factor;
  const x = new Float64Array(m);
  const y = new Float64Array(m);
  const ratio = new Float64Array(m);
  const target = new Int32Array(m);
  const lonE = omSrc ? new Float64Array((factor + 1) * (fx + 1)) : undefined;
  const latE = omSrc ? new Float64Array((factor + 1) * (fx + 1)) : undefined;
  const omFine = omSrc ? new Float64Array(m) : undefined;
  for (let j = 0; j < ny; j++) {
    for (let b = 0; b < factor; b++) {
      for (let i = 0; i < fx; i++) {
        x[b * fx + i] = i;
        y[b * fx + i] = j * factor + b;
      }
    }
    const sky = fine.wcs.pixToSky(x, y, { lon: x, lat: y });
    const pix = dst.wcs.skyToPix(sky.lon, sky.lat, fine.frame, { x: sky.lon, y: sky.lat });
    for (let k = 0; k < m; k++) {
      const ix = rintHalfEven(pix.x[k]);
      const iy = rintHalfEven(pix.y[k]);
      target[k] = ix >= 0 && ix < tx && iy >= 0 && iy < ty ? iy * tx + ix : -1;
    }
    if (omSrc) {
      // Solid angles of this row band of sub-pixels, from their corners.
      for (let b = 0; b <= factor; b++) {
        for (let i = 0; i <= fx; i++) {
          lonE![b * (fx + 1) + i] = i - 0.5;
          latE![b * (fx + 1) + i] = j * factor + b - 0.5;
        }
      }
      fine.wcs.pixToSky(lonE!, latE!, { lon: lonE!, lat: latE! });
      solidAngleKernel(fx, factor, lonE!, latE!, omFine!);
      for (let k = 0; k < m; k++) ratio[k] = omFine![k] / omSrc[j * nx + Math.floor((k % fx) / factor)];
    }
    for (let p = 0; p < nPlanes; p++) {
      const row = (p * ny + j) * nx;
      const o = p * tSize;
      for (let k = 0; k < m; k++) {
        const t = target[k];
        if (t < 0) continue;
        const v = data[row + Math.floor((k % fx) / factor)]!;
        out[o + t] += omSrc ? v * ratio[k] : v;
      }
    }
    if (counts) for (let k = 0; k < m; k++) if (target[k] >= 0) counts[target[k]]++;
  }
  if (counts) {
    for (let p = 0; p < nPlanes; p++) {
      for (let t = 0; t < tSize; t++) if (counts[t] > 0) out[p * tSize + t] /= counts[t];
    }
  }
  return out;
}
