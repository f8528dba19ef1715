/**
 * Checks of the values the schema marks with the custom `kind` keyword: quantities with
 * units (through `parseQuantity` of @gammats/core), astropy time strings (through
 * `Time.parse`), paths and log level names.
 */
import { GammatsError, Time, parseLogLevel, parseQuantity } from "@gammats/core";
import type { ValueKind } from "./schema.js";

/** A failed check: what is wrong and how to fix it. */
export interface KindProblem {
  message: string;
  hint: string;
}

/** What to write for each kind, used in hints. */
export const KIND_EXAMPLES: Readonly<Record<ValueKind, string>> = {
  angle: "'0.1 deg'",
  energy: "'1 TeV'",
  time: "'2019-12-01T20:00:00' (UTC; a date alone means midnight)",
  path: "'$GAMMAPY_DATA/hess-dl3-dr1' or 'data/obs-index.fits.gz'",
  "log-level": "debug, info, warning, error or critical",
};

const KIND_NAMES: Readonly<Record<ValueKind, string>> = {
  angle: "an angle",
  energy: "an energy",
  time: "a time",
  path: "a path",
  "log-level": "a log level",
};

/**
 * How the user should describe a value of a kind, e.g. "an angle".
 *
 * @param kind - the value kind
 * @example
 * ```ts
 * kindName("energy"); // "an energy"
 * ```
 */
export function kindName(kind: ValueKind): string {
  return KIND_NAMES[kind];
}

// Python's logging also knows NOTSET (log everything); Gammapy passes the level through.
const EXTRA_LEVELS = new Set(["notset"]);

/**
 * Checks one string value of a kind.
 *
 * @param kind - what the value must be
 * @param value - the string from the config
 * @returns undefined when fine, else the problem
 * @example
 * ```ts
 * checkKind("energy", "3 deg"); // { message: "energy expected, got 3 deg", hint: "write e.g. '3 TeV'" }
 * checkKind("angle", "3 deg");  // undefined
 * ```
 */
export function checkKind(kind: ValueKind, value: string): KindProblem | undefined {
  switch (kind) {
    case "angle":
    case "energy":
      return attempt(() => parseQuantity(value, kind), `write ${kindName(kind)} with its unit, e.g. ${KIND_EXAMPLES[kind]}`);
    case "time":
      // Gammapy hands the string to astropy's Time without a format; numbers (MJD) are
      // ambiguous there and rejected, so only strings reach this check.
      return attempt(() => Time.parse(value), `write e.g. ${KIND_EXAMPLES.time}`);
    case "log-level":
      if (parseLogLevel(value) !== undefined || EXTRA_LEVELS.has(value.trim().toLowerCase())) return undefined;
      return { message: `unknown log level '${value}'`, hint: `Use one of ${KIND_EXAMPLES["log-level"]}` };
    case "path":
      return checkPath(value);
  }
}

function attempt(parse: () => unknown, hint: string): KindProblem | undefined {
  try {
    parse();
    return undefined;
  } catch (e) {
    if (!(e instanceof GammatsError)) throw e;
    // The core message already carries its own hint; keep only the first sentence.
    const message = e.hint ? e.message.slice(0, e.message.length - e.hint.length - 2) : e.message;
    return { message, hint: e.hint ? `${e.hint.charAt(0).toUpperCase()}${e.hint.slice(1)}` : hint };
  }
}

function checkPath(value: string): KindProblem | undefined {
  if (value.trim() === "") return { message: "empty path", hint: `write a path, e.g. ${KIND_EXAMPLES.path}, or null` };
  // "${VAR" without its closing brace would silently stay in the path.
  const open = value.indexOf("${");
  if (open >= 0 && value.indexOf("}", open) < 0) {
    return { message: `unclosed '\${' in path '${value}'`, hint: "write ${VAR} or $VAR" };
  }
  return undefined;
}

/**
 * The astropy formats that could read a time string (astropy reads a list of times with
 * one format, so a list is valid only when its members share one).
 *
 * @param text - a time string that passed {@link checkKind}
 * @example
 * ```ts
 * astropyTimeFormats("2019-12-01");          // ["iso", "isot"]
 * astropyTimeFormats("2019-12-01T10:00:00"); // ["isot"]
 * astropyTimeFormats("J2020.5");             // ["jyear_str"]
 * ```
 */
export function astropyTimeFormats(text: string): string[] {
  const t = text.trim();
  if (t.startsWith("J")) return ["jyear_str"];
  if (t.startsWith("B")) return ["byear_str"];
  if (t.includes("T")) return ["isot"];
  if (t.includes(" ")) return ["iso"];
  return ["iso", "isot"];
}
