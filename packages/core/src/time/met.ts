/**
 * Mission elapsed time (MET) as GADF DL3 and the FITS time standard define it: seconds
 * (TIMEUNIT) since the reference MJDREFI + MJDREFF (or MJDREF) in the scale TIMESYS.
 */
import { DataError } from "../errors.js";
import { addSecondsTwoPart, convertTwoPart } from "./convert.js";
import { SECONDS_PER_DAY, parseTimeScale } from "./scales.js";
import type { TimeScale } from "./scales.js";
import { Time } from "./time.js";

/** The reference of a mission elapsed time: epoch and unit. */
export interface TimeRef {
  /** The reference instant, in the scale of the times (TIMESYS), TIMEZERO included. */
  readonly epoch: Time;
  /** Unit of MET values as TIMEUNIT writes it ("s", "d", ...). */
  readonly unit: string;
  /** Seconds per MET unit [s]. */
  readonly unitSeconds: number;
  /** TIMEREF: where the times are measured ("LOCAL" for IACT event lists). */
  readonly timeRef: string;
}

/** A FITS header (anything with `get(key)`, e.g. the fits Header or a Map) or a plain record. */
export type HeaderLike = { get(key: string): unknown } | Readonly<Record<string, unknown>>;

/** Options of {@link timeRefFromHeader}. */
export interface TimeRefOptions {
  /** Scale when TIMESYS is missing; default "tt" as Gammapy 1.0 assumes. */
  defaultScale?: TimeScale;
  /** Where the header came from (file, HDU), for error messages. */
  source?: string;
}

// FITS time paper (Rots et al. 2015), table of TIMEUNIT values; a = Julian year.
const UNIT_SECONDS: Readonly<Record<string, number>> = {
  s: 1,
  min: 60,
  h: 3600,
  d: SECONDS_PER_DAY,
  a: 365.25 * SECONDS_PER_DAY,
  yr: 365.25 * SECONDS_PER_DAY,
};

// FITS TIMESYS values and the scale they mean (TDT, ET and IAT are old names).
const TIMESYS_SCALE: Readonly<Record<string, TimeScale>> = {
  TT: "tt",
  TDT: "tt",
  ET: "tt",
  TAI: "tai",
  IAT: "tai",
  UTC: "utc",
  TDB: "tdb",
  UT1: "ut1",
};

function reader(header: HeaderLike): (key: string) => unknown {
  const h = header as { get?: unknown };
  if (typeof h.get === "function") return (key) => (header as { get(key: string): unknown }).get(key);
  const rec = header as Readonly<Record<string, unknown>>;
  return (key) => rec[key] ?? rec[key.toLowerCase()];
}

function where(source: string | undefined): string {
  return source ? ` in ${source}` : "";
}

function numberValue(get: (key: string) => unknown, key: string, source?: string): number | undefined {
  const v = get(key);
  if (v === undefined || v === null) return undefined;
  const n = typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
  if (!Number.isFinite(n)) {
    throw new DataError(`header keyword ${key}${where(source)} is ${JSON.stringify(String(v))}, not a number`, {
      hint: `write ${key} as a number, e.g. ${key} = 51910`,
    });
  }
  return n;
}

function stringValue(get: (key: string) => unknown, key: string): string | undefined {
  const v = get(key);
  return v === undefined || v === null ? undefined : String(v).trim();
}

/**
 * Read the MET reference from an event-list or GTI header (GADF DL3 / FITS time standard).
 *
 * Reads MJDREFI + MJDREFF (or the single MJDREF), TIMESYS (default TT, as Gammapy 1.0),
 * TIMEUNIT (default "s"), TIMEREF (default "LOCAL") and TIMEZERO (default 0, added to the
 * epoch as the FITS standard says; Gammapy 1.0 ignores it, IACT files do not use it).
 *
 * @param header - a FITS header (anything with `get(key)`) or a plain record of keywords
 * @param options - `defaultScale` when TIMESYS is absent, `source` for error messages
 * @returns the reference
 * @throws DataError when the reference keywords are missing or not numbers, or TIMESYS or
 *   TIMEUNIT has an unsupported value
 * @example
 * ```ts
 * const ref = timeRefFromHeader({ MJDREFI: 51910, MJDREFF: 0.000742870370370241, TIMESYS: "TT" });
 * metToTime(123890826, ref).utc().isot; // "2004-12-04T22:07:06.000"
 * ```
 */
