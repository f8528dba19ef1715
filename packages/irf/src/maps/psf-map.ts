/**
 * PSFMap (Gammapy's `PSFMap`): PSF values dP/dΩ on a coarse WCS geometry with axes
 * [rad, energy_true], with the exposure used to weight them when stacking; gives PSF
 * kernels, containment and containment radii at any position.
 *
 * Values are held in sr-1. Gammapy's `make_psf_map` leaves them in deg-2 (its
 * normalisation divides by a deg² integral); a Gammapy file is converted on reading and
 * written back in sr-1, which Gammapy reads with the unit.
 */
import { DataError } from "@gammats/core";
import { readFitsSync } from "@gammats/fits";
import type { FitsFile } from "@gammats/fits";
import { MapAxis, WcsGeom, WcsNDMap } from "@gammats/maps";
import type { SkyDirInput } from "@gammats/maps";
import { CONTAINMENT_UPSAMPLE, DEG2_PER_SR, argminAbsDiff, containmentRadGrid, defaultRadAxis } from "../psf/psf-containment.js";
import { EXPOSURE_UNIT, IrfMap, checkAxes, readIrfMapHdus } from "./irf-map.js";
import { planeBins } from "./make-exposure.js";
import { PSFKernel, oddNpixGeom } from "./psf-kernel.js";
import { ContainmentWindows, paddedCumulativeMap, psfContainment, psfContainmentRadius } from "./psf-map-containment.js";
import { resolveSkyPosition } from "./sky-position.js";
import type { LonLatIn } from "./sky-position.js";

/** Required axes of a PSF map, in order (Gammapy's `PSFMap.required_axes`). */
export const PSF_MAP_AXES = Object.freeze(["rad", "energy_true"]);

/** Kernels kept per PSF map for repeated requests (a fit's positions, flux-point datasets). */
const KERNEL_CACHE_SIZE = 4;

/** A kernel handed out, with the request it answered. */
interface CachedKernel {
  geom: WcsGeom;
  lon: number;
  lat: number;
  maxRadius: number | undefined;
  containment: number;
  factor: number;
  kernel: PSFKernel;
}

/** The position-independent part of a kernel of one size on one geometry. */
interface KernelGrid {
  geom: WcsGeom;
  npix: number;
  factor: number;
  /** The kernel geometry up-sampled by factor, and that down-sampled again (the kernel's). */
  up: WcsGeom;
  down: WcsGeom;
  /** PSF energy bin of every plane of up. */
  bins: Int32Array;
  /** Per fine pixel: rad bin below (clamped to [0, nr − 2]) and the weight of the one above. */
  lower: Int32Array;
  weight: Float64Array;
  /** Rad nodes × energies where the profile is interpolated, as PSF-map pixel coordinates. */
  nodePixRad: Float64Array;
  nodePixE: Float64Array;
}

/**
 * The kernel planes: the PSF profile of each plane (rad nodes from rows[p]) interpolated
 * linearly at every fine pixel (clipped at 0), summed over factor × factor blocks without
 * NaN as WcsNDMap.downsample(preserveCounts) sums them — the same numbers without the fine
 * cube. All planes at once, so that each fine pixel's rad bin and weight are read once.
 */
function kernelPlanes(
  profile: Float64Array,
  rows: Int32Array,
  nr: number,
  lower: Int32Array,
  weight: Float64Array,
  nxUp: number,
  factor: number,
  nx: number,
  ny: number,
  out: Float64Array,
): void {
  const planes = rows.length;
  const sums = new Float64Array(planes);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      pixelSums(profile, rows, nr, lower, weight, (j * factor) * nxUp + i * factor, nxUp, factor, sums);
      for (let p = 0; p < planes; p++) out[(p * ny + j) * nx + i] = sums[p]!;
    }
  }
}

/**
 * The sums of one kernel pixel over its factor × factor fine pixels, every plane. A small
 * function called per pixel, so that V8 optimises it within the first kernel (a kernel is
 * made a dozen times per run; on-stack replacement of one big loop came too late).
 */
