/**
 * SpectrumDataset: the record of a 1D (spectral) analysis with a known background —
 * counts, exposure, energy dispersion, background, masks — fitted with the Cash statistic
 * (Gammapy's `SpectrumDataset`). npred, statistics, stacking and I/O are separate modules.
 */
import type { RegionNDMap } from "@gammats/maps";
import { checkCommonFields } from "./spectrum-dataset-base.js";
import type { SpectrumDatasetFields, SpectrumDatasetFieldsInit } from "./spectrum-dataset-base.js";

/** A 1D dataset with a background model; statistic "cash". */
export interface SpectrumDataset extends SpectrumDatasetFields {
  /** Kind (Gammapy's tag, written in dataset files). */
  readonly tag: "SpectrumDataset";
  /** Expected background counts per reco bin, or null. */
  readonly background: RegionNDMap | null;
}

/** Inputs of {@link createSpectrumDataset}. */
export interface SpectrumDatasetInit extends SpectrumDatasetFieldsInit {
  /** Expected background counts on the reco energy axis. */
  background?: RegionNDMap | null;
}

/**
 * Creates a SpectrumDataset, checking that the maps fit together.
 *
 * @param init - name, counts, exposure, edisp, background, masks, livetime [s], gti,
 *   metaTable, models (all optional)
 * @returns the record
 * @throws DataError naming the dataset and input when axes, units or lengths do not fit
 * @example
 * ```ts
 * const energy = MapAxis.fromEnergyBounds(1, 10, 3, { unit: "TeV" });
 * const etrue = MapAxis.fromEnergyBounds(0.5, 20, 5, { unit: "TeV", name: "energy_true" });
 * const region = "icrs;circle(83.633,22.014,0.1)";
 * const ds = createSpectrumDataset({
 *   name: "23523",
 *   counts: RegionNDMap.create(region, { axes: [energy], data: [10, 5, 2] }),
 *   exposure: RegionNDMap.create(region, { axes: [etrue], unit: "cm2 s", data: [1e9, 2e9, 3e9, 3e9, 2e9] }),
 *   edisp: EDispKernel.fromGauss(etrue, energy, 0.2, 0),
 *   background: RegionNDMap.create(region, { axes: [energy], data: [3, 1.5, 0.6] }),
 *   livetime: 1000,
 * });
 * ```
 */
export function createSpectrumDataset(init: SpectrumDatasetInit = {}): SpectrumDataset {
  const { fields } = checkCommonFields(init, [[init.background, "background"]]);
  return { tag: "SpectrumDataset", ...fields, background: init.background ?? null };
}

/**
 * A copy with new arrays (maps, masks), the same kernel and models; optionally renamed.
 *
 * @param dataset - the dataset
 * @param name - new name, default the same
 * @returns the copy
 */
export function copySpectrumDataset(dataset: SpectrumDataset, name?: string): SpectrumDataset {
  return {
    ...copyCommon(dataset),
    tag: "SpectrumDataset",
    name: name ?? dataset.name,
    background: dataset.background?.copy() ?? null,
  };
}

/**
 * Copies the common fields (maps and masks get new arrays).
 *
 * @param d - the dataset
 * @returns the fields
 */
export function copyCommon(d: SpectrumDatasetFields): SpectrumDatasetFields {
  return {
    name: d.name,
    counts: d.counts?.copy() ?? null,
    exposure: d.exposure?.copy() ?? null,
    edisp: d.edisp === null ? null : { kernel: d.edisp.kernel, exposure: d.edisp.exposure?.slice() ?? null },
    maskSafe: d.maskSafe?.slice() ?? null,
    maskFit: d.maskFit?.slice() ?? null,
    livetime: d.livetime,
    gti: d.gti,
    metaTable: d.metaTable,
    models: d.models,
  };
}
