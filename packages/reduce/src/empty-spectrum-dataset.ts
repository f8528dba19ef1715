/**
 * The reference dataset of a 1D reduction (Gammapy's `SpectrumDataset.create`): zero
 * counts and background on the on-region geometry, zero exposure on the true-energy axis,
 * a diagonal energy dispersion, an all-false safe mask and no GTIs.
 */
import { DataError } from "@gammats/core";
import { EDispKernel } from "@gammats/irf";
import { MapAxis, RegionNDMap } from "@gammats/maps";
import type { RegionGeom } from "@gammats/maps";
import { createGti, createSpectrumDataset, edispKernelMap } from "@gammats/datasets";
import type { SpectrumDataset } from "@gammats/datasets";
import { energyAxisOf } from "./region-center.js";

/** Options of {@link emptySpectrumDataset}. */
export interface EmptySpectrumDatasetOptions {
  /** Dataset name; default random (Gammapy's `make_name`). */
  name?: string;
  /** True-energy axis of exposure and edisp; default the reco axis renamed "energy_true". */
  energyAxisTrue?: MapAxis;
}

/**
 * A dataset of zeros on a region geometry, to be filled by {@link SpectrumDatasetMaker}.
 *
 * @param geom - on-region geometry with one axis, the reco "energy"
 * @param options - name, energyAxisTrue
 * @returns the empty dataset
 * @throws DataError when the geometry is not a region with just an energy axis
 * @example
 * ```ts
 * const energy = MapAxis.fromBounds(0.01, 100, 73, { name: "energy", unit: "TeV", interp: "log" });
 * const geom = RegionGeom.create("icrs;circle(83.633,22.014,0.1)", { axes: [energy] });
 * const reference = emptySpectrumDataset(geom, { energyAxisTrue: MapAxis.fromBounds(0.5, 20, 16, { name: "energy_true", unit: "TeV", interp: "log" }) });
 * ```
 */
export function emptySpectrumDataset(geom: RegionGeom, options: EmptySpectrumDatasetOptions = {}): SpectrumDataset {
  if (geom.axes.length !== 1) {
    throw new DataError(`emptySpectrumDataset: the geometry must have just the reco energy axis, it has [${geom.axes.map((a) => a.name).join(", ")}]`, {
      hint: "create it as RegionGeom.create(region, { axes: [energyAxis] })",
    });
  }
  const energy = energyAxisOf(geom, "energy", "emptySpectrumDataset");
  const energyTrue = options.energyAxisTrue ?? energy.rename("energy_true");
  if (energyTrue.name !== "energy_true") {
    throw new DataError(`emptySpectrumDataset: the true-energy axis is named '${energyTrue.name}'`, { hint: "name it 'energy_true'" });
  }
  const exposureGeom = geom.toImage().toCube([energyTrue]);
  return createSpectrumDataset({
    ...(options.name === undefined ? {} : { name: options.name }),
    counts: new RegionNDMap(geom),
    background: new RegionNDMap(geom),
    exposure: new RegionNDMap(exposureGeom, undefined, "cm2 s"),
    edisp: edispKernelMap(EDispKernel.fromDiagonalResponse(energyTrue, energy), new Float64Array(energyTrue.nbin)),
    maskSafe: new Uint8Array(energy.nbin),
    gti: createGti([], []),
  });
}
