/**
 * MapDataset: the record of a 3D (or 2D: one energy bin) analysis with a background
 * model — counts, exposure, PSF, energy dispersion, background, masks — fitted with the
 * Cash statistic (Gammapy's `MapDataset`). npred, statistics, stacking, cut-outs, info
 * and I/O live in their own modules.
 */
import type { WcsNDMap } from "@gammats/maps";
import { checkMapFields, copyMapFields } from "./map-dataset-base.js";
import type { MapDatasetFields, MapDatasetFieldsInit } from "./map-dataset-base.js";

/** A map dataset with a background model; statistic "cash". */
export interface MapDataset extends MapDatasetFields {
  /** Kind (Gammapy's tag, written in dataset files and indexes). */
  readonly tag: "MapDataset";
  /** Expected background counts on the reco geometry, or null. */
  readonly background: WcsNDMap | null;
}

/** Inputs of {@link mapDataset}. */
export interface MapDatasetInit extends MapDatasetFieldsInit {
  /** Expected background counts on the counts geometry. */
  background?: WcsNDMap | null;
}

/**
 * Creates a MapDataset from its maps (Gammapy's `MapDataset(...)`), checking that they fit
 * together: counts, background and masks on one geometry with an "energy" axis, exposure
 * on its image with "energy_true", PSF and edisp on those energy axes.
 *
 * @param init - name, counts, exposure, psf, edisp, background, masks, livetime [s], gti,
 *   metaTable, models (all optional)
 * @returns the record (counts and background as float64, masks as bool maps, exposure in cm2 s)
 * @throws DataError naming the dataset and input when axes, grids or units do not fit
 * @example
 * ```ts
 * const energy = MapAxis.fromEnergyBounds(1, 10, 3, { unit: "TeV" });
 * const geom = WcsGeom.create({ skydir: [83.63, 22.01], binsz: 0.05, width: 2, axes: [energy] });
 * const ds = mapDataset({ name: "crab", counts: WcsNDMap.fromGeom(geom), background: WcsNDMap.fromGeom(geom) });
 * ds.counts?.geom.dataShape; // [3, 40, 40]
 * ```
 */
export function mapDataset(init: MapDatasetInit = {}): MapDataset {
  const { fields, maps } = checkMapFields(init, [[init.background, "background"]]);
  return { tag: "MapDataset", ...fields, background: maps[0] ?? null };
}

/**
 * A copy with new arrays (maps, masks); IRFs, GTI, meta table and models are shared.
 *
 * @param dataset - the dataset
 * @param name - new name, default the same
 * @returns the copy
 */
export function copyMapDataset(dataset: MapDataset, name?: string): MapDataset {
  return { ...copyMapFields(dataset), tag: "MapDataset", name: name ?? dataset.name, background: dataset.background?.copy() ?? null };
}
