// Parametric PSFs against Gammapy 1.0: EnergyDependentMultiGaussPSF on the CTA 1DC
// South_z20_50h IRF, PSFKing on a synthetic table (Gammapy has no real King file here).
// Hard-coded Gammapy numbers, live cross-checks on grids reaching outside the axes, and
// round trips through toHdu() read back by Gammapy.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DataError, FitsError } from "@gammats/core";
import { binTableHdu, imageHdu, readFitsSync, writeFitsSync } from "@gammats/fits";
import { MapAxis } from "@gammats/maps";
import { describe, expect, it } from "vitest";
import { EnergyDependentMultiGaussPSF, PSF3D, PSFKing, gridCoordinates, readIrfFile, readIrfHdu } from "@gammats/irf";
import type { ParametricPSF } from "@gammats/irf";
import { ctaFile, expectClose, gammapyDataDir, tempDir } from "./irf-helpers.js";

/** Runs a Gammapy script with JSON on stdin and stdout; undefined (reason printed) when Gammapy is missing. */
function gammapy<T>(script: string, input: unknown): T | undefined {
  const py = "/usr/bin/python3";
  if (!existsSync(py)) {
    console.log("skipping live Gammapy PSF check: /usr/bin/python3 not found");
    return undefined;
  }
  // A missing Gammapy skips; any other failure of the script fails the test.
  const guard = `import json, sys\ntry:\n    import gammapy\nexcept Exception as e:\n    print(json.dumps({"__skip__": str(e)})); sys.exit(0)\n`;
  const run = spawnSync(py, ["-c", guard + script], { input: JSON.stringify(input), encoding: "utf8", maxBuffer: 64 << 20 });
  if (run.status !== 0) throw new Error(`Gammapy script failed: ${run.stderr || String(run.error)}`);
  const out = JSON.parse(run.stdout) as T & { __skip__?: string };
  if (out.__skip__ !== undefined) {
    console.log(`skipping live Gammapy PSF check: cannot import gammapy (${out.__skip__})`);
    return undefined;
  }
  return out;
}

// For each job: reads (or, with make_king, first builds and writes) a parametric PSF and
// evaluates it on the job's grids; NaN and inf become null (JSON has neither). One
// Python process serves all jobs of this file (importing Gammapy takes seconds).
const PY_PARAMETRIC = `
import json, sys, numpy as np, astropy.units as u
from gammapy.irf import EnergyDependentMultiGaussPSF, PSFKing
from gammapy.maps import MapAxis
def make_king(path):
    energy = MapAxis.from_energy_bounds("0.1 TeV", "100 TeV", nbin=6, name="energy_true")
    offset = MapAxis.from_edges([0, 0.5, 1, 2, 3], unit="deg", name="offset")
    e = energy.center.to_value("TeV")[:, None]; o = offset.center.to_value("deg")[None, :]
    data = np.empty((6, 4), dtype=[("gamma", "f4"), ("sigma", "f4")])
    data["gamma"] = 1.6 + 0.25 * np.log10(e) + 0.1 * o
    data["sigma"] = 0.08 * e ** -0.25 * (1 + 0.2 * o)
    PSFKing(axes=[energy, offset], data=data, unit={"gamma": u.Unit(""), "sigma": u.deg}).write(path, overwrite=True)
clean = lambda a: [float(x) if np.isfinite(x) else None for x in np.ravel(a)]
out = {}
for q in json.load(sys.stdin):
    if q.get("make_king"):
        make_king(q["file"])
    cls = {"psf_3gauss": EnergyDependentMultiGaussPSF, "psf_king": PSFKing}[q["tag"]]
    p = cls.read(q["file"], hdu=q["hdu"])
    E = np.array(q["energy"]); O = np.array(q["offset"]); R = np.array(q["rad"])
    e3, o3, r3 = E[:, None, None] * u.TeV, O[None, :, None] * u.deg, R[None, None, :] * u.deg
    with np.errstate(all="ignore"):
        val = p.evaluate(rad=r3, energy_true=e3, offset=o3).to_value("sr-1")
        cont = u.Quantity(p.containment(rad=r3, energy_true=e3, offset=o3)).to_value("")
        F = np.array(q["fraction"]); CE = np.array(q["cr_energy"]); CO = np.array(q["cr_offset"])
        cr = p.containment_radius(fraction=F[:, None, None], energy_true=CE[None, :, None] * u.TeV, offset=CO[None, None, :] * u.deg)
    out[q["name"]] = {"value": clean(val), "containment": clean(cont), "radius": clean(cr.to_value("deg")), "shape": list(p.data.shape)}
print(json.dumps(out))
`;

