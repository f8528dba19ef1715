/**
 * PSF map of one observation (Gammapy 1.0's `make_psf_map`): the PSF IRF evaluated at
 * every pixel centre's offset from the pointing, every true-energy bin centre and every
 * rad bin centre, then normalised along rad so that Σ 2π·r·Δr·PSF = 1.
 */
import { WcsNDMap } from "@gammats/maps";
import type { WcsGeom } from "@gammats/maps";
import { normalizeAlongAxisInPlace } from "../axis-cumsum.js";
import type { AxisNormalization } from "../axis-cumsum.js";
import { DEG2_PER_SR } from "../psf/psf-containment.js";
import { checkAxes } from "./irf-map.js";
import { PSF_MAP_AXES, PSFMap } from "./psf-map.js";
import { radWeights } from "./psf-map-containment.js";

/** What {@link makePsfMap} needs of a PSF IRF (PSF3D, EnergyDependentMultiGaussPSF, PSFKing). */
export interface PsfIrf {
  /** dP/dΩ [sr-1] at broadcast (true energy [TeV], offset [deg], rad [deg]) points. */
  evaluate(energyTrue: ArrayLike<number>, offset: ArrayLike<number>, rad: ArrayLike<number>, out?: Float64Array): Float64Array;
  /**
   * Optional fast path: the same values on the grid [energy][rad][offset], C order, each
   * (energy, offset) profile normalised along rad when `normalize` is given.
   */
  evaluateMapGrid?(energyTrue: ArrayLike<number>, rad: ArrayLike<number>, offset: ArrayLike<number>, out?: Float64Array, normalize?: AxisNormalization): Float64Array;
}

/**
 * Normalises PSF values [any unit] along rad (axis 1 of [energy][rad][ny][nx]) to unit
 * integral and expresses them in sr-1 (Gammapy's `Map.normalize("rad")`, whose deg-2
 * result is multiplied by (180/π)²).
 *
 * @param data - values, C order [energy][rad][ny][nx] (changed)
 * @param geom - the PSF map geometry
 * @returns data [sr-1]
 */
export function normalizePsfData(data: Float64Array, geom: WcsGeom): Float64Array {
  const [nx, ny] = geom.npix;
  const [rad, energy] = geom.axes;
  const img = nx * ny;
  normalizeAlongAxisInPlace(data, [energy!.nbin, rad!.nbin, img], 1, radWeights(rad!), new Float64Array(img), new Float64Array(img), DEG2_PER_SR);
  return data;
}

/**
 * PSF map on a geometry with axes [rad, energy_true].
 *
 * @param psf - the PSF IRF
 * @param pointing - pointing direction, ICRS [deg]
 * @param geom - PSF map geometry (coarse pixels, e.g. 0.2 deg), axes [rad, energy_true]
 * @param exposureMap - exposure on `geom.squash("rad")` for stacking, or null
 * @returns the normalised PSF map [sr-1]
 * @throws DataError for wrong axes
 * @example
 * ```ts
 * makePsfMap(psf3d, { ra: 83.633, dec: 21.514 }, geomIrf.toCube([defaultRadAxis(), etrue]), exposureIrf);
 * ```
 */
export function makePsfMap(psf: PsfIrf, pointing: { ra: number; dec: number }, geom: WcsGeom, exposureMap: WcsNDMap | null = null): PSFMap {
  checkAxes(geom, PSF_MAP_AXES, "makePsfMap");
  const [rad, energy] = geom.axes;
  const offset = geom.separation(pointing.ra, pointing.dec, "icrs");
  const img = offset.length;
  const nr = rad!.nbin;
  const r = rad!.centersIn("deg");
  const e = energy!.centersIn("TeV");
  if (psf.evaluateMapGrid !== undefined) {
    // normalizePsfData's normalisation, done by the PSF while its profiles are in cache.
    const grid = psf.evaluateMapGrid(e, r, offset, new Float64Array(geom.size), { weights: radWeights(rad!), factor: DEG2_PER_SR });
    return new PSFMap(new WcsNDMap(geom, grid, "sr-1"), exposureMap);
  }
  // One energy at a time: (rad, pixel) points.
  const offsets = new Float64Array(nr * img);
  const rads = new Float64Array(nr * img);
  for (let k = 0; k < nr; k++) {
    offsets.set(offset, k * img);
    rads.fill(r[k]!, k * img, (k + 1) * img);
  }
  const data = new Float64Array(geom.size);
  const eArr = new Float64Array(1);
  for (let j = 0; j < e.length; j++) {
    eArr[0] = e[j]!;
    psf.evaluate(eArr, offsets, rads, data.subarray(j * nr * img, (j + 1) * nr * img));
  }
  return new PSFMap(new WcsNDMap(geom, normalizePsfData(data, geom), "sr-1"), exposureMap);
}
