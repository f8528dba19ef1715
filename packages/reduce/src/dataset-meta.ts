/**
 * What a dataset records about the observation it was made from: the GTIs and the meta
 * table (Gammapy's `MapDatasetMaker.make_meta_table`).
 */
import { createGti, createMetaTable } from "@gammats/datasets";
import type { Gti, MetaTable } from "@gammats/datasets";
import type { Observation } from "@gammats/data-store";

/**
 * The meta table of one observation: TELESCOP (from the effective area, "Unknown" when
 * absent), OBS_ID, OBS_MODE and the pointing — RA_PNT/DEC_PNT for tracking runs,
 * ALT_PNT/AZ_PNT for drift scans.
 *
 * @param observation - the observation
 * @returns the table
 * @example
 * ```ts
 * makeMetaTable(observation).columns.OBS_ID; // [23592]
 * ```
 */
export function makeMetaTable(observation: Observation): MetaTable {
  const telescop = observation.aeff?.meta.TELESCOP;
  const values: Record<string, number | string> = {
    TELESCOP: typeof telescop === "string" ? telescop : "Unknown",
    OBS_ID: observation.obsId,
  };
  const p = observation.pointing;
  if (observation.pointingMode === "DRIFT") {
    values.OBS_MODE = "DRIFT";
    values.ALT_PNT = p.alt ?? NaN;
    values.AZ_PNT = p.az ?? NaN;
    return createMetaTable(values, { ALT_PNT: "deg", AZ_PNT: "deg" });
  }
  values.OBS_MODE = "POINTING";
  values.RA_PNT = p.ra;
  values.DEC_PNT = p.dec;
  return createMetaTable(values, { RA_PNT: "deg", DEC_PNT: "deg" });
}

/**
 * The observation's GTIs as a dataset keeps them (METs after the file's reference).
 *
 * @param observation - the observation (its time filter applied)
 * @returns the GTI record
 */
export function observationGti(observation: Observation): Gti {
  const gti = observation.gti;
  return createGti(gti.start, gti.stop, gti.timeRef);
}