function pixelSums(
  profile: Float64Array,
  rows: Int32Array,
  nr: number,
  lower: Int32Array,
  weight: Float64Array,
  fine0: number,
  nxUp: number,
  factor: number,
  sums: Float64Array,
): void {
  const planes = rows.length;
  sums.fill(0);
  for (let b = 0; b < factor; b++) {
    const fine = fine0 + b * nxUp;
    for (let a = 0; a < factor; a++) {
      const k0 = nr === 1 ? 0 : lower[fine + a]!;
      const t = nr === 1 ? 0 : weight[fine + a]!;
      const u = 1 - t;
      for (let p = 0; p < planes; p++) {
        const k = rows[p]! + k0;
        let v = nr === 1 ? profile[k]! : profile[k]! * u + profile[k + 1]! * t;
        if (v < 0) v = 0;
        if (v === v) sums[p]! += v;
      }
    }
  }
}

/** Options of {@link PSFMap.getPsfKernel}. */
export interface PsfKernelOptions {
  /** Position of the kernel; default the PSF map centre (moved to the nearest valid pixel). */
  position?: SkyDirInput;
  /** Half width of the kernel [deg]; default the largest `containment` radius over the PSF map's energies. */
  maxRadius?: number;
  /** Containment fraction defining the default size; default 0.999. */
  containment?: number;
  /** Oversampling of the kernel pixels; default 4. */
  factor?: number;
}

/**
 * PSF map.
 *
 * @example
 * ```ts
 * const psf = makePsfMap(psf3d, pointing, geomIrf.toCube([defaultRadAxis(), etrue]), exposureIrf);
 * psf.containmentRadius([0.68], [1], [83.633, 22.0145]);   // deg
 * const kernel = psf.getPsfKernel(exposure.geom, { position: [83.633, 22.0145] });
 * ```
 */
export class PSFMap extends IrfMap {
  private containments: ContainmentWindows | undefined;
  private padded: WcsNDMap | undefined;
  // The last kernels handed out (shared: callers must not modify them), newest first.
  private readonly kernels: CachedKernel[] = [];
  // Kernel grids by size (the size changes with the containment radius), newest first.
  private readonly grids: KernelGrid[] = [];
  private safeImage: Uint8Array | undefined;
  private radGrid: Float64Array | undefined;
  // The last maxContainmentRadius answer (position in the map frame, fraction, radius).
  private lastRadius: { lon: number; lat: number; fraction: number; radius: number } | undefined;

  /**
   * @param psfMap - PSF values on a geometry with axes [rad, energy_true] (any solid-angle
   *   density unit; converted to sr-1)
   * @param exposureMap - exposure on the geometry with rad squashed, or null
   * @throws DataError for wrong axes or an exposure that does not fit
   */
  constructor(psfMap: WcsNDMap, exposureMap: WcsNDMap | null = null) {
    checkAxes(psfMap.geom, PSF_MAP_AXES, "PSFMap");
    super(psfMap, exposureMap, "sr-1", "PSFMap");
  }

  /** The PSF values [sr-1] (Gammapy's `psf_map`). */
  get psfMap(): WcsNDMap {
    return this.irfMap;
  }

  protected get hduName(): string {
    return "PSF";
  }

  protected withMaps(irfMap: WcsNDMap, exposureMap: WcsNDMap | null): this {
    return new PSFMap(irfMap, exposureMap) as this;
  }

