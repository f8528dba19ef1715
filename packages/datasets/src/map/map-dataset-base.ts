/**
 * What MapDataset and MapDatasetOnOff share: the fields of the record and the checks that
 * make them consistent — one reco-energy sky geometry for counts, background and masks,
 * the same image with a true-energy axis for the exposure (cm2 s), PSF and edisp on those
 * true (and reco) axes.
 */
import { DataError, conversionFactor, isCompatible, toInternal } from "@gammats/core";
import { EDispKernel } from "@gammats/irf";
import { WcsNDMap } from "@gammats/maps";
import type { MapAxis, WcsGeom } from "@gammats/maps";
import { Models, makeName } from "@gammats/modeling";
import type { Model } from "@gammats/modeling";
import type { Gti } from "../gti.js";
import type { MetaTable } from "../meta-table.js";
import { sameEnergyBins } from "../spectrum-dataset-base.js";
import { axisNamed, isEdispMap, isPsfMap } from "./irf-maps.js";
import type { MapDatasetEdisp, MapDatasetPsf } from "./irf-maps.js";

/** Unit of exposure maps inside gammats. */
const EXPOSURE_UNIT = "cm2 s";

/** Fields common to both kinds of map datasets. */
export interface MapDatasetFields {
  /** Unique name. */
  readonly name: string;
  /** Counts on the reco geometry (axis "energy"), float64, or null. */
  readonly counts: WcsNDMap | null;
  /** Exposure on the counts' image with axis "energy_true" [cm2 s], or null. */
  readonly exposure: WcsNDMap | null;
  /** PSF: a PSF map or a fixed kernel, or null (no PSF convolution). */
  readonly psf: MapDatasetPsf | null;
  /** Energy dispersion: a kernel map or a fixed kernel, or null (true = reco bins). */
  readonly edisp: MapDatasetEdisp | null;
  /** Safe mask on the reco geometry (bool map), or null (all bins). */
  readonly maskSafe: WcsNDMap | null;
  /** Fit mask on the reco geometry (bool map), or null; may be replaced. */
  maskFit: WcsNDMap | null;
  /** Livetime [s] (Gammapy: `exposure.meta["livetime"]`), or null. */
  readonly livetime: number | null;
  /** Good time intervals, or null. */
  readonly gti: Gti | null;
  /** Observations behind the dataset, or null. */
  readonly metaTable: MetaTable | null;
  /** Sky models and the FoV background model "<name>-bkg", or null; may be replaced. */
  models: Models | null;
}

/** Inputs common to both map dataset constructors; every field optional. */
export interface MapDatasetFieldsInit {
  /** Name; default 8 random hex characters. */
  name?: string;
  /** Counts with an "energy" axis. */
  counts?: WcsNDMap | null;
  /** Exposure with an "energy_true" axis, any area × time unit (converted to cm2 s). */
  exposure?: WcsNDMap | null;
  /** PSF map or fixed kernel. */
  psf?: MapDatasetPsf | null;
  /** Edisp kernel map or fixed kernel (axes energy_true × energy). */
  edisp?: MapDatasetEdisp | null;
  /** Safe mask (any map on the reco geometry; non-zero = safe). */
  maskSafe?: WcsNDMap | null;
  /** Fit mask (any map on the reco geometry; non-zero = fitted). */
  maskFit?: WcsNDMap | null;
  /** Livetime, seconds or a quantity string; default the exposure's meta "livetime". */
  livetime?: number | string | null;
  /** Good time intervals. */
  gti?: Gti | null;
  /** Observations behind the dataset. */
  metaTable?: MetaTable | null;
  /** Models; only those that apply to this dataset's name are kept. */
  models?: Models | Iterable<Model> | null;
}

/**
 * A dataset name: the given one (checked) or a random one.
 *
 * @param name - the name or undefined
 * @returns the name
 * @throws DataError for an empty name
 */
export function checkDatasetName(name: string | undefined): string {
  if (name === undefined) return makeName();
  if (typeof name !== "string" || name.trim() === "") {
    throw new DataError(`dataset name ${JSON.stringify(name)} is not a non-empty string`, { hint: "give the dataset a name, e.g. its observation id" });
  }
  return name;
}

function energyAxisOf(map: WcsNDMap, name: string, what: string): MapAxis {
  const axes = map.geom.axes;
  if (axes.length !== 1 || axes[0]!.name !== name) {
    throw new DataError(`${what} has axes [${map.geom.axes.map((a) => a.name).join(", ")}], a map dataset needs exactly [${name}]`, {
      hint: name === "energy" ? "build it on the reco energy axis (a MapAxis named 'energy'; one bin for 2D)" : "build it on the true energy axis ('energy_true')",
    });
  }
  return axes[0]!;
}

