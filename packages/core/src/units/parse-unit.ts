/**
 * Unit-string parser (recursive descent, no eval) for the spellings found in Gammapy
 * configs, FITS TUNIT/BUNIT cards and model files:
 * "cm-2 s-1 TeV-1", "1 / (MeV s sr)", "cm^-2 s^-1", "cm**-2", "m2 s", "m.s-1", "m(1/2)".
 *
 * Grammar (whitespace, "*" and "." multiply; everything after a "/" divides, so
 * "erg / s cm2" is erg/(s cm2) as astropy reads it):
 *
 *   expr     := ( product | <nothing, meaning 1> ) ( "/" product )*
 *   product  := factor ( ["*" | "."] factor )*
 *   factor   := primary ( ("^" | "**") exponent )?
 *   primary  := NUMBER | SYMBOL [attached exponent: "2", "-1", "(1/2)"] | "(" expr ")"
 *   exponent := [+-] NUMBER | "(" [+-] NUMBER [ "/" NUMBER ] ")"
 */
import { UnitError } from "../errors.js";
import { DIMENSIONLESS } from "./dimensions.js";
import { lookupSymbol, SYMBOL_SUGGESTIONS, knownSymbols } from "./unit-table.js";
import { DIMENSIONLESS_UNIT, makeUnit, multiplyUnits, powerUnit, type Unit } from "./unit.js";

type TokenKind = "number" | "symbol" | "op" | "sign";

interface Token {
  kind: TokenKind;
  text: string;
  /** Start column (0-based) in the unit string. */
  pos: number;
  /** Exponent written right after a symbol ("cm2", "s-1", "m(1/2)"); 1 when absent. */
  power: number;
}

const NUMBER_RE = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const SYMBOL_RE = /[A-Za-z_]+/y;
const ATTACHED_POWER_RE = /[+-]?\d+(?!\d|\.\d)/y;
const ATTACHED_PAREN_POWER_RE = /\(\s*([+-]?\d+(?:\.\d+)?)\s*(?:\/\s*(\d+)\s*)?\)/y;

/** Where the unit string sits, for messages: the whole text and the unit's offset in it. */
export interface Source {
  /** Text shown in messages (the unit string, or the whole quantity string). */
  readonly text: string;
  /** "unit string" or "quantity". */
  readonly label: string;
  /** Column of the unit string inside `text` (0-based). */
  readonly offset: number;
}

function fail(src: Source, what: string, pos: number, hint?: string): never {
  throw new UnitError(`${what} at column ${src.offset + pos + 1} of ${src.label} '${src.text}'`, {
    hint: hint ?? "write units as FITS/astropy do, e.g. 'cm-2 s-1 TeV-1' or '1 / (MeV s sr)'",
  });
}

function tokenize(text: string, src: Source): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    NUMBER_RE.lastIndex = i;
    const num = c !== "." || /\d/.test(text[i + 1] ?? "") ? NUMBER_RE.exec(text) : null;
    if (num) {
      tokens.push({ kind: "number", text: num[0], pos: i, power: 1 });
      i += num[0].length;
      continue;
    }
    SYMBOL_RE.lastIndex = i;
    const sym = SYMBOL_RE.exec(text);
    if (sym) {
      const start = i;
      i += sym[0].length;
      let power = 1;
      ATTACHED_POWER_RE.lastIndex = i;
      const ap = ATTACHED_POWER_RE.exec(text);
      if (ap) {
        power = Number(ap[0]);
        i += ap[0].length;
      } else {
        ATTACHED_PAREN_POWER_RE.lastIndex = i;
        const pp = ATTACHED_PAREN_POWER_RE.exec(text);
        if (pp) {
          if (pp[2] !== undefined && Number(pp[2]) === 0) fail(src, "zero denominator in exponent", i);
          power = Number(pp[1]) / (pp[2] === undefined ? 1 : Number(pp[2]));
          i += pp[0].length;
        }
      }
      tokens.push({ kind: "symbol", text: sym[0], pos: start, power });
      continue;
    }
    if (c === "*" && text[i + 1] === "*") {
      tokens.push({ kind: "op", text: "**", pos: i, power: 1 });
      i += 2;
      continue;
    }
    if ("*/.^()".includes(c)) {
      tokens.push({ kind: "op", text: c, pos: i, power: 1 });
      i++;
      continue;
    }
    if (c === "+" || c === "-") {
      tokens.push({ kind: "sign", text: c, pos: i, power: 1 });
      i++;
      continue;
    }
    fail(src, `unexpected character '${c}'`, i);
  }
  return tokens;
}