  /**
   * A Gaussian PSF, the same everywhere (Gammapy's `PSFMap.from_gauss`): dP/dΩ =
   * exp(−r²/2σ²) / (2πσ²) per true-energy bin, exposure 1 m2 s.
   *
   * @param energyAxisTrue - true-energy axis
   * @param options - radAxis (default 0–0.66 deg, 66 bins), sigma [deg] (one or one per
   *   energy bin; default 0.1), geom (an image; default all-sky with 2 × 1 pixels)
   * @returns the PSF map
   */
  static fromGauss(energyAxisTrue: MapAxis, options: { radAxis?: MapAxis; sigma?: number | ArrayLike<number>; geom?: WcsGeom } = {}): PSFMap {
    const rad = options.radAxis ?? defaultRadAxis();
    const image = (options.geom ?? WcsGeom.create({ npix: [2, 1], proj: "CAR", binsz: 180 })).toImage();
    const geom = image.toCube([rad, energyAxisTrue.rename("energy_true")]);
    const sigma = options.sigma ?? 0.1;
    const ne = energyAxisTrue.nbin;
    const img = image.npix[0] * image.npix[1];
    const r = rad.centersIn("deg");
    const data = new Float64Array(geom.size);
    for (let e = 0; e < ne; e++) {
      const s = typeof sigma === "number" ? sigma : sigma[e]!;
      for (let k = 0; k < rad.nbin; k++) {
        // Gauss2DPDF in deg-2, converted to sr-1.
        const v = (Math.exp((-0.5 * r[k]! * r[k]!) / (s * s)) / (2 * Math.PI * s * s)) * DEG2_PER_SR;
        data.fill(v, (e * rad.nbin + k) * img, (e * rad.nbin + k + 1) * img);
      }
    }
    const exposure = new WcsNDMap(geom.squash("rad"), new Float64Array(ne * img).fill(1), "m2 s");
    return new PSFMap(new WcsNDMap(geom, data, "sr-1"), exposure);
  }

  /**
   * Reads a PSF map from Gammapy's layout (`PSF`, `PSF_BANDS`, `PSF_EXPOSURE`, ...).
   *
   * @param file - a path or an open FITS file
   * @param options - hdu (default "PSF")
   * @returns the map
   * @throws FitsError / DataError for missing HDUs or wrong axes
   */
  static read(file: string | FitsFile, options: { hdu?: string } = {}): PSFMap {
    const f = typeof file === "string" ? readFitsSync(file) : file;
    const { irf, exposure } = readIrfMapHdus(f, options.hdu ?? "PSF");
    return new PSFMap(irf, exposure);
  }

  /**
   * Containment fractions within radii at a position (Gammapy's `PSFMap.containment`).
   *
   * @param rad - radii [deg]
   * @param energyTrue - true energies [unit of the energy axis, usually TeV], broadcast with rad
   * @param position - sky position (default the map centre)
   * @returns fractions
   */
  containment(rad: ArrayLike<number>, energyTrue: ArrayLike<number>, position?: SkyDirInput): Float64Array {
    this.padded ??= paddedCumulativeMap(this.irfMap);
    const p = resolveSkyPosition(position ?? this.centre(), this.irfMap.geom.frame);
    return psfContainment(this.padded, rad, energyTrue, p);
  }

  /**
   * Radii containing given fractions at a position (Gammapy's `containment_radius`):
   * the centre of the 20× up-sampled rad bin closest to the fraction.
   *
   * @param fraction - fractions, broadcast with energyTrue
   * @param energyTrue - true energies [energy axis unit]
   * @param position - sky position (default the map centre)
   * @returns radii [deg]
   */
  containmentRadius(fraction: ArrayLike<number>, energyTrue: ArrayLike<number>, position?: SkyDirInput): Float64Array {
    this.containments ??= new ContainmentWindows(this.irfMap);
    const p = resolveSkyPosition(position ?? this.centre(), this.irfMap.geom.frame);
    return psfContainmentRadius(this.irfMap, this.containments, fraction, energyTrue, p);
  }

  private centre(): SkyDirInput {
    const c = this.irfMap.geom.centerSkydir;
    return [c.lon, c.lat];
  }

