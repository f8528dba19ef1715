/**
 * MapDatasetMaker: reduces one observation to a map dataset on the reference's
 * geometries, as Gammapy 1.0's `MapDatasetMaker` — counts binned from the events,
 * exposure (aeff × live time) on the counts image with the true-energy axis, background
 * from the IRF (missing rates interpolated along energy, a 2D template padded in offset),
 * PSF map and edisp kernel map on the coarse IRF grid, all-true safe mask, GTIs and meta.
 * It applies no offset cut: that is SafeMaskMaker's "offset-max" (and the DatasetsMaker's
 * cut-out), as in Gammapy.
 */
import { DataError, silentLogger } from "@gammats/core";
import type { Logger } from "@gammats/core";
import {
  Background2D,
  Background3D,
  EffectiveAreaTable2D,
  EnergyDispersion2D,
  PSF3D,
  ParametricPSF,
  makeEdispKernelMap as makeEdispKernelMapIrf,
  makeMapBackgroundIrf,
  makeMapExposureTrueEnergy,
  makePsfMap as makePsfMapIrf,
} from "@gammats/irf";
import type { BackgroundIrf, Irf, PsfIrf } from "@gammats/irf";
import { WcsNDMap, checkMapMemory } from "@gammats/maps";
import type { WcsGeom } from "@gammats/maps";
import type { Observation } from "@gammats/data-store";
import { isEdispMap, isPsfMap, makeEdispKernelMap, makePsfMap, mapDataset } from "@gammats/datasets";
import type { AnyMapDataset, EDispKernelMapLike, MapDataset, PsfMapLike } from "@gammats/datasets";
import { filledBackground, padOffset } from "../background-at-region.js";
import { makeMetaTable, observationGti } from "../dataset-meta.js";
import { requireIrf } from "../irf-access.js";
import { observationFixedPointing } from "./fixed-pointing.js";
import { makeMapCounts } from "./map-counts.js";

/** What a MapDatasetMaker can make. */
export const MAP_SELECTION = ["counts", "exposure", "background", "psf", "edisp"] as const;

/** One of {@link MAP_SELECTION}. */
export type MapSelection = (typeof MAP_SELECTION)[number];

/** Options of {@link MapDatasetMaker} (Gammapy's arguments, camelCase). */
export interface MapDatasetMakerOptions {
  /** What to make; default all of {@link MAP_SELECTION} (config `datasets.map_selection`). */
  selection?: readonly MapSelection[];
  /** Oversampling of the reco energy axis when integrating the background rate; default none. */
  backgroundOversampling?: number;
  /** Interpolate zero / non-finite background rates along energy (log). Default true. */
  backgroundInterpMissingData?: boolean;
  /** Pad a 2D background by one offset bin on each side (edge values). Default true. */
  backgroundPadOffset?: boolean;
}

const isAeff = (irf: Irf): irf is EffectiveAreaTable2D => irf instanceof EffectiveAreaTable2D;
const isEdisp = (irf: Irf): irf is EnergyDispersion2D => irf instanceof EnergyDispersion2D;
const isBackground = (irf: Irf): irf is Background2D | Background3D => irf instanceof Background2D || irf instanceof Background3D;
const isPsf = (irf: Irf): irf is Irf & PsfIrf => irf instanceof PSF3D || irf instanceof ParametricPSF;

/**
 * Makes map datasets from observations.
 *
 * @example
 * ```ts
 * const reference = createMapDataset(geom, { energyAxisTrue, binszIrf: 0.2, name: "stacked" });
 * const dataset = new MapDatasetMaker().run(reference, observation);
 * dataset.counts!.data;   // events binned in [energy, lat, lon]
 * dataset.livetime;       // 1581.26 s for H.E.S.S. run 23592
 * ```
 */
export class MapDatasetMaker {
  /** Gammapy's tag. */
  readonly tag = "MapDatasetMaker";
  /** What is made. */
  readonly selection: readonly MapSelection[];
  /** Background energy oversampling, if any. */
  readonly backgroundOversampling: number | undefined;
  /** Whether missing background rates are interpolated. */
  readonly backgroundInterpMissingData: boolean;
  /** Whether a 2D background is padded in offset. */
  readonly backgroundPadOffset: boolean;