interface Reference {
  value: (number | null)[];
  containment: (number | null)[];
  radius: (number | null)[];
  shape: number[];
}

const FRACTION = [0.68, 0.95];

interface Grids {
  energy: number[];
  offset: number[];
  rad: number[];
  cr_energy: number[];
  cr_offset: number[];
}

function compare(psf: ParametricPSF, ref: Reference, g: Grids, what: string): void {
  const [e, o, r] = gridCoordinates([g.energy, g.offset, g.rad]);
  const value = psf.evaluate(e!, o!, r!);
  const finite = ref.value.filter((v): v is number => v !== null);
  expect(finite.length, `${what}: finite reference values`).toBeGreaterThan(ref.value.length / 2);
  expectClose(value, ref.value, 1e-6, 1e-9 * Math.max(...finite), `${what} value`);
  expectClose(psf.containment(r!, e!, o!), ref.containment, 1e-6, 1e-9, `${what} containment`);
  const [cf, ce, co] = gridCoordinates([FRACTION, g.cr_energy, g.cr_offset]);
  // Radii are points of the same up-sampled grid: equal to rounding.
  expectClose(psf.containmentRadius(cf!, ce!, co!), ref.radius, 1e-9, 1e-12, `${what} containment radius`);
}

// CTA 1DC South_z20_50h: energy edges 0.0126–1259 TeV, offset edges 0–6 deg.
const CTA_GRIDS: Grids = {
  energy: [0.005, 0.02, 0.1, 1, 7, 100, 1000, 3000],
  offset: [0, 0.3, 1, 2.7, 5.5, 6, 8],
  rad: [0, 0.01, 0.05, 0.1, 0.3, 0.6, 1, 2],
  cr_energy: [0.05, 0.1, 0.5, 1, 10, 100],
  cr_offset: [0.5, 1, 2.5, 4],
};

// The synthetic King table of PY_PARAMETRIC, as float32 values printed by Gammapy.
const KING_GAMMA = [
  [1.4375, 1.4874999523162842, 1.5625, 1.662500023841858],
  [1.5625, 1.6124999523162842, 1.6875, 1.787500023841858],
  [1.6875, 1.7374999523162842, 1.8125, 1.912500023841858],
  [1.8125, 1.8624999523162842, 1.9375, 2.0374999046325684],
  [1.9375, 1.9874999523162842, 2.0625, 2.1624999046325684],
  [2.0625, 2.112499952316284, 2.1875, 2.2874999046325684],
].flat();
const KING_SIGMA = [
  [0.1293538212776184, 0.1416732370853424, 0.1601523607969284, 0.1847911775112152],
  [0.09700168669223785, 0.10623994469642639, 0.1200973242521286, 0.13857384026050568],
  [0.07274100184440613, 0.07966871559619904, 0.0900602862238884, 0.10391572117805481],
  [0.05454805865883827, 0.059743110090494156, 0.06753569096326828, 0.07792579382658005],
  [0.04090527072548866, 0.0448010116815567, 0.05064462125301361, 0.05843610316514969],
  [0.030674627050757408, 0.03359602019190788, 0.03797810897231102, 0.04382089525461197],
].flat();

function syntheticKing(): PSFKing {
  const energy = MapAxis.fromEnergyBounds(0.1, 100, 6, { name: "energy_true" });
  const offset = MapAxis.fromEdges([0, 0.5, 1, 2, 3], { name: "offset", unit: "deg" });
  return new PSFKing({ axes: [energy, offset], parameters: { gamma: KING_GAMMA, sigma: KING_SIGMA } });
}

// Energy edges 0.1–100 TeV, offset edges 0–3 deg.
const KING_GRIDS: Grids = {
  energy: [0.05, 0.1, 0.3, 1, 4, 60, 100, 300],
  offset: [0, 0.1, 0.5, 1.7, 2.9, 3, 4],
  rad: [0, 0.02, 0.05, 0.1, 0.2, 0.4, 0.65, 1.5],
  cr_energy: [0.2, 1, 3, 10, 50],
  cr_offset: [0.1, 0.5, 1.5, 2.5],
};

