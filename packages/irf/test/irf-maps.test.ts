/**
 * IRF maps on synthetic inputs whose answers are known: Gaussian PSF maps and kernels,
 * exposure-weighted stacking (full maps, cut-outs, weights with an energy axis), diagonal
 * edisp kernel maps, FITS round trips in Gammapy's layout, and the errors.
 */
import { readFitsSync } from "@gammats/fits";
import { MapAxis, WcsGeom, WcsNDMap, convolveSame, preferFft } from "@gammats/maps";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import {
  Background2D,
  Background3D,
  EDispKernel,
  EDispKernelMap,
  PSFKernel,
  PSFMap,
  broadcastPlanes,
  makeMapBackgroundIrf,
  oddNpixGeom,
  roundUpToOdd,
} from "../src/index.js";
import { tempDir } from "./irf-helpers.js";

const etrue = MapAxis.fromEnergyBounds(1, 10, 2, { unit: "TeV", name: "energy_true" });

describe("PSF kernels", () => {
  test("odd sizes as Gammapy's round_up_to_odd and to_odd_npix", () => {
    expect([32, 32.5, 33, 33.2, 34].map(roundUpToOdd)).toEqual([33, 33, 33, 35, 35]);
    const geom = WcsGeom.create({ skydir: [10, 20], binsz: 0.04, width: 2, axes: [etrue] });
    const k = oddNpixGeom(geom, 0.65);
    expect(k.npix).toEqual([33, 33]);
    expect(k.centerSkydir.lon).toBeCloseTo(10, 12);
    expect(k.centerSkydir.lat).toBeCloseTo(20, 12);
    expect(oddNpixGeom(geom).npix).toEqual([51, 51]); // 2 deg / 0.04 = 50 -> 51
  });

  test("Gaussian kernel: normalised per plane, symmetric, second moment 2 sigma^2", () => {
    const geom = WcsGeom.create({ skydir: [0, 0], binsz: 0.02, width: 2, axes: [etrue] });
    const sigma = 0.1;
    const k = PSFKernel.fromGauss(geom, sigma);
    const [n] = k.psfKernelMap.geom.npix;
    expect(n).toBe(51); // 5 sigma / 0.02 -> 25 -> 51
    const img = n * n;
    let sum = 0;
    let m2 = 0;
    const c = (n - 1) / 2;
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) {
        const v = k.data[img + y * n + x]!;
        sum += v;
        m2 += v * ((x - c) ** 2 + (y - c) ** 2) * 0.02 ** 2;
      }
    }
    expect(sum).toBeCloseTo(1, 12);
    // Pixelisation adds binsz^2/6 to 2 sigma^2 (uniform pixels in 2D): 0.02 + 0.0000667.
    expect(m2).toBeCloseTo(2 * sigma ** 2 + 0.02 ** 2 / 6, 4);
    expect(k.data[c * n + 0]).toBeCloseTo(k.data[c * n + n - 1]!, 10);
    expect(k.data[0 * n + c]).toBeCloseTo(k.data[(n - 1) * n + c]!, 10);
    // Image kernel: a weighted mean of equal planes is the same plane.
    const im = k.toImage();
    expect(im.psfKernelMap.geom.axes[0]!.nbin).toBe(1);
    expect(im.data[c * n + c]).toBeCloseTo(k.data[c * n + c]!, 12);
  });
});