/** Hint for an unknown symbol: a listed long name, a different case, or two glued symbols. */
function suggestionFor(symbol: string): string {
  const named = SYMBOL_SUGGESTIONS[symbol] ?? SYMBOL_SUGGESTIONS[symbol.toLowerCase()];
  if (named !== undefined) return `did you mean '${named}'?`;
  const lower = symbol.toLowerCase();
  const sameCase = knownSymbols().filter((s) => s.toLowerCase() === lower);
  if (sameCase.length > 0) return `unit symbols are case-sensitive; did you mean '${sameCase[0]!}'?`;
  for (let k = 1; k < symbol.length; k++) {
    const a = symbol.slice(0, k);
    const b = symbol.slice(k);
    if (lookupSymbol(a) && lookupSymbol(b)) return `separate units with a space: '${a} ${b}'`;
  }
  return "known units include eV..PeV, erg, J, deg, rad, arcmin, arcsec, mas, s, ms, min, h, d, yr, mm, cm, m, km, pc, kpc, Mpc, sr, Hz, ct";
}

class Parser {
  private i = 0;
  constructor(
    private readonly src: Source,
    private readonly tokens: Token[],
    private readonly length: number,
  ) {}

  parse(): Unit {
    const u = this.expr();
    const t = this.tokens[this.i];
    if (t) fail(this.src, `unexpected '${t.text}'`, t.pos);
    return u;
  }

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private isOp(t: Token | undefined, op: string): boolean {
    return t !== undefined && t.kind === "op" && t.text === op;
  }

  private expr(): Unit {
    // A leading "/" ("/s", "5 / s" in a quantity) divides 1, as astropy reads it.
    let u = this.isOp(this.peek(), "/") ? DIMENSIONLESS_UNIT : this.product();
    while (this.isOp(this.peek(), "/")) {
      this.i++;
      u = multiplyUnits(u, powerUnit(this.product(), -1));
    }
    return u;
  }

  private startsPrimary(t: Token | undefined): boolean {
    return t !== undefined && (t.kind === "number" || t.kind === "symbol" || this.isOp(t, "("));
  }

  private product(): Unit {
    let u = this.factor();
    for (;;) {
      const t = this.peek();
      if (this.isOp(t, "*") || this.isOp(t, ".")) {
        this.i++;
        u = multiplyUnits(u, this.factor());
      } else if (this.startsPrimary(t)) {
        u = multiplyUnits(u, this.factor());
      } else {
        return u;
      }
    }
  }

  private factor(): Unit {
    const base = this.primary();
    const t = this.peek();
    if (this.isOp(t, "^") || this.isOp(t, "**")) {
      this.i++;
      return powerUnit(base, this.exponent());
    }
    return base;
  }

  private signedNumber(): number {
    let sign = 1;
    const s = this.peek();
    if (s?.kind === "sign") {
      sign = s.text === "-" ? -1 : 1;
      this.i++;
    }
    const n = this.peek();
    if (n?.kind !== "number") this.unexpected(n, "a number (exponent)");
    this.i++;
    return sign * Number(n.text);
  }

