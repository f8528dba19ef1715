/**
 * Helpers for the plain JSON-like trees a config is made of: deep clone, deep merge
 * (Gammapy's `update` semantics), deep freeze.
 */

/** A mutable JSON-like object. */
export type PlainObject = Record<string, unknown>;

/** Recursively read-only view of a config tree. */
export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** Recursively optional version of a config tree, the shape of a partial config. */
export type DeepPartial<T> = T extends unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/**
 * True for `{...}` objects (not arrays, null, dates or class instances).
 *
 * @param value - anything
 * @example
 * ```ts
 * isPlainObject({ a: 1 }); // true
 * isPlainObject([1]);      // false
 * ```
 */
export function isPlainObject(value: unknown): value is PlainObject {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Deep copy of a JSON-like tree (objects, arrays, primitives).
 *
 * @param value - the tree
 * @example
 * ```ts
 * const b = deepClone({ a: [1, 2] }); // b.a is a new array
 * ```
 */
export function deepClone<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => deepClone(v) as unknown) as T;
  if (isPlainObject(value)) {
    const out: PlainObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = deepClone(v);
    return out as T;
  }
  return value;
}

/**
 * Merges `update` into a copy of `base` the way Gammapy's `AnalysisConfig.update` does:
 * objects merge key by key at every depth (free-form `parameters` included), while
 * lists and scalars in `update` replace the old value whole.
 *
 * @param base - the current tree (not modified)
 * @param update - the keys to change (not modified)
 * @example
 * ```ts
 * deepMerge({ a: { x: 1, y: [1, 2] } }, { a: { y: [3] } }); // { a: { x: 1, y: [3] } }
 * ```
 */
export function deepMerge(base: PlainObject, update: PlainObject): PlainObject {
  const out: PlainObject = deepClone(base);
  for (const [k, v] of Object.entries(update)) {
    const old = out[k];
    out[k] = isPlainObject(old) && isPlainObject(v) ? deepMerge(old, v) : deepClone(v);
  }
  return out;
}

/**
 * Freezes a tree in place, at every depth, and returns it.
 *
 * @param value - the tree
 * @example
 * ```ts
 * const t = deepFreeze({ a: { b: 1 } }); // t.a.b = 2 now throws in strict mode
 * ```
 */
export function deepFreeze<T>(value: T): DeepReadonly<T> {
  if (value !== null && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value as DeepReadonly<T>;
}
