/**
 * EDispMap (Gammapy's `EDispMap`): the migration pdf dP/dμ (μ = E_reco / E_true) per
 * pixel of a coarse WCS geometry with axes [migra, energy_true] — data C order
 * [energy_true][migra][ny][nx] — and its exposure; converts to an {@link EDispKernelMap}
 * for a reco-energy axis.
 */
import { readFitsSync } from "@gammats/fits";
import type { FitsFile } from "@gammats/fits";
import { WcsGeom, WcsNDMap } from "@gammats/maps";
import type { MapAxis, SkyDirInput } from "@gammats/maps";
import { normalizeAlongAxisInPlace } from "../axis-cumsum.js";
import { EDispKernel } from "../edisp-kernel.js";
import { migraEdgePositions, migraKernel, migraKernelColumns, migraKernelScratch } from "../edisp-migra-kernel.js";
import { EDispKernelMap } from "./edisp-kernel-map.js";
import { IrfMap, checkAxes, readIrfMapHdus } from "./irf-map.js";
import { resolveSkyPosition } from "./sky-position.js";

/** Required axes of an edisp map, in order (Gammapy's `EDispMap.required_axes`). */
export const EDISP_MAP_AXES = Object.freeze(["migra", "energy_true"]);

/**
 * Normalises migration pdfs along migra (axis 1 of [energy_true][migra][ny][nx]) to unit
 * integral Σ pdf·Δμ, NaN → 0 (Gammapy's `Map.normalize("migra")`).
 *
 * @param data - values (changed)
 * @param geom - geometry with axes [migra, energy_true]
 * @returns data
 */
export function normalizeMigra(data: Float64Array, geom: WcsGeom): Float64Array {
  const [nx, ny] = geom.npix;
  const [migra, etrue] = geom.axes as [MapAxis, MapAxis];
  const img = nx * ny;
  return normalizeAlongAxisInPlace(data, [etrue.nbin, migra.nbin, img], 1, migra.widths, new Float64Array(img), new Float64Array(img));
}

/**
 * Energy-dispersion map.
 *
 * @example
 * ```ts
 * const em = makeEdispMap(edisp2d, pointing, geomIrf.toCube([edisp2d.axis("migra"), etrue]), exposureIrf);
 * em.toEdispKernelMap(ereco).getEdispKernel([83.633, 22.0145]);
 * ```
 */
export class EDispMap extends IrfMap {
  /**
   * @param edispMap - migration pdf on a geometry with axes [migra, energy_true]
   * @param exposureMap - exposure on the geometry with migra squashed, or null
   * @throws DataError for wrong axes or an exposure that does not fit
   */
  constructor(edispMap: WcsNDMap, exposureMap: WcsNDMap | null = null) {
    checkAxes(edispMap.geom, EDISP_MAP_AXES, "EDispMap");
    super(edispMap, exposureMap, "", "EDispMap");
  }

  /** The migration pdf (Gammapy's `edisp_map`). */
  get edispMap(): WcsNDMap {
    return this.irfMap;
  }

  protected get hduName(): string {
    return "EDISP";
  }

  protected withMaps(irfMap: WcsNDMap, exposureMap: WcsNDMap | null): this {
    return new EDispMap(irfMap, exposureMap) as this;
  }

  /**
   * Reads an edisp map from Gammapy's layout (`EDISP`, `EDISP_BANDS`, `EDISP_EXPOSURE`, ...).
   *
   * @param file - a path or an open FITS file
   * @param options - hdu (default "EDISP")
   * @returns the map
   * @throws FitsError / DataError for missing HDUs or wrong axes (an energy map is an `EDispKernelMap`)
   */
  static read(file: string | FitsFile, options: { hdu?: string } = {}): EDispMap {
    const f = typeof file === "string" ? readFitsSync(file) : file;
    const { irf, exposure } = readIrfMapHdus(f, options.hdu ?? "EDISP");
    return new EDispMap(irf, exposure);
  }

  /**
   * Reco-energy kernels per pixel (Gammapy's `to_edisp_kernel_map`): P(reco bin r | true
   * bin t) = C(E_{r+1}/E_t) − C(E_r/E_t), clipped at 0, with C the running integral of the
   * pdf over the migra edges, linear in between, 0 below and the total above (`migraKernel`,
   * which also renormalises every pdf — a no-op for maps from `makeEdispMap`).
   *
   * @param energyAxis - reco-energy axis
   * @returns the kernel map (exposure re-labelled onto the kernel geometry)
   */
  toEdispKernelMap(energyAxis: MapAxis): EDispKernelMap {
    const geom = this.irfMap.geom;
    const [migra, etrue] = geom.axes as [MapAxis, MapAxis];
    const ereco = energyAxis.rename("energy");
    const kgeom = geom.toImage().toCube([ereco, etrue]);
    const img = geom.npix[0] * geom.npix[1];
    const nt = etrue.nbin;
    const nm = migra.nbin;
    const nr = ereco.nbin;
    const pix = migraEdgePositions(etrue.centersIn("TeV"), migra, ereco.edgesIn("TeV"));
    const scratch = migraKernelScratch(nm, nr, img);
    const widths = migra.widths;
    const out = new Float64Array(kgeom.size);
    const d = this.irfMap.data;
    for (let t = 0; t < nt; t++) migraKernelColumns(d, t * nm * img, img, widths, pix, t * (nr + 1), nr, scratch, out, t * nr * img, img);
    const exp = this.exposureMap === null ? null : new WcsNDMap(kgeom.squash("energy"), this.exposureMap.data, this.exposureMap.unit, { ...this.exposureMap.meta });
    return new EDispKernelMap(new WcsNDMap(kgeom, out), exp);
  }

  /**
   * The kernel at a position (Gammapy's `get_edisp_kernel`): the pdf of the pixel
   * nearest to the position (Gammapy's `to_region_nd_map` defaults to nearest), then
   * as {@link toEdispKernelMap}.
   *
   * @param energyAxis - reco-energy axis
   * @param position - sky position (default the map centre)
   * @returns the kernel, axes [energy_true, energy]
   */
  getEdispKernel(energyAxis: MapAxis, position?: SkyDirInput): EDispKernel {
    const geom = this.irfMap.geom;
    const c = geom.centerSkydir;
    const p = resolveSkyPosition(position ?? [c.lon, c.lat], geom.frame);
    const [migra, etrue] = geom.axes as [MapAxis, MapAxis];
    const n = migra.nbin * etrue.nbin;
    const mc = new Float64Array(n);
    const tc = new Float64Array(n);
    const mcs = migra.centers;
    const tcs = etrue.centers;
    for (let t = 0; t < etrue.nbin; t++) {
      for (let m = 0; m < migra.nbin; m++) {
        mc[t * migra.nbin + m] = mcs[m]!;
        tc[t * migra.nbin + m] = tcs[t]!;
      }
    }
    const pdf = this.irfMap.interpByCoord({ lon: p.lon, lat: p.lat, frame: p.frame, migra: mc, energy_true: tc }, { method: "nearest" });
    const ereco = energyAxis.rename("energy");
    const data = migraKernel(pdf, etrue.centersIn("TeV"), migra, ereco.edgesIn("TeV"));
    return new EDispKernel({ axes: [etrue, ereco], data });
  }
}
