/**
 * FitsHeader: the ordered card list of one HDU with fast, case-insensitive lookup.
 */
import { FitsError } from "@gammats/core";
import type { FitsCard } from "./card.js";
import type { FitsValue, FitsWhere } from "./types.js";

/** Normalises a keyword for lookup: upper case, without a "HIERARCH " prefix. */
function normKey(key: string): string {
  const k = key.trim().toUpperCase();
  return k.startsWith("HIERARCH ") ? k.slice(9).trim() : k;
}

/** Anything that can be turned into a card: a card object or a `[key, value, comment]` tuple. */
export type CardInput =
  | (Partial<Omit<FitsCard, "key">> & { key: string })
  | readonly [key: string, value: FitsValue | undefined, comment?: string];

/**
 * The header of one HDU: cards in file order plus a keyword index (first occurrence wins,
 * as in astropy). Getters that take no fallback throw a {@link FitsError} naming the
 * file, HDU and keyword, so readers of required keywords need no checks of their own.
 *
 * @example
 * ```ts
 * const h = file.hdu("EVENTS").header;
 * h.getNumber("LIVETIME");          // 1521.02685546875
 * h.getString("OBJECT");            // "MSH15-52"
 * h.getNumber("DEADC", 1);          // fallback when missing
 * for (const card of h) console.log(card.key, card.value);
 * ```
 */
export class FitsHeader implements Iterable<FitsCard> {
  /** Where the header comes from (file, HDU), used in error messages. */
  readonly where: FitsWhere;
  private readonly list: FitsCard[];
  private index: Map<string, number>;

  /**
   * @param cards - cards in order (copied; tuples and partial cards are completed)
   * @param where - file and HDU for error messages
   */
  constructor(cards: Iterable<CardInput> = [], where: FitsWhere = {}) {
    this.where = where;
    this.list = [];
    for (const c of cards) this.list.push(toCard(c));
    this.index = new Map();
    this.reindex();
  }

  private reindex(): void {
    this.index.clear();
    for (let i = 0; i < this.list.length; i++) {
      const k = this.list[i].key;
      if (!this.index.has(k)) this.index.set(k, i);
    }
  }

  /** The cards in file order (do not mutate; use {@link FitsHeader.set}). */
  get cards(): readonly FitsCard[] {
    return this.list;
  }

  /** Number of logical cards (CONTINUE cards merged). */
  get length(): number {
    return this.list.length;
  }

  /** Iterates the cards in file order. */
  [Symbol.iterator](): Iterator<FitsCard> {
    return this.list[Symbol.iterator]();
  }

  /** Distinct keywords in order of first appearance (commentary keywords included). */
  keys(): string[] {
    return [...this.index.keys()];
  }

  /** True if the keyword is present (case-insensitive; "HIERARCH " prefix optional). */
  has(key: string): boolean {
    return this.index.has(normKey(key));
  }

  /** The first card with this keyword, or undefined. */
  card(key: string): FitsCard | undefined {
    const i = this.index.get(normKey(key));
    return i === undefined ? undefined : this.list[i];
  }

  /**
   * The value of the first card with this keyword; undefined when absent, `null` when
   * the keyword has an undefined value.
   */
  get(key: string): FitsValue | undefined {
    return this.card(key)?.value;
  }

  /** The comment of the first card with this keyword ("" when none or absent). */
  comment(key: string): string {
    return this.card(key)?.comment ?? "";
  }

  /** All cards with this keyword, e.g. every HISTORY card. */
  getAll(key: string): FitsCard[] {
    const k = normKey(key);
    return this.list.filter((c) => c.key === k);
  }

  /** The texts of the COMMENT cards. */
  comments(): string[] {
    return this.getAll("COMMENT").map((c) => c.comment);
  }

  /** The texts of the HISTORY cards. */
  history(): string[] {
    return this.getAll("HISTORY").map((c) => c.comment);
  }

  private missing(key: string, what: string): FitsError {
    return new FitsError(`missing ${what} keyword ${normKey(key)}`, { ...this.where, key: normKey(key) }, {
      hint: "check that this is the right HDU or pass a fallback value",
    });
  }

  private wrongType(key: string, what: string, value: unknown): FitsError {
    const shown = typeof value === "string" ? `'${value}'` : String(value);
    return new FitsError(`keyword ${normKey(key)} should be ${what}, found ${shown}`, {
      ...this.where,
      key: normKey(key),
    });
  }

  /**
   * A numeric value (64-bit integers converted to the nearest double).
   *
   * @param key - keyword (case-insensitive)
   * @param fallback - returned when the keyword is absent or undefined
   * @throws FitsError when absent without fallback, or not a number
   * @example
   * ```ts
   * header.getNumber("NAXIS2");      // 11243
   * header.getNumber("BSCALE", 1);   // 1 when absent
   * ```
   */
  getNumber(key: string, fallback?: number): number {
    const v = this.get(key);
    if (v === undefined || v === null) {
      if (fallback !== undefined) return fallback;
      throw this.missing(key, "numeric");
    }
    if (typeof v === "number") return v;
    if (typeof v === "bigint") return Number(v);
    throw this.wrongType(key, "a number", v);
  }

  /**
   * An integer value, exact: `number` when it is a safe integer, otherwise `bigint`.
   *
   * @param key - keyword (case-insensitive)
   * @param fallback - returned when the keyword is absent or undefined
   * @throws FitsError when absent without fallback, or not an integer
   * @example
   * ```ts
   * header.getInteger("TZERO1");   // 2147483648
   * ```
   */
  getInteger(key: string, fallback?: number | bigint): number | bigint {
    const v = this.get(key);
    if (v === undefined || v === null) {
      if (fallback !== undefined) return fallback;
      throw this.missing(key, "integer");
    }
    if (typeof v === "bigint" || (typeof v === "number" && Number.isInteger(v))) return v;
    throw this.wrongType(key, "an integer", v);
  }