  /**
   * The PSF kernel at a position on a map geometry (Gammapy's `get_psf_kernel`): an odd
   * square of half width `maxRadius` around the geometry's centre, the PSF interpolated
   * (linearly in the PSF map's pixels, log energy, rad; extrapolated, clipped at 0) at
   * the separations of `factor`× finer pixel centres from the centre, summed back into
   * the kernel pixels and normalised per energy plane.
   *
   * @param geom - geometry of the maps to convolve (pixel size, projection, energy_true axis)
   * @param options - position, maxRadius [deg], containment, factor
   * @returns the kernel on the geometry's energy_true axis
   * @throws DataError when the geometry has no energy_true axis
   * @example
   * ```ts
   * psfMap.getPsfKernel(exposure.geom, { position: [83.633, 22.0145] }).psfKernelMap.geom.npix; // [33, 33]
   * ```
   */
  getPsfKernel(geom: WcsGeom, options: PsfKernelOptions = {}): PSFKernel {
    const eIdx = geom.axes.findIndex((a) => a.name === "energy_true");
    if (eIdx < 0) throw new DataError("PSFMap.getPsfKernel: the geometry has no energy_true axis", { hint: "pass the exposure geometry" });
    const frame = this.irfMap.geom.frame;
    const requested = resolveSkyPosition(options.position ?? this.centre(), frame);
    const factor = options.factor ?? 4;
    const containment = options.containment ?? 0.999;
    // A fit asks again for the kernel at the position it had before (and the flux-point
    // datasets for the best-fit position): the same request gets the same kernel.
    const cached = this.kernels.find(
      (k) => k.geom === geom && k.lon === requested.lon && k.lat === requested.lat && k.maxRadius === options.maxRadius && k.containment === containment && k.factor === factor,
    );
    if (cached !== undefined) return cached.kernel;
    const grid = this.gridAt(geom, requested, options.maxRadius, containment, factor, eIdx);
    const position = this.nearestValidPosition(requested);
    const { up, down, bins, lower, weight } = grid;
    const nxUp = up.npix[0];
    const [nx, ny] = down.npix;
    const [radAxis] = this.irfMap.geom.axes as [MapAxis, MapAxis];
    const nr = radAxis.nbin;
    const profile = this.profileAt(position, grid);
    const values = new Float64Array(down.size);
    kernelPlanes(profile, bins.map((b) => b * nr), nr, lower, weight, nxUp, factor, nx, ny, values);
    const kernel = new PSFKernel(new WcsNDMap(down, values));
    this.kernels.unshift({ geom, lon: requested.lon, lat: requested.lat, maxRadius: options.maxRadius, containment, factor, kernel });
    if (this.kernels.length > KERNEL_CACHE_SIZE) this.kernels.pop();
    return kernel;
  }

  /**
   * The PSF profile at a position, at the grid's rad × energy nodes: the values of
   * interpByCoord({ lon, lat, rad, energy_true }) with the position broadcast to every
   * node, from pixel coordinates taken the same way (the position's once, the nodes' per
   * grid), so that interpByPix interpolates the position's cell once for all nodes (its
   * leading-dimensions path, the same numbers per point).
   */
  private profileAt(position: LonLatIn, grid: KernelGrid): Float64Array {
    const geom = this.irfMap.geom;
    const [radAxis, psfEnergy] = geom.axes as [MapAxis, MapAxis];
    const [x, y] = geom.coordToPix({ lon: position.lon, lat: position.lat, frame: geom.frame, rad: radAxis.centers[0]!, energy_true: psfEnergy.centers[0]! });
    return this.irfMap.interpByPix([x!, y!, grid.nodePixRad, grid.nodePixE]);
  }

  /**
   * Width [deg] of the kernel {@link getPsfKernel} returns for the same request (the larger
   * width of its geometry), without computing its values: what a model's cut-out and its
   * reach need before the kernel itself.
   *
   * @param geom - geometry of the maps to convolve
   * @param options - as for {@link getPsfKernel}
   * @returns the kernel width [deg]
   * @throws DataError when the geometry has no energy_true axis
   * @example
   * ```ts
   * psfMap.psfKernelWidth(exposure.geom, { position: [83.633, 22.0145] }); // 1.32 for a 33 × 33 kernel of 0.04 deg pixels
   * ```
   */
  psfKernelWidth(geom: WcsGeom, options: PsfKernelOptions = {}): number {
    const eIdx = geom.axes.findIndex((a) => a.name === "energy_true");
    if (eIdx < 0) throw new DataError("PSFMap.psfKernelWidth: the geometry has no energy_true axis", { hint: "pass the exposure geometry" });
    const requested = resolveSkyPosition(options.position ?? this.centre(), this.irfMap.geom.frame);
    const grid = this.gridAt(geom, requested, options.maxRadius, options.containment ?? 0.999, options.factor ?? 4, eIdx);
    return Math.max(...grid.down.width);
  }

