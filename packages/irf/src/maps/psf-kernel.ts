/**
 * PSFKernel (Gammapy's `PSFKernel`): a small WCS map, odd-sized and centred on its middle
 * pixel, holding the PSF per true-energy plane, each plane normalised to unit sum — what
 * `WcsNDMap.convolve` convolves predicted counts with.
 */
import { DataError } from "@gammats/core";
import { WcsGeom, WcsNDMap, readWcsMap } from "@gammats/maps";
import type { ReadWcsMapOptions, WriteWcsMapOptions } from "@gammats/maps";
import { nanToNumInPlace } from "./irf-map-stack.js";

/**
 * Gammapy's `round_up_to_odd`: ceil(x) // 2 · 2 + 1.
 *
 * @param x - a positive number
 * @returns the odd integer
 * @example
 * ```ts
 * roundUpToOdd(32.5); // 33
 * roundUpToOdd(33.2); // 35
 * ```
 */
export function roundUpToOdd(x: number): number {
  return Math.floor(Math.ceil(x) / 2) * 2 + 1;
}

/**
 * A square geometry of odd size around a geometry's centre, with its pixel size (the
 * larger scale), projection, frame and axes (Gammapy's `WcsGeom.to_odd_npix`).
 *
 * @param geom - reference geometry
 * @param maxRadius - half width [deg]; default half the larger image width
 * @returns the kernel geometry
 * @example
 * ```ts
 * oddNpixGeom(datasetGeom, 0.65).npix; // [33, 33] for 0.04 deg pixels
 * ```
 */
export function oddNpixGeom(geom: WcsGeom, maxRadius?: number): WcsGeom {
  const width = maxRadius === undefined ? Math.max(...geom.width) : 2 * maxRadius;
  const binsz = Math.max(...geom.pixelScales);
  const npix = roundUpToOdd(width / binsz);
  const c = geom.centerSkydir;
  return WcsGeom.create({ skydir: [c.lon, c.lat], binsz, npix: [npix, npix], proj: geom.projection, frame: geom.frame, axes: geom.axes });
}

/**
 * Divides every image plane by its sum, NaN → 0 (Gammapy's `PSFKernel.normalize`).
 *
 * @param data - planes × img values (changed)
 * @param img - pixels per plane
 * @returns data
 */
export function normalizePlanes(data: Float64Array, img: number): Float64Array {
  for (let p = 0; p < data.length / img; p++) {
    let s = 0;
    for (let i = 0; i < img; i++) s += data[p * img + i]!;
    for (let i = 0; i < img; i++) data[p * img + i] = data[p * img + i]! / s;
  }
  return nanToNumInPlace(data);
}

/**
 * A PSF convolution kernel.
 *
 * @example
 * ```ts
 * const kernel = psfMap.getPsfKernel(exposure.geom, { position: [83.633, 22.0145] });
 * npred.convolve(kernel.psfKernelMap);
 * ```
 */
export class PSFKernel {
  /** The kernel: float64, odd square image planes over the map's axes (usually energy_true). */
  readonly psfKernelMap: WcsNDMap;

  /**
   * @param psfKernelMap - the kernel map
   * @param options - normalize (default true): divide every plane by its sum
   * @throws DataError for an even image size
   */
  constructor(psfKernelMap: WcsNDMap, options: { normalize?: boolean } = {}) {
    const [nx, ny] = psfKernelMap.geom.npix;
    if (nx % 2 === 0 || ny % 2 === 0) {
      throw new DataError(`PSFKernel: kernel image ${nx} x ${ny} is not of odd size`, { hint: "build the kernel geometry with oddNpixGeom" });
    }
    const data = new Float64Array(psfKernelMap.data as ArrayLike<number>);
    if (options.normalize ?? true) normalizePlanes(data, nx * ny);
    this.psfKernelMap = new WcsNDMap(psfKernelMap.geom, data, "", { ...psfKernelMap.meta });
  }

  /** The kernel values, C order [planes][ny][nx]. */
  get data(): Float64Array {
    return this.psfKernelMap.data as Float64Array;
  }

