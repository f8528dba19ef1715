/**
 * EDispKernelMap (Gammapy's `EDispKernelMap` on a WCS geometry): the energy-dispersion
 * matrix P(reco bin | true bin) per pixel of a coarse geometry with axes
 * [energy, energy_true] — data C order [energy_true][energy][ny][nx] — with the exposure
 * it is weighted with when stacked.
 *
 * The region (1D) form lives in `@gammats/datasets` (`EDispKernelMap` record); both stack
 * with the same rule ({@link stackIrfMapData} is its many-pixel kernel).
 */
import { DataError } from "@gammats/core";
import { readFitsSync } from "@gammats/fits";
import type { FitsFile } from "@gammats/fits";
import { WcsGeom, WcsNDMap } from "@gammats/maps";
import type { MapAxis, SkyDirInput } from "@gammats/maps";
import { EDispKernel } from "../edisp-kernel.js";
import { IrfMap, checkAxes, readIrfMapHdus } from "./irf-map.js";

/** Required axes of an edisp kernel map, in order (Gammapy's `EDispKernelMap.required_axes`). */
export const EDISP_KERNEL_MAP_AXES = Object.freeze(["energy", "energy_true"]);

function allSkyGeom(): WcsGeom {
  return WcsGeom.create({ npix: [2, 1], proj: "CAR", binsz: 180 });
}

/**
 * Energy-dispersion kernel map.
 *
 * @example
 * ```ts
 * const edisp = makeEdispKernelMap(edisp2d, pointing, geomIrf.toCube([ereco, etrue]), exposureIrf);
 * edisp.getEdispKernel([83.633, 22.0145]).getBias([1]);
 * ```
 */
export class EDispKernelMap extends IrfMap {
  /**
   * @param edispMap - kernel values on a geometry with axes [energy, energy_true]
   * @param exposureMap - exposure on the geometry with energy squashed, or null
   * @throws DataError for wrong axes or an exposure that does not fit
   */
  constructor(edispMap: WcsNDMap, exposureMap: WcsNDMap | null = null) {
    checkAxes(edispMap.geom, EDISP_KERNEL_MAP_AXES, "EDispKernelMap");
    super(edispMap, exposureMap, "", "EDispKernelMap");
  }

  /** The kernel values (Gammapy's `edisp_map`). */
  get edispMap(): WcsNDMap {
    return this.irfMap;
  }

  protected get hduName(): string {
    return "EDISP";
  }

  /** The valid pixels, computed at the first kernel lookup (a fit looks up a dozen). */
  private safeImage: Uint8Array | undefined;

  /**
   * The pixels with a valid edisp (see {@link IrfMap.maskSafeImage}), computed once.
   *
   * @returns ny × nx bytes (1 = valid), a copy
   */
  override maskSafeImage(): Uint8Array {
    this.safeImage ??= super.maskSafeImage();
    return this.safeImage.slice();
  }

  /**
   * Adds another edisp map in place (see {@link IrfMap.stack}); forgets the valid pixels
   * found before.
   *
   * @param other - map of the same axes
   * @param weights - optional weights on the other map's image
   * @returns this map
   */
  override stack(other: IrfMap, weights?: WcsNDMap | null): this {
    this.safeImage = undefined;
    return super.stack(other, weights);
  }

  protected withMaps(irfMap: WcsNDMap, exposureMap: WcsNDMap | null): this {
    return new EDispKernelMap(irfMap, exposureMap) as this;
  }

  /**
   * A map holding one kernel in every pixel (Gammapy's `from_edisp_kernel`), with a zero
   * exposure in m2 s as Gammapy.
   *
   * @param kernel - the kernel
   * @param geom - image geometry (default all-sky, 2 × 1 pixels)
   * @returns the map
   */
  static fromEdispKernel(kernel: EDispKernel, geom: WcsGeom = allSkyGeom()): EDispKernelMap {
    const [etrue, ereco] = kernel.axes as [MapAxis, MapAxis];
    const g = geom.toImage().toCube([ereco, etrue]);
    const img = geom.npix[0] * geom.npix[1];
    const data = new Float64Array(g.size);
    const m = kernel.pdfMatrix;
    for (let k = 0; k < m.length; k++) data.fill(m[k]!, k * img, (k + 1) * img);
    const exposure = new WcsNDMap(g.squash("energy"), new Float64Array(etrue.nbin * img), "m2 s");
    return new EDispKernelMap(new WcsNDMap(g, data), exposure);
  }

