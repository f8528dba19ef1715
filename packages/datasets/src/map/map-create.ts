/**
 * Empty map datasets on a geometry, as Gammapy's `MapDataset.create` /
 * `MapDatasetOnOff.create`: zero counts and background, zero exposure on the true-energy
 * axis, a zero PSF map and a diagonal edisp kernel map on a coarser IRF grid, an all-false
 * safe mask and an empty GTI — what makers fill and stacking starts from.
 */
import { DataError } from "@gammats/core";
import type { Time, TimeRef } from "@gammats/core";
import { MapAxis, WcsGeom, WcsNDMap } from "@gammats/maps";
import { createGti } from "../gti.js";
import type { MetaTable } from "../meta-table.js";
import { diagonalEdispKernelMap, zeroPsfMap } from "./irf-map-data.js";
import { mapDatasetOnOff } from "./map-dataset-on-off.js";
import type { MapDatasetOnOff } from "./map-dataset-on-off.js";
import { mapDataset } from "./map-dataset.js";
import type { MapDataset } from "./map-dataset.js";

/** Gammapy's default IRF-map pixel size [deg]. */
export const BINSZ_IRF_DEFAULT = 0.2;

/** Gammapy's default PSF rad axis: 66 bins over 0–0.66 deg. */
export function defaultRadAxis(): MapAxis {
  return MapAxis.fromBounds(0, 0.66, 66, { nodeType: "edges", name: "rad", unit: "deg" });
}

/** Options of {@link createMapDataset}. */
export interface CreateMapDatasetOptions {
  /** True-energy axis of exposure and IRFs (named "energy_true"); default the reco axis renamed. */
  energyAxisTrue?: MapAxis;
  /** IRF-map pixel size [deg]; default 0.2. */
  binszIrf?: number;
  /** PSF rad axis; default {@link defaultRadAxis}. */
  radAxis?: MapAxis;
  /** Reference of the empty GTI; default 2000-01-01 (Gammapy's). */
  referenceTime?: Time | TimeRef;
  /** Name; default random. */
  name?: string;
  /** Observations behind the dataset. */
  metaTable?: MetaTable | null;
}

/** The geometries of a map dataset (Gammapy's `create_map_dataset_geoms`). */
export interface MapDatasetGeoms {
  /** Counts geometry (reco energy). */
  geom: WcsGeom;
  /** Exposure geometry: the counts image on the true-energy axis. */
  geomExposure: WcsGeom;
  /** PSF map geometry: IRF grid on (rad, energy_true). */
  geomPsf: WcsGeom;
  /** Edisp kernel map geometry: IRF grid on (energy, energy_true). */
  geomEdisp: WcsGeom;
}

/**
 * The IRF grid: the image re-binned to `binsz` over the same width (Gammapy's `to_binsz`).
 *
 * @param image - the image geometry
 * @param binsz - pixel size [deg]
 * @returns the coarser image geometry
 */
export function toBinsz(image: WcsGeom, binsz: number): WcsGeom {
  if (image.isAllsky) return WcsGeom.create({ binsz, frame: image.frame, proj: image.projection });
  const c = image.centerSkydir;
  return WcsGeom.create({ skydir: [c.lon, c.lat], binsz, width: image.width, frame: image.frame, proj: image.projection });
}

/**
 * The geometries of a map dataset on `geom` (Gammapy's `create_map_dataset_geoms`).
 *
 * @param geom - counts geometry with an "energy" axis
 * @param options - energyAxisTrue, binszIrf, radAxis
 * @returns the four geometries
 * @throws DataError without an energy axis, or a true axis not named "energy_true"
 */
export function mapDatasetGeoms(geom: WcsGeom, options: CreateMapDatasetOptions = {}): MapDatasetGeoms {
  const reco = geom.axes.find((a) => a.name === "energy");
  if (reco === undefined || geom.axes.length !== 1) {
    throw new DataError(`createMapDataset: the geometry has axes [${geom.axes.map((a) => a.name).join(", ")}], expected [energy]`, {
      hint: "give a WcsGeom with one MapAxis named 'energy' (one bin for 2D)",
    });
  }
  const etrue = options.energyAxisTrue ?? reco.rename("energy_true");
  if (etrue.name !== "energy_true") {
    throw new DataError(`createMapDataset: energyAxisTrue is named '${etrue.name}'`, { hint: "name it 'energy_true'" });
  }
  const image = geom.toImage();
  const irf = toBinsz(image, options.binszIrf ?? BINSZ_IRF_DEFAULT);
  return {
    geom,
    geomExposure: image.toCube([etrue]),
    geomPsf: irf.toCube([options.radAxis ?? defaultRadAxis(), etrue]),
    geomEdisp: irf.toCube([reco, etrue]),
  };
}

function emptyFields(geom: WcsGeom, options: CreateMapDatasetOptions) {
  const g = mapDatasetGeoms(geom, options);
  return {
    ...(options.name === undefined ? {} : { name: options.name }),
    counts: WcsNDMap.fromGeom(g.geom),
    exposure: WcsNDMap.fromGeom(g.geomExposure, { unit: "cm2 s" }),
    psf: zeroPsfMap(g.geomPsf),
    edisp: diagonalEdispKernelMap(g.geomEdisp),
    maskSafe: WcsNDMap.fromGeom(g.geom, { dtype: "bool" }),
    gti: createGti([], [], options.referenceTime),
    metaTable: options.metaTable ?? null,
  };
}

/**
 * An empty MapDataset (Gammapy's `MapDataset.create`).
 *
 * @param geom - counts geometry with an "energy" axis
 * @param options - energyAxisTrue, binszIrf [deg], radAxis, referenceTime, name, metaTable
 * @returns the dataset: zero maps, zero PSF map, diagonal edisp, all-false safe mask, empty GTI
 * @throws DataError for a geometry without an energy axis
 * @example
 * ```ts
 * const energy = MapAxis.fromEnergyBounds(1, 10, 4, { unit: "TeV" });
 * const etrue = MapAxis.fromEnergyBounds(0.5, 20, 10, { unit: "TeV", name: "energy_true" });
 * const geom = WcsGeom.create({ skydir: [83.633, 22.014], binsz: 0.02, width: 2, axes: [energy] });
 * const empty = createMapDataset(geom, { energyAxisTrue: etrue, name: "empty" });
 * empty.exposure?.geom.dataShape; // [10, 100, 100]
 * ```
 */
export function createMapDataset(geom: WcsGeom, options: CreateMapDatasetOptions = {}): MapDataset {
  return mapDataset({ ...emptyFields(geom, options), background: WcsNDMap.fromGeom(geom) });
}

/**
 * An empty MapDatasetOnOff (Gammapy's `MapDatasetOnOff.create`): as {@link createMapDataset}
 * with zero off counts and acceptances instead of a background.
 *
 * @param geom - counts geometry with an "energy" axis
 * @param options - as {@link createMapDataset}
 * @returns the dataset
 */
export function createMapDatasetOnOff(geom: WcsGeom, options: CreateMapDatasetOptions = {}): MapDatasetOnOff {
  return mapDatasetOnOff({
    ...emptyFields(geom, options),
    countsOff: WcsNDMap.fromGeom(geom),
    acceptance: WcsNDMap.fromGeom(geom),
    acceptanceOff: WcsNDMap.fromGeom(geom),
  });
}
