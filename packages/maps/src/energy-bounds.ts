/**
 * Argument handling of the energy-axis factories: energies as numbers, strings or
 * quantities, energy units and the two energy axis names.
 */
import { DataError, UnitError, conversionFactor, isCompatible, parseQuantity, parseUnit } from "@gammats/core";
import type { Quantity } from "@gammats/core";

/** Name of an energy axis: reconstructed ("energy") or true ("energy_true"). */
export type EnergyAxisName = "energy" | "energy_true";

/**
 * An energy as a Quantity: a number in `unit` (default TeV), a string such as
 * "300 GeV", or a Quantity.
 *
 * @param value - the energy
 * @param unit - unit of a plain number (default "TeV")
 * @returns the quantity
 * @throws UnitError when a string is not an energy
 * @example
 * ```ts
 * toEnergyQuantity("300 GeV").value; // 300
 * ```
 */
export function toEnergyQuantity(value: number | string | Quantity, unit?: string): Quantity {
  if (typeof value === "number") return { value, unit: parseUnit(unit ?? "TeV") };
  return typeof value === "string" ? parseQuantity(value, "energy") : value;
}

/**
 * The value of an energy in `unit`.
 *
 * @param q - energy
 * @param unit - target unit
 * @returns the value [unit]
 * @throws UnitError when `q` is not an energy
 * @example
 * ```ts
 * energyIn(toEnergyQuantity("300 GeV"), "TeV"); // 0.3
 * ```
 */
export function energyIn(q: Quantity, unit: string): number {
  return q.value * conversionFactor(q.unit, unit);
}

/**
 * Checks that `unit` is an energy unit.
 *
 * @param unit - unit string
 * @throws UnitError otherwise
 * @example
 * ```ts
 * checkEnergyUnit("GeV"); // ok
 * ```
 */
export function checkEnergyUnit(unit: string): void {
  if (!isCompatible(unit, "TeV")) {
    throw new UnitError(`energy axis: '${unit}' is not an energy unit`, { hint: "use e.g. 'TeV', 'GeV' or 'MeV'" });
  }
}

/**
 * Validates an energy axis name, defaulting to "energy".
 *
 * @param name - "energy", "energy_true" or undefined
 * @returns the name
 * @throws DataError for any other name
 * @example
 * ```ts
 * energyAxisName(undefined); // "energy"
 * ```
 */
export function energyAxisName(name: string | undefined): EnergyAxisName {
  const n = name ?? "energy";
  if (n !== "energy" && n !== "energy_true") {
    throw new DataError(`energy axis: name must be 'energy' or 'energy_true', got '${n}'`, {
      hint: "name reconstructed-energy axes 'energy' and true-energy axes 'energy_true'",
    });
  }
  return n;
}
