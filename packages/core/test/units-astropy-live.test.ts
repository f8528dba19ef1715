import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { formatQuantity, formatUnit, parseQuantity, parseUnit } from "@gammats/core";

// Live cross-check: the strings gammats writes are read by astropy as the same unit.
// Skips (with the reason printed) when /usr/bin/python3 or astropy is missing.
const PYTHON = "/usr/bin/python3";

const UNITS = [
  "TeV", "keV", "PeV", "erg", "J", "deg", "arcmin", "arcsec", "mas", "ms", "min", "h", "d",
  "yr", "mm", "km", "pc", "kpc", "Mpc", "cm2", "km2", "sr", "deg2", "Hz",
  "cm-2 s-1 TeV-1", "erg cm-2 s-1", "1 / (cm2 s TeV)", "TeV-1 s-1 cm-2", "cm^-2 s^-1",
  "cm**-2", "m2 s", "1/(s MeV sr)", "1/s/MeV/sr", "MeV-1 s-1 sr-1", "sr^-1",
  "TeV-1 cm-2 s-1 sr-1", "m^(1/2)", "10**-3 m", "1e-12 cm-2", "erg / s cm2", "",
];
const QUANTITIES = ["3 deg", "1e-12 cm-2 s-1 TeV-1", "300 GeV", "-1.5 deg", ".5 TeV", "inf deg"];

const SCRIPT = `
import json, sys
import astropy.units as u
req = json.load(sys.stdin)
bases = {"m": 0, "kg": 1, "s": 2, "rad": 3}
def decompose(x):
    d = x.decompose()
    dims = [0.0] * 4
    for b, p in zip(d.bases, d.powers):
        dims[bases[b.to_string()]] = float(p)
    return {"scale": d.scale, "dims": dims}
out = {"units": [decompose(u.Unit(s)) for s in req["units"]],
       "quantities": [{"value": repr(float(q.value)), **decompose(q.unit)} for q in map(u.Quantity, req["quantities"])]}
print(json.dumps(out))
`;

/** Python's repr of a float (JSON has no inf/nan). */
function pyFloat(s: string): number {
  return s === "inf" ? Infinity : s === "-inf" ? -Infinity : s === "nan" ? NaN : Number(s);
}

interface Decomposed {
  scale: number;
  dims: number[];
}
interface AstropyResult {
  units: Decomposed[];
  quantities: (Decomposed & { value: string })[];
}

function runAstropy(input: unknown): { result?: AstropyResult; skip?: string } {
  const r = spawnSync(PYTHON, ["-c", SCRIPT], { input: JSON.stringify(input), encoding: "utf8" });
  if (r.error) return { skip: `${PYTHON} not runnable: ${r.error.message}` };
  if (r.status !== 0) {
    if (/ModuleNotFoundError/.test(r.stderr)) return { skip: `astropy not installed for ${PYTHON}` };
    throw new Error(`astropy script failed: ${r.stderr}`);
  }
  return { result: JSON.parse(r.stdout) as AstropyResult };
}

const formattedUnits = UNITS.map((s) => formatUnit(parseUnit(s)));
const formattedQuantities = QUANTITIES.map((s) => formatQuantity(parseQuantity(s)));
const live = runAstropy({ units: formattedUnits, quantities: formattedQuantities });
if (live.skip) console.log(`skipping astropy cross-check: ${live.skip}`);

describe.skipIf(live.skip !== undefined)("astropy reads what gammats writes", () => {
  test.each(UNITS.map((s, i) => [s, formattedUnits[i]!, i] as const))("'%s' written as '%s'", (text, _written, i) => {
    const ref = live.result!.units[i]!;
    const u = parseUnit(text);
    expect(Math.abs(u.scale - ref.scale) / ref.scale).toBeLessThan(1e-14);
    expect([...u.dims]).toEqual(ref.dims);
  });

  test.each(QUANTITIES.map((s, i) => [s, formattedQuantities[i]!, i] as const))("'%s' written as '%s'", (text, _written, i) => {
    const ref = live.result!.quantities[i]!;
    const q = parseQuantity(text);
    expect(q.value).toBe(pyFloat(ref.value));
    expect(Math.abs(q.unit.scale - ref.scale) / ref.scale).toBeLessThan(1e-14);
    expect([...q.unit.dims]).toEqual(ref.dims);
  });
});
