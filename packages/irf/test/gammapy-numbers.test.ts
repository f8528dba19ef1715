/**
 * Numbers computed once with Gammapy 1.0 (no Python needed): real-file values (skipped
 * without the data), Gaussian and diagonal kernels, the parametrised effective area,
 * log-log integration, and erf.
 */
import { readFitsSync } from "@gammats/fits";
import { MapAxis } from "@gammats/maps";
import { describe, expect, test } from "vitest";
import {
  Background3D,
  EDispKernel,
  EffectiveAreaTable2D,
  EnergyDispersion2D,
  powerLawSegmentIntegral,
  trapzLogLog,
} from "../src/index.js";
import { erf, erfc } from "@gammats/core";
import { ctaFile, expectClose, gammapyDataDir, hessFile } from "./irf-helpers.js";

const dir = gammapyDataDir();

describe.skipIf(dir === undefined)("real IRFs: values Gammapy 1.0 gave", () => {
  const hess = dir === undefined ? undefined : readFitsSync(hessFile(dir));
  const cta = dir === undefined ? undefined : readFitsSync(ctaFile(dir));

  test("H.E.S.S. 23523 effective area [cm2] and energy dispersion", () => {
    const aeff = EffectiveAreaTable2D.read(hess!.hdu("AEFF"));
    expectClose(aeff.evaluate([1, 10, 0.5], [0.5, 1.7, 2.6]), [2307739345.3803453, 4027635743.8590727, 0], 1e-12, 0, "aeff");
    const edisp = EnergyDispersion2D.read(hess!.hdu("EDISP"));
    expectClose(edisp.evaluate([1, 1, 3], [1, 0.7, 1.1], [0.5, 0.5, 1]), [2.051361335056594, 0.5139191233718292, 1.2314741632729662], 1e-12, 0, "edisp");
  });

  test("H.E.S.S. 23523 edisp kernel at 0.5 deg: bias and resolution at 1 and 10 TeV", () => {
    const edisp = EnergyDispersion2D.read(hess!.hdu("EDISP"));
    const etrue = MapAxis.fromEnergyBounds(0.1, 100, 20, { name: "energy_true" });
    const ereco = MapAxis.fromEnergyBounds(0.1, 100, 15);
    const k = edisp.toEdispKernel(0.5, etrue, ereco);
    expectClose(k.getBias([1, 10]), [0.06875749231166377, 0.04028340665230983], 1e-9, 0, "bias");
    expectClose(k.getResolution([1, 10]), [0.40606629848699366, 0.3424012933210581], 1e-9, 0, "resolution");
    // Row of the 0.89–1.26 TeV true bin.
    expectClose(
      k.pdfMatrix.subarray(8 * 15, 9 * 15),
      [0, 0, 8.216848119183855e-7, 0.0016175894075126966, 0.04437157339224864, 0.23581297585823147, 0.5927093360535443, 0.10530508059950039, 0.01976791616729423, 0.0004147068368564044, 0, 0, 0, 0, 0],
      1e-9,
      1e-12,
      "row 8",
    );
  });

  test("background rates [s-1 TeV-1 sr-1] and log-log integrals [s-1 sr-1]", () => {
    // Gammapy on the float32 file data (its log is taken in float32: ~1e-6 noise)...
    const hb = Background3D.read(hess!.hdu("BKG"));
    expectClose(hb.evaluate([1, 3], [0.5, -1.2], [-0.3, 0.8]), [466.26987030684023, 28.29938043041381], 3e-6, 0, "hess f32");
    // ...and on the same data cast to float64.
    expectClose(hb.evaluate([1, 3], [0.5, -1.2], [-0.3, 0.8]), [466.26990625886225, 28.299383002122386], 1e-12, 0, "hess f64");
    const cb = Background3D.read(cta!.hdu("BACKGROUND"));
    expectClose(cb.evaluate([1], [0.5], [-0.3]), [133.16079671715121], 1e-12, 0, "cta");
    expectClose(
      cb.integrateLogLog([1, 2, 10], [[0.5, 3], [-0.3, 1]]),
      [62.91832768448314, 41.35606013399636, 38.99640049180291, 35.515470338672664],
      1e-12,
      0,
      "cta integral",
    );
    // The count rate multiplies by the pixel solid angles [sr].
    expectClose(cb.countRate([1, 2], [[0.5, 3], [-0.3, 1]], [1e-4, 2e-4]), [62.91832768448314e-4, 41.35606013399636 * 2e-4], 1e-12, 0, "rate");
  });

  test("CTA 1DC effective area [cm2], including below the energy range's lowest centre", () => {
    const aeff = EffectiveAreaTable2D.read(cta!.hdu("EFFECTIVE AREA"));
    expectClose(aeff.evaluate([1, 0.05], [0.5, 3.3]), [8848339698.597052, 6320433.497629485], 1e-12, 0, "aeff");
  });
});

