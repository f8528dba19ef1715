/**
 * IRF maps on real data against numbers Gammapy 1.0 produced (no Python needed): H.E.S.S.
 * DR1 Crab run 23523 and CTA 1DC run 110380, on the geometries of irf-maps-live.test.ts.
 * Skipped, with the reason printed, without the data.
 */
import { MapAxis, WcsGeom } from "@gammats/maps";
import { describe, expect, test } from "vitest";
import { defaultRadAxis, makeEdispKernelMap, makeMapBackgroundIrf, makeMapExposureTrueEnergy, makePsfMap, readIrfFile } from "../src/index.js";
import type { Background3D, EffectiveAreaTable2D, EnergyDispersion2D, PSF3D } from "../src/index.js";
import { ctaFile, expectClose, gammapyDataDir, hessFile } from "./irf-helpers.js";

const dir = gammapyDataDir();
const RTOL = 1e-6;
// Run 23523 as Gammapy's DataStore gives it.
const POINTING = { ra: 83.633333333333, dec: 21.514444444444 };
const LIVETIME = 1581.7367646954954;
const ONTIME = 1687.0;
const CRAB: [number, number] = [83.633, 22.0145];
const DEG2_PER_SR = (180 / Math.PI) ** 2;

describe.skipIf(dir === undefined)("IRF maps: Gammapy 1.0 numbers", () => {
  const irfs = dir === undefined ? {} : readIrfFile(hessFile(dir));
  const e = MapAxis.fromEnergyBounds(1, 10, 5, { unit: "TeV" });
  const et = MapAxis.fromEnergyBounds(0.5, 20, 8, { unit: "TeV", name: "energy_true" });
  const geom = WcsGeom.create({ skydir: CRAB, binsz: 0.04, width: 2, axes: [e] });
  const geomIrf = WcsGeom.create({ skydir: CRAB, binsz: 0.2, width: 2 });

  test("H.E.S.S. 23523 exposure [cm2 s] and background counts", () => {
    const exp = makeMapExposureTrueEnergy(POINTING, LIVETIME, irfs.aeff as EffectiveAreaTable2D, geom.toImage().toCube([et]));
    expectClose([0, 8775, 19999].map((i) => exp.data[i]!), [1605717162952.5098, 6683718085692.848, 6857308372115.531], RTOL, 0, "exposure");
    const bkg = makeMapBackgroundIrf(POINTING, ONTIME, irfs.bkg as Background3D, geom);
    // Gammapy takes the log of the float32 table in float32: ~4e-7 relative differences.
    expectClose([0, 6275, 10540].map((i) => bkg.data[i]!), [0.12103156898687822, 0.04894019084121891, 0.015287372947180073], RTOL, 0, "background");
    const os3 = makeMapBackgroundIrf(POINTING, ONTIME, irfs.bkg as Background3D, geom, { oversampling: 3 });
    expectClose([os3.data[6275]!], [0.049381835906928497], RTOL, 0, "background oversampled");
  });

  test("H.E.S.S. 23523 PSF map, containment radii and the PSF kernel at the Crab", () => {
    const geomPsf = geomIrf.toCube([defaultRadAxis(), et]);
    const psf = makePsfMap(irfs.psf as PSF3D, POINTING, geomPsf);
    // Gammapy's map is in deg-2.
    const expected = [20.637692606218952, 30.778964563771684, 0.28251122727933214].map((v) => v * DEG2_PER_SR);
    expectClose([20355, 0, 49228].map((i) => psf.psfMap.data[i]!), expected, RTOL, 0, "psf");
    expectClose(psf.containmentRadius([0.68], [0.6, 1, 3, 15], CRAB), [0.14325, 0.12275, 0.12475, 0.10425], 1e-12, 0, "r68");
    expectClose(psf.containmentRadius([0.999], [0.6, 1, 3, 15], CRAB), [0.64025, 0.63075, 0.64875, 0.65175], 1e-12, 0, "r99.9");
    const k = psf.getPsfKernel(geom.toImage().toCube([et]), { position: CRAB });
    expect(k.psfKernelMap.geom.npix).toEqual([33, 33]);
    expectClose([k.data[16 * 33 + 16]!, k.data[7 * 1089 + 16 * 33 + 16]!, k.data[3 * 1089 + 16]!], [0.04481973060637506, 0.18484630257269546, 3.2582224535701664e-5], RTOL, 0, "kernel");
  });

  test("H.E.S.S. 23523 edisp kernel at the Crab (true bin 3)", () => {
    const geomEk = geomIrf.toCube([e, et]);
    const ek = makeEdispKernelMap(irfs.edisp as EnergyDispersion2D, POINTING, geomEk);
    const row = ek.getEdispKernel(CRAB).pdfMatrix.slice(15, 20);
    expectClose(row, [0.07640344196710738, 0.47806193892888976, 0.36971054000391357, 0.05606526424757119, 0.006712955695865275], RTOL, 1e-12, "kernel row");
    expect(ek.exposureMap).toBeNull();
  });

  test("CTA 1DC 110380 background on a galactic geometry across l = 0", () => {
    const cta = readIrfFile(ctaFile(dir!));
    const ce = MapAxis.fromEnergyBounds(0.1, 100, 6, { unit: "TeV" });
    const cgeom = WcsGeom.create({ skydir: [359.9999912037958, -1.2999959379053714], binsz: 0.1, width: [5, 4], frame: "galactic", axes: [ce] });
    const bkg = makeMapBackgroundIrf({ ra: 267.68121338, dec: -29.6075 }, 1800, cta.bkg as Background3D, cgeom);
    expect(bkg.data.length).toBe(12000);
    expectClose([0, 7025, 11999].map((i) => bkg.data[i]!), [4.605077889447391, 0.10949615139046147, 0.009005337498705027], RTOL, 0, "cta background");
  });
});
