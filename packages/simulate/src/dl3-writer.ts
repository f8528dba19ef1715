/**
 * GADF DL3 run files: EVENTS and GTI tables with the header keywords Gammapy 1.0 and
 * gammats' data store read, followed by the IRF tables, written atomically (gzipped for
 * a ".gz" name). No creation date is written, so the same input gives the same bytes.
 */
import { basename } from "node:path";
import { Time, makeTimeRef, metToTime, timeRefToHeader, transformFrame } from "@gammats/core";
import type { EarthLocation, TimeRef } from "@gammats/core";
import { binTableHdu, imageHdu, writeFitsSync } from "@gammats/fits";
import type { BinTableHduSpec, CardInput, ColumnInput } from "@gammats/fits";

/** GADF documentation address and version written to every HDU. */
export const GADF_KEYWORDS: readonly CardInput[] = Object.freeze([
  ["HDUCLASS", "GADF", "signal conformance with the GADF convention"],
  ["HDUDOC", "https://github.com/open-gamma-ray-astro/gamma-astro-data-formats"],
  ["HDUVERS", "0.3", "GADF version"],
]) as readonly CardInput[];

/**
 * The MET reference the project writes: 2001-01-01T00:00:00 UTC expressed in TT
 * (MJDREFI 51910, MJDREFF 7.4287e-4), the convention of most IACT data.
 *
 * @returns the reference
 */
export function defaultTimeRef(): TimeRef {
  return makeTimeRef(Time.fromIso("2001-01-01T00:00:00", "utc").tt());
}

/** What a run's EVENTS header says about the observation. */
export interface RunMeta {
  /** Observation id (OBS_ID). */
  obsId: number;
  /** Pointing, ICRS [deg]. */
  pointing: { ra: number; dec: number };
  /** Mean pointing altitude and azimuth [deg], when known. */
  altAz?: { alt: number; az: number } | undefined;
  /** Good time intervals, MET [s]; the first start is TSTART, the last stop TSTOP. */
  gti: readonly (readonly [number, number])[];
  /** Livetime [s]; DEADC = LIVETIME / ONTIME. */
  livetime: number;
  /** MET reference; default {@link defaultTimeRef}. */
  timeRef?: TimeRef | undefined;
  /** Target name (OBJECT); default "". */
  object?: string | undefined;
  /** Target position, ICRS [deg] (RA_OBJ, DEC_OBJ). */
  target?: { ra: number; dec: number } | undefined;
  /** OBS_MODE; default "POINTING". */
  obsMode?: string | undefined;
  /** Observatory location (GEOLON, GEOLAT, ALTITUDE). */
  location?: EarthLocation | undefined;
  /** TELESCOP; default "GAMMATS-SIM". */
  telescope?: string | undefined;
  /** INSTRUME; default "synthetic IACT array". */
  instrument?: string | undefined;
  /** Number of telescopes (N_TELS). */
  nTels?: number | undefined;
  /** Extra EVENTS header cards. */
  extra?: readonly CardInput[] | undefined;
}

/** Event columns to write; typed arrays of one length. */
export interface EventColumns {
  /** MET [s]. */
  time: Float64Array;
  /** ICRS right ascension [deg]. */
  ra: Float64Array;
  /** ICRS declination [deg]. */
  dec: Float64Array;
  /** Reconstructed energy [TeV]. */
  energy: Float64Array;
  /** Simulation truth id (MC_ID); omitted from the file when absent. */
  mcId?: Int32Array | undefined;
}

function ontime(gti: readonly (readonly [number, number])[]): number {
  return gti.reduce((s, [a, b]) => s + (b - a), 0);
}

function isoParts(met: number, ref: TimeRef): [string, string] {
  const iso = metToTime(met, ref).utc().isot;
  return [iso.slice(0, 10), iso.slice(11)];
}

