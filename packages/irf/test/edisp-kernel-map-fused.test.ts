/**
 * makeEdispKernelMap mixes most pixels' kernels from the kernels at the IRF's offset
 * nodes and computes the others one true energy at a time (normalisation fused into the
 * migra kernel, all-zero migration rows skipped); it must give the numbers of the plain
 * path, makeEdispMap(...).toEdispKernelMap(...), Gammapy's make_edisp_kernel_map, up to
 * round-off (kernel values are differences of running integrals ≤ 1: ~1e-16 absolute).
 */
import { MapAxis, WcsGeom } from "@gammats/maps";
import { describe, expect, test } from "vitest";
import { EnergyDispersion2D, makeEdispKernelMap, makeEdispMap } from "../src/index.js";

describe("makeEdispKernelMap", () => {
  test("equal to makeEdispMap(...).toEdispKernelMap(...) up to round-off", () => {
    const etrueIrf = MapAxis.fromEnergyBounds(0.1, 100, 30, { unit: "TeV", name: "energy_true" });
    // A wide migra axis: the pdfs vanish at both ends (skipped rows).
    const migra = MapAxis.fromBounds(0.05, 6, 200, { name: "migra" });
    const offset = MapAxis.fromBounds(0, 3, 6, { unit: "deg", name: "offset" });
    const bias = Array.from({ length: 30 }, (_, i) => 0.02 * Math.sin(i));
    const sigma = Array.from({ length: 30 }, (_, i) => 0.08 + 0.04 * Math.cos(i));
    const edisp = EnergyDispersion2D.fromGauss(etrueIrf, migra, offset, bias, sigma);
    const ereco = MapAxis.fromEnergyBounds(0.5, 20, 5, { unit: "TeV", name: "energy" });
    const etrue = MapAxis.fromEnergyBounds(0.3, 40, 8, { unit: "TeV", name: "energy_true" });
    const image = WcsGeom.create({ skydir: [83.63, 22.01], binsz: 0.4, width: 7, frame: "icrs" });
    const pointing = { ra: 83.63, dec: 21.51 };
    const fused = makeEdispKernelMap(edisp, pointing, image.toCube([ereco, etrue]));
    const plain = makeEdispMap(edisp, pointing, image.toCube([edisp.axis("migra"), etrue])).toEdispKernelMap(ereco);
    const a = fused.edispMap.data;
    const b = plain.edispMap.data;
    expect(a.length).toBe(b.length);
    let differ = 0;
    for (let i = 0; i < a.length; i++) if (!(Math.abs(a[i]! - b[i]!) <= 1e-14 + 1e-12 * Math.abs(b[i]!))) differ++;
    expect(differ).toBe(0);
    // Not trivially zero: the kernel rows sum to about 1 where the reco range covers the pdf.
    const img = image.npix[0] * image.npix[1];
    let s = 0;
    for (let r = 0; r < 5; r++) s += a[(4 * 5 + r) * img + 100]!;
    expect(s).toBeGreaterThan(0.9);
  });
});