  /**
   * A string value (trailing spaces already removed).
   *
   * @param key - keyword (case-insensitive)
   * @param fallback - returned when the keyword is absent or undefined
   * @throws FitsError when absent without fallback, or not a string
   * @example
   * ```ts
   * header.getString("EXTNAME");         // "EVENTS"
   * header.getString("HDUCLAS2", "");    // "" when absent
   * ```
   */
  getString(key: string, fallback?: string): string {
    const v = this.get(key);
    if (v === undefined || v === null) {
      if (fallback !== undefined) return fallback;
      throw this.missing(key, "string");
    }
    if (typeof v === "string") return v;
    throw this.wrongType(key, "a string", v);
  }

  /**
   * A logical (T/F) value.
   *
   * @param key - keyword (case-insensitive)
   * @param fallback - returned when the keyword is absent or undefined
   * @throws FitsError when absent without fallback, or not logical
   * @example
   * ```ts
   * header.getBoolean("EXTEND", false);   // true
   * ```
   */
  getBoolean(key: string, fallback?: boolean): boolean {
    const v = this.get(key);
    if (v === undefined || v === null) {
      if (fallback !== undefined) return fallback;
      throw this.missing(key, "logical");
    }
    if (typeof v === "boolean") return v;
    throw this.wrongType(key, "logical (T or F)", v);
  }

  /**
   * Sets the value (and comment) of the first card with this keyword, or appends a card.
   * Commentary keywords (COMMENT, HISTORY) always append.
   *
   * @param key - keyword; longer than 8 characters or with spaces becomes a HIERARCH card
   * @param value - the value; `null` writes an undefined value
   * @param comment - comment; kept from the existing card when omitted
   * @example
   * ```ts
   * header.set("OBS_ID", 20136, "observation number");
   * ```
   */
  set(key: string, value: FitsValue, comment?: string): this {
    const k = normKey(key);
    const i = this.index.get(k);
    if (i === undefined || k === "COMMENT" || k === "HISTORY" || k === "") {
      this.append({ key: k, value, comment: comment ?? "" });
    } else {
      const old = this.list[i];
      // Keep a float card a float (2000 stays "2000.0") when the new value is a number.
      const kind = old.kind === "float" && typeof value === "number" ? "float" : undefined;
      this.list[i] = toCard({ key: k, value, comment: comment ?? old.comment, hierarch: old.hierarch, kind });
    }
    return this;
  }

  /** Appends a card at the end. */
  append(card: CardInput): this {
    const c = toCard(card);
    this.list.push(c);
    if (!this.index.has(c.key)) this.index.set(c.key, this.list.length - 1);
    return this;
  }

  /** Removes every card with this keyword; returns how many were removed. */
  remove(key: string): number {
    const k = normKey(key);
    const before = this.list.length;
    for (let i = this.list.length - 1; i >= 0; i--) if (this.list[i].key === k) this.list.splice(i, 1);
    if (before !== this.list.length) this.reindex();
    return before - this.list.length;
  }

  /** A copy (cards copied, `where` kept). */
  clone(): FitsHeader {
    return new FitsHeader(
      this.list.map((c) => ({ ...c })),
      this.where,
    );
  }
}

/** Infers the written kind of a value. */
function kindOf(value: FitsValue | undefined): FitsCard["kind"] {
  if (value === undefined) return "commentary";
  if (value === null) return "undefined";
  switch (typeof value) {
    case "string":
      return "string";
    case "boolean":
      return "logical";
    case "bigint":
      return "integer";
    case "number":
      return Number.isSafeInteger(value) ? "integer" : "float";
    default:
      return "complex";
  }
}

/**
 * Completes a card input into a {@link FitsCard}: key normalised, kind inferred from the
 * value unless given (give `kind: "float"` to write 2000 as `2000.0`).
 *
 * @param input - a card object or a `[key, value, comment]` tuple
 * @example
 * ```ts
 * toCard(["EQUINOX", 2000, "epoch"]);   // { key: "EQUINOX", value: 2000, comment: "epoch", kind: "integer" }
 * ```
 */
export function toCard(input: CardInput): FitsCard {
  let key: string;
  let value: FitsValue | undefined;
  let comment: string;
  let kind: FitsCard["kind"] | undefined;
  let hierarch: boolean | undefined;
  let invalid: boolean | undefined;
  if (Array.isArray(input)) {
    const t = input as readonly [string, FitsValue | undefined, string?];
    [key, value, comment] = [t[0], t[1], t[2] ?? ""];
  } else {
    const c = input as Partial<FitsCard> & { key: string };
    key = c.key;
    value = c.value;
    comment = c.comment ?? "";
    kind = c.kind;
    hierarch = c.hierarch;
    invalid = c.invalid;
  }
  const k = normKey(key);
  const commentary = k === "COMMENT" || k === "HISTORY" || k === "";
  if (commentary) return { key: k, value: undefined, comment, kind: "commentary" };
  let resolved = kind ?? kindOf(value);
  if (resolved === "float" && typeof value !== "number") resolved = kindOf(value);
  if (resolved === "commentary" && value !== undefined) resolved = kindOf(value);
  const card: FitsCard = { key: k, value: resolved === "commentary" ? undefined : value, comment, kind: resolved };
  if (hierarch || k.length > 8 || /[^A-Z0-9_-]/.test(k)) card.hierarch = true;
  if (invalid) card.invalid = true;
  return card;
}