const dataDir = gammapyDataDir();
const cta = dataDir === undefined ? "" : ctaFile(dataDir);
const ctaPsf = dataDir === undefined ? undefined : EnergyDependentMultiGaussPSF.read(readFitsSync(cta).hdu("POINT SPREAD FUNCTION"), { file: cta });
const king = syntheticKing();

// Files written by gammats (toHdu) for the round trips, and by Gammapy for the King check.
const work = tempDir();
const FILES = {
  gauss: join(work, "psf3gauss-gammats.fits"),
  kingOurs: join(work, "king-gammats.fits"),
  kingTheirs: join(work, "king-gammapy.fits"),
};
writeFitsSync(FILES.kingOurs, [imageHdu(), king.toHdu()], { overwrite: true });
if (ctaPsf !== undefined) writeFitsSync(FILES.gauss, [imageHdu(), ctaPsf.toHdu()], { overwrite: true });

let liveCache: Record<string, Reference> | undefined | null = null;

/** Gammapy's numbers for every job of this file, from one Python run (undefined, reason printed, without Gammapy). */
function live(): Record<string, Reference> | undefined {
  if (liveCache !== null) return liveCache;
  const king = { tag: "psf_king", hdu: "PSF_2D_KING", ...KING_GRIDS, fraction: FRACTION };
  const gauss = { tag: "psf_3gauss", ...CTA_GRIDS, fraction: FRACTION };
  const jobs: object[] = [
    { name: "kingOurs", file: FILES.kingOurs, ...king },
    { name: "kingTheirs", file: FILES.kingTheirs, make_king: true, ...king },
  ];
  if (ctaPsf !== undefined) {
    jobs.push({ name: "gauss", file: cta, hdu: "POINT SPREAD FUNCTION", ...gauss });
    jobs.push({ name: "gaussOurs", file: FILES.gauss, hdu: "PSF_2D_GAUSS", ...gauss });
  }
  liveCache = gammapy<Record<string, Reference>>(PY_PARAMETRIC, jobs);
  return liveCache;
}

describe.skipIf(dataDir === undefined)("EnergyDependentMultiGaussPSF on CTA 1DC South_z20_50h", () => {
  const psf = ctaPsf;

  it("reads the parameters, replacing zero sigmas by 1 deg as Gammapy does", () => {
    expect(psf!.shape).toEqual([25, 6]);
    // Gammapy: data["sigma_1"][0, :4] = [0.20469101, 0.22622003, 0.24808022, 1.0]
    expectClose(psf!.parameters.sigma_1!.subarray(0, 4), [0.20469101, 0.22622003, 0.24808022, 1], 1e-7, 0, "sigma_1");
    expect(psf!.parameterUnits.sigma_1).toBe("deg");
    expect(psf!.parameterUnits.scale).toBe("");
  });

  it("matches hard-coded Gammapy 1.0 numbers", () => {
    // evaluate(rad=0.1 deg, energy_true=1 TeV, offset=0.5 deg) = 1.7452636811481428 deg-2
    expectClose(psf!.evaluate([1], [0.5], [0.1]), [1.7452636811481428 * (180 / Math.PI) ** 2], 1e-6, 0, "value");
    // containment_radius(0.68, energy_true=1 TeV, offset=0.5 deg) = 0.05125 deg
    expectClose(psf!.containmentRadius([0.68], [1], [0.5]), [0.05125], 1e-9, 0, "R68");
  });

  it("is dispatched by readIrfHdu and readIrfFile although HDUCLAS4 is '3GAUSS'", () => {
    expect(readIrfHdu(readFitsSync(cta).hdu("POINT SPREAD FUNCTION"))).toBeInstanceOf(EnergyDependentMultiGaussPSF);
    expect(readIrfFile(cta).psf).toBeInstanceOf(EnergyDependentMultiGaussPSF);
  });

  it("is normalised: containment tends to 1, and toPsf3d() integrates to the same containment", () => {
    expectClose(psf!.containment([5], [1, 10], [0.5, 2]), [1, 1], 1e-12, 0, "containment at 5 deg");
    const table = psf!.toPsf3d(MapAxis.fromBounds(0, 0.66, 660, { name: "rad", unit: "deg" }));
    expect(table).toBeInstanceOf(PSF3D);
    // Midpoint sums of an analytic profile: agree to the discretisation error.
    const c = table.containment([0.1, 0.2], [1], [0.5]);
    expectClose(c, psf!.containment([0.1, 0.2], [1], [0.5]), 2e-3, 0, "toPsf3d containment");
  });

  it("agrees with live Gammapy 1.0 on a grid including points outside the axes", () => {
    const ref = live()?.gauss;
    if (ref === undefined) return;
    expect(ref.shape).toEqual([25, 6]);
    compare(psf!, ref, CTA_GRIDS, "3gauss");
  });

  it("round-trips through toHdu(): Gammapy reads back the same PSF", () => {
    const back = EnergyDependentMultiGaussPSF.read(readFitsSync(FILES.gauss).hdu("PSF_2D_GAUSS"));
    expect(Array.from(back.parameters.sigma_2!)).toEqual(Array.from(psf!.parameters.sigma_2!));
    expect(back.meta.HDUCLAS4).toBe("PSF_3GAUSS");
    const ref = live()?.gaussOurs;
    if (ref === undefined) return;
    compare(psf!, ref, CTA_GRIDS, "3gauss read-back");
  });
});