export function timeRefFromHeader(header: HeaderLike, options: TimeRefOptions = {}): TimeRef {
  const get = reader(header);
  const { source } = options;
  const mjdrefi = numberValue(get, "MJDREFI", source);
  const mjdreff = numberValue(get, "MJDREFF", source);
  const mjdref = numberValue(get, "MJDREF", source);
  let day: number;
  let frac: number;
  // FITS standard: MJDREFI/MJDREFF take precedence over MJDREF; a missing half counts as 0.
  if (mjdrefi !== undefined || mjdreff !== undefined) {
    day = mjdrefi ?? 0;
    frac = mjdreff ?? 0;
  } else if (mjdref !== undefined) {
    day = Math.floor(mjdref);
    frac = mjdref - day;
  } else {
    throw new DataError(`no time reference${where(source)}: neither MJDREFI + MJDREFF nor MJDREF is present`, {
      hint: "add MJDREFI and MJDREFF (e.g. 51910 and 7.428703703703703e-4 for H.E.S.S.) and TIMESYS to the header",
    });
  }
  const sys = stringValue(get, "TIMESYS");
  let scale: TimeScale;
  if (sys === undefined || sys === "") {
    scale = options.defaultScale ?? "tt";
  } else {
    const s = TIMESYS_SCALE[sys.toUpperCase()];
    if (s === undefined) {
      throw new DataError(`unsupported TIMESYS '${sys}'${where(source)}`, {
        hint: `use one of ${Object.keys(TIMESYS_SCALE).join(", ")}`,
      });
    }
    scale = s;
  }
  const unit = stringValue(get, "TIMEUNIT") || "s";
  const unitSeconds = UNIT_SECONDS[unit.toLowerCase()];
  if (unitSeconds === undefined) {
    throw new DataError(`unsupported TIMEUNIT '${unit}'${where(source)}`, {
      hint: `use one of ${Object.keys(UNIT_SECONDS).join(", ")} (GADF writes 's')`,
    });
  }
  const timeRef = stringValue(get, "TIMEREF") || "LOCAL";
  let epoch = Time.fromMjd(day, scale, frac);
  const zero = numberValue(get, "TIMEZERO", source) ?? 0;
  if (zero !== 0) epoch = epoch.addSeconds(zero * unitSeconds);
  return { epoch, unit, unitSeconds, timeRef };
}

/**
 * Build a MET reference from an epoch, e.g. to write a new event list.
 *
 * @param epoch - the reference instant, in the scale the METs will count (TT for DL3)
 * @param unit - MET unit, "s" (default), "min", "h", "d", "a" or "yr"
 * @param timeRef - TIMEREF, default "LOCAL"
 * @returns the reference
 * @throws DataError for an unsupported unit
 * @example
 * ```ts
 * const ref = makeTimeRef(Time.parse("2001-01-01T00:00:00", { scale: "tt" }));
 * ```
 */
export function makeTimeRef(epoch: Time, unit = "s", timeRef = "LOCAL"): TimeRef {
  const unitSeconds = UNIT_SECONDS[unit.toLowerCase()];
  if (unitSeconds === undefined) {
    throw new DataError(`unsupported MET unit '${unit}'`, { hint: `use one of ${Object.keys(UNIT_SECONDS).join(", ")}` });
  }
  return { epoch, unit, unitSeconds, timeRef };
}

/**
 * The header keywords that write a MET reference (GADF DL3 layout).
 *
 * @param ref - the reference
 * @returns MJDREFI, MJDREFF, TIMESYS, TIMEUNIT and TIMEREF
 * @example
 * ```ts
 * timeRefToHeader(ref); // { MJDREFI: 51910, MJDREFF: 0.000742870370370241, TIMESYS: "TT", TIMEUNIT: "s", TIMEREF: "LOCAL" }
 * ```
 */