  /**
   * @param options - selection, backgroundOversampling, backgroundInterpMissingData, backgroundPadOffset
   * @throws DataError for an unknown selection entry or a bad oversampling factor
   */
  constructor(options: MapDatasetMakerOptions = {}) {
    const selection = options.selection ?? MAP_SELECTION;
    const bad = selection.filter((s) => !(MAP_SELECTION as readonly string[]).includes(s));
    if (bad.length > 0) {
      throw new DataError(`MapDatasetMaker: ${bad.map((b) => `'${b}'`).join(", ")} is not a valid selection`, { hint: `choose from ${MAP_SELECTION.join(", ")}` });
    }
    this.selection = [...new Set(selection)];
    const f = options.backgroundOversampling;
    if (f !== undefined && !(Number.isInteger(f) && f >= 1)) {
      throw new DataError(`MapDatasetMaker: backgroundOversampling must be a positive integer, got ${f}`, { hint: "give e.g. 2, or leave it out" });
    }
    this.backgroundOversampling = f;
    this.backgroundInterpMissingData = options.backgroundInterpMissingData ?? true;
    this.backgroundPadOffset = options.backgroundPadOffset ?? true;
  }

  /**
   * Exposure [cm2 s] on a geometry with an "energy_true" axis (meta.livetime [s]).
   *
   * @param geom - the geometry
   * @param observation - the observation
   * @returns the exposure map
   */
  makeExposure(geom: WcsGeom, observation: Observation): WcsNDMap {
    const aeff = requireIrf(observation, "aeff", isAeff, "exposure");
    return makeMapExposureTrueEnergy(observation.pointing, observation.observationLiveTimeDuration, aeff, geom);
  }

  /**
   * Background counts on the counts geometry, from the background IRF × on time.
   *
   * @param geom - counts geometry
   * @param observation - the observation
   * @returns the background map
   */
  makeBackground(geom: WcsGeom, observation: Observation): WcsNDMap {
    let bkg: BackgroundIrf = requireIrf(observation, "bkg", isBackground, "background");
    if (this.backgroundInterpMissingData) bkg = filledBackground(bkg);
    if (this.backgroundPadOffset && bkg instanceof Background2D) bkg = padOffset(bkg);
    const options = this.backgroundOversampling === undefined ? {} : { oversampling: this.backgroundOversampling };
    // Only an ALTAZ-aligned 3D background needs the AltAz pointing (a sky transformation
    // at the run's mid time); the others take the ICRS pointing alone.
    const needsAltAz = bkg instanceof Background3D && bkg.fovAlignment === "ALTAZ";
    const pointing = needsAltAz ? observationFixedPointing(observation) : { ra: observation.pointing.ra, dec: observation.pointing.dec };
    return makeMapBackgroundIrf(pointing, observation.observationTimeDuration, bkg, geom, options);
  }

  /**
   * PSF map on a geometry with axes [rad, energy_true], with its exposure.
   *
   * @param geom - PSF map geometry
   * @param observation - the observation
   * @param exposureMap - its exposure on `geom.squash("rad")`, when already made (default: made here)
   * @returns the PSF map
   */
  makePsf(geom: WcsGeom, observation: Observation, exposureMap?: WcsNDMap): PsfMapLike {
    const psf = requireIrf(observation, "psf", isPsf, "psf");
    const exposure = exposureMap ?? this.makeExposure(geom.squash("rad"), observation);
    const map = makePsfMapIrf(psf, observation.pointing, geom, exposure);
    return makePsfMap(map.psfMap, map.exposureMap);
  }

  /**
   * Edisp kernel map on a geometry with axes [energy, energy_true], with its exposure.
   *
   * @param geom - edisp kernel map geometry
   * @param observation - the observation
   * @param exposureMap - its exposure on `geom.squash("energy")`, when already made (default: made here)
   * @returns the kernel map
   */
  makeEdisp(geom: WcsGeom, observation: Observation, exposureMap?: WcsNDMap): EDispKernelMapLike {
    const edisp = requireIrf(observation, "edisp", isEdisp, "edisp");
    const exposure = exposureMap ?? this.makeExposure(geom.squash("energy"), observation);
    const map = makeEdispKernelMapIrf(edisp, observation.pointing, geom, exposure);
    return makeEdispKernelMap(map.edispMap, map.exposureMap);
  }

