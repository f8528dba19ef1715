/**
 * PSF and edisp kernel maps from their map data (after reading a file, stacking, cutting
 * out or creating a dataset), as `@gammats/irf`'s `PSFMap` and `EDispKernelMap`; and the
 * empty ones of Gammapy's `MapDataset.create`.
 */
import { EDispKernel, EDispKernelMap, PSFMap } from "@gammats/irf";
import { WcsNDMap } from "@gammats/maps";
import type { MapAxis, WcsGeom } from "@gammats/maps";

/**
 * A PSF map from its data.
 *
 * @param psfMap - PSF [sr-1 or any solid-angle density] on axes (rad, energy_true)
 * @param exposureMap - its exposure (rad squashed; any area × time unit) or null
 * @returns the PSF map (exposure in cm2 s)
 * @throws DataError for wrong axes or an exposure that does not fit
 */
export function makePsfMap(psfMap: WcsNDMap, exposureMap: WcsNDMap | null): PSFMap {
  return new PSFMap(psfMap, exposureMap);
}

/**
 * An edisp kernel map from its data.
 *
 * @param edispMap - kernel values on axes (energy, energy_true)
 * @param exposureMap - its exposure (energy squashed) or null
 * @returns the kernel map (exposure in cm2 s)
 * @throws DataError for wrong axes (a migra axis makes an EDispMap) or an exposure that does not fit
 */
export function makeEdispKernelMap(edispMap: WcsNDMap, exposureMap: WcsNDMap | null): EDispKernelMap {
  return new EDispKernelMap(edispMap, exposureMap);
}

/**
 * A PSF map of zeros with zero exposure, to be filled or stacked into (Gammapy's `PSFMap.from_geom`).
 *
 * @param geom - IRF geometry with axes (rad, energy_true)
 * @returns the PSF map
 */
export function zeroPsfMap(geom: WcsGeom): PSFMap {
  return makePsfMap(WcsNDMap.fromGeom(geom, { unit: "sr-1" }), WcsNDMap.fromGeom(geom.squash("rad"), { unit: "cm2 s" }));
}

/**
 * A diagonal edisp kernel map with zero exposure (Gammapy's `EDispKernelMap.from_geom`):
 * each true bin goes to the reco bins it overlaps, by fraction of its width.
 *
 * @param geom - IRF geometry with axes (energy, energy_true)
 * @returns the kernel map
 */
export function diagonalEdispKernelMap(geom: WcsGeom): EDispKernelMap {
  const [reco, etrue] = geom.axes as [MapAxis, MapAxis];
  const pdf = EDispKernel.fromDiagonalResponse(etrue, reco).pdfMatrix;
  const npix = geom.npix[0] * geom.npix[1];
  const data = new Float64Array(geom.size);
  for (let pl = 0; pl < pdf.length; pl++) data.fill(pdf[pl]!, pl * npix, (pl + 1) * npix);
  return makeEdispKernelMap(new WcsNDMap(geom, data), WcsNDMap.fromGeom(geom.squash("energy"), { unit: "cm2 s" }));
}