describe("synthetic IRFs: values Gammapy 1.0 gave", () => {
  test("EDispKernel.fromGauss (sigma 0.1, bias 0; 0.1–10 TeV, 10 bins): row 4, resolution, bias", () => {
    const et = MapAxis.fromEnergyBounds(0.1, 10, 10, { name: "energy_true" });
    const e = MapAxis.fromEnergyBounds(0.1, 10, 10);
    const k = EDispKernel.fromGauss(et, e, 0.1, 0);
    expectClose(
      k.pdfMatrix.subarray(40, 50),
      [0, 0, 2.9834280083668856e-7, 0.020069291601607465, 0.9750440721512487, 0.00488633790434323, 1.5543122344752192e-15, 0, 0, 0],
      1e-9,
      1e-12,
      "row 4",
    );
    expectClose(k.getResolution([et.centers[4]!]), [0.06621420696486739], 1e-9, 0, "resolution");
    expectClose(k.getBias([et.centers[4]!]), [-0.004548618461133799], 1e-8, 0, "bias");
    k.checkNormalisation();
  });

  test("EDispKernel.fromDiagonalResponse with different binnings", () => {
    const k = EDispKernel.fromDiagonalResponse(
      MapAxis.fromEnergyEdges([0.5, 1, 2, 4, 6], { name: "energy_true" }),
      MapAxis.fromEnergyEdges([0.8, 2, 3, 6]),
    );
    expectClose(k.pdfMatrix, [0.3999999999999999, 0, 0, 1, 0, 0, 0, 0.4999999999999998, 0.5000000000000002, 0, 0, 1], 1e-15, 1e-15, "diag");
    expectClose(k.rowSums(), [0.4, 1, 1, 1], 1e-15, 0, "sums");
    expectClose(k.toImage().pdfMatrix, [0.4, 1, 1, 1], 1e-15, 0, "image");
    // Threshold 2–6 TeV drops the first reco bin.
    expectClose(k.toImage(2, 6).pdfMatrix, [0, 0, 1, 1], 1e-15, 0, "image in range");
  });

  test("EffectiveAreaTable2D.fromParametrization('CTA') [cm2]", () => {
    const a = EffectiveAreaTable2D.fromParametrization(undefined, "CTA");
    expect(a.shape).toEqual([100, 1]);
    expectClose(a.evaluate([0.1, 1, 10], [0.5]), [22546465375.047203, 45174671666.72098, 40267112453.904076], 1e-12, 0, "param");
  });

  test("trapzLogLog: power laws, zeros, and an index of 1", () => {
    const x = [1, 10, 20, 30, 40, 50];
    const y = [1, 0.01, 0, 0, 5, 5];
    expectClose(trapzLogLog(y, x, 1, new Float64Array(5)), [0.9, 0, 0, 0, 50], 1e-14, 0, "segments");
    expectClose([powerLawSegmentIntegral(1, 2, 2, 2 * 2 ** -1.0000000001)], [1.3862943611198906], 1e-14, 0, "index 1");
  });

  test("erf and erfc", () => {
    expectClose(
      [erf(0.5), erf(1), erf(2), erf(3), erf(-1), erf(0), erfc(3), erfc(6)],
      [0.5204998778130465, 0.8427007929497149, 0.9953222650189527, 0.9999779095030014, -0.8427007929497149, 0, 2.209049699858544e-5, 2.1519736712498913e-17],
      2e-15,
      0,
      "erf",
    );
  });
});

describe("EDispKernel bookkeeping", () => {
  test("getBias / getResolution are NaN outside the true axis; checkNormalisation rejects rows above 1", () => {
    const et = MapAxis.fromEnergyEdges([1, 2, 4], { name: "energy_true" });
    const k = new EDispKernel({ axes: [et, et.rename("energy")], data: [0.5, 0.5, 0, 1] });
    const b = k.getBias([0.5, 1.5, 4, 5]);
    expect(Number.isNaN(b[0]!)).toBe(true);
    expect(Number.isNaN(b[3]!)).toBe(true);
    // Row 0: mean of the centres √2 and √8 → (√2 + √8)/2 / √2 − 1 = 0.5.
    expect(b[1]).toBeCloseTo(0.5, 14);
    // The last edge belongs to the last bin (as NumPy's digitize in Gammapy).
    expect(b[2]).toBeCloseTo(0, 14);
    expect(k.getResolution([1.5])[0]).toBeCloseTo((Math.sqrt(8) - Math.sqrt(2)) / 2 / Math.sqrt(2), 14);
    const bad = new EDispKernel({ axes: [et, et.rename("energy")], data: [0.7, 0.5, 0, 1] });
    expect(() => bad.checkNormalisation()).toThrow(/true energy bin 0 \[1, 2\] TeV sums to 1.2/);
    const neg = new EDispKernel({ axes: [et, et.rename("energy")], data: [0.5, -0.1, 0, 1] });
    expect(() => neg.checkNormalisation()).toThrow(/entry -0.1/);
  });
});