describe("PSFMap", () => {
  const sigma = [0.1, 0.05];
  const psf = PSFMap.fromGauss(etrue, { sigma });

  test("Gaussian PSF map: containment radii sigma·sqrt(-2 ln(1 - f)) and containment", () => {
    const e1 = etrue.centers[1]!;
    const r = psf.containmentRadius([0.68, 0.95], [e1, e1]);
    expect(Math.abs(r[0]! - 0.05 * Math.sqrt(-2 * Math.log(0.32)))).toBeLessThan(0.002);
    expect(Math.abs(r[1]! - 0.05 * Math.sqrt(-2 * Math.log(0.05)))).toBeLessThan(0.002);
    const c = psf.containment([0.1, 0.66, 5], [etrue.centers[0]!]);
    expect(c[0]).toBeCloseTo(1 - Math.exp(-0.5), 2);
    expect(c[1]).toBeCloseTo(1, 3); // the whole tabulated profile (a midpoint sum of the Gaussian)
    expect(c[2]).toBeCloseTo(c[1]!, 12); // flat beyond the rad axis (edge padding)
  });

  test("kernel from the map: width follows sigma per energy; convolution keeps the total (FFT path)", () => {
    const geom = WcsGeom.create({ skydir: [0, 0], binsz: 0.02, width: 1.6, axes: [etrue] });
    const k = psf.getPsfKernel(geom, { maxRadius: 0.4 });
    const [n] = k.psfKernelMap.geom.npix;
    expect(n).toBe(41);
    const c = (n - 1) / 2;
    const moment = (p: number) => {
      let m2 = 0;
      for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) m2 += k.data[p * n * n + y * n + x]! * ((x - c) ** 2 + (y - c) ** 2) * 0.02 ** 2;
      return m2;
    };
    expect(moment(0) / (2 * 0.1 ** 2)).toBeCloseTo(1, 1);
    expect(moment(1) / (2 * 0.05 ** 2)).toBeCloseTo(1, 1);
    // A point source convolved with the kernel: FFT (41 x 41 on 80 x 80) equals the direct sum.
    const [nx, ny] = geom.npix;
    expect(preferFft(ny, nx, n, n)).toBe(true);
    const src = WcsNDMap.fromGeom(geom);
    src.data[40 * nx + 40] = 1;
    src.data[nx * ny + 40 * nx + 40] = 1;
    const conv = src.convolve(k.psfKernelMap);
    for (let p = 0; p < 2; p++) {
      const plane = (conv.data as Float64Array).subarray(p * nx * ny, (p + 1) * nx * ny);
      const direct = convolveSame(src.data.subarray(p * nx * ny, (p + 1) * nx * ny) as Float64Array, ny, nx, k.data.subarray(p * n * n, (p + 1) * n * n), n, n, new Float64Array(nx * ny));
      expect(plane.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      for (let i = 0; i < plane.length; i++) expect(Math.abs(plane[i]! - direct[i]!)).toBeLessThan(1e-15);
    }
  });

  test("psfKernelWidth equals the width of the kernel getPsfKernel makes, before and after it", () => {
    const geom = WcsGeom.create({ skydir: [0, 0], binsz: 0.02, width: 1.6, axes: [etrue] });
    // A map with a PSF on one half only: positions on the other half move to the nearest valid pixel.
    const image = WcsGeom.create({ skydir: [0, 0], binsz: 0.5, width: 2, axes: [] });
    const half = PSFMap.fromGauss(etrue, { sigma: [0.12, 0.06], geom: image });
    const [nx] = image.npix;
    const img = image.npix[0] * image.npix[1];
    for (let i = 0; i < half.psfMap.data.length; i++) if ((i % img) % nx < 2) half.psfMap.data[i] = 0;
    const requests: { position?: [number, number]; maxRadius?: number; containment?: number }[] = [
      {},
      { position: [0.3, 0.1] },
      { position: [-0.7, 0.4] }, // no PSF there
      { position: [5, 5] }, // outside the map
      { position: [0.3, 0.1], containment: 0.9 },
      { position: [0.3, 0.1], maxRadius: 0.3 },
    ];
    for (const map of [psf, half]) {
      for (const r of requests) {
        const width = map.psfKernelWidth(geom, r);
        expect(width, JSON.stringify(r)).toBe(Math.max(...map.getPsfKernel(geom, r).psfKernelMap.geom.width));
        expect(map.psfKernelWidth(geom, r)).toBe(width);
      }
    }
    expect(() => psf.psfKernelWidth(geom.toImage())).toThrow(/no energy_true axis/);
  });

  test("the kernel's PSF profile: interpByCoord with the position broadcast to every node, bit for bit", () => {
    const geom = WcsGeom.create({ skydir: [0, 0], binsz: 0.02, width: 1.6, axes: [etrue] });
    const image = WcsGeom.create({ skydir: [0, 0], binsz: 0.5, width: 2, axes: [] });
    const map = PSFMap.fromGauss(etrue, { sigma: [0.12, 0.06], geom: image });
    // Values that vary over position, energy and rad, with a NaN, an infinity and zeros.
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const d = map.psfMap.data;
    for (let i = 0; i < d.length; i++) d[i] = d[i]! * (0.5 + rnd());
    d[3] = NaN;
    d[40] = Infinity;
    d.fill(0, 100, 140);
    type Grid = { nodePixRad: Float64Array };
    const priv = map as unknown as {
      kernelGrid(g: WcsGeom, r: number, f: number, e: number): Grid;
      profileAt(p: { lon: number; lat: number; frame: string }, g: Grid): Float64Array;
    };
    const grid = priv.kernelGrid(geom, 0.3, 4, 0);
    const [radAxis, eAxis] = map.psfMap.geom.axes as [MapAxis, MapAxis];
    const nr = radAxis.nbin;
    const ne = etrue.nbin;
    const nodeRad = new Float64Array(ne * nr);
    const nodeE = new Float64Array(ne * nr);
    for (let j = 0; j < ne; j++) {
      nodeRad.set(radAxis.centers, j * nr);
      nodeE.fill(etrue.centersIn(eAxis.unit)[j]!, j * nr, (j + 1) * nr);
    }
    const frame = map.psfMap.geom.frame;
    for (const [lon, lat] of [[0, 0], [0.13, -0.41], [0.25, 0.25], [-0.74, 0.74], [0.9, -0.2], [3, 2], [359.8, 0.1]] as [number, number][]) {
      const fast = priv.profileAt({ lon, lat, frame }, grid);
      const slow = map.psfMap.interpByCoord({ lon, lat, frame, rad: nodeRad, energy_true: nodeE });
      expect(fast.length).toBe(slow.length);
      for (let i = 0; i < slow.length; i++) expect(Object.is(fast[i], slow[i]), `${lon} ${lat} node ${i}: ${fast[i]} vs ${slow[i]}`).toBe(true);
    }
  });

  test("stacking weights by exposure; weights mask pixels; cut-outs stack into their window", () => {
    const geom = WcsGeom.create({ skydir: [0, 0], binsz: 0.5, width: 2, axes: [] });
    const a = PSFMap.fromGauss(etrue, { sigma: 0.1, geom });
    const b = PSFMap.fromGauss(etrue, { sigma: 0.2, geom });
    a.exposureMap!.data.fill(1e4); // 1 m2 s (cm2 s internally)
    b.exposureMap!.data.fill(3e4);
    const va = a.psfMap.data[0]!;
    const vb = b.psfMap.data[0]!;
    const mask = WcsNDMap.fromGeom(geom, { data: Float64Array.from({ length: 16 }, (_, i) => (i === 5 ? 0 : 1)) });
    a.stack(b, mask);
    expect(a.psfMap.data[0]).toBeCloseTo((va * 1 + vb * 3) / 4, 10);
    expect(a.psfMap.data[5]).toBeCloseTo(va, 10); // masked: unchanged
    expect(a.exposureMap!.data[0]).toBe(4e4);
    expect(a.exposureMap!.data[5]).toBe(1e4);
    // A 2 x 2 cut-out stacked into the 4 x 4 map changes only its window.
    const c = PSFMap.fromGauss(etrue, { sigma: 0.2, geom }).cutout([0, 0], 1);
    expect(c.psfMap.geom.npix).toEqual([2, 2]);
    const before = Float64Array.from(a.psfMap.data);
    c.exposureMap!.data.fill(4e4);
    a.stack(c);
    const [x0, y0] = a.psfMap.geom.offsetOf(c.psfMap.geom);
    expect([x0, y0]).toEqual([1, 1]);
    expect(a.psfMap.data[0]).toBe(before[0]);
    // Pixel 5 had exposure 1 m2 s (masked before), the cut-out brings 4 m2 s.
    expect(a.psfMap.data[1 * 4 + 1]).toBeCloseTo((before[5]! * 1 + vb * 4) / 5, 10);
    expect(a.exposureMap!.data[5]).toBe(5e4);
  });

  test("FITS round trip in Gammapy's layout (PSF, PSF_BANDS, PSF_EXPOSURE, PSF_EXPOSURE_BANDS)", () => {
    const path = join(tempDir(), "psf.fits");
    psf.write(path);
    const f = readFitsSync(path);
    expect(f.hdus.map((h) => h.name)).toEqual(["PRIMARY", "PSF", "PSF_BANDS", "PSF_EXPOSURE", "PSF_EXPOSURE_BANDS"]);
    expect(String(f.hdu("PSF_EXPOSURE").header.get("BUNIT")).trim()).toBe("m2 s");
    const back = PSFMap.read(path);
    expect(Array.from(back.psfMap.data)).toEqual(Array.from(psf.psfMap.data));
    expect(back.exposureMap!.data[0]).toBeCloseTo(1e4, 8);
    expect(back.psfMap.geom.axes.map((a) => a.name)).toEqual(["rad", "energy_true"]);
  });
});

