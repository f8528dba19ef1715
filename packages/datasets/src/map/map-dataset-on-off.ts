/**
 * MapDatasetOnOff: a map dataset whose background is measured — off counts with the
 * on/off acceptance ratio α = acceptance / acceptance_off per bin (e.g. from a ring) —
 * fitted with WStat, the background profiled bin by bin (Gammapy's `MapDatasetOnOff`).
 */
import { DataError } from "@gammats/core";
import { WcsNDMap } from "@gammats/maps";
import { nanToNum } from "../non-finite.js";
import { checkMapFields, copyMapFields } from "./map-dataset-base.js";
import type { MapDatasetFields, MapDatasetFieldsInit } from "./map-dataset-base.js";
import { copyMapDataset } from "./map-dataset.js";
import type { MapDataset } from "./map-dataset.js";

/** A map on/off dataset; statistic "wstat". */
export interface MapDatasetOnOff extends MapDatasetFields {
  /** Kind (Gammapy's tag). */
  readonly tag: "MapDatasetOnOff";
  /** Off counts on the reco geometry, or null. */
  readonly countsOff: WcsNDMap | null;
  /** Background efficiency of the on region per bin, or null. */
  readonly acceptance: WcsNDMap | null;
  /** Background efficiency of the off region(s) per bin, or null. */
  readonly acceptanceOff: WcsNDMap | null;
}

/** Either kind of map dataset. */
export type AnyMapDataset = MapDataset | MapDatasetOnOff;

/** Acceptance input: a map, or one number for every bin. */
export type MapAcceptanceInput = WcsNDMap | number;

/** Inputs of {@link mapDatasetOnOff}. */
export interface MapDatasetOnOffInit extends MapDatasetFieldsInit {
  /** Off counts on the counts geometry. */
  countsOff?: WcsNDMap | null;
  /** On acceptance (a number broadcasts, as Gammapy's `from_map_dataset`). */
  acceptance?: MapAcceptanceInput | null;
  /** Off acceptance (a number broadcasts). */
  acceptanceOff?: MapAcceptanceInput | null;
}

function acceptanceMap(value: MapAcceptanceInput | null | undefined, like: WcsNDMap | null, what: string): WcsNDMap | null {
  if (value === null || value === undefined) return null;
  if (value instanceof WcsNDMap) return value;
  if (like === null) {
    throw new DataError(`${what} given as a number without counts or countsOff to take the geometry from`, {
      hint: "give the counts, or the acceptance as a map",
    });
  }
  return new WcsNDMap(like.geom, new Float64Array(like.geom.size).fill(value));
}

/**
 * Creates a MapDatasetOnOff from its maps, checking that they fit together.
 *
 * @param init - the common inputs plus countsOff, acceptance, acceptanceOff (numbers broadcast)
 * @returns the record
 * @throws DataError naming the dataset and input when geometries or units do not fit
 * @example
 * ```ts
 * const onoff = mapDatasetOnOff({ name: "ring", counts, countsOff, acceptance: 1, acceptanceOff: 10, exposure });
 * mapAlpha(onoff)[0]; // 0.1
 * ```
 */
export function mapDatasetOnOff(init: MapDatasetOnOffInit = {}): MapDatasetOnOff {
  const like = init.counts ?? init.countsOff ?? null;
  const { fields, maps } = checkMapFields(init, [
    [init.countsOff, "countsOff"],
    [acceptanceMap(init.acceptance, like, "acceptance"), "acceptance"],
    [acceptanceMap(init.acceptanceOff, like, "acceptanceOff"), "acceptanceOff"],
  ]);
  return { tag: "MapDatasetOnOff", ...fields, countsOff: maps[0] ?? null, acceptance: maps[1] ?? null, acceptanceOff: maps[2] ?? null };
}

/**
 * A copy with new arrays; IRFs, GTI, meta table and models are shared.
 *
 * @param dataset - the dataset
 * @param name - new name, default the same
 * @returns the copy
 */
export function copyMapDatasetOnOff(dataset: MapDatasetOnOff, name?: string): MapDatasetOnOff {
  return {
    ...copyMapFields(dataset),
    tag: "MapDatasetOnOff",
    name: name ?? dataset.name,
    countsOff: dataset.countsOff?.copy() ?? null,
    acceptance: dataset.acceptance?.copy() ?? null,
    acceptanceOff: dataset.acceptanceOff?.copy() ?? null,
  };
}

/**
 * A copy of either kind of map dataset.
 *
 * @param dataset - the dataset
 * @param name - new name, default the same
 * @returns the copy
 */
export function copyAnyMapDataset<D extends AnyMapDataset>(dataset: D, name?: string): D {
  return (dataset.tag === "MapDataset" ? copyMapDataset(dataset, name) : copyMapDatasetOnOff(dataset, name)) as D;
}

// α of each record, computed once: records are immutable apart from models and maskFit.
const alphaCache = new WeakMap<MapDatasetOnOff, Float64Array>();

/**
 * α = acceptance / acceptance_off per bin with numpy's `nan_to_num` (Gammapy's `alpha`);
 * the array is cached per record — do not modify it.
 *
 * @param dataset - the on/off dataset
 * @returns α per bin of the counts geometry
 * @throws DataError when an acceptance is missing
 */
export function mapAlpha(dataset: MapDatasetOnOff): Float64Array {
  let a = alphaCache.get(dataset);
  if (a !== undefined) return a;
  const { acceptance, acceptanceOff } = dataset;
  if (acceptance === null || acceptanceOff === null) {
    throw new DataError(`dataset '${dataset.name}' has no ${acceptance === null ? "acceptance" : "acceptanceOff"}, α is undefined`, {
      hint: "give acceptance and acceptanceOff",
    });
  }
  a = new Float64Array(acceptance.data.length);
  for (let i = 0; i < a.length; i++) a[i] = nanToNum(acceptance.data[i]! / acceptanceOff.data[i]!);
  alphaCache.set(dataset, a);
  return a;
}

/**
 * The measured background α · n_off (Gammapy's `MapDatasetOnOff.background`), or null
 * without off counts.
 *
 * @param dataset - the on/off dataset
 * @returns the background map
 */
export function mapOnOffBackground(dataset: MapDatasetOnOff): WcsNDMap | null {
  if (dataset.countsOff === null) return null;
  const a = mapAlpha(dataset);
  const off = dataset.countsOff.data;
  return new WcsNDMap(dataset.countsOff.geom, Float64Array.from(a, (v, i) => v * off[i]!));
}