  /** The kernel grid of a request: its size from maxRadius, or from the containment radius at the nearest valid position. */
  private gridAt(geom: WcsGeom, requested: LonLatIn, maxRadius: number | undefined, containment: number, factor: number, eIdx: number): KernelGrid {
    const radius = maxRadius ?? this.maxContainmentRadius(containment, this.nearestValidPosition(requested));
    return this.kernelGrid(geom, radius, factor, eIdx);
  }

  /**
   * The largest containment radius over the map's energies at a position: Math.max of
   * {@link containmentRadius} at every energy centre, with the curves of all energies
   * interpolated in one grid evaluation (the same values: IrfEvaluator.evaluateGrid is
   * evaluate on the outer product) — a kernel lookup's main cost otherwise.
   */
  private maxContainmentRadius(fraction: number, position: LonLatIn): number {
    // A kernel's width is asked for before the kernel itself, at the same position.
    const last = this.lastRadius;
    if (last !== undefined && last.lon === position.lon && last.lat === position.lat && last.fraction === fraction) return last.radius;
    this.containments ??= new ContainmentWindows(this.irfMap);
    this.radGrid ??= containmentRadGrid(this.irfMap.geom.axes[0]!, CONTAINMENT_UPSAMPLE);
    const grid = this.radGrid;
    const energies = this.irfMap.geom.axes[1]!.centers;
    const pix = this.irfMap.geom.skyToPix(Float64Array.of(position.lon), Float64Array.of(position.lat));
    // Only the pixels around the position: the same values as the whole map's evaluator.
    const evaluator = this.containments.at(pix.y[0]!, pix.x[0]!);
    const curves = evaluator.evaluateGrid([energies, grid, Float64Array.of(pix.y[0]!), Float64Array.of(pix.x[0]!)]);
    let max = -Infinity;
    for (let e = 0; e < energies.length; e++) {
      const k = argminAbsDiff(grid.length, curves, e * grid.length, 1, fraction);
      // Math.max semantics: a NaN radius makes the maximum NaN.
      max = Math.max(max, k < 0 ? NaN : grid[k]!);
    }
    this.lastRadius = { lon: position.lon, lat: position.lat, fraction, radius: max };
    return max;
  }

  /**
   * What a kernel needs of its geometry, the same at every position with the same kernel
   * size: the fine grid, and per fine pixel the rad bin below its separation from the
   * centre and the linear weight of the bin above (extrapolated from the edge cells).
   * Multilinear interpolation is separable: the profile at the rad nodes, interpolated in
   * position and energy exactly as Gammapy's interp_by_coord, then linear in the rad pixel
   * coordinate for every fine pixel.
   */
  private kernelGrid(geom: WcsGeom, maxRadius: number, factor: number, eIdx: number): KernelGrid {
    const kgeom = oddNpixGeom(geom, maxRadius);
    const npix = kgeom.npix[0];
    const cached = this.grids.find((g) => g.geom === geom && g.npix === npix && g.factor === factor);
    if (cached !== undefined) return cached;
    const up = kgeom.upsample(factor);
    const c = kgeom.centerSkydir;
    const [radAxis, psfEnergy] = this.irfMap.geom.axes as [MapAxis, MapAxis];
    const nr = radAxis.nbin;
    const pix = radAxis.coordToPix(up.separation(c.lon, c.lat));
    const lower = new Int32Array(pix.length);
    const weight = new Float64Array(pix.length);
    for (let i = 0; i < pix.length; i++) {
      const x = pix[i]!;
      const b = Math.min(Math.max(Math.floor(x), 0), nr - 2);
      lower[i] = b;
      weight[i] = x - b;
    }
    const energies = up.axes[eIdx]!.centersIn(psfEnergy.unit);
    const ne = energies.length;
    const nodeRad = new Float64Array(ne * nr);
    const nodeE = new Float64Array(ne * nr);
    for (let j = 0; j < ne; j++) {
      nodeRad.set(radAxis.centers, j * nr);
      nodeE.fill(energies[j]!, j * nr, (j + 1) * nr);
    }
    const bins = planeBins(up, "energy_true", "PSFMap.getPsfKernel");
    const grid = { geom, npix, factor, up, down: up.downsample(factor), bins, lower, weight, nodePixRad: radAxis.coordToPix(nodeRad), nodePixE: psfEnergy.coordToPix(nodeE) };
    this.grids.unshift(grid);
    if (this.grids.length > KERNEL_CACHE_SIZE) this.grids.pop();
    return grid;
  }