  private exponent(): number {
    if (!this.isOp(this.peek(), "(")) return this.signedNumber();
    this.i++;
    let p = this.signedNumber();
    if (this.isOp(this.peek(), "/")) {
      this.i++;
      const den = this.signedNumber();
      if (den === 0) fail(this.src, "zero denominator in exponent", this.tokens[this.i - 1]!.pos);
      p /= den;
    }
    this.expect(")");
    return p;
  }

  private expect(op: string): void {
    const t = this.peek();
    if (!this.isOp(t, op)) this.unexpected(t, `'${op}'`);
    this.i++;
  }

  private unexpected(t: Token | undefined, wanted: string): never {
    if (t === undefined) fail(this.src, `unexpected end, expected ${wanted}`, this.length);
    fail(this.src, `unexpected '${t.text}', expected ${wanted}`, t.pos);
  }

  private primary(): Unit {
    const t = this.peek();
    if (t === undefined) this.unexpected(t, "a unit");
    if (t.kind === "number") {
      this.i++;
      const v = Number(t.text);
      if (!(v > 0) || !Number.isFinite(v)) fail(this.src, `scale factor '${t.text}' must be positive and finite`, t.pos);
      return makeUnit(DIMENSIONLESS, v, v, []);
    }
    if (t.kind === "symbol") {
      this.i++;
      const def = lookupSymbol(t.text);
      if (def === undefined) fail(this.src, `unknown unit '${t.text}'`, t.pos, suggestionFor(t.text));
      const u = makeUnit(def.dims, def.scale, 1, [{ symbol: def.symbol, power: 1 }]);
      return t.power === 1 ? u : powerUnit(u, t.power);
    }
    if (this.isOp(t, "(")) {
      this.i++;
      const u = this.expr();
      this.expect(")");
      return u;
    }
    this.unexpected(t, "a unit");
  }
}

// Units come from a handful of distinct strings (TUNIT cards, config values); caching
// makes per-column and per-row parsing free. Bounded so that odd input cannot grow it.
const CACHE = new Map<string, Unit>();
const CACHE_LIMIT = 1024;

/**
 * Parses a unit string as written in Gammapy configs, FITS TUNIT/BUNIT cards and model
 * files. "" (and whitespace) is dimensionless; "count"/"counts"/"ct" are dimensionless.
 *
 * @param text - unit string, e.g. "cm-2 s-1 TeV-1", "1 / (MeV s sr)", "deg2", ""
 * @returns the unit (frozen; safe to share)
 * @throws UnitError naming the bad token, its column and the whole string, e.g.
 *   "unknown unit 'TeVs' at column 1 of unit string 'TeVs'. separate units with a space: 'TeV s'"
 * @example
 * ```ts
 * const u = parseUnit("cm-2 s-1 TeV-1");
 * u.scale;            // 62415.09074460763 (SI: m-2 s-1 J-1)
 * formatUnit(u);      // "cm-2 s-1 TeV-1"
 * ```
 */
export function parseUnit(text: string): Unit {
  if (typeof text !== "string") {
    throw new UnitError(`unit must be a string, got ${typeof text} ${String(text)}`, {
      hint: "write e.g. 'TeV' or 'cm-2 s-1 TeV-1'",
    });
  }
  const cached = CACHE.get(text);
  if (cached !== undefined) return cached;
  const unit = parseUnitIn(text, { text, label: "unit string", offset: 0 });
  if (CACHE.size >= CACHE_LIMIT) CACHE.clear();
  CACHE.set(text, unit);
  return unit;
}

/**
 * Parses a unit string that is part of a longer text (a quantity), so that errors point
 * at the column in that text. Not cached; not part of the public API.
 *
 * @param unitText - the unit part
 * @param src - the whole text, its label and where the unit part starts
 * @throws UnitError as {@link parseUnit}
 */
export function parseUnitIn(unitText: string, src: Source): Unit {
  if (unitText.trim() === "") return DIMENSIONLESS_UNIT;
  return new Parser(src, tokenize(unitText, src), unitText.length).parse();
}
