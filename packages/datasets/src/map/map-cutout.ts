/**
 * Cut-outs of map datasets (Gammapy's `MapDataset.cutout`, mode "trim"): every map, mask
 * and IRF map cut around a sky position; GTI, meta table and livetime kept; no models.
 */
import { WcsNDMap } from "@gammats/maps";
import type { AngleInput, SkyDirInput } from "@gammats/maps";
import { isEdispMap, isPsfMap } from "./irf-maps.js";
import type { MapDatasetEdisp, MapDatasetPsf } from "./irf-maps.js";
import { makeEdispKernelMap, makePsfMap } from "./irf-map-data.js";
import { checkDatasetName } from "./map-dataset-base.js";
import type { MapDatasetFields } from "./map-dataset-base.js";
import type { AnyMapDataset } from "./map-dataset-on-off.js";

type Width = AngleInput | readonly [AngleInput, AngleInput];

/** How maps are cut: with their values, or as zeros on the cut-out geometry. */
type Cut = (map: WcsNDMap, position: SkyDirInput, width: Width) => WcsNDMap;

const withValues: Cut = (map, position, width) => map.cutout(position, width);

const zerosOnly: Cut = (map, position, width) =>
  WcsNDMap.fromGeom(map.geom.cutout(position, width), { dtype: map.dtype, unit: map.unit, meta: { ...map.meta } });

function cut(how: Cut, map: WcsNDMap | null, position: SkyDirInput, width: Width): WcsNDMap | null {
  return map === null ? null : how(map, position, width);
}

function cutPsf(how: Cut, psf: MapDatasetPsf | null, position: SkyDirInput, width: Width): MapDatasetPsf | null {
  if (psf === null || !isPsfMap(psf)) return psf; // a fixed kernel serves any cut-out
  return makePsfMap(how(psf.psfMap, position, width), cut(how, psf.exposureMap, position, width));
}

function cutEdisp(how: Cut, edisp: MapDatasetEdisp | null, position: SkyDirInput, width: Width): MapDatasetEdisp | null {
  if (edisp === null || !isEdispMap(edisp)) return edisp;
  return makeEdispKernelMap(how(edisp.edispMap, position, width), cut(how, edisp.exposureMap, position, width));
}

/** Options of {@link mapDatasetCutout}. */
export interface MapDatasetCutoutOptions {
  /**
   * Copy the maps' values (default true). False: every map is zeros on its cut-out
   * geometry (same dtype and unit) — for a maker that reads only the geometries of the
   * dataset it is given (MapDatasetMaker), which then skips copying large IRF maps.
   */
  values?: boolean;
}

/**
 * A dataset cut out around a position.
 *
 * @param dataset - the dataset
 * @param position - centre: [lon, lat] in the dataset frame, or { lon, lat, frame }
 * @param width - full width [deg or quantity], one value or [lon, lat]
 * @param name - name of the cut-out; default random (as Gammapy)
 * @param options - values: copy the maps' values (default true) or make zeros
 * @returns a dataset of the same kind on the cut-out geometry (no models)
 * @throws DataError when the window misses the map
 * @example
 * ```ts
 * const small = mapDatasetCutout(stacked, { lon: 83.63, lat: 22.01, frame: "icrs" }, "1 deg", "crab-cutout");
 * small.counts?.geom.npix; // [50, 50] for 0.02 deg pixels
 * ```
 */
export function mapDatasetCutout<D extends AnyMapDataset>(
  dataset: D,
  position: SkyDirInput,
  width: Width,
  name?: string,
  options: MapDatasetCutoutOptions = {},
): D {
  const how = (options.values ?? true) ? withValues : zerosOnly;
  const common: MapDatasetFields = {
    name: checkDatasetName(name),
    counts: cut(how, dataset.counts, position, width),
    exposure: cut(how, dataset.exposure, position, width),
    psf: cutPsf(how, dataset.psf, position, width),
    edisp: cutEdisp(how, dataset.edisp, position, width),
    maskSafe: cut(how, dataset.maskSafe, position, width),
    maskFit: cut(how, dataset.maskFit, position, width),
    livetime: dataset.livetime,
    gti: dataset.gti,
    metaTable: dataset.metaTable,
    models: null,
  };
  if (dataset.tag === "MapDataset") return { ...common, tag: "MapDataset", background: cut(how, dataset.background, position, width) } as D;
  return {
    ...common,
    tag: "MapDatasetOnOff",
    countsOff: cut(how, dataset.countsOff, position, width),
    acceptance: cut(how, dataset.acceptance, position, width),
    acceptanceOff: cut(how, dataset.acceptanceOff, position, width),
  } as D;
}
