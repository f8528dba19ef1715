/**
 * The two ways Gammapy replaces non-finite numbers, kept apart because they differ:
 * numpy's `nan_to_num` (NaN → 0, ±∞ → ±largest double) and the map stacking rule
 * (any non-finite value → 0).
 */

/**
 * numpy's `nan_to_num` of one value: NaN → 0, +∞ → Number.MAX_VALUE, −∞ → −Number.MAX_VALUE.
 *
 * @param x - value
 * @returns the finite replacement
 * @example
 * ```ts
 * nanToNum(1 / 0); // 1.7976931348623157e308
 * ```
 */
export function nanToNum(x: number): number {
  if (x === x) return x === Infinity ? Number.MAX_VALUE : x === -Infinity ? -Number.MAX_VALUE : x;
  return 0;
}

/**
 * The value a map adds when stacked with `nan_to_num=True` (Gammapy's `Map.stack`):
 * non-finite → 0.
 *
 * @param x - value
 * @returns x when finite, else 0
 * @example
 * ```ts
 * finiteOrZero(NaN); // 0
 * ```
 */
export function finiteOrZero(x: number): number {
  return Number.isFinite(x) ? x : 0;
}
