/**
 * Numbers written the way Python writes them, so files made by gammats read back in
 * Gammapy identically: `repr(float)` (astropy tables) and PyYAML's float style, which
 * must contain a "." because PyYAML (YAML 1.1) reads "5e-11" as a STRING.
 */

/**
 * Python's `repr(float)`: shortest round-trip digits, positional for 1e-4 <= |v| < 1e16,
 * else scientific with a signed two-digit exponent ("1e-05", "1e+16"); "nan", "inf".
 *
 * @param v - value
 * @example
 * ```ts
 * pythonFloatRepr(0.1);     // "0.1"
 * pythonFloatRepr(2);       // "2.0"
 * pythonFloatRepr(4e-26);   // "4e-26"
 * ```
 */
export function pythonFloatRepr(v: number): string {
  if (Number.isNaN(v)) return "nan";
  if (v === Infinity) return "inf";
  if (v === -Infinity) return "-inf";
  if (v === 0) return Object.is(v, -0) ? "-0.0" : "0.0";
  const [mantissa, expText] = v.toExponential().split("e") as [string, string];
  const exp = Number(expText);
  const sign = mantissa.startsWith("-") ? "-" : "";
  const digits = mantissa.replace("-", "").replace(".", "");
  if (exp >= -4 && exp < 16) {
    if (exp >= 0) {
      const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
      const frac = digits.slice(exp + 1);
      return `${sign}${intPart}.${frac === "" ? "0" : frac}`;
    }
    return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  }
  const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const expAbs = String(Math.abs(exp)).padStart(2, "0");
  return `${sign}${head}e${exp < 0 ? "-" : "+"}${expAbs}`;
}

/**
 * A float as PyYAML's `represent_float` writes it: ".nan", ".inf", "-.inf", and a ".0"
 * inserted before the exponent when the mantissa has no point ("3.0e-12").
 *
 * @param v - value
 * @example
 * ```ts
 * yamlFloat(3e-12);   // "3.0e-12"
 * yamlFloat(NaN);     // ".nan"
 * ```
 */
export function yamlFloat(v: number): string {
  if (Number.isNaN(v)) return ".nan";
  if (v === Infinity) return ".inf";
  if (v === -Infinity) return "-.inf";
  const text = pythonFloatRepr(v);
  if (!text.includes(".") && text.includes("e")) return text.replace("e", ".0e");
  return text;
}