export function timeRefToHeader(ref: TimeRef): {
  MJDREFI: number;
  MJDREFF: number;
  TIMESYS: string;
  TIMEUNIT: string;
  TIMEREF: string;
} {
  return {
    MJDREFI: ref.epoch.day,
    MJDREFF: ref.epoch.frac,
    TIMESYS: ref.epoch.scale.toUpperCase(),
    TIMEUNIT: ref.unit,
    TIMEREF: ref.timeRef,
  };
}

/**
 * The instant of a mission elapsed time (in the reference's scale).
 *
 * @param met - elapsed time in the reference's unit (TSTART, an event's TIME)
 * @param ref - the reference
 * @returns the time, in the scale of `ref.epoch`
 * @throws UnitError for a non-finite MET
 * @example
 * ```ts
 * metToTime(123890826, hessRef).isot; // "2004-12-04T22:08:10.184" (TT)
 * ```
 */
export function metToTime(met: number, ref: TimeRef): Time {
  return ref.epoch.addSeconds(met * ref.unitSeconds);
}

/**
 * The mission elapsed time of an instant.
 *
 * @param t - the time, any scale
 * @param ref - the reference
 * @returns elapsed time in the reference's unit
 * @throws DataError when UTC is needed before 1960
 * @example
 * ```ts
 * timeToMet(Time.parse("2004-12-04T22:07:06"), hessRef); // 123890826
 * ```
 */
export function timeToMet(t: Time, ref: TimeRef): number {
  return t.toMet(ref);
}

/**
 * MJDs of many METs, e.g. an event list's TIME column, without allocating per element.
 *
 * Between TT and TAI (and within one scale) it is a shift; other pairs convert each
 * element through the scale kernels. Precision: one double MJD, ~0.3 µs at MJD 60000.
 *
 * @param met - elapsed times in the reference's unit
 * @param ref - the reference
 * @param scale - scale of the output MJDs, default the reference's (TT for DL3)
 * @param out - output array (length >= met.length), allocated when omitted
 * @param dut1 - UT1 - UTC [s] when UT1 is involved, default the epoch's `dut1`
 * @returns `out`; NaN where UTC would fall before 1960
 * @throws UnitError for an unknown scale; DataError when `out` is too short
 * @example
 * ```ts
 * metToMjd(events.TIME, ref, "utc"); // Float64Array of UTC MJDs
 * ```
 */
export function metToMjd(
  met: ArrayLike<number>,
  ref: TimeRef,
  scale: TimeScale | string = ref.epoch.scale,
  out: Float64Array = new Float64Array(met.length),
  dut1: number = ref.epoch.dut1,
): Float64Array {
  const target = parseTimeScale(scale);
  if (out.length < met.length) {
    throw new DataError(`output array holds ${out.length} values but ${met.length} METs were given`, {
      hint: "pass an output Float64Array at least as long as the input, or none",
    });
  }
  const n = met.length;
  const u = ref.unitSeconds;
  // MET counts seconds of a uniform scale: TAI seconds for a UTC reference.
  const from = ref.epoch.scale;
  const work: TimeScale = from === "utc" ? "tai" : from;
  const epoch = ref.epoch.withDut1(dut1).toScale(work);
  const atomic = (s: TimeScale): boolean => s === "tt" || s === "tai";
  if (target === work || (atomic(target) && atomic(work))) {
    const e = epoch.toScale(target);
    const d0 = e.day;
    const f0 = e.frac;
    for (let i = 0; i < n; i++) {
      const x = met[i]! * u;
      const q = Math.floor(x / SECONDS_PER_DAY);
      const r = x - q * SECONDS_PER_DAY;
      out[i] = d0 + q + (f0 + r / SECONDS_PER_DAY);
    }
    return out;
  }
  const pq = new Float64Array(2);
  const d0 = epoch.day;
  const f0 = epoch.frac;
  for (let i = 0; i < n; i++) {
    pq[0] = d0;
    pq[1] = f0;
    addSecondsTwoPart(pq, met[i]! * u);
    convertTwoPart(pq, work, target, dut1);
    out[i] = pq[0]! + pq[1]!;
  }
  return out;
}

