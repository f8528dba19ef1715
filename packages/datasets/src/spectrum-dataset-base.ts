/**
 * What SpectrumDataset and SpectrumDatasetOnOff share: the fields of the record and the
 * checks that make them consistent (one reco-energy axis for counts and masks, one
 * true-energy axis for exposure and the edisp kernel, exposure in cm2 s).
 */
import { DataError, isCompatible, toInternal } from "@gammats/core";
import { EDispKernel } from "@gammats/irf";
import { MapAxis, RegionNDMap } from "@gammats/maps";
import { Models, makeName } from "@gammats/modeling";
import type { Model } from "@gammats/modeling";
import { edispKernelMap } from "./edisp-kernel-map.js";
import type { EDispKernelMap } from "./edisp-kernel-map.js";
import type { Gti } from "./gti.js";
import { toMask } from "./mask.js";
import type { MaskInput } from "./mask.js";
import type { MetaTable } from "./meta-table.js";

/** Unit of exposure maps inside gammats. */
export const EXPOSURE_UNIT = "cm2 s";

/** Fields common to both kinds of 1D datasets. */
export interface SpectrumDatasetFields {
  /** Unique name (Gammapy: the OBS_ID for datasets made per observation). */
  readonly name: string;
  /** Counts per reco-energy bin (axis "energy"), or null. */
  readonly counts: RegionNDMap | null;
  /** Exposure per true-energy bin (axis "energy_true") [cm2 s], or null. */
  readonly exposure: RegionNDMap | null;
  /** Energy dispersion (kernel + its stacking exposure), or null (no dispersion). */
  readonly edisp: EDispKernelMap | null;
  /** Safe-data mask per reco bin (1 = safe), or null (all bins). */
  readonly maskSafe: Uint8Array | null;
  /** Fit mask per reco bin (1 = fit), or null (all bins); may be replaced. */
  maskFit: Uint8Array | null;
  /** Livetime [s] (Gammapy: `exposure.meta["livetime"]`), or null when unknown. */
  readonly livetime: number | null;
  /** Good time intervals, or null. */
  readonly gti: Gti | null;
  /** Observations behind the dataset (OBS_ID, ...), or null. */
  readonly metaTable: MetaTable | null;
  /** Models that apply to this dataset (selected by name when set), or null; may be replaced. */
  models: Models | null;
}

/** Inputs common to both dataset constructors; every field optional. */
export interface SpectrumDatasetFieldsInit {
  /** Name; default 8 random hex characters (Gammapy's `make_name`). */
  name?: string;
  /** Counts on the reco energy axis "energy". */
  counts?: RegionNDMap | null;
  /** Exposure on the true energy axis "energy_true", any area × time unit (converted to cm2 s). */
  exposure?: RegionNDMap | null;
  /**
   * Energy dispersion: a kernel map, or a bare kernel (its stacking exposure is then the
   * dataset's exposure, as Gammapy's OGIP reader sets it).
   */
  edisp?: EDispKernelMap | EDispKernel | null;
  /** Safe mask per reco bin. */
  maskSafe?: MaskInput | null;
  /** Fit mask per reco bin. */
  maskFit?: MaskInput | null;
  /** Livetime, seconds or a quantity string ("28 min"). */
  livetime?: number | string | null;
  /** Good time intervals. */
  gti?: Gti | null;
  /** Observations behind the dataset. */
  metaTable?: MetaTable | null;
  /** Models; only those that apply to this dataset's name are kept. */
  models?: Models | Iterable<Model> | null;
}

function checkName(name: string | undefined): string {
  if (name === undefined) return makeName();
  if (typeof name !== "string" || name.trim() === "") {
    throw new DataError(`dataset name ${JSON.stringify(name)} is not a non-empty string`, { hint: "give the dataset a name, e.g. its observation id" });
  }
  return name;
}

/**
 * The single energy axis of a region map, checked by name.
 *
 * @param map - the map
 * @param name - required axis name ("energy" or "energy_true")
 * @param what - what the map is, for messages
 * @returns the axis
 * @throws DataError when the map has other axes
 */
export function singleEnergyAxis(map: RegionNDMap, name: string, what: string): MapAxis {
  const axes = map.geom.axes;
  const axis = axes[0];
  if (axes.length !== 1 || !(axis instanceof MapAxis) || axis.name !== name) {
    throw new DataError(`${what} has axes [${axes.map((a) => a.name).join(", ")}], a spectrum dataset needs exactly [${name}]`, {
      hint: name === "energy_true" ? "build it on the true energy axis (MapAxis named 'energy_true')" : "build it on the reco energy axis (MapAxis named 'energy')",
    });
  }
  return axis;
}

/**
 * True when two energy axes have the same bins (edges in TeV within 1e-6 relative).
 *
 * @param a - first axis
 * @param b - second axis
 * @returns whether they bin energy the same way
 */
export function sameEnergyBins(a: MapAxis, b: MapAxis): boolean {
  if (a.nbin !== b.nbin) return false;
  const ea = a.edgesIn("TeV");
  const eb = b.edgesIn("TeV");
  for (let i = 0; i < ea.length; i++) if (!(Math.abs(ea[i]! - eb[i]!) <= 1e-6 * Math.abs(eb[i]!))) return false;
  return true;
}

function describeEdges(axis: MapAxis): string {
  const e = axis.edgesIn("TeV");
  return `${axis.nbin} bins, ${e[0]}–${e[e.length - 1]} TeV`;
}

