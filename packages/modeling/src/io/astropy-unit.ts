/**
 * Units as Gammapy writes them to YAML: astropy's FITS unit format
 * (`unit.to_string("fits")`), which lists the unit symbols sorted by lower-cased name
 * ("d-1 rad", "cm-2 s-1 TeV-1"), whereas gammats' canonical form puts positive powers first.
 */
import { formatUnit, parseUnit } from "@gammats/core";

/**
 * A unit string in astropy's FITS order.
 *
 * @param unit - unit string gammats understands ("" for dimensionless)
 * @returns the same unit with its symbols sorted as astropy writes them; the input
 *   unchanged when it has a numeric multiplier or does not parse
 * @example
 * ```ts
 * astropyUnitString("rad d-1");          // "d-1 rad"
 * astropyUnitString("TeV-1 cm-2 s-1");   // "cm-2 s-1 TeV-1"
 * ```
 */
export function astropyUnitString(unit: string): string {
  if (unit.trim() === "") return unit;
  let parsed;
  try {
    parsed = parseUnit(unit);
  } catch {
    return unit;
  }
  if (parsed.factor !== 1) return unit;
  const terms = [...parsed.terms].sort((a, b) => {
    const x = a.symbol.toLowerCase();
    const y = b.symbol.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return formatUnit({ ...parsed, terms });
}
