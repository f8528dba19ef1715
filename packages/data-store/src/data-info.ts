/**
 * Printable summaries of a data store or one of its runs, for `gammats data info`.
 */
import { DataError } from "@gammats/core";
import type { DataStore } from "./data-store.js";
import { HDU_TYPES } from "./hdu-index.js";
import { metaNumber } from "./observation-info.js";
import type { ObservationTable } from "./observation-table.js";

function row(label: string, value: string): string {
  return `  ${label.padEnd(20)}: ${value}`;
}

function fmt(x: number, digits = 4): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(digits + 3))) : "n/a";
}

function storeSummary(store: DataStore): string[] {
  const hdu = store.hduTable;
  const lines = ["Data store", row("HDU index", hdu.file ?? "(in memory)"), row("base folder", hdu.baseDir)];
  lines.push(row("HDU types", hdu.hduTypes.join(", ")), row("HDU classes", hdu.hduClasses.join(", ")));
  const table = store.obsTable;
  if (table === undefined) {
    const ids = hdu.obsIds;
    lines.push(row("observations", `${ids.length} (no observation index)`));
    if (ids.length > 0) lines.push(row("OBS_ID range", `${ids[0]} -- ${ids[ids.length - 1]}`));
    return lines;
  }
  lines.push(row("observations", String(table.length)));
  if (table.length === 0) return lines;
  const ids = Array.from(table.obsId).sort((a, b) => a - b);
  lines.push(row("OBS_ID range", `${ids[0]} -- ${ids[ids.length - 1]}`));
  lines.push(...targets(table));
  const live = liveTimes(table);
  if (live !== undefined) {
    let sum = 0;
    for (const v of live) sum += v;
    lines.push(row("total livetime", `${fmt(sum / 3600)} h (${fmt(sum, 6)} s)`));
  }
  if (table.has("TSTART") && table.has("TSTOP") && table.meta.MJDREFI !== undefined) {
    const t0 = table.column("TSTART");
    const t1 = table.column("TSTOP");
    let first = 0;
    let last = 0;
    for (let i = 1; i < t0.length; i++) {
      if (t0[i] < t0[first]) first = i;
      if (t1[i] > t1[last]) last = i;
    }
    const a = table.timeStart(first);
    const b = table.timeStop(last);
    lines.push(row("time span", `${a.utc().isot} -- ${b.utc().isot} UTC`));
    lines.push(row("", `MJD ${a.mjd.toFixed(5)} -- ${b.mjd.toFixed(5)} (${a.scale.toUpperCase()})`));
  }
  return lines;
}

function liveTimes(table: ObservationTable): Float64Array | undefined {
  if (table.has("LIVETIME")) return table.column("LIVETIME");
  if (table.has("ONTIME") && table.has("DEADC")) {
    const on = table.column("ONTIME");
    const d = table.column("DEADC");
    return Float64Array.from(on, (v, i) => v * d[i]);
  }
  return undefined;
}

function targets(table: ObservationTable): string[] {
  if (!table.has("OBJECT")) return [];
  const counts = new Map<string, number>();
  for (const name of table.strings("OBJECT")) counts.set(name.trim() || "(none)", (counts.get(name.trim() || "(none)") ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = sorted.slice(0, 10).map(([n, c]) => `${n} (${c})`);
  if (sorted.length > 10) shown.push(`... ${sorted.length - 10} more`);
  return [row("targets", `${sorted.length}: ${shown.join(", ")}`)];
}

function runSummary(store: DataStore, obsId: number): string[] {
  const obs = store.obs(obsId, "all-optional");
  const meta = obs.meta;
  const lines = [`Observation ${obsId}`];
  if (obs.object !== undefined) lines.push(row("object", obs.object));
  const p = obs.pointing;
  lines.push(row("pointing (icrs)", `RA ${fmt(p.ra, 6)} deg, Dec ${fmt(p.dec, 6)} deg`));
  if (p.alt !== undefined && p.az !== undefined) lines.push(row("pointing (header)", `Alt ${fmt(p.alt, 5)} deg, Az ${fmt(p.az, 5)} deg`));
  const target = obs.target;
  if (Number.isFinite(target.ra)) lines.push(row("target (icrs)", `RA ${fmt(target.ra, 6)} deg, Dec ${fmt(target.dec, 6)} deg`));
  if (obs.obsMode !== undefined) lines.push(row("obs mode", obs.obsMode));
  const start = obs.tstart;
  const stop = obs.tstop;
  lines.push(row("tstart", `${start.utc().isot} UTC (MJD ${start.mjd.toFixed(6)} ${start.scale.toUpperCase()})`));
  lines.push(row("tstop", `${stop.utc().isot} UTC (MJD ${stop.mjd.toFixed(6)} ${stop.scale.toUpperCase()})`));
  const ontime = metaNumber(meta, "ONTIME");
  if (ontime !== undefined) lines.push(row("ontime", `${fmt(ontime, 6)} s`));
  lines.push(row("livetime", `${fmt(obs.livetime, 6)} s`));
  const deadc = metaNumber(meta, "DEADC");
  if (deadc !== undefined) lines.push(row("deadc", fmt(deadc, 5)));
  const gti = obs.gti;
  lines.push(row("GTIs", `${gti.length}, ${fmt(gti.timeSum, 6)} s`));
  const events = obs.events;
  lines.push(row("events", String(events.length)));
  if (events.length > 0) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const e of events.energy) {
      if (e < lo) lo = e;
      if (e > hi) hi = e;
    }
    lines.push(row("event energies", `${fmt(lo)} -- ${fmt(hi)} TeV`));
  }
  lines.push("  HDUs:");
  for (const type of HDU_TYPES) {
    const loc = obs.locations.get(type);
    lines.push(`    ${type.padEnd(8)} ${loc ? `${loc.hduClass.padEnd(11)} ${loc.fileName} [${loc.hduName}]` : "(none)"}`);
  }
  return lines;
}

/**
 * A printable summary of a data store (runs, targets, total livetime, time span) or, with
 * an id, of one run (pointing, times, livetime, events and their energy range, HDUs
 * present with their classes).
 *
 * @param store - the data store
 * @param obsId - a run to describe instead of the store
 * @returns lines joined by "\n"
 * @throws DataError when the id is not in the store
 * @example
 * ```ts
 * console.log(dataInfo(DataStore.fromDir("$GAMMAPY_DATA/hess-dl3-dr1")));
 * console.log(dataInfo(store, 23523));
 * ```
 */
export function dataInfo(store: DataStore, obsId?: number): string {
  if (obsId === undefined) return storeSummary(store).join("\n");
  if (!Number.isSafeInteger(obsId)) {
    throw new DataError(`observation id ${obsId} is not an integer`, { hint: "give a run number, e.g. --obs 23523" });
  }
  return runSummary(store, obsId).join("\n");
}