  /**
   * Reduces one observation.
   *
   * @param dataset - reference MapDataset: its name and geometries are used (counts,
   *   exposure, PSF map and edisp kernel map geometries)
   * @param observation - the observation
   * @param _logger - unused (makers' common signature)
   * @returns a new MapDataset with the same name, safe mask all true
   * @throws DataError for a reference without the geometries the selection needs, a map
   *   above the memory limit (`setMapMemoryLimit`), or missing IRFs
   */
  run(dataset: AnyMapDataset, observation: Observation, _logger: Logger = silentLogger): MapDataset {
    const geom = dataset.counts?.geom;
    if (geom === undefined) {
      throw new DataError(`MapDatasetMaker: reference dataset '${dataset.name}' has no counts geometry`, {
        hint: "create the reference with createMapDataset(geom, { energyAxisTrue, binszIrf })",
      });
    }
    const has = (s: MapSelection): boolean => this.selection.includes(s);
    const need = <T>(value: T | null | undefined, what: string): T => {
      if (value === null || value === undefined) {
        throw new DataError(`MapDatasetMaker: reference dataset '${dataset.name}' has no ${what} geometry`, {
          hint: "create the reference with createMapDataset(geom, { energyAxisTrue, binszIrf })",
        });
      }
      return value;
    };
    let psfGeom: WcsGeom | undefined;
    if (has("psf")) {
      const ref = need(dataset.psf, "PSF map");
      if (!isPsfMap(ref)) throw new DataError(`MapDatasetMaker: the PSF of reference '${dataset.name}' is a fixed kernel, not a PSF map`, { hint: "create the reference with createMapDataset" });
      psfGeom = ref.psfMap.geom;
    }
    let edispGeom: WcsGeom | undefined;
    if (has("edisp")) {
      const ref = need(dataset.edisp, "edisp map");
      if (!isEdispMap(ref)) throw new DataError(`MapDatasetMaker: the edisp of reference '${dataset.name}' is a fixed kernel, not a kernel map`, { hint: "create the reference with createMapDataset" });
      edispGeom = ref.edispMap.geom;
    }
    const exposureGeom = has("exposure") ? need(dataset.exposure, "exposure").geom : undefined;
    // Fail before any work when a map would not fit the memory limit (the maps package's guard).
    for (const [g, what] of [[exposureGeom, "exposure"], [psfGeom, "PSF map"], [edispGeom, "edisp map"], [geom, "counts / background"]] as const) {
      if (g !== undefined) checkMapMemory(g.dataShape, 8, `MapDatasetMaker ${what} of '${dataset.name}'`);
    }
    const exposure = exposureGeom === undefined ? null : this.makeExposure(exposureGeom, observation);
    // The PSF and edisp maps usually share their image and true-energy axis: their
    // exposures are then the same numbers, computed once.
    const psfExposure = psfGeom === undefined ? undefined : this.makeExposure(psfGeom.squash("rad"), observation);
    const psf = psfGeom === undefined ? null : this.makePsf(psfGeom, observation, psfExposure);
    let edispExposure: WcsNDMap | undefined;
    if (psfExposure !== undefined && edispGeom !== undefined && sameImageAndTrueEnergy(psfGeom!, edispGeom)) {
      edispExposure = new WcsNDMap(edispGeom.squash("energy"), psfExposure.data.slice(), psfExposure.unit, { ...psfExposure.meta });
    }
    const edisp = edispGeom === undefined ? null : this.makeEdisp(edispGeom, observation, edispExposure);
    return mapDataset({
      name: dataset.name,
      counts: has("counts") ? makeMapCounts(geom, observation.events) : WcsNDMap.fromGeom(geom),
      exposure,
      background: has("background") ? this.makeBackground(geom, observation) : null,
      psf,
      edisp,
      maskSafe: new WcsNDMap(geom, new Uint8Array(geom.size).fill(1)),
      gti: observationGti(observation),
      metaTable: makeMetaTable(observation),
    });
  }
}

/** Same image grid and energy_true axis (the only one an exposure depends on besides the pixels). */
function sameImageAndTrueEnergy(a: WcsGeom, b: WcsGeom): boolean {
  if (a.npix[0] !== b.npix[0] || a.npix[1] !== b.npix[1] || !a.wcs.equals(b.wcs, 0)) return false;
  const ta = a.axes.find((x) => x.name === "energy_true");
  const tb = b.axes.find((x) => x.name === "energy_true");
  if (ta === undefined || tb === undefined || a.axes.length !== 2 || b.axes.length !== 2) return false;
  // Exactly: the exposure is evaluated at these centres.
  const ca = ta.centersIn("TeV");
  const cb = tb.centersIn("TeV");
  return ca.length === cb.length && ca.every((v, i) => v === cb[i]);
}