/**
 * Checks a reco-geometry map against the dataset's geometry and returns it as float64.
 *
 * @param map - the map or null
 * @param geom - the reco geometry (undefined: this map defines it)
 * @param what - what the map is, for messages
 * @returns the map (data copied to float64 when stored otherwise) and the geometry
 * @throws DataError for other axes or another pixel grid
 */
export function checkRecoMap(map: WcsNDMap | null | undefined, geom: WcsGeom | undefined, what: string): { map: WcsNDMap | null; geom: WcsGeom | undefined } {
  if (map === null || map === undefined) return { map: null, geom };
  energyAxisOf(map, "energy", what);
  if (geom !== undefined && !map.geom.equals(geom)) {
    throw new DataError(`${what} is on [${map.geom.dataShape.join(", ")}], not on the counts geometry [${geom.dataShape.join(", ")}]`, {
      hint: "all reco maps of a dataset share the counts' pixels and energy axis",
    });
  }
  // Hot loops read float64.
  const out = map.data instanceof Float64Array ? map : map.copy({ data: Float64Array.from(map.data) });
  return { map: out, geom: geom ?? map.geom };
}

/**
 * A bool mask map on the reco geometry (non-zero and non-NaN values are 1).
 *
 * @param map - any map or null
 * @param geom - reco geometry (required when the map is given)
 * @param what - what it is, for messages
 * @returns the mask map or null
 * @throws DataError when it is not on the geometry
 */
export function checkMaskMap(map: WcsNDMap | null | undefined, geom: WcsGeom | undefined, what: string): WcsNDMap | null {
  if (map === null || map === undefined) return null;
  if (geom !== undefined && !map.geom.equals(geom)) {
    throw new DataError(`${what} is not on the counts geometry [${geom.dataShape.join(", ")}]`, { hint: "make masks on the counts geometry" });
  }
  if (map.isMask) return map;
  return new WcsNDMap(map.geom, Uint8Array.from(map.data, (v) => (v !== 0 && v === v ? 1 : 0)));
}

function checkExposure(exposure: WcsNDMap | null | undefined, geom: WcsGeom | undefined, name: string): WcsNDMap | null {
  if (exposure === null || exposure === undefined) return null;
  const what = `exposure of dataset '${name}'`;
  energyAxisOf(exposure, "energy_true", what);
  if (!isCompatible(exposure.unit, EXPOSURE_UNIT)) {
    throw new DataError(`${what} has unit '${exposure.unit}', expected an area × time`, { hint: "give it in cm2 s or m2 s" });
  }
  if (geom !== undefined && !exposure.geom.toImage().equals(geom.toImage())) {
    throw new DataError(`${what} is not on the counts' pixel grid`, { hint: "make the exposure on geom.toImage().toCube([energy_true])" });
  }
  const scale = conversionFactor(exposure.unit, EXPOSURE_UNIT);
  if (scale === 1 && exposure.unit.trim() === EXPOSURE_UNIT && exposure.data instanceof Float64Array) return exposure;
  return exposure.copy({ data: Float64Array.from(exposure.data, (v) => v * scale), unit: EXPOSURE_UNIT });
}

function checkPsf(psf: MapDatasetPsf | null | undefined, exposure: WcsNDMap | null, name: string): MapDatasetPsf | null {
  if (psf === null || psf === undefined) return null;
  const trueAxis = exposure === null ? undefined : exposure.geom.axes[0]!;
  const map = isPsfMap(psf) ? psf.psfMap : psf.psfKernelMap;
  const what = isPsfMap(psf) ? `PSF map of dataset '${name}'` : `PSF kernel of dataset '${name}'`;
  if (map.geom.axes.length === 0 && !isPsfMap(psf)) return psf;
  const axis = axisNamed(map, "energy_true", what);
  if (trueAxis !== undefined && !sameEnergyBins(axis, trueAxis)) {
    throw new DataError(`${what} has ${axis.nbin} true-energy bins that differ from the exposure's ${trueAxis.nbin}`, {
      hint: "make the PSF on the exposure's true-energy axis",
    });
  }
  return psf;
}

