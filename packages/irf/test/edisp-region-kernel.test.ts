/**
 * The energy-dispersion kernel of a region geometry against Gammapy 1.0
 * (`EnergyDispersion2D.to_edisp_kernel`), including the ~1e-13 entries that its bilinear
 * extrapolation of the running integral leaves far beyond the last migra node.
 * Expected numbers were produced by Gammapy 1.0 / SciPy 1.10.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { readFitsSync } from "@gammats/fits";
import { MapAxis } from "@gammats/maps";
import { EnergyDispersion2D, bspline1, gammapyCenters, gammapyCoordToPix } from "@gammats/irf";
import { expectClose, gammapyDataDir } from "./irf-helpers.js";

const etrue = MapAxis.fromEnergyBounds(0.5, 20, 16, { unit: "TeV", name: "energy_true" });
const ereco = MapAxis.fromEnergyBounds(0.01, 100, 73, { unit: "TeV" });

/** Gammapy 1.0: row 0 (true 0.5–0.63 TeV), reco bins 46–72 (4.6–100 TeV). */
const FAR_ROW0 = [
  0.0, 6.661338147750939e-15, 0.0, 8.659739592076221e-15, 0.0, 1.099120794378905e-14, 1.2656542480726785e-14,
  1.4210854715202004e-14, 0.0, 1.8318679906315083e-14, 2.0650148258027912e-14, 2.375877272697835e-14, 0.0,
  3.0309088572266774e-14, 3.430589146091734e-14, 3.907985046680551e-14, 4.440892098500626e-14, 0.0,
  5.695444116327053e-14, 6.472600233564663e-14, 7.327471962526033e-14, 8.326672684688674e-14, 0.0,
  1.0702549957386509e-13, 1.2145839889399213e-13, 1.3788969965844444e-13, 1.5631940186722204e-13,
];

describe("SciPy's degree-1 spline (Gammapy's axis coordinate transforms)", () => {
  test("interpolates, extrapolates from the end intervals, pixel indices by default", () => {
    const x = new Float64Array([0, 1, 3]);
    expect(bspline1(x, new Float64Array([0, 10, 30]), 2)).toBe(20);
    expect(bspline1(x, undefined, 2)).toBe(1.5);
    expect(bspline1(x, undefined, -1)).toBe(-1);
    expect(bspline1(x, undefined, 5)).toBe(3);
    expect(bspline1(x, undefined, NaN)).toBeNaN();
  });

  test("bin centres and their pixels as Gammapy computes them (pixel 2.2e-16 off for bin 0)", () => {
    const c = gammapyCenters(etrue);
    expect(c[0]).toBe(0.5610923907536056);
    const pix = gammapyCoordToPix(etrue, c);
    expect(pix[0]).toBe(2.220446049250313e-16);
    expect(pix[1]).toBe(1);
  });
});

describe("EnergyDispersion2D.toEdispKernel on a Gaussian dispersion", () => {
  const migra = MapAxis.fromBounds(0.2, 5, 160, { name: "migra" });
  const offset = MapAxis.fromEdges([0, 1, 2], { name: "offset", unit: "deg" });
  const kernel = EnergyDispersion2D.fromGauss(etrue, migra, offset, 0.02, 0.12).toEdispKernel(0.5, etrue, ereco);

  test("the main entries agree with Gammapy 1.0", () => {
    // Row 8 (true 3.16–3.98 TeV), reco bins 40–51.
    const expected = [
      6.224811912207683e-6, 7.065098520516254e-5, 0.0007454858829497205, 0.006683475889900077, 0.04415622611396498,
      0.18759480846026128, 0.3902809132350613, 0.3048445667056787, 0.06344718365246804, 0.0021640200251147323,
      5.8131399635064085e-6, 0.0,
    ];
    expectClose(kernel.pdfMatrix.subarray(8 * 73 + 40, 8 * 73 + 52), expected, 1e-12, 0, "row 8");
  });

  test("far beyond the last migra node, row 0 has Gammapy's extrapolation residue, bit for bit", () => {
    expect(Array.from(kernel.pdfMatrix.subarray(46, 73))).toEqual(FAR_ROW0);
  });
});

describe("H.E.S.S. DR1 run 23559 at the Crab position (offset 1.502 deg)", () => {
  const dir = gammapyDataDir();
  const file = dir === undefined ? "" : join(dir, "hess-dl3-dr1/data/hess_dl3_dr1_obs_id_023559.fits.gz");
  const ready = dir !== undefined && existsSync(file);

  test.skipIf(!ready)("row 0 at reco 47–100 TeV is Gammapy's, bit for bit", () => {
    const edisp = EnergyDispersion2D.read(readFitsSync(file).hdu("EDISP"), { file });
    const kernel = edisp.toEdispKernel(1.5021892264795997, etrue, ereco);
    expect(Array.from(kernel.pdfMatrix.subarray(66, 73))).toEqual(FAR_ROW0.slice(20));
  });
});