describe("EDispKernelMap", () => {
  const ereco = MapAxis.fromEnergyBounds(1, 10, 4, { unit: "TeV" });
  const geom = WcsGeom.create({ skydir: [0, 0], binsz: 1, width: 3 });

  test("diagonal response: every pixel holds the overlap matrix", () => {
    const m = EDispKernelMap.fromDiagonalResponse(ereco, etrue, geom);
    const k = m.getEdispKernel([1, -1]);
    const ref = EDispKernel.fromDiagonalResponse(etrue, ereco).pdfMatrix;
    expect(Array.from(k.pdfMatrix)).toEqual(Array.from(ref));
    // Overlap fractions in linear energy (Gammapy's get_overlap_fraction).
    const f = (10 ** 0.25 - 1) / (10 ** 0.5 - 1);
    expect(ref[0]).toBeCloseTo(f, 12);
    expect(ref[1]).toBeCloseTo(1 - f, 12);
    expect(Array.from(ref.slice(2, 6))).toEqual([0, 0, 0, 0]);
    // Reco bins summed: rows sum to 1.
    expect(Array.from(m.toImage().edispMap.data.subarray(0, 9))).toEqual(new Array(9).fill(1));
  });

  test("stacking with per-reco-bin weights: kernel columns weighted, exposure by logical or", () => {
    const a = EDispKernelMap.fromDiagonalResponse(ereco, etrue, geom);
    const b = EDispKernelMap.fromEdispKernel(EDispKernel.fromGauss(etrue, ereco, 0.2, 0), geom);
    a.exposureMap!.data.fill(1);
    b.exposureMap!.data.fill(1);
    const img = 9;
    // Weights on [energy (4), energy_true (1)]: reco bin 3 masked everywhere, pixel 4 fully masked.
    const wgeom = geom.toCube([ereco, etrue.squash()]);
    const w = new Float64Array(4 * img).fill(1);
    w.fill(0, 3 * img, 4 * img);
    for (let r = 0; r < 4; r++) w[r * img + 4] = 0;
    const pa = Float64Array.from(a.edispMap.data);
    const pb = b.edispMap.data;
    a.stack(b, WcsNDMap.fromGeom(wgeom, { data: w }));
    // True bin 1, reco bin 2 at pixel 0: (A + B) / 2; reco bin 3: (A + 0) / 2.
    const at = (t: number, r: number, i: number) => (t * 4 + r) * img + i;
    expect(a.edispMap.data[at(1, 2, 0)]).toBeCloseTo((pa[at(1, 2, 0)]! + pb[at(1, 2, 0)]!) / 2, 12);
    expect(a.edispMap.data[at(1, 3, 0)]).toBeCloseTo(pa[at(1, 3, 0)]! / 2, 12);
    expect(a.exposureMap!.data[0]).toBe(2);
    expect(a.exposureMap!.data[4]).toBe(1); // no reco bin safe: exposure not added
    expect(a.edispMap.data[at(1, 2, 4)]).toBeCloseTo(pa[at(1, 2, 4)]!, 12);
  });

  test("broadcast of planes onto squashed axes", () => {
    expect(Array.from(broadcastPlanes([3, 2], [1, 2])!)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(Array.from(broadcastPlanes([3, 2], [])!)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(broadcastPlanes([3, 2], [2, 2])).toBeNull();
  });

  test("FITS round trip (EDISP, EDISP_BANDS, EDISP_EXPOSURE, EDISP_EXPOSURE_BANDS)", () => {
    const m = EDispKernelMap.fromEdispKernel(EDispKernel.fromGauss(etrue, ereco, 0.2, 0.05), geom);
    const path = join(tempDir(), "edisp.fits");
    m.write(path);
    expect(readFitsSync(path).hdus.map((h) => h.name)).toEqual(["PRIMARY", "EDISP", "EDISP_BANDS", "EDISP_EXPOSURE", "EDISP_EXPOSURE_BANDS"]);
    const back = EDispKernelMap.read(path);
    expect(Array.from(back.edispMap.data)).toEqual(Array.from(m.edispMap.data));
    expect(back.getEdispKernel().getBias([3])[0]).toBeCloseTo(m.getEdispKernel().getBias([3])[0]!, 12);
  });
});

describe("background map inputs", () => {
  const energy = MapAxis.fromEnergyBounds(0.1, 100, 4, { unit: "TeV" });
  const geom = WcsGeom.create({ skydir: [0, 0], binsz: 0.5, width: 2, axes: [MapAxis.fromEnergyBounds(1, 10, 2, { unit: "TeV" })] });

  test("a flat 2D background gives rate x energy width x solid angle x ontime", () => {
    const offset = MapAxis.fromBounds(0, 5, 5, { name: "offset", unit: "deg" });
    const bkg = new Background2D({ axes: [energy, offset], data: 2, unit: "s-1 TeV-1 sr-1" });
    const m = makeMapBackgroundIrf({ ra: 0, dec: 0 }, 100, bkg, geom);
    const omega = geom.solidAngle();
    const edges = geom.axes[0]!.edges;
    expect(m.data[0]).toBeCloseTo(2 * (edges[1]! - edges[0]!) * omega[0]! * 100, 12);
    expect(m.data[16 + 5]).toBeCloseTo(2 * (edges[2]! - edges[1]!) * omega[5]! * 100, 12);
  });

  test("errors: ALTAZ without AltAz, no energy axis, bad oversampling", () => {
    const lon = MapAxis.fromBounds(-5, 5, 10, { name: "fov_lon", unit: "deg" });
    const lat = MapAxis.fromBounds(-5, 5, 10, { name: "fov_lat", unit: "deg" });
    const bkg = new Background3D({ axes: [energy, lon, lat], data: 1, unit: "s-1 TeV-1 sr-1", fovAlignment: "ALTAZ" });
    expect(() => makeMapBackgroundIrf({ ra: 0, dec: 0 }, 1, bkg, geom)).toThrow(/ALTAZ-aligned but the pointing has no AltAz/);
    expect(() => makeMapBackgroundIrf({ ra: 0, dec: 0 }, 1, bkg, geom.toImage())).toThrow(/no 'energy' axis/);
    expect(() => makeMapBackgroundIrf({ ra: 0, dec: 0 }, 1, bkg, geom, { oversampling: 1.5, fovAlignment: "RADEC" })).toThrow(/oversampling must be a positive integer/);
  });
});

describe("background map: rates integrated into the counts array (one fine bin per bin)", () => {
  test("every value is 0 + rate · omega · ontime of the separate integration, bit for bit", async () => {
    const { backgroundFovCoords } = await import("../src/maps/make-background.js");
    const energy = MapAxis.fromEnergyBounds(0.1, 100, 6, { unit: "TeV" });
    const lon = MapAxis.fromBounds(-2, 2, 8, { name: "fov_lon", unit: "deg" });
    const lat = MapAxis.fromBounds(-2, 2, 8, { name: "fov_lat", unit: "deg" });
    let s = 9;
    const rnd = (): number => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    // Zeros (empty bins: 0 after the log scale's clip) and a wide range of rates.
    const data = Float64Array.from({ length: 6 * 8 * 8 }, () => (rnd() < 0.15 ? 0 : 10 ** (-8 * rnd())));
    const bkg = new Background3D({ axes: [energy, lon, lat], data, unit: "s-1 MeV-1 sr-1" });
    // Wider than the IRF: pixels outside it get 0.
    const geom = WcsGeom.create({ skydir: [83.6, 22], binsz: 0.25, width: [6, 5], axes: [MapAxis.fromEnergyBounds(0.5, 50, 3, { unit: "TeV" })] });
    const pointing = { ra: 83.9, dec: 21.7 };
    const m = makeMapBackgroundIrf(pointing, 1687.5, bkg, geom);
    const rate = bkg.integrateLogLog(geom.axes[0]!.edgesIn("TeV"), backgroundFovCoords(bkg, pointing, geom, "RADEC"));
    const omega = geom.solidAngle();
    const img = omega.length;
    let zeros = 0;
    for (let k = 0; k < m.data.length; k++) {
      const want = 0 + rate[k]! * omega[k % img]! * 1687.5;
      expect(Object.is(m.data[k], want)).toBe(true);
      if (want === 0) zeros++;
    }
    expect(zeros).toBeGreaterThan(0);
  });
});
