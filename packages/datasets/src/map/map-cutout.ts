/**
 * Cut-outs of map datasets (Gammapy's `MapDataset.cutout`, mode "trim"): every map, mask
 * and IRF map cut around a sky position; GTI, meta table and livetime kept; no models.
 */
import type { AngleInput, SkyDirInput, WcsNDMap } from "@gammats/maps";
import { isEdispMap, isPsfMap } from "./irf-maps.js";
import type { MapDatasetEdisp, MapDatasetPsf } from "./irf-maps.js";
import { makeEdispKernelMap, makePsfMap } from "./irf-map-data.js";
import { checkDatasetName } from "./map-dataset-base.js";
import type { MapDatasetFields } from "./map-dataset-base.js";
import type { AnyMapDataset } from "./map-dataset-on-off.js";

type Width = AngleInput | readonly [AngleInput, AngleInput];

function cut(map: WcsNDMap | null, position: SkyDirInput, width: Width): WcsNDMap | null {
  return map === null ? null : map.cutout(position, width);
}

function cutPsf(psf: MapDatasetPsf | null, position: SkyDirInput, width: Width): MapDatasetPsf | null {
  if (psf === null || !isPsfMap(psf)) return psf; // a fixed kernel serves any cut-out
  return makePsfMap(psf.psfMap.cutout(position, width), cut(psf.exposureMap, position, width));
}

function cutEdisp(edisp: MapDatasetEdisp | null, position: SkyDirInput, width: Width): MapDatasetEdisp | null {
  if (edisp === null || !isEdispMap(edisp)) return edisp;
  return makeEdispKernelMap(edisp.edispMap.cutout(position, width), cut(edisp.exposureMap, position, width));
}

/**
 * A dataset cut out around a position.
 *
 * @param dataset - the dataset
 * @param position - centre: [lon, lat] in the dataset frame, or { lon, lat, frame }
 * @param width - full width [deg or quantity], one value or [lon, lat]
 * @param name - name of the cut-out; default random (as Gammapy)
 * @returns a dataset of the same kind on the cut-out geometry (no models)
 * @throws DataError when the window misses the map
 * @example
 * ```ts
 * const small = mapDatasetCutout(stacked, { lon: 83.63, lat: 22.01, frame: "icrs" }, "1 deg", "crab-cutout");
 * small.counts?.geom.npix; // [50, 50] for 0.02 deg pixels
 * ```
 */
export function mapDatasetCutout<D extends AnyMapDataset>(dataset: D, position: SkyDirInput, width: Width, name?: string): D {
  const common: MapDatasetFields = {
    name: checkDatasetName(name),
    counts: cut(dataset.counts, position, width),
    exposure: cut(dataset.exposure, position, width),
    psf: cutPsf(dataset.psf, position, width),
    edisp: cutEdisp(dataset.edisp, position, width),
    maskSafe: cut(dataset.maskSafe, position, width),
    maskFit: cut(dataset.maskFit, position, width),
    livetime: dataset.livetime,
    gti: dataset.gti,
    metaTable: dataset.metaTable,
    models: null,
  };
  if (dataset.tag === "MapDataset") return { ...common, tag: "MapDataset", background: cut(dataset.background, position, width) } as D;
  return {
    ...common,
    tag: "MapDatasetOnOff",
    countsOff: cut(dataset.countsOff, position, width),
    acceptance: cut(dataset.acceptance, position, width),
    acceptanceOff: cut(dataset.acceptanceOff, position, width),
  } as D;
}