  /**
   * A Gaussian kernel (Gammapy's `PSFKernel.from_gauss`): the normalised Gaussian of
   * Gammapy's `GaussianSpatialModel`, exp(−(1 − cos r)/(2(1 − cos σ))), times the pixel
   * solid angle at the centres of `factor`× finer pixels, summed back, on the odd-sized
   * geometry of `oddNpixGeom(geom, maxRadius)`; the same for every plane.
   *
   * @param geom - geometry giving pixel size, projection and axes
   * @param sigma - Gaussian width [deg]
   * @param options - maxRadius [deg] (default 5 sigma), factor (default 4)
   * @returns the normalised kernel
   * @example
   * ```ts
   * PSFKernel.fromGauss(geom, 0.1).psfKernelMap.geom.npix; // [51, 51] for 0.02 deg pixels
   * ```
   */
  static fromGauss(geom: WcsGeom, sigma: number, options: { maxRadius?: number; factor?: number } = {}): PSFKernel {
    const kgeom = oddNpixGeom(geom, options.maxRadius ?? 5 * sigma);
    const factor = options.factor ?? 4;
    const up = kgeom.upsample(factor);
    const c = kgeom.centerSkydir;
    const sep = up.separation(c.lon, c.lat);
    const omega = up.solidAngle();
    const a = 1 - Math.cos((sigma * Math.PI) / 180);
    const img = new Float64Array(sep.length);
    for (let i = 0; i < sep.length; i++) img[i] = Math.exp((-0.5 * (1 - Math.cos((sep[i]! * Math.PI) / 180))) / a) * omega[i]!;
    const planes = up.planeCount;
    const data = new Float64Array(up.size);
    for (let p = 0; p < planes; p++) data.set(img, p * img.length);
    return new PSFKernel(new WcsNDMap(up, data).downsample(factor, { preserveCounts: true }));
  }

  /**
   * Reads a kernel written by {@link write} or Gammapy's `PSFKernel.write`.
   *
   * @param path - FITS file
   * @param options - hdu, hduBands
   * @returns the (re-normalised) kernel
   */
  static read(path: string, options: ReadWcsMapOptions = {}): PSFKernel {
    return new PSFKernel(readWcsMap(path, { ...options, dtype: "float64" }));
  }

  /**
   * Writes the kernel map (Gammapy's `PSFKernel.write`).
   *
   * @param path - output path
   * @param options - hdu, hduBands, overwrite
   */
  write(path: string, options: WriteWcsMapOptions = {}): void {
    this.psfKernelMap.write(path, options);
  }

  /**
   * The kernel summed over its energy axis with power-law weights (Gammapy's `to_image`):
   * weights ∝ ∫ E^−index dE over each bin times the exposure per bin, normalised to sum 1.
   *
   * @param options - exposure per energy bin (default 1 each), index (default 2),
   *   keepdims (default true: keep the axis with one bin)
   * @returns the image kernel
   * @throws DataError for a kernel without an energy axis or exposure of the wrong length
   */
  toImage(options: { exposure?: ArrayLike<number>; index?: number; keepdims?: boolean } = {}): PSFKernel {
    const geom = this.psfKernelMap.geom;
    const axis = geom.axes.find((a) => a.name.includes("energy"));
    if (axis === undefined || geom.axes.length !== 1) {
      throw new DataError("PSFKernel.toImage: the kernel needs exactly one energy axis", { hint: "kernels from getPsfKernel have an energy_true axis" });
    }
    const n = axis.nbin;
    const exposure = options.exposure ?? new Float64Array(n).fill(1);
    if (exposure.length !== n) throw new DataError(`PSFKernel.toImage: ${exposure.length} exposure values for ${n} energy bins`, { hint: "give one value per bin" });
    const g = options.index ?? 2;
    const e = axis.edgesIn("TeV");
    const w = new Float64Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      // ∫ E^-g dE between the edges (log for g = 1).
      const v = g === 1 ? Math.log(e[i + 1]! / e[i]!) : (e[i]! ** (1 - g) - e[i + 1]! ** (1 - g)) / (g - 1);
      w[i] = v * exposure[i]!;
      sum += w[i]!;
    }
    const [nx, ny] = geom.npix;
    const img = nx * ny;
    const out = new Float64Array(img);
    for (let p = 0; p < n; p++) for (let i = 0; i < img; i++) out[i] = out[i]! + this.data[p * img + i]! * (w[p]! / sum);
    const outGeom = options.keepdims ?? true ? geom.squash(axis.name) : geom.toImage();
    return new PSFKernel(new WcsNDMap(outGeom, out));
  }
}