describe("PSFKing on a synthetic table", () => {
  const psf = king;

  it("matches hard-coded Gammapy 1.0 numbers", () => {
    // evaluate(rad=[0, 0.05, 0.1] deg, energy_true=1 TeV, offset=0.5 deg).to("sr-1")
    expectClose(psf.evaluate([1], [0.5], [0, 0.05, 0.1]), [26035.49635028, 22386.70796397, 15242.12334553], 1e-9, 0, "value");
    expectClose(psf.containment([0.05, 0.1, 0.3], [1], [0.5]), [0.05774776, 0.19015657, 0.62105532], 1e-7, 0, "containment");
    // containment_radius(fraction=[0.68, 0.95], energy_true=[1, 10] TeV, offset=0.5 deg), element-wise
    expectClose(psf.containmentRadius([0.68, 0.95], [1, 10], [0.5]), [0.35275, 0.50575], 1e-9, 0, "radius");
    // R95 at 1 TeV lies beyond Gammapy's 0.66 deg search grid: its last point is returned.
    expectClose(psf.containmentRadius([0.95], [1], [0.5]), [0.65975], 1e-9, 0, "R95 capped");
  });

  it("has the analytic King containment 1 − (1 + u)^(1 − γ) at a grid node", () => {
    // Node (energy bin 2, offset bin 1): γ = 1.7374999523162842, σ = 0.07966871559619904 deg.
    const e = psf.axis("energy_true").centers[2]!;
    const o = psf.axis("offset").centers[1]!;
    const g = KING_GAMMA[2 * 4 + 1]!;
    const s = KING_SIGMA[2 * 4 + 1]!;
    const r = 0.1;
    expectClose(psf.containment([r], [e], [o]), [1 - (1 + (r * r) / (2 * g * s * s)) ** (1 - g)], 1e-12, 0, "analytic");
    expectClose(psf.evaluateParameters([e], [o]), [g, s], 1e-12, 0, "parameters at a node");
  });

  it("round-trips through toHdu() (own reader and live Gammapy) and agrees with a Gammapy-written file", () => {
    const back = readIrfHdu(readFitsSync(FILES.kingOurs).hdu("PSF_2D_KING"));
    expect(back).toBeInstanceOf(PSFKing);
    expect(Array.from((back as PSFKing).parameters.gamma!)).toEqual(KING_GAMMA);

    const ref = live();
    if (ref === undefined) return;
    compare(psf, ref.kingOurs!, KING_GRIDS, "king read-back");
    // Gammapy writes no HDUCLAS keywords for parametric PSFs: the registry matches columns.
    const fromGammapy = readIrfHdu(readFitsSync(FILES.kingTheirs).hdu("PSF_2D_KING"), { file: FILES.kingTheirs }) as PSFKing;
    expect(fromGammapy).toBeInstanceOf(PSFKing);
    expectClose(fromGammapy.parameters.sigma!, KING_SIGMA, 0, 0, "sigma written by Gammapy");
    compare(fromGammapy, ref.kingTheirs!, KING_GRIDS, "king from Gammapy");
  });
});

