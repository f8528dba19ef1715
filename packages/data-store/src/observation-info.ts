/**
 * Observation metadata from the EVENTS header (Gammapy's `obs_info`): pointing, target,
 * observatory location, dead time, observing mode.
 */
import type { EarthLocation } from "@gammats/core";
import type { FitsValue } from "@gammats/fits";

/** Header keywords as a record (numbers may be written as strings, as in H.E.S.S. obs-index). */
export type MetaRecord = Readonly<Record<string, FitsValue>>;

/** Pointing of an observation from the header. */
export interface Pointing {
  /** RA_PNT, ICRS [deg]. */
  ra: number;
  /** DEC_PNT, ICRS [deg]. */
  dec: number;
  /** ALT_PNT (mean altitude during the run) [deg], when given. */
  alt: number | undefined;
  /** AZ_PNT (mean azimuth during the run) [deg], when given. */
  az: number | undefined;
}

/** How the telescopes tracked: a fixed sky position or a fixed AltAz position. */
export type PointingMode = "POINTING" | "DRIFT";

/**
 * A number-valued keyword (numeric strings accepted); undefined when absent or not a number.
 *
 * @param meta - header record
 * @param key - keyword
 * @example
 * ```ts
 * metaNumber({ GEOLON: "16.5002222222222" }, "GEOLON");   // 16.5002222222222
 * ```
 */
export function metaNumber(meta: MetaRecord, key: string): number | undefined {
  const v = meta[key];
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "string" && v.trim() !== "") {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/**
 * A string-valued keyword; undefined when absent.
 *
 * @param meta - header record
 * @param key - keyword
 */
export function metaString(meta: MetaRecord, key: string): string | undefined {
  const v = meta[key];
  return typeof v === "string" ? v : v === undefined || v === null ? undefined : String(v);
}

/**
 * The pointing keywords, or undefined without RA_PNT/DEC_PNT.
 *
 * @param meta - EVENTS header record
 */
export function pointingFromMeta(meta: MetaRecord): Pointing | undefined {
  const ra = metaNumber(meta, "RA_PNT");
  const dec = metaNumber(meta, "DEC_PNT");
  if (ra === undefined || dec === undefined) return undefined;
  return { ra, dec, alt: metaNumber(meta, "ALT_PNT"), az: metaNumber(meta, "AZ_PNT") };
}

/**
 * The observatory location from GEOLON, GEOLAT and GEOALT (or ALTITUDE) [m], as Gammapy
 * reads it; undefined when any is missing.
 *
 * @param meta - header record
 * @example
 * ```ts
 * locationFromMeta(events.meta);   // { lon: 16.5002222222222, lat: -23.2717777777778, height: 1835 }
 * ```
 */
export function locationFromMeta(meta: MetaRecord): EarthLocation | undefined {
  const lon = metaNumber(meta, "GEOLON");
  const lat = metaNumber(meta, "GEOLAT");
  const height = metaNumber(meta, "GEOALT") ?? metaNumber(meta, "ALTITUDE");
  if (lon === undefined || lat === undefined || height === undefined) return undefined;
  return { lon, lat, height };
}

/**
 * OBS_MODE read as Gammapy does: "DRIFT" means a fixed AltAz position, anything else (or
 * nothing, or H.E.S.S.'s "WOBBLE") a fixed sky position.
 *
 * @param meta - header record
 */
export function pointingModeFromMeta(meta: MetaRecord): PointingMode {
  return metaString(meta, "OBS_MODE")?.trim().toUpperCase() === "DRIFT" ? "DRIFT" : "POINTING";
}