/**
 * Checks a reco-energy map against the dataset's reco axis.
 *
 * @param map - the map or null
 * @param axis - the reco axis (undefined: this map defines it)
 * @param what - what the map is, for messages
 * @param unit - required unit ("" for counts-like maps)
 * @returns the map's axis (or undefined for null)
 * @throws DataError for other axes or units
 */
export function checkRecoMap(map: RegionNDMap | null | undefined, axis: MapAxis | undefined, what: string, unit = ""): MapAxis | undefined {
  if (map === null || map === undefined) return axis;
  const own = singleEnergyAxis(map, "energy", what);
  if (axis !== undefined && !sameEnergyBins(own, axis)) {
    throw new DataError(`${what} is binned as ${describeEdges(own)}, the counts as ${describeEdges(axis)}`, {
      hint: "all reco-energy maps of a dataset must share the counts' energy axis",
    });
  }
  if (unit === "" && map.unit.trim() !== "" && map.unit.trim() !== "ct" && map.unit.trim() !== "count") {
    throw new DataError(`${what} has unit '${map.unit}', expected counts (dimensionless)`, { hint: "give counts as plain numbers" });
  }
  return axis ?? own;
}

function checkLivetime(livetime: number | string | null | undefined, name: string): number | null {
  if (livetime === null || livetime === undefined) return null;
  const value = typeof livetime === "number" ? livetime : toInternal(livetime, "time");
  if (!Number.isFinite(value) || value < 0) {
    throw new DataError(`livetime of dataset '${name}' is ${livetime}`, { hint: "give a finite livetime >= 0 in seconds, e.g. 1800 or '30 min'" });
  }
  return value;
}

function checkExposure(exposure: RegionNDMap | null | undefined, name: string): RegionNDMap | null {
  if (exposure === null || exposure === undefined) return null;
  singleEnergyAxis(exposure, "energy_true", `exposure of dataset '${name}'`);
  if (!isCompatible(exposure.unit, EXPOSURE_UNIT)) {
    throw new DataError(`exposure of dataset '${name}' has unit '${exposure.unit}', expected an area × time`, { hint: "give it in cm2 s or m2 s" });
  }
  return exposure.toUnit(EXPOSURE_UNIT);
}

function checkEdisp(
  edisp: EDispKernelMap | EDispKernel | null | undefined,
  exposure: RegionNDMap | null,
  recoAxis: MapAxis | undefined,
  name: string,
): EDispKernelMap | null {
  if (edisp === null || edisp === undefined) return null;
  const map = edisp instanceof EDispKernel ? edispKernelMap(edisp, null) : edisp;
  const [trueAxis, kernelReco] = map.kernel.axes as [MapAxis, MapAxis];
  if (exposure !== null && !sameEnergyBins(trueAxis, exposure.geom.axes[0] as MapAxis)) {
    throw new DataError(
      `edisp of dataset '${name}' has true energies of ${describeEdges(trueAxis)}, the exposure ${describeEdges(exposure.geom.axes[0] as MapAxis)}`,
      { hint: "make the kernel on the exposure's true-energy axis" },
    );
  }
  if (recoAxis !== undefined && !sameEnergyBins(kernelReco, recoAxis)) {
    throw new DataError(`edisp of dataset '${name}' has reco energies of ${describeEdges(kernelReco)}, the counts ${describeEdges(recoAxis)}`, {
      hint: "make the kernel on the counts' reco-energy axis",
    });
  }
  if (edisp instanceof EDispKernel) return edispKernelMap(edisp, exposure?.data ?? null);
  return map;
}

/**
 * Validates the common inputs and returns the common fields.
 *
 * @param init - the inputs
 * @param recoMaps - the kind-specific reco-energy maps (background, counts_off, ...) with names
 * @returns the fields and the reco axis (undefined when no reco map is given)
 * @throws DataError naming the dataset and the offending input
 */
export function checkCommonFields(
  init: SpectrumDatasetFieldsInit,
  recoMaps: readonly [RegionNDMap | null | undefined, string][],
): { fields: SpectrumDatasetFields; recoAxis: MapAxis | undefined } {
  const name = checkName(init.name);
  let recoAxis = checkRecoMap(init.counts, undefined, `counts of dataset '${name}'`);
  for (const [map, what] of recoMaps) recoAxis = checkRecoMap(map, recoAxis, `${what} of dataset '${name}'`);
  const exposure = checkExposure(init.exposure, name);
  const edisp = checkEdisp(init.edisp, exposure, recoAxis, name);
  const nReco = recoAxis?.nbin ?? edisp?.kernel.nReco;
  const mask = (m: MaskInput | null | undefined, what: string): Uint8Array | null => {
    if (m === null || m === undefined) return null;
    if (nReco === undefined) {
      throw new DataError(`${what} of dataset '${name}' given without counts or another reco-energy map`, { hint: "give the counts (or background) too" });
    }
    return toMask(m, nReco, `${what} of dataset '${name}'`);
  };
  const models = init.models === null || init.models === undefined ? null : (init.models instanceof Models ? init.models : new Models(init.models)).forDataset(name);
  return {
    fields: {
      name,
      counts: init.counts ?? null,
      exposure,
      edisp,
      maskSafe: mask(init.maskSafe, "maskSafe"),
      maskFit: mask(init.maskFit, "maskFit"),
      livetime: checkLivetime(init.livetime, name),
      gti: init.gti ?? null,
      metaTable: init.metaTable ?? null,
      models,
    },
    recoAxis,
  };
}