  /**
   * A perfect-resolution map: each true bin spread over the reco bins by overlap
   * (Gammapy's `from_diagonal_response`).
   *
   * @param energyAxis - reco-energy axis
   * @param energyAxisTrue - true-energy axis
   * @param geom - image geometry (default all-sky, 2 × 1 pixels)
   * @returns the map
   */
  static fromDiagonalResponse(energyAxis: MapAxis, energyAxisTrue: MapAxis, geom?: WcsGeom): EDispKernelMap {
    return EDispKernelMap.fromEdispKernel(EDispKernel.fromDiagonalResponse(energyAxisTrue, energyAxis), geom);
  }

  /**
   * Reads an edisp kernel map from Gammapy's layout (`EDISP`, `EDISP_BANDS`, `EDISP_EXPOSURE`, ...).
   *
   * @param file - a path or an open FITS file
   * @param options - hdu (default "EDISP")
   * @returns the map
   * @throws FitsError / DataError for missing HDUs or wrong axes (a migra map is an `EDispMap`)
   */
  static read(file: string | FitsFile, options: { hdu?: string } = {}): EDispKernelMap {
    const f = typeof file === "string" ? readFitsSync(file) : file;
    const { irf, exposure } = readIrfMapHdus(f, options.hdu ?? "EDISP");
    return new EDispKernelMap(irf, exposure);
  }

  /**
   * The kernel of the pixel nearest to a position (Gammapy's `get_edisp_kernel`, which
   * looks positions up with nearest-pixel interpolation; invalid positions move to the
   * nearest valid pixel).
   *
   * @param position - sky position (default the map centre)
   * @returns the kernel, axes [energy_true, energy]
   */
  getEdispKernel(position?: SkyDirInput): EDispKernel {
    const geom = this.irfMap.geom;
    const c = geom.centerSkydir;
    const p = this.nearestValidPosition(position ?? [c.lon, c.lat]);
    const [ereco, etrue] = geom.axes as [MapAxis, MapAxis];
    const n = ereco.nbin * etrue.nbin;
    const er = new Float64Array(n);
    const et = new Float64Array(n);
    const rc = ereco.centers;
    const tc = etrue.centers;
    for (let t = 0; t < etrue.nbin; t++) {
      for (let r = 0; r < ereco.nbin; r++) {
        er[t * ereco.nbin + r] = rc[r]!;
        et[t * ereco.nbin + r] = tc[t]!;
      }
    }
    const data = this.irfMap.interpByCoord({ lon: p.lon, lat: p.lat, frame: p.frame, energy: er, energy_true: et }, { method: "nearest" });
    return new EDispKernel({ axes: [etrue, ereco], data });
  }

  /**
   * The map summed over reco energy, optionally weighted (Gammapy's `to_image`).
   *
   * @param weights - weights [energy][ny][nx] (e.g. a safe mask), or null
   * @returns a map with one reco bin
   * @throws DataError for weights of the wrong size
   */
  toImage(weights: ArrayLike<number> | null = null): EDispKernelMap {
    const geom = this.irfMap.geom;
    const [ereco, etrue] = geom.axes as [MapAxis, MapAxis];
    const img = geom.npix[0] * geom.npix[1];
    const nr = ereco.nbin;
    if (weights !== null && weights.length !== nr * img && weights.length !== img) {
      throw new DataError(`EDispKernelMap.toImage: ${weights.length} weights for ${nr} reco bins of ${img} pixels`, { hint: "give weights on the reco-energy geometry" });
    }
    const out = new Float64Array(etrue.nbin * img);
    const d = this.irfMap.data;
    for (let t = 0; t < etrue.nbin; t++) {
      for (let r = 0; r < nr; r++) {
        for (let i = 0; i < img; i++) {
          const w = weights === null ? 1 : weights[weights.length === img ? i : r * img + i]!;
          out[t * img + i] = out[t * img + i]! + d[(t * nr + r) * img + i]! * w;
        }
      }
    }
    return new EDispKernelMap(new WcsNDMap(geom.squash("energy"), out), this.exposureMap);
  }
}