function timeCards(ref: TimeRef, gti: readonly (readonly [number, number])[]): CardInput[] {
  const h = timeRefToHeader(ref);
  return [
    ["TSTART", gti[0]![0], "[s] start of the observation (MET)"],
    ["TSTOP", gti[gti.length - 1]![1], "[s] stop of the observation (MET)"],
    ["MJDREFI", h.MJDREFI, "integer part of the reference MJD"],
    ["MJDREFF", h.MJDREFF, "fractional part of the reference MJD"],
    ["TIMEUNIT", h.TIMEUNIT, "unit of TSTART, TSTOP, TIME"],
    ["TIMESYS", h.TIMESYS, "time scale"],
    ["TIMEREF", h.TIMEREF, "where times are measured"],
  ];
}

/**
 * The observation keywords of a run (EVENTS header and obs-index row).
 *
 * @param meta - the run
 * @returns cards in GADF order
 */
export function runCards(meta: RunMeta): CardInput[] {
  const ref = meta.timeRef ?? defaultTimeRef();
  const on = ontime(meta.gti);
  const [dateObs, timeObs] = isoParts(meta.gti[0]![0], ref);
  const [dateEnd, timeEnd] = isoParts(meta.gti[meta.gti.length - 1]![1], ref);
  const gal = transformFrame(meta.pointing.ra, meta.pointing.dec, "icrs", "galactic");
  const cards: CardInput[] = [
    ["TELESCOP", meta.telescope ?? "GAMMATS-SIM", "simulated with @gammats/simulate"],
    ["INSTRUME", meta.instrument ?? "synthetic IACT array"],
    ["OBS_ID", meta.obsId, "observation id"],
    ...timeCards(ref, meta.gti),
    ["DATE-OBS", dateObs, "start date (UTC)"],
    ["TIME-OBS", timeObs, "start time (UTC)"],
    ["DATE-END", dateEnd, "stop date (UTC)"],
    ["TIME-END", timeEnd, "stop time (UTC)"],
    ["TELAPSE", meta.gti[meta.gti.length - 1]![1] - meta.gti[0]![0], "[s] stop - start"],
    ["ONTIME", on, "[s] sum of the good time intervals"],
    ["LIVETIME", meta.livetime, "[s] dead-time corrected observation time"],
    ["DEADC", on > 0 ? meta.livetime / on : 1, "LIVETIME / ONTIME"],
    ["OBJECT", meta.object ?? "", "observed object"],
  ];
  if (meta.target) {
    cards.push(["RA_OBJ", meta.target.ra, "[deg] target right ascension"], ["DEC_OBJ", meta.target.dec, "[deg] target declination"]);
  }
  cards.push(
    ["RA_PNT", meta.pointing.ra, "[deg] pointing right ascension"],
    ["DEC_PNT", meta.pointing.dec, "[deg] pointing declination"],
    ["GLON_PNT", gal.lon, "[deg] pointing galactic longitude"],
    ["GLAT_PNT", gal.lat, "[deg] pointing galactic latitude"],
  );
  if (meta.altAz) {
    cards.push(
      ["ALT_PNT", meta.altAz.alt, "[deg] mean pointing altitude"],
      ["AZ_PNT", meta.altAz.az, "[deg] mean pointing azimuth"],
      ["ZEN_PNT", 90 - meta.altAz.alt, "[deg] mean pointing zenith angle"],
    );
  }
  cards.push(["RADESYS", "ICRS", "equatorial frame"], ["EQUINOX", 2000.0], ["OBS_MODE", meta.obsMode ?? "POINTING", "observation mode"]);
  if (meta.nTels !== undefined) cards.push(["N_TELS", meta.nTels, "number of telescopes"]);
  if (meta.location) {
    cards.push(
      ["GEOLON", meta.location.lon, "[deg] observatory longitude"],
      ["GEOLAT", meta.location.lat, "[deg] observatory latitude"],
      ["ALTITUDE", meta.location.height, "[m] observatory altitude"],
    );
  }
  return cards;
}

/**
 * EVENTS table (GADF `events`): EVENT_ID, TIME, RA, DEC, ENERGY (+ MC_ID), directions
 * and energies stored as float32 as most IACT releases do.
 *
 * @param events - event columns
 * @param meta - the run
 * @returns the HDU description
 * @example
 * ```ts
 * writeFitsSync("run.fits", [imageHdu(), eventsHdu(events, meta), gtiHdu(meta)]);
 * ```
 */
