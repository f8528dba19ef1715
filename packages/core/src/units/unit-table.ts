/**
 * The table of known unit symbols: dimension vector and SI scale of each, with SI
 * prefixes expanded where astronomers use them (keV, kpc, ms, mas, Myr, ...).
 *
 * Only symbols are accepted (no long names such as "parsec"), except the count aliases
 * that FITS files write ("count", "counts"). Long names get a "did you mean" hint.
 */
import type { Dimensions } from "./dimensions.js";

/** One entry of the symbol table. */
export interface UnitDefinition {
  /** Symbol written in canonical strings (aliases map to it, e.g. "count" -> "ct"). */
  readonly symbol: string;
  /** Exponents of length, mass, time, angle. */
  readonly dims: Dimensions;
  /** Value of one unit in SI base units (m, kg, s, rad). */
  readonly scale: number;
}

const L: Dimensions = [1, 0, 0, 0];
const T: Dimensions = [0, 0, 1, 0];
const M: Dimensions = [0, 1, 0, 0];
const A: Dimensions = [0, 0, 0, 1];
const ONE: Dimensions = [0, 0, 0, 0];
const ENERGY: Dimensions = [2, 1, -2, 0];

// Exact SI / IAU definitions (2019 SI; IAU 2012 B2 for au; parsec from au and 1 arcsec).
const ELECTRON_VOLT = 1.602176634e-19; // J
const ASTRONOMICAL_UNIT = 149597870700; // m
const DEGREE = Math.PI / 180; // rad
const ARCSEC = DEGREE / 3600;
const PARSEC = ASTRONOMICAL_UNIT / ARCSEC; // m
const DAY = 86400; // s
const JULIAN_YEAR = 365.25 * DAY; // s

interface BaseEntry {
  symbol: string;
  dims: Dimensions;
  scale: number;
  /** Whether SI prefixes apply (keV, kpc, ...). */
  prefixes: boolean;
}

const BASE: readonly BaseEntry[] = [
  // energy
  { symbol: "eV", dims: ENERGY, scale: ELECTRON_VOLT, prefixes: true },
  { symbol: "J", dims: ENERGY, scale: 1, prefixes: true },
  { symbol: "erg", dims: ENERGY, scale: 1e-7, prefixes: false },
  // power, mass
  { symbol: "W", dims: [2, 1, -3, 0], scale: 1, prefixes: true },
  { symbol: "g", dims: M, scale: 1e-3, prefixes: true },
  // angle and solid angle (sr is rad2, as in astropy)
  { symbol: "rad", dims: A, scale: 1, prefixes: true },
  { symbol: "deg", dims: A, scale: DEGREE, prefixes: false },
  { symbol: "arcmin", dims: A, scale: DEGREE / 60, prefixes: false },
  { symbol: "arcsec", dims: A, scale: ARCSEC, prefixes: false },
  { symbol: "mas", dims: A, scale: ARCSEC * 1e-3, prefixes: false },
  { symbol: "uas", dims: A, scale: ARCSEC * 1e-6, prefixes: false },
  { symbol: "sr", dims: [0, 0, 0, 2], scale: 1, prefixes: false },
  // time (yr is the Julian year, 365.25 d)
  { symbol: "s", dims: T, scale: 1, prefixes: true },
  { symbol: "min", dims: T, scale: 60, prefixes: false },
  { symbol: "h", dims: T, scale: 3600, prefixes: false },
  { symbol: "d", dims: T, scale: DAY, prefixes: false },
  { symbol: "yr", dims: T, scale: JULIAN_YEAR, prefixes: true },
  { symbol: "Hz", dims: [0, 0, -1, 0], scale: 1, prefixes: true },
  // length
  { symbol: "m", dims: L, scale: 1, prefixes: true },
  { symbol: "au", dims: L, scale: ASTRONOMICAL_UNIT, prefixes: false },
  { symbol: "pc", dims: L, scale: PARSEC, prefixes: true },
  // counts and photons: pure numbers here (astropy keeps them as their own base units)
  { symbol: "ct", dims: ONE, scale: 1, prefixes: false },
  { symbol: "ph", dims: ONE, scale: 1, prefixes: false },
];

/** Aliases accepted on input and the symbol they are written as. */
const ALIASES: Readonly<Record<string, string>> = {
  count: "ct",
  counts: "ct",
  photon: "ph",
  photons: "ph",
};

/** Long names that are not accepted, with the symbol to suggest instead. */
export const SYMBOL_SUGGESTIONS: Readonly<Record<string, string>> = {
  parsec: "pc",
  kiloparsec: "kpc",
  megaparsec: "Mpc",
  degree: "deg",
  degrees: "deg",
  radian: "rad",
  radians: "rad",
  arcminute: "arcmin",
  arcsecond: "arcsec",
  steradian: "sr",
  second: "s",
  seconds: "s",
  sec: "s",
  minute: "min",
  minutes: "min",
  hour: "h",
  hours: "h",
  hr: "h",
  day: "d",
  days: "d",
  year: "yr",
  years: "yr",
  meter: "m",
  metre: "m",
  electronvolt: "eV",
  ev: "eV",
  kev: "keV",
  mev: "MeV",
  gev: "GeV",
  tev: "TeV",
  pev: "PeV",
  hertz: "Hz",
  hz: "Hz",
  joule: "J",
  cts: "ct",
};

// SI prefixes; "u" stands for micro as in FITS and astropy.
const PREFIXES: readonly (readonly [string, number])[] = [
  ["Y", 1e24], ["Z", 1e21], ["E", 1e18], ["P", 1e15], ["T", 1e12], ["G", 1e9],
  ["M", 1e6], ["k", 1e3], ["h", 1e2], ["da", 1e1], ["d", 1e-1], ["c", 1e-2],
  ["m", 1e-3], ["u", 1e-6], ["n", 1e-9], ["p", 1e-12], ["f", 1e-15], ["a", 1e-18],
  ["z", 1e-21], ["y", 1e-24],
];

function buildTable(): ReadonlyMap<string, UnitDefinition> {
  const table = new Map<string, UnitDefinition>();
  // Plain symbols first so that a prefixed spelling never shadows one ("min", "mas", "h").
  for (const b of BASE) table.set(b.symbol, { symbol: b.symbol, dims: b.dims, scale: b.scale });
  for (const b of BASE) {
    if (!b.prefixes) continue;
    for (const [p, f] of PREFIXES) {
      const symbol = p + b.symbol;
      if (table.has(symbol)) continue;
      table.set(symbol, { symbol, dims: b.dims, scale: f * b.scale });
    }
  }
  for (const [alias, target] of Object.entries(ALIASES)) table.set(alias, table.get(target)!);
  return table;
}

const TABLE = buildTable();

/**
 * Looks up a unit symbol (case-sensitive, "mm" is not "Mm").
 *
 * @param symbol - a symbol such as "TeV", "cm", "deg", "count"
 * @returns its definition, or undefined when the symbol is unknown
 * @example
 * ```ts
 * lookupSymbol("keV")?.scale;   // 1.602176634e-16
 * lookupSymbol("parsec");       // undefined
 * ```
 */
export function lookupSymbol(symbol: string): UnitDefinition | undefined {
  return TABLE.get(symbol);
}

/** All accepted symbols, including prefixed forms and aliases (for help texts). */
export function knownSymbols(): string[] {
  return [...TABLE.keys()];
}
