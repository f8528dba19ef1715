/**
 * The adapter from @gammats/datasets' MapDataset / MapDatasetOnOff records to the map
 * estimators' {@link MapEstimatorDataset}: predicted background and model counts from the
 * datasets package's evaluators, the edisp kernel at the edisp map's centre.
 */
import { DataError } from "@gammats/core";
import { edispKernelAt, isEdispMap, mapNpredBackground, mapNpredSignal } from "@gammats/datasets";
import type { AnyMapDataset } from "@gammats/datasets";
import type { WcsGeom } from "@gammats/maps";
import type { MapEdispKernel, MapEstimatorDataset } from "./map-estimator-dataset.js";

/** The safe mask per reco bin at the counts pixel nearest to a direction. */
function safeAt(safe: ArrayLike<number>, geom: WcsGeom, at: { lon: number; lat: number; frame: string }): Uint8Array {
  const [nx, ny] = geom.npix;
  const pix = geom.skyToPix(Float64Array.of(at.lon), Float64Array.of(at.lat), at.frame);
  const ix = Math.min(nx - 1, Math.max(0, Math.round(pix.x[0]!)));
  const iy = Math.min(ny - 1, Math.max(0, Math.round(pix.y[0]!)));
  return Uint8Array.from({ length: geom.planeCount }, (_, p) => (safe[p * nx * ny + iy * nx + ix] ? 1 : 0));
}

/**
 * The estimator view of a map dataset at its current model parameters: counts, predicted
 * background (FoV norm applied) and model counts (so maps are relative to the fitted
 * models, as Gammapy's), masks, exposure, the off measurement of an on-off dataset, and the
 * edisp kernel Gammapy's `estimate_exposure_reco_energy` uses — the one at the edisp map's
 * centre, with the safe mask there as the weights of merged reco bins (read at the nearest
 * counts pixel; Gammapy interpolates it onto the edisp grid).
 *
 * @param dataset - a MapDataset or MapDatasetOnOff with counts
 * @returns the arrays (the record's own, not copied, except computed npred maps)
 * @throws DataError without counts, or an on-off dataset without off counts and acceptances
 * @example
 * ```ts
 * const maps = new ExcessMapEstimator({ correlationRadius: "0.1 deg" }).run(mapEstimatorDataset(stacked));
 * ```
 */
export function mapEstimatorDataset(dataset: AnyMapDataset): MapEstimatorDataset {
  const counts = dataset.counts;
  if (counts === null) throw new DataError(`map dataset '${dataset.name}' has no counts`, { hint: "the estimators need observed counts" });
  const geom = counts.geom;
  const hasSignal = (dataset.models?.skyModels().some((m) => m.datasetsNames?.includes(dataset.name) ?? true) ?? false) && dataset.exposure !== null;
  let edisp: MapEdispKernel | undefined;
  if (dataset.edisp !== null) {
    const kernel = edispKernelAt(dataset.edisp, undefined);
    const centre = isEdispMap(dataset.edisp) ? dataset.edisp.edispMap.geom.centerSkydir : geom.centerSkydir;
    edisp = { matrix: kernel.pdfMatrix, maskSafe: dataset.maskSafe === null ? undefined : safeAt(dataset.maskSafe.data, geom, centre) };
  }
  const base: MapEstimatorDataset = {
    name: dataset.name,
    geom,
    counts: counts.data,
    npredSignal: hasSignal ? mapNpredSignal(dataset).data : undefined,
    maskSafe: dataset.maskSafe?.data,
    maskFit: dataset.maskFit?.data,
    exposure: dataset.exposure === null ? undefined : { energyAxisTrue: dataset.exposure.geom.axes[0]!, data: dataset.exposure.data },
    edisp,
  };
  if (dataset.tag === "MapDataset") return { ...base, background: mapNpredBackground(dataset)?.data };
  const { countsOff, acceptance, acceptanceOff } = dataset;
  if (countsOff === null || acceptance === null || acceptanceOff === null) {
    throw new DataError(`on-off dataset '${dataset.name}' has no off counts or acceptances`, { hint: "give counts_off, acceptance and acceptance_off" });
  }
  return { ...base, onOff: { countsOff: countsOff.data, acceptance: acceptance.data, acceptanceOff: acceptanceOff.data } };
}
