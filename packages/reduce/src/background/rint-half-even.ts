/**
 * NumPy's `rint`: rounds to the nearest integer, halves to the even neighbour. Gammapy
 * sizes `WcsGeom.create` images and turns pixel coordinates into indices with it.
 *
 * @param x - the value
 * @returns the rounded value
 * @example
 * ```ts
 * rintHalfEven(2.5);  // 2
 * rintHalfEven(-3.5); // -4
 * ```
 */
export function rintHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
