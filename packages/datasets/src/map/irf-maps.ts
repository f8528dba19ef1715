/**
 * What a map dataset needs of its PSF and energy dispersion, as small structural
 * interfaces: a PSF map (Gammapy's `PSFMap`) hands out a kernel for a position, an edisp
 * kernel map (`EDispKernelMap`) a kernel for a position; a fixed kernel serves every
 * position. `@gammats/irf`'s `PSFMap`, `PSFKernel`, `EDispKernelMap` and `EDispKernel`
 * satisfy them; datasets read only the members listed here.
 */
import { DataError } from "@gammats/core";
import { EDispKernel } from "@gammats/irf";
import type { MapAxis, WcsGeom, WcsNDMap } from "@gammats/maps";

/** A sky direction in degrees with its frame ("icrs", "galactic"). */
export interface SkyDirection {
  /** Longitude [deg]. */
  lon: number;
  /** Latitude [deg]. */
  lat: number;
  /** Frame of lon/lat. */
  frame: string;
}

/** A PSF kernel (Gammapy's `PSFKernel`): normalised images on a map's pixel grid. */
export interface PsfKernelLike {
  /**
   * Kernel map: odd-sized images, one per true-energy bin (axis "energy_true"), or a single
   * image for all planes; each image sums to 1.
   */
  readonly psfKernelMap: WcsNDMap;
}

/** A PSF map (Gammapy's `PSFMap`): PSF values over a coarse sky grid. */
export interface PsfMapLike {
  /** PSF [sr-1] on axes (rad, energy_true) over the IRF grid. */
  readonly psfMap: WcsNDMap;
  /** Exposure the PSF is averaged with [cm2 s] (rad squashed to one bin), or null. */
  readonly exposureMap: WcsNDMap | null;
  /**
   * The kernel at a position on a map geometry (Gammapy: 99.9 % containment, oversampled 4×).
   *
   * @param geom - geometry whose pixel size and true-energy axis the kernel takes
   * @param options - position (default the map centre)
   */
  getPsfKernel(geom: WcsGeom, options?: { position?: SkyDirection }): PsfKernelLike;
  /**
   * Optional: the width [deg] of the kernel `getPsfKernel` returns for the same request,
   * without making it (how far a model reaches is decided before its kernel is needed).
   *
   * @param geom - as for getPsfKernel
   * @param options - as for getPsfKernel
   */
  psfKernelWidth?(geom: WcsGeom, options?: { position?: SkyDirection }): number;
}

/** An energy-dispersion kernel map (Gammapy's `EDispKernelMap`). */
export interface EDispKernelMapLike {
  /** Kernel values on axes (energy, energy_true) over the IRF grid. */
  readonly edispMap: WcsNDMap;
  /** Exposure the kernels are averaged with [cm2 s] (energy squashed to one bin), or null. */
  readonly exposureMap: WcsNDMap | null;
  /**
   * The kernel at a position (Gammapy: the nearest valid IRF pixel).
   *
   * @param position - where (default the map centre)
   */
  getEdispKernel(position?: SkyDirection): EDispKernel;
}

/** The PSF of a map dataset: a PSF map (kernels per model position) or one fixed kernel. */
export type MapDatasetPsf = PsfMapLike | PsfKernelLike;

/** The energy dispersion of a map dataset: a kernel map or one fixed kernel. */
export type MapDatasetEdisp = EDispKernelMapLike | EDispKernel;

/**
 * Whether a dataset PSF is a PSF map (rather than a fixed kernel).
 *
 * @param psf - the PSF
 * @returns true for a PSF map
 */
export function isPsfMap(psf: MapDatasetPsf): psf is PsfMapLike {
  return typeof (psf as Partial<PsfMapLike>).getPsfKernel === "function";
}

/**
 * Whether a dataset edisp is a kernel map (rather than a fixed kernel).
 *
 * @param edisp - the energy dispersion
 * @returns true for a kernel map
 */
export function isEdispMap(edisp: MapDatasetEdisp): edisp is EDispKernelMapLike {
  return !(edisp instanceof EDispKernel) && typeof (edisp as EDispKernelMapLike).getEdispKernel === "function";
}

/**
 * The PSF kernel a model at `position` sees (Gammapy's `MapEvaluator.update`).
 *
 * @param psf - the dataset PSF
 * @param geom - the exposure geometry (pixel size, true-energy axis)
 * @param position - model position, undefined for models without one
 * @returns the kernel
 */
export function psfKernelAt(psf: MapDatasetPsf, geom: WcsGeom, position: SkyDirection | undefined): PsfKernelLike {
  return isPsfMap(psf) ? psf.getPsfKernel(geom, position === undefined ? {} : { position }) : psf;
}

/**
 * Width [deg] of the PSF kernel a model at `position` sees: the larger width of its
 * geometry, from the PSF map without making the kernel when the map can tell.
 *
 * @param psf - the dataset PSF
 * @param geom - the exposure geometry
 * @param position - model position, undefined for models without one
 * @returns the width [deg]
 */
export function psfKernelWidthAt(psf: MapDatasetPsf, geom: WcsGeom, position: SkyDirection | undefined): number {
  if (isPsfMap(psf) && psf.psfKernelWidth !== undefined) return psf.psfKernelWidth(geom, position === undefined ? {} : { position });
  return Math.max(...psfKernelAt(psf, geom, position).psfKernelMap.geom.width);
}

/**
 * The edisp kernel a model at `position` sees (Gammapy's `EDispKernelMap.get_edisp_kernel`).
 *
 * @param edisp - the dataset edisp
 * @param position - model position, undefined for models without one
 * @returns the kernel
 */
export function edispKernelAt(edisp: MapDatasetEdisp, position: SkyDirection | undefined): EDispKernel {
  if (!isEdispMap(edisp)) return edisp;
  // Datasets made for flux points and light curves look the kernel up again at the same
  // position: the same kernel (kernels are read, never modified; a map is not changed in
  // place once used — stacking makes new maps).
  let cache = edispKernels.get(edisp);
  if (cache === undefined) edispKernels.set(edisp, (cache = []));
  const lon = position?.lon ?? NaN;
  const lat = position?.lat ?? NaN;
  const frame = position?.frame ?? "";
  const hit = cache.find((c) => Object.is(c.lon, lon) && Object.is(c.lat, lat) && c.frame === frame);
  if (hit !== undefined) return hit.kernel;
  const kernel = edisp.getEdispKernel(position);
  cache.unshift({ lon, lat, frame, kernel });
  if (cache.length > EDISP_CACHE_SIZE) cache.pop();
  return kernel;
}

/** Kernels kept per edisp map for repeated lookups. */
const EDISP_CACHE_SIZE = 4;

const edispKernels = new WeakMap<EDispKernelMapLike, { lon: number; lat: number; frame: string; kernel: EDispKernel }[]>();

/**
 * The axis of a map with a given name.
 *
 * @param map - the map
 * @param name - axis name
 * @param what - what the map is, for messages
 * @returns the axis
 * @throws DataError when absent
 */
export function axisNamed(map: WcsNDMap, name: string, what: string): MapAxis {
  const axis = map.geom.axes.find((a) => a.name === name);
  if (axis === undefined) {
    throw new DataError(`${what} has axes [${map.geom.axes.map((a) => a.name).join(", ")}], no '${name}'`, {
      hint: `give it an axis named '${name}'`,
    });
  }
  return axis;
}