describe("parametric PSF input checks", () => {
  const energy = MapAxis.fromEnergyBounds(0.1, 10, 2, { name: "energy_true" });
  const offset = MapAxis.fromEdges([0, 1, 2], { name: "offset", unit: "deg" });

  it("rejects missing or mis-sized parameters and refuses table-only methods", () => {
    expect(() => new PSFKing({ axes: [energy, offset], parameters: { gamma: [2, 2, 2, 2] } })).toThrow(/parameter 'sigma' missing/);
    expect(() => new PSFKing({ axes: [energy, offset], parameters: { gamma: [2, 2, 2], sigma: [1, 1, 1, 1] } })).toThrow(DataError);
    const psf = new PSFKing({ axes: [energy, offset], parameters: { gamma: [2, 2, 2, 2], sigma: [0.1, 0.1, 0.1, 0.1] } });
    expect(() => psf.normalized("rad")).toThrow(/not available for a parametric PSF/);
    expect(() => psf.evaluate([1, 2], [0.5, 0.5, 0.5], [0.1])).toThrow(/'offset' has 3 values but 'energyTrue' has 2/);
    // evaluateCoords keeps the PSF3D coordinate order [energy, offset, rad].
    expectClose(psf.evaluateCoords([[1], [0.5], [0.2]]), psf.evaluate([1], [0.5], [0.2]), 0, 0, "evaluateCoords");
    // γ = 2, σ = 0.1 deg: C(0.2 deg) = 1 − (1 + 1)^(−1) = 0.5 exactly.
    expectClose(psf.containment([0.2], [3], [1.5]), [0.5], 1e-15, 0, "containment");
  });

  it("names file, HDU and column for a SIGMA that is not an angle", () => {
    const path = join(tempDir(), "bad-king.fits");
    const cols = [
      { name: "ENERG_LO", data: new Float64Array([0.1, 1]), shape: [1, 2], unit: "TeV" },
      { name: "ENERG_HI", data: new Float64Array([1, 10]), shape: [1, 2], unit: "TeV" },
      { name: "THETA_LO", data: new Float64Array([0]), shape: [1, 1], unit: "deg" },
      { name: "THETA_HI", data: new Float64Array([1]), shape: [1, 1], unit: "deg" },
      { name: "GAMMA", data: new Float64Array([2, 2]), shape: [1, 1, 2] },
      { name: "SIGMA", data: new Float64Array([0.1, 0.1]), shape: [1, 1, 2], unit: "TeV" },
    ];
    writeFitsSync(path, [imageHdu(), binTableHdu({ name: "PSF_2D_KING", columns: cols })], { overwrite: true });
    let err: unknown;
    try {
      PSFKing.read(readFitsSync(path).hdu("PSF_2D_KING"), { file: path });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FitsError);
    expect((err as FitsError).key).toBe("SIGMA");
    expect((err as FitsError).file).toBe(path);
    expect((err as FitsError).message).toMatch(/column SIGMA has unit 'TeV', not convertible to 'deg'/);
  });

  it("converts SIGMA in arcmin to deg, after Gammapy's zero → 1 replacement", () => {
    const path = join(tempDir(), "arcmin-king.fits");
    const cols = [
      { name: "ENERG_LO", data: new Float64Array([0.1, 1]), shape: [1, 2], unit: "TeV" },
      { name: "ENERG_HI", data: new Float64Array([1, 10]), shape: [1, 2], unit: "TeV" },
      { name: "THETA_LO", data: new Float64Array([0]), shape: [1, 1], unit: "deg" },
      { name: "THETA_HI", data: new Float64Array([1]), shape: [1, 1], unit: "deg" },
      { name: "GAMMA", data: new Float64Array([2, 2]), shape: [1, 1, 2] },
      { name: "SIGMA", data: new Float64Array([6, 0]), shape: [1, 1, 2], unit: "arcmin" },
    ];
    writeFitsSync(path, [imageHdu(), binTableHdu({ name: "PSF_2D_KING", columns: cols })], { overwrite: true });
    const psf = PSFKing.read(readFitsSync(path).hdu("PSF_2D_KING"), { file: path });
    expectClose(psf.parameters.sigma!, [0.1, 1 / 60], 1e-15, 0, "sigma [deg]");
  });
});
