/**
 * Reading a time value as users and configs write it (number, ISO string, epoch string,
 * Date) into a two-part MJD, with astropy's defaults for format and scale.
 */
import { UnitError } from "../errors.js";
import { setTwoPart } from "./convert.js";
import { byearToTwoPart, jyearToTwoPart, parseEpochString, requireEpochString } from "./epochs.js";
import { isoToTwoPart, looksLikeIso } from "./iso.js";
import { MJD_TO_JD, defaultScaleOf, parseTimeFormat, parseTimeScale } from "./scales.js";
import type { TimeFormat, TimeScale } from "./scales.js";

/**
 * Check that a value is a finite number.
 *
 * @param value - the value
 * @param what - its name for the error message
 * @returns the value
 * @throws UnitError when it is not a finite number
 * @example
 * ```ts
 * requireFinite(53343.92, "MJD"); // 53343.92
 * ```
 */
export function requireFinite(value: number, what: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new UnitError(`${what} must be a finite number, got ${String(value)}`, {
      hint: "pass e.g. 53343.92 for an MJD",
    });
  }
  return value;
}

/**
 * Read a time value into a two-part MJD, like astropy's `Time(value, format=, scale=)`.
 *
 * Without `format`: numbers are MJD, "J…"/"B…" strings epochs, other strings ISO 8601.
 * Without `scale`: TT for epochs, UTC otherwise. A `Date` is read as its UTC ISO string.
 *
 * @param value - number, string or Date
 * @param format - format name, optional
 * @param scale - scale name, optional
 * @param p - receives [integer MJD, fraction of day]
 * @returns the scale of the value
 * @throws UnitError for a malformed value, an unknown format or scale, or a value that
 *   does not fit the format
 * @example
 * ```ts
 * readTimeInput("J2000", undefined, undefined, p); // "tt", p = [51544, 0.5]
 * ```
 */
export function readTimeInput(
  value: string | number | Date,
  format: string | undefined,
  scale: string | undefined,
  p: Float64Array,
): TimeScale {
  let v: string | number;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new UnitError("invalid Date object", { hint: "pass a valid Date or an ISO string" });
    v = value.toISOString();
  } else {
    v = value;
  }
  const f = format === undefined ? guessFormat(v) : parseTimeFormat(format);
  const s = scale === undefined ? defaultScaleOf(f) : parseTimeScale(scale);
  switch (f) {
    case "isot":
    case "iso":
      isoToTwoPart(requireString(v, f), s, p);
      break;
    case "jyear_str":
      jyearToTwoPart(requireEpochString(requireString(v, f), "J"), p);
      break;
    case "byear_str":
      byearToTwoPart(requireEpochString(requireString(v, f), "B"), p);
      break;
    case "mjd":
      setTwoPart(requireNumber(v, f), 0, p);
      break;
    case "jd":
      setTwoPart(requireNumber(v, f) - MJD_TO_JD, 0, p);
      break;
    case "jyear":
      jyearToTwoPart(requireNumber(v, f), p);
      break;
    case "byear":
      byearToTwoPart(requireNumber(v, f), p);
      break;
  }
  return s;
}

function requireString(value: string | number, format: TimeFormat): string {
  if (typeof value !== "string") {
    throw new UnitError(`format '${format}' needs a string, got the number ${value}`, {
      hint: "pass a string such as '2004-12-04T22:04:48' or use format 'mjd'",
    });
  }
  return value;
}

function requireNumber(value: string | number, format: TimeFormat): number {
  const n = typeof value === "number" ? value : value.trim() === "" ? Number.NaN : Number(value);
  if (!Number.isFinite(n)) {
    throw new UnitError(`format '${format}' needs a finite number, got '${String(value)}'`, {
      hint: "pass a number such as 53343.92, or omit the format for ISO strings",
    });
  }
  return n;
}

function guessFormat(value: unknown): TimeFormat {
  if (typeof value === "number") return "mjd";
  if (typeof value !== "string") {
    throw new UnitError(`cannot read a time from ${typeof value} ${String(value)}`, {
      hint: "pass an MJD number, an ISO string such as '2004-12-04T22:04:48' or an epoch such as 'J2000'",
    });
  }
  const epoch = parseEpochString(value);
  if (epoch) return epoch.kind === "J" ? "jyear_str" : "byear_str";
  // Anything starting like a date is read as ISO, so that its error names the bad field.
  if (looksLikeIso(value) || /^\s*\d{4}-/.test(value)) return "isot";
  const numeric = value.trim() !== "" && Number.isFinite(Number(value));
  throw new UnitError(`cannot read the time '${value}'`, {
    hint: numeric
      ? "a number in a string is ambiguous: pass it as a number (MJD) or give format 'mjd', 'jd' or 'jyear'"
      : "write an ISO time such as '2004-12-04T22:04:48' or '2004-12-04', or an epoch such as 'J2000'",
  });
}