  /**
   * The pixels with a valid PSF (see {@link IrfMap.maskSafeImage}), computed once: every
   * kernel lookup asks for it.
   *
   * @returns ny × nx bytes (1 = valid), a copy
   */
  override maskSafeImage(): Uint8Array {
    this.safeImage ??= super.maskSafeImage();
    return this.safeImage.slice();
  }

  /**
   * Adds another PSF map in place (see {@link IrfMap.stack}); forgets the kernels and
   * containment tables made from the values before.
   *
   * @param other - map of the same axes
   * @param weights - optional weights on the other map's image
   * @returns this map
   */
  override stack(other: IrfMap, weights?: WcsNDMap | null): this {
    this.kernels.length = 0;
    this.safeImage = undefined;
    this.containments = undefined;
    this.padded = undefined;
    this.radGrid = undefined;
    this.lastRadius = undefined;
    return super.stack(other, weights);
  }

  /**
   * The map summed over true energy with exposure × power-law weights (Gammapy's `to_image`).
   *
   * @param options - index of the power law (default 2)
   * @returns a PSF map with one (squashed) energy bin
   * @throws DataError without an exposure map
   */
  toImage(options: { index?: number } = {}): PSFMap {
    const exp = this.exposureMap;
    if (exp === null) throw new DataError("PSFMap.toImage: no exposure map", { hint: "the energy weights need the exposure" });
    const [rad, energy] = this.irfMap.geom.axes as [MapAxis, MapAxis];
    const g = options.index ?? 2;
    const e = energy.edgesIn("TeV");
    const ne = energy.nbin;
    const w = new Float64Array(ne);
    let sum = 0;
    for (let i = 0; i < ne; i++) {
      w[i] = g === 1 ? Math.log(e[i + 1]! / e[i]!) : (e[i]! ** (1 - g) - e[i + 1]! ** (1 - g)) / (g - 1);
      sum += w[i]!;
    }
    const [nx, ny] = this.irfMap.geom.npix;
    const img = nx * ny;
    const nr = rad.nbin;
    const expOut = new Float64Array(img);
    for (let k = 0; k < ne; k++) for (let i = 0; i < img; i++) expOut[i] = expOut[i]! + (exp.data[k * img + i]! * w[k]!) / sum;
    const psfOut = new Float64Array(nr * img);
    for (let k = 0; k < ne; k++) {
      for (let r = 0; r < nr; r++) {
        for (let i = 0; i < img; i++) {
          const v = ((exp.data[k * img + i]! * w[k]!) / sum) * this.irfMap.data[(k * nr + r) * img + i]! / expOut[i]!;
          // Gammapy's sum_over_axes skips NaN (0/0 where the exposure is 0).
          if (v === v) psfOut[r * img + i] = psfOut[r * img + i]! + v;
        }
      }
    }
    const eAxis = energy.squash();
    const geom = this.irfMap.geom.toImage().toCube([rad, eAxis]);
    const expGeom = this.irfMap.geom.toImage().toCube([rad.squash(), eAxis]);
    return new PSFMap(new WcsNDMap(geom, psfOut, "sr-1"), new WcsNDMap(expGeom, expOut, EXPOSURE_UNIT));
  }
}