function checkEdisp(edisp: MapDatasetEdisp | null | undefined, exposure: WcsNDMap | null, geom: WcsGeom | undefined, name: string): MapDatasetEdisp | null {
  if (edisp === null || edisp === undefined) return null;
  const what = `edisp of dataset '${name}'`;
  let trueAxis: MapAxis;
  let recoAxis: MapAxis;
  if (isEdispMap(edisp)) {
    trueAxis = axisNamed(edisp.edispMap, "energy_true", what);
    recoAxis = axisNamed(edisp.edispMap, "energy", what);
  } else if (edisp instanceof EDispKernel) {
    [trueAxis, recoAxis] = edisp.axes as [MapAxis, MapAxis];
  } else {
    throw new DataError(`${what} is neither an EDispKernel nor an edisp kernel map`, { hint: "give an EDispKernel or an EDispKernelMap" });
  }
  if (exposure !== null && !sameEnergyBins(trueAxis, exposure.geom.axes[0]!)) {
    throw new DataError(`${what} has true-energy bins that differ from the exposure's`, { hint: "make the edisp on the exposure's true-energy axis" });
  }
  if (geom !== undefined && !sameEnergyBins(recoAxis, geom.axes[0]!)) {
    throw new DataError(`${what} has reco-energy bins that differ from the counts'`, { hint: "make the edisp on the counts' energy axis" });
  }
  return edisp;
}

function checkLivetime(livetime: number | string | null | undefined, exposure: WcsNDMap | null, name: string): number | null {
  let value: unknown = livetime;
  // Gammapy keeps the livetime in the exposure's meta, written as a quantity string.
  if (value === undefined) value = exposure?.meta["livetime"];
  if (value === null || value === undefined) return null;
  const seconds = typeof value === "number" ? value : typeof value === "string" ? toInternal(value, "time") : NaN;
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new DataError(`livetime of dataset '${name}' is ${String(value)}`, { hint: "give a finite livetime >= 0 in seconds, e.g. 1800 or '30 min'" });
  }
  return seconds;
}

/**
 * Validates the common inputs and returns the common fields.
 *
 * @param init - the inputs
 * @param recoMaps - the kind-specific reco maps (background, counts_off, ...) with names
 * @returns the fields, the kind-specific maps checked (float64), and the reco geometry
 * @throws DataError naming the dataset and the offending input
 */
export function checkMapFields(
  init: MapDatasetFieldsInit,
  recoMaps: readonly [WcsNDMap | null | undefined, string][],
): { fields: MapDatasetFields; maps: (WcsNDMap | null)[]; geom: WcsGeom | undefined } {
  const name = checkDatasetName(init.name);
  const c = checkRecoMap(init.counts, undefined, `counts of dataset '${name}'`);
  let geom = c.geom;
  const maps: (WcsNDMap | null)[] = [];
  for (const [map, what] of recoMaps) {
    const r = checkRecoMap(map, geom, `${what} of dataset '${name}'`);
    geom = r.geom;
    maps.push(r.map);
  }
  const maskSafe = checkMaskMap(init.maskSafe, geom, `maskSafe of dataset '${name}'`);
  const maskFit = checkMaskMap(init.maskFit, geom ?? maskSafe?.geom, `maskFit of dataset '${name}'`);
  geom = geom ?? maskSafe?.geom ?? maskFit?.geom;
  const exposure = checkExposure(init.exposure, geom, name);
  const models =
    init.models === null || init.models === undefined ? null : (init.models instanceof Models ? init.models : new Models(init.models)).forDataset(name);
  return {
    fields: {
      name,
      counts: c.map,
      exposure,
      psf: checkPsf(init.psf, exposure, name),
      edisp: checkEdisp(init.edisp, exposure, geom, name),
      maskSafe,
      maskFit,
      livetime: checkLivetime(init.livetime, exposure, name),
      gti: init.gti ?? null,
      metaTable: init.metaTable ?? null,
      models,
    },
    maps,
    geom,
  };
}

/**
 * Copies the common fields (maps and masks get new arrays; IRFs, GTI, meta and models shared).
 *
 * @param d - the dataset
 * @returns the fields
 */
export function copyMapFields(d: MapDatasetFields): MapDatasetFields {
  return {
    name: d.name,
    counts: d.counts?.copy() ?? null,
    exposure: d.exposure?.copy() ?? null,
    psf: d.psf,
    edisp: d.edisp,
    maskSafe: d.maskSafe?.copy() ?? null,
    maskFit: d.maskFit?.copy() ?? null,
    livetime: d.livetime,
    gti: d.gti,
    metaTable: d.metaTable,
    models: d.models,
  };
}
