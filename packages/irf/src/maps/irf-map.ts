/**
 * What PSF and energy-dispersion maps share (Gammapy's `IRFMap`): an IRF sampled on a
 * coarse WCS geometry with two non-spatial axes in a fixed order, the exposure it is
 * weighted with when stacked, the safe-pixel mask, the nearest valid position, cut-outs
 * and FITS I/O in Gammapy's layout (`<HDU>`, `<HDU>_BANDS`, `<HDU>_EXPOSURE`,
 * `<HDU>_EXPOSURE_BANDS`).
 */
import { DataError, conversionFactor } from "@gammats/core";
import { imageHdu, writeFitsSync } from "@gammats/fits";
import type { FitsFile, HduSpec } from "@gammats/fits";
import { WcsNDMap, readWcsMapFromFits, wcsMapToHdus } from "@gammats/maps";
import type { AngleInput, SkyDirInput, WcsGeom } from "@gammats/maps";
import { broadcastPlanes, stackIrfMapData } from "./irf-map-stack.js";
import type { IrfStackWeights } from "./irf-map-stack.js";
import { resolveSkyPosition } from "./sky-position.js";
import type { LonLatIn } from "./sky-position.js";

/** Internal unit of IRF-map exposures. */
export const EXPOSURE_UNIT = "cm2 s";

/** Checks a geometry's axis names (Gammapy's `assert_names`). */
export function checkAxes(geom: WcsGeom, required: readonly string[], what: string): void {
  const names = geom.axes.map((a) => a.name);
  if (names.length !== required.length || names.some((n, i) => n !== required[i])) {
    throw new DataError(`${what}: map axes [${names.join(", ")}], required [${required.join(", ")}]`, {
      hint: "build the geometry with geom.toImage().toCube([...]) in this order",
    });
  }
}

/** A map as float64 in a given unit (converted; the same map when nothing changes). */
export function mapIn(map: WcsNDMap, unit: string): WcsNDMap {
  const f = map.unit === unit ? 1 : conversionFactor(map.unit, unit);
  if (f === 1 && map.data instanceof Float64Array) return map.unit === unit ? map : map.copy({ data: map.data, unit });
  const data = new Float64Array(map.data.length);
  for (let i = 0; i < data.length; i++) data[i] = map.data[i]! * f;
  return new WcsNDMap(map.geom, data, unit, { ...map.meta });
}

/**
 * Base of {@link PSFMap}, {@link EDispMap} and {@link EDispKernelMap}.
 */
export abstract class IrfMap {
  /** The IRF values on a WCS geometry with the class' two axes (float64). */
  readonly irfMap: WcsNDMap;
  /** Exposure [cm2 s] on the geometry with the first axis squashed; null when unknown. */
  readonly exposureMap: WcsNDMap | null;

  /**
   * @param irfMap - IRF map (axes checked by the subclass)
   * @param exposureMap - exposure map, converted to cm2 s, or null
   * @param irfUnit - unit the IRF values are held in
   * @param what - class name for messages
   * @throws DataError when the exposure does not broadcast onto the IRF map
   */
  protected constructor(irfMap: WcsNDMap, exposureMap: WcsNDMap | null, irfUnit: string, what: string) {
    this.irfMap = mapIn(irfMap, irfUnit);
    this.exposureMap = exposureMap === null ? null : mapIn(exposureMap, EXPOSURE_UNIT);
    if (this.exposureMap !== null) {
      const e = this.exposureMap.geom;
      const ok = e.npix[0] === irfMap.geom.npix[0] && e.npix[1] === irfMap.geom.npix[1] && this.exposurePlanes() !== null;
      if (!ok) {
        throw new DataError(`${what}: exposure map [${e.dataShape.join(", ")}] does not fit the IRF map [${irfMap.geom.dataShape.join(", ")}]`, {
          hint: `make the exposure on the IRF geometry with '${irfMap.geom.axes[0]?.name}' squashed`,
        });
      }
    }
  }

  /** A new map of the same class (cut-outs, stacking copies). */
  protected abstract withMaps(irfMap: WcsNDMap, exposureMap: WcsNDMap | null): this;

  /** HDU name of the class in Gammapy's files ("PSF" or "EDISP"). */
  protected abstract get hduName(): string;

  private exposurePlanes(): Int32Array | null {
    const e = this.exposureMap;
    if (e === null) return null;
    return broadcastPlanes(this.irfMap.geom.axes.map((a) => a.nbin), e.geom.axes.map((a) => a.nbin));
  }

  /**
   * Pixels where the IRF is defined: any value > 0 over the non-spatial axes (Gammapy's
   * `mask_safe_image`).
   *
   * @returns ny × nx bytes (1 = valid)
   */
  maskSafeImage(): Uint8Array {
    const [nx, ny] = this.irfMap.geom.npix;
    const img = nx * ny;
    const out = new Uint8Array(img);
    const d = this.irfMap.data;
    for (let i = 0; i < img; i++) out[i] = pixelSafe(d, img, i) ? 1 : 0;
    return out;
  }

