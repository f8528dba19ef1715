/**
 * Conversions between MapDataset and MapDatasetOnOff (Gammapy's `from_map_dataset` and
 * `to_map_dataset`).
 */
import { DataError } from "@gammats/core";
import { WcsNDMap } from "@gammats/maps";
import { mapDatasetOnOff, mapOnOffBackground } from "./map-dataset-on-off.js";
import type { MapAcceptanceInput, MapDatasetOnOff } from "./map-dataset-on-off.js";
import { mapDataset } from "./map-dataset.js";
import type { MapDataset } from "./map-dataset.js";
import { mapNpredBackground } from "./map-npred.js";

/**
 * An on/off dataset from a MapDataset (Gammapy's `MapDatasetOnOff.from_map_dataset`):
 * without off counts they are derived as npred_background / α.
 *
 * @param dataset - the map dataset
 * @param acceptance - on acceptance (map or number)
 * @param acceptanceOff - off acceptance (map or number)
 * @param options - countsOff (default npred_background / α), name (default the dataset's)
 * @returns the on/off dataset (models, masks, IRFs shared)
 * @throws DataError without counts to take the geometry from
 */
export function mapDatasetOnOffFromMapDataset(
  dataset: MapDataset,
  acceptance: MapAcceptanceInput,
  acceptanceOff: MapAcceptanceInput,
  options: { countsOff?: WcsNDMap; name?: string } = {},
): MapDatasetOnOff {
  const like = dataset.counts ?? dataset.background;
  if (like === null) throw new DataError(`dataset '${dataset.name}' has neither counts nor background`, { hint: "give the counts" });
  const acc = typeof acceptance === "number" ? new WcsNDMap(like.geom, new Float64Array(like.geom.size).fill(acceptance)) : acceptance;
  const accOff = typeof acceptanceOff === "number" ? new WcsNDMap(like.geom, new Float64Array(like.geom.size).fill(acceptanceOff)) : acceptanceOff;
  let countsOff = options.countsOff ?? null;
  const bkg = countsOff === null ? mapNpredBackground(dataset)?.data ?? null : null;
  if (countsOff === null && bkg !== null) {
    const off = new Float64Array(like.geom.size);
    for (let i = 0; i < off.length; i++) off[i] = bkg[i]! / (acc.data[i]! / accOff.data[i]!);
    countsOff = new WcsNDMap(like.geom, off);
  }
  return mapDatasetOnOff({
    name: options.name ?? dataset.name,
    counts: dataset.counts,
    exposure: dataset.exposure,
    psf: dataset.psf,
    edisp: dataset.edisp,
    maskSafe: dataset.maskSafe,
    maskFit: dataset.maskFit,
    countsOff,
    acceptance: acc,
    acceptanceOff: accOff,
    livetime: dataset.livetime,
    gti: dataset.gti,
    metaTable: dataset.metaTable,
    models: dataset.models,
  });
}

/**
 * A MapDataset with background α · n_off (Gammapy's `to_map_dataset`).
 *
 * @param dataset - the on/off dataset
 * @param name - name of the result (default the dataset's)
 * @returns the map dataset (no models, as Gammapy)
 */
export function mapOnOffToMapDataset(dataset: MapDatasetOnOff, name?: string): MapDataset {
  return mapDataset({
    name: name ?? dataset.name,
    counts: dataset.counts,
    exposure: dataset.exposure,
    psf: dataset.psf,
    edisp: dataset.edisp,
    maskSafe: dataset.maskSafe,
    maskFit: dataset.maskFit,
    background: mapOnOffBackground(dataset),
    livetime: dataset.livetime,
    gti: dataset.gti,
    metaTable: dataset.metaTable,
  });
}
