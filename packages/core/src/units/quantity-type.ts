/**
 * The Quantity record: a number with a unit.
 */
import type { Unit } from "./unit.js";

/**
 * A number with a unit, e.g. `{ value: 3, unit: parseUnit("deg") }` for "3 deg".
 * Arrays of values with one unit are `Float64Array` + `Unit` side by side (see
 * {@link convertArray}), never arrays of Quantity.
 */
export interface Quantity {
  /** Numerical value in `unit`. */
  readonly value: number;
  /** Unit of `value`. */
  readonly unit: Unit;
}