export function eventsHdu(events: EventColumns, meta: RunMeta): BinTableHduSpec {
  const n = events.time.length;
  const id = new BigInt64Array(n);
  for (let i = 0; i < n; i++) id[i] = BigInt(i + 1);
  const columns: ColumnInput[] = [
    { name: "EVENT_ID", data: id },
    { name: "TIME", data: events.time, unit: "s" },
    { name: "RA", data: events.ra, unit: "deg", format: "E" },
    { name: "DEC", data: events.dec, unit: "deg", format: "E" },
    { name: "ENERGY", data: events.energy, unit: "TeV", format: "E" },
  ];
  if (events.mcId) columns.push({ name: "MC_ID", data: events.mcId });
  return binTableHdu({
    name: "EVENTS",
    columns,
    header: [
      ...GADF_KEYWORDS,
      ["HDUCLAS1", "EVENTS", "event list"],
      ...runCards(meta),
      ["EUNIT", "TeV", "energy unit"],
      ...(meta.extra ?? []),
    ],
  });
}

/**
 * GTI table (GADF `gti`).
 *
 * @param meta - the run (its GTIs and time reference)
 * @returns the HDU description
 */
export function gtiHdu(meta: RunMeta): BinTableHduSpec {
  const ref = meta.timeRef ?? defaultTimeRef();
  return binTableHdu({
    name: "GTI",
    columns: [
      { name: "START", data: Float64Array.from(meta.gti, (g) => g[0]), unit: "s" },
      { name: "STOP", data: Float64Array.from(meta.gti, (g) => g[1]), unit: "s" },
    ],
    header: [...GADF_KEYWORDS, ["HDUCLAS1", "GTI", "good time intervals"], ...timeCards(ref, meta.gti)],
  });
}

/** An IRF table of a run and how the hdu-index lists it. */
export interface RunIrfHdu {
  /** HDU_TYPE: "aeff", "edisp", "psf", "bkg" or "rad_max". */
  type: "aeff" | "edisp" | "psf" | "bkg" | "rad_max";
  /** HDU_CLASS, e.g. "aeff_2d", "psf_table", "bkg_2d". */
  hduClass: string;
  /** The table; its name is the HDU_NAME. */
  hdu: BinTableHduSpec;
}

/** One row of the hdu-index. */
export interface HduIndexRow {
  obsId: number;
  hduType: string;
  hduClass: string;
  fileDir: string;
  fileName: string;
  hduName: string;
}

/** What {@link writeDl3Run} wrote, for the index files. */
export interface WrittenRun {
  /** The run's keywords. */
  meta: RunMeta;
  /** Number of events. */
  eventCount: number;
  /** hdu-index rows (FILE_DIR left "" for the caller to set). */
  hdus: HduIndexRow[];
}

/**
 * Writes one DL3 run file: empty primary, EVENTS, GTI, then the IRF tables.
 *
 * @param path - output file (".fits.gz" gzips)
 * @param events - event columns
 * @param meta - the run
 * @param irfs - IRF tables (AEFF, EDISP, PSF, BKG or RAD_MAX), written in the given order
 * @param options - overwrite (default true: the simulator regenerates its outputs)
 * @returns the index rows of the file
 * @throws IoError when writing fails
 */
export function writeDl3Run(
  path: string,
  events: EventColumns,
  meta: RunMeta,
  irfs: readonly RunIrfHdu[],
  options: { overwrite?: boolean } = {},
): WrittenRun {
  const fileName = basename(path);
  const ev = eventsHdu(events, meta);
  const gti = gtiHdu(meta);
  writeFitsSync(path, [imageHdu(), ev, gti, ...irfs.map((i) => i.hdu)], { overwrite: options.overwrite ?? true });
  const row = (hduType: string, hduClass: string, hduName: string): HduIndexRow => ({
    obsId: meta.obsId,
    hduType,
    hduClass,
    fileDir: "",
    fileName,
    hduName,
  });
  return {
    meta,
    eventCount: events.time.length,
    hdus: [row("events", "events", "EVENTS"), row("gti", "gti", "GTI"), ...irfs.map((i) => row(i.type, i.hduClass, i.hdu.name ?? ""))],
  };
}