  /**
   * Whether pixel i (y · nx + x) is set in {@link maskSafeImage}, from that pixel's
   * values alone (a valid pixel is usually known from its first value).
   *
   * @param i - pixel index in the image
   * @returns true when the IRF is defined there
   */
  protected isPixelSafe(i: number): boolean {
    const [nx, ny] = this.irfMap.geom.npix;
    return pixelSafe(this.irfMap.data, nx * ny, i);
  }

  /**
   * The position itself when its pixel holds a valid IRF (or no pixel does), else the
   * centre of the nearest valid pixel (Gammapy's `_get_nearest_valid_position`).
   *
   * @param position - sky position
   * @returns the position in the map frame [deg]
   */
  nearestValidPosition(position: SkyDirInput): LonLatIn {
    const geom = this.irfMap.geom;
    const p = resolveSkyPosition(position, geom.frame);
    const [nx, ny] = geom.npix;
    const pix = geom.skyToPix(Float64Array.of(p.lon), Float64Array.of(p.lat));
    const ix = rintHalfEven(pix.x[0]!);
    const iy = rintHalfEven(pix.y[0]!);
    const inside = ix >= 0 && ix < nx && iy >= 0 && iy < ny;
    // The position's own pixel first: the whole mask only when it is not valid.
    if (inside && this.isPixelSafe(iy * nx + ix)) return p;
    const mask = this.maskSafeImage();
    if (!mask.includes(1)) return p;
    const sep = geom.separation(p.lon, p.lat);
    let best = -1;
    for (let i = 0; i < sep.length; i++) if (mask[i] === 1 && (best < 0 || sep[i]! < sep[best]!)) best = i;
    const c = geom.pixToSky(Float64Array.of(best % nx), Float64Array.of(Math.floor(best / nx)));
    return { lon: c.lon[0]!, lat: c.lat[0]!, frame: geom.frame };
  }

  /**
   * Adds another IRF map in place, each weighted by its exposure (Gammapy's
   * `IRFMap.stack`): T ← (T·E_T + O·E_O·w) / (E_T + E_O·w_E). The other map lies on this
   * geometry or on a cut-out of it.
   *
   * @param other - map of the same class and axes
   * @param weights - optional weights on the other map's image (e.g. its safe mask):
   *   an image, or a map whose axes broadcast onto the IRF axes (an "energy" axis is
   *   reduced by logical or for the exposure, as Gammapy)
   * @returns this map
   * @throws DataError without exposures, for different axes or misaligned geometries
   * @example
   * ```ts
   * stackedPsf.stack(runPsf, maskSafePsf);
   * ```
   */
  stack(other: IrfMap, weights?: WcsNDMap | null): this {
    const me = this.exposureMap;
    const oe = other.exposureMap;
    if (me === null || oe === null) {
      throw new DataError(`${this.constructor.name}.stack: missing exposure map`, { hint: "IRF maps are stacked with exposure weights; give both an exposure map" });
    }
    const axesA = this.irfMap.geom.axes;
    const axesB = other.irfMap.geom.axes;
    if (axesA.length !== axesB.length || axesA.some((a, i) => !a.equals(axesB[i]!))) {
      throw new DataError(`${this.constructor.name}.stack: the maps have different non-spatial axes`, { hint: "stack IRF maps made with the same axes" });
    }
    const planes = this.exposurePlanes()!;
    const layout = {
      nPlanes: this.irfMap.geom.planeCount,
      nExposurePlanes: me.geom.planeCount,
      exposurePlaneOf: planes,
      target: this.irfMap.geom.npix,
      other: other.irfMap.geom.npix,
      offset: this.irfMap.geom.offsetOf(other.irfMap.geom),
    };
    const w = weights === undefined || weights === null ? null : this.stackWeights(weights, other);
    const factor = other.irfMap.unit === this.irfMap.unit ? 1 : conversionFactor(other.irfMap.unit, this.irfMap.unit);
    stackIrfMapData(layout, this.irfMap.data as Float64Array, me.data as Float64Array, other.irfMap.data, oe.data, w, factor);
    return this;
  }

