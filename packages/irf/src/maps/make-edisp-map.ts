/**
 * Energy-dispersion maps of one observation (Gammapy 1.0's `make_edisp_map` and
 * `make_edisp_kernel_map`): the migration pdf of the 2D energy dispersion at every pixel
 * centre's offset from the pointing, every true-energy centre and every migra centre,
 * normalised along migra; the kernel map then integrates it over each reco-energy bin.
 */
import { DataError } from "@gammats/core";
import { WcsNDMap } from "@gammats/maps";
import type { MapAxis, WcsGeom } from "@gammats/maps";
import { edispOutOfBounds } from "../energy-dispersion.js";
import type { EnergyDispersion2D } from "../energy-dispersion.js";
import { migraEdgePositions, migraKernelColumns, migraKernelScratch } from "../edisp-migra-kernel.js";
import { locateOffsets, offsetNodeTable } from "../offset-nodes.js";
import { edispKernelsFromNodes, nonZeroRows } from "./edisp-kernel-nodes.js";
import { EDISP_MAP_AXES, EDispMap, normalizeMigra } from "./edisp-map.js";
import { EDISP_KERNEL_MAP_AXES, EDispKernelMap } from "./edisp-kernel-map.js";
import { checkAxes } from "./irf-map.js";

/**
 * Edisp map on a geometry with axes [migra, energy_true].
 *
 * @param edisp - the 2D energy dispersion
 * @param pointing - pointing direction, ICRS [deg]
 * @param geom - geometry (coarse pixels), axes [migra, energy_true]
 * @param exposureMap - exposure on `geom.squash("migra")`, or null
 * @returns the normalised migration pdf map
 * @throws DataError for wrong axes
 * @example
 * ```ts
 * makeEdispMap(edisp2d, { ra: 83.633, dec: 21.514 }, geomIrf.toCube([edisp2d.axis("migra"), etrue]));
 * ```
 */
export function makeEdispMap(edisp: EnergyDispersion2D, pointing: { ra: number; dec: number }, geom: WcsGeom, exposureMap: WcsNDMap | null = null): EDispMap {
  checkAxes(geom, EDISP_MAP_AXES, "makeEdispMap");
  const [migra, etrue] = geom.axes;
  const offset = geom.separation(pointing.ra, pointing.dec, "icrs");
  const m = migra!.centers;
  const e = etrue!.centersIn("TeV");
  // The IRF's axis order (energy_true, migra, offset) is the map's [energy][migra][pixel].
  const data = edisp.evaluateGrid([e, m, offset], {}, new Float64Array(geom.size));
  return new EDispMap(new WcsNDMap(geom, normalizeMigra(data, geom)), exposureMap);
}

/**
 * Edisp kernel map on a geometry with axes [energy, energy_true]: `makeEdispMap` on the
 * image with the IRF's own migra axis, then `toEdispKernelMap(energy axis)`.
 *
 * @param edisp - the 2D energy dispersion
 * @param pointing - pointing direction, ICRS [deg]
 * @param geom - geometry (coarse pixels), axes [energy, energy_true]
 * @param exposureMap - exposure on `geom.squash("energy")`, or null
 * @returns the kernel map
 * @throws DataError for wrong axes
 * @example
 * ```ts
 * makeEdispKernelMap(edisp2d, pointing, geomIrf.toCube([ereco, etrue]), exposureIrf).getEdispKernel([83.633, 22.0145]);
 * ```
 */
export function makeEdispKernelMap(
  edisp: EnergyDispersion2D,
  pointing: { ra: number; dec: number },
  geom: WcsGeom,
  exposureMap: WcsNDMap | null = null,
): EDispKernelMap {
  checkAxes(geom, EDISP_KERNEL_MAP_AXES, "makeEdispKernelMap");
  const [energy, etrue] = geom.axes as [MapAxis, MapAxis];
  if (exposureMap !== null && exposureMap.data.length !== etrue.nbin * geom.npix[0] * geom.npix[1]) {
    throw new DataError(`makeEdispKernelMap: exposure map [${exposureMap.geom.dataShape.join(", ")}] does not fit the geometry`, {
      hint: 'make the exposure on geom.squash("energy")',
    });
  }
  const migra = edisp.axis("migra");
  const ereco = energy.rename("energy");
  const offset = geom.separation(pointing.ra, pointing.dec, "icrs");
  const nt = etrue.nbin;
  const nr = ereco.nbin;
  const e = etrue.centersIn("TeV");
  const pix = migraEdgePositions(e, migra, ereco.edgesIn("TeV"));
  const out = new Float64Array(nt * nr * offset.length);
  // The dispersion depends on a pixel only through its offset: evaluated once at the
  // offset nodes, most pixels' kernels are mixed from the nodes' kernels.
  const table = offsetNodeTable(edisp, edispOutOfBounds, [e, migra.centers, null]);
  if (table !== null) edispKernelsFromNodes(table, locateOffsets(edisp.axis("offset"), offset), migra.widths, pix, nt, nr, out);
  else kernelsFull(edisp, e, offset, pix, nr, out);
  const kgeom = geom.toImage().toCube([ereco, etrue]);
  const exp = exposureMap === null ? null : new WcsNDMap(kgeom.squash("energy"), exposureMap.data, exposureMap.unit, { ...exposureMap.meta });
  return new EDispKernelMap(new WcsNDMap(kgeom, out), exp);
}

/**
 * The same numbers as makeEdispMap(...).toEdispKernelMap(energy), without the full
 * [energy_true][migra][pixel] map: one true energy at a time, the pixels' pdfs are
 * normalised (normalizeMigra's arithmetic) and turned into reco-bin probabilities
 * (migraKernelColumns) while that block of the evaluated IRF is still in cache.
 */
function kernelsFull(edisp: EnergyDispersion2D, e: Float64Array, offset: Float64Array, pix: Float64Array, nr: number, out: Float64Array): void {
  const migra = edisp.axis("migra");
  const img = offset.length;
  const nm = migra.nbin;
  const m = migra.centers;
  const widths = migra.widths;
  const block = new Float64Array(nm * img);
  const scratch = migraKernelScratch(nm, nr, img);
  const eOne = new Float64Array(1);
  for (let t = 0; t < e.length; t++) {
    eOne[0] = e[t]!;
    // The IRF's axis order (energy_true, migra, offset): this block is [migra][pixel].
    edisp.evaluateGrid([eOne, m, offset], {}, block);
    // normalizeMigra's arithmetic, fused into the kernel's first pass; the all-zero
    // migration rows at both ends (most of them for CTA) are skipped.
    const rows = nonZeroRows(block, nm, img);
    migraKernelColumns(block, 0, img, widths, pix, t * (nr + 1), nr, scratch, out, t * nr * img, img, { normalizeFirst: true, rows });
  }
}