  private stackWeights(weights: WcsNDMap, other: IrfMap): IrfStackWeights {
    const [nx, ny] = other.irfMap.geom.npix;
    const wg = weights.geom;
    const bad = (): DataError =>
      new DataError(`${this.constructor.name}.stack: weights [${wg.dataShape.join(", ")}] do not fit the IRF map [${other.irfMap.geom.dataShape.join(", ")}]`, {
        hint: "give weights on the other map's image, or with axes of length 1 or equal to the IRF axes",
      });
    if (wg.npix[0] !== nx || wg.npix[1] !== ny) throw bad();
    const irfAxes = other.irfMap.geom.axes.map((a) => a.nbin);
    const wAxes = wg.axes.map((a) => a.nbin);
    const irfPlaneOf = broadcastPlanes(irfAxes, wAxes);
    if (irfPlaneOf === null) throw bad();
    const img = nx * ny;
    const wData = Float64Array.from(weights.data as ArrayLike<number>);
    const expAxes = other.exposureMap!.geom.axes.map((a) => a.nbin);
    const k = wg.axes.findIndex((a) => a.name === "energy");
    if (k < 0 || wAxes[k] === 1) {
      const exposurePlaneOf = broadcastPlanes(expAxes, wAxes);
      if (exposurePlaneOf === null) throw bad();
      return { irf: wData, irfPlaneOf, exposure: wData, exposurePlaneOf };
    }
    // Gammapy reduces an "energy" axis of the weights by logical or for the exposure.
    const reducedAxes = wAxes.map((n, i) => (i === k ? 1 : n));
    const nReduced = reducedAxes.reduce((a, b) => a * b, 1);
    const reduced = new Float64Array(nReduced * img);
    const toReduced = broadcastPlanes(wAxes, reducedAxes)!;
    for (let q = 0; q < wg.planeCount; q++) {
      const r = toReduced[q]!;
      for (let i = 0; i < img; i++) if (wData[q * img + i] !== 0) reduced[r * img + i] = 1;
    }
    const exposurePlaneOf = broadcastPlanes(expAxes, reducedAxes);
    if (exposurePlaneOf === null) throw bad();
    return { irf: wData, irfPlaneOf, exposure: reduced, exposurePlaneOf };
  }

  /**
   * Cut-out of the IRF and exposure maps around a position (Gammapy's `cutout`, mode "trim").
   *
   * @param position - centre
   * @param width - width [deg or quantity], one value or [lon, lat]
   * @returns the cut-out map of the same class
   */
  cutout(position: SkyDirInput, width: AngleInput | readonly [AngleInput, AngleInput]): this {
    const exp = this.exposureMap === null ? null : this.exposureMap.cutout(position, width);
    return this.withMaps(this.irfMap.cutout(position, width), exp);
  }

  /**
   * The HDUs of Gammapy's layout, without a primary HDU: `<HDU>`, `<HDU>_BANDS` and, with an
   * exposure, `<HDU>_EXPOSURE`, `<HDU>_EXPOSURE_BANDS` (exposure written in m2 s as Gammapy).
   *
   * @param hdu - HDU name (default "PSF" or "EDISP")
   * @returns HDU descriptions for `writeFitsSync` (after a primary HDU)
   */
  toHdus(hdu: string = this.hduName): HduSpec[] {
    const name = hdu.toUpperCase();
    const out = wcsMapToHdus(this.irfMap, { hdu: name }).slice(1);
    if (this.exposureMap !== null) out.push(...wcsMapToHdus(mapIn(this.exposureMap, "m2 s"), { hdu: `${name}_EXPOSURE` }).slice(1));
    return out;
  }

  /**
   * Writes the map (Gammapy reads it with `PSFMap.read` / `EDispKernelMap.read` / `EDispMap.read`); atomic.
   *
   * @param path - output file (".gz" compresses)
   * @param options - overwrite (default false)
   * @throws IoError when the file exists and overwrite is false
   */
  write(path: string, options: { overwrite?: boolean } = {}): void {
    writeFitsSync(path, [imageHdu(), ...this.toHdus()], { overwrite: options.overwrite ?? false });
  }
}

/**
 * The IRF map and exposure map of a Gammapy file.
 *
 * @param file - open FITS file
 * @param hdu - IRF map HDU name
 * @returns the maps (exposure null when `<HDU>_EXPOSURE` is absent)
 * @throws FitsError / DataError when the HDU is missing or malformed
 */
export function readIrfMapHdus(file: FitsFile, hdu: string): { irf: WcsNDMap; exposure: WcsNDMap | null } {
  const name = hdu.toUpperCase();
  const irf = readWcsMapFromFits(file, { hdu: name, dtype: "float64" });
  const expName = `${name}_EXPOSURE`;
  const exposure = file.has(expName) ? readWcsMapFromFits(file, { hdu: expName, dtype: "float64" }) : null;
  return { irf, exposure };
}

/**
 * Any value > 0 at pixel i over the planes of img pixels (NaN is not): the rule of
 * IrfMap.maskSafeImage, stopping at the first such value.
 */
function pixelSafe(d: ArrayLike<number>, img: number, i: number): boolean {
  for (let k = i; k < d.length; k += img) if (d[k]! > 0) return true;
  return false;
}

/** NumPy's rint (halves to even), for pixel indices. */
function rintHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
