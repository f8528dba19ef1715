/**
 * The PSF map's containment radii from small pixel windows (ContainmentWindows) against
 * the whole-map evaluator they replace, value for value: on a synthetic map with NaN,
 * partly NaN and all-zero pixels (and maps one pixel wide), and on a real H.E.S.S. PSF
 * map reaching beyond the PSF's offset range; kernel widths and the nearest valid
 * position against the former whole-map computations.
 */
import { MapAxis, WcsGeom, WcsNDMap } from "@gammats/maps";
import { describe, expect, test } from "vitest";
import { PSFMap, makeMapExposureTrueEnergy, makePsfMap, readIrfFile } from "../src/index.js";
import type { EffectiveAreaTable2D, PSF3D } from "../src/index.js";
import { cumsumAlongAxis, cumsumImageWindow } from "../src/axis-cumsum.js";
import { ContainmentWindows, containmentEvaluator } from "../src/maps/psf-map-containment.js";
import { CONTAINMENT_UPSAMPLE, argminAbsDiff, containmentRadGrid, containmentRadii, defaultRadAxis } from "../src/psf/psf-containment.js";
import { gammapyDataDir, hessFile } from "./irf-helpers.js";

/** Deterministic pseudo-random numbers in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const etrue = MapAxis.fromEnergyBounds(0.5, 50, 4, { unit: "TeV", name: "energy_true" });

/** A PSF map with random decreasing profiles, one NaN pixel, one partly NaN and one all zero. */
function syntheticMap(nx: number, ny: number, seed: number): PSFMap {
  const rad = MapAxis.fromEdges(Float64Array.from({ length: 13 }, (_, i) => i * 0.05), { name: "rad", unit: "deg" });
  const image = WcsGeom.create({ skydir: [83.6, 22], binsz: 0.2, npix: [nx, ny], frame: "icrs" });
  const geom = image.toCube([rad, etrue]);
  const r = rng(seed);
  const img = nx * ny;
  const data = new Float64Array(geom.size);
  for (let i = 0; i < img; i++) {
    for (let e = 0; e < etrue.nbin; e++) {
      const s = 0.05 + 0.15 * r();
      for (let k = 0; k < rad.nbin; k++) data[(e * rad.nbin + k) * img + i] = 5000 * r() * Math.exp(-((k * 0.05) ** 2) / (2 * s * s));
    }
  }
  const planes = etrue.nbin * rad.nbin;
  if (img > 2) for (let p = 0; p < planes; p++) data[p * img + (img >> 1)] = NaN;
  if (img > 3) for (let p = 0; p < planes; p++) data[p * img] = 0;
  if (img > 5) for (let p = 0; p < planes; p += 3) data[p * img + img - 2] = NaN;
  const exposure = new WcsNDMap(geom.squash("rad"), new Float64Array(etrue.nbin * img).fill(1), "m2 s");
  return new PSFMap(new WcsNDMap(geom, data, "sr-1"), exposure);
}

/** Pixel coordinates to try along an axis of n pixels: ends, edges, nodes, cells, beyond, NaN. */
function pixelCoords(n: number, r: () => number): number[] {
  const v = [-3, -0.75, -0.5, -0.4999, -0.25, 0, 1e-12, n - 1, n - 1 - 1e-12, n - 0.75, n - 0.5, n - 0.49, n + 2, NaN, Infinity, -Infinity];
  for (let k = 0; k < n; k++) v.push(k, k + 0.5, k + 0.999999, k - 1e-15 * (k + 1));
  for (let k = 0; k < 3 * n; k++) v.push(-0.6 + (n + 0.2) * r());
  return v;
}

function expectSame(a: Float64Array, b: Float64Array, what: string): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) expect.fail(`${what}[${i}]: ${a[i]} vs ${b[i]} (whole map)`);
}

/** Windowed against whole-map evaluations at the pixel points: the grid (maxContainmentRadius) and points (containmentRadius). */
function compareEvaluators(psf: WcsNDMap, ys: number[], xs: number[], seed: number): void {
  const full = containmentEvaluator(psf);
  const windows = new ContainmentWindows(psf);
  const energies = psf.geom.axes[1]!.centers;
  const grid = containmentRadGrid(psf.geom.axes[0]!, 2);
  const r = rng(seed);
  const eMin = psf.geom.axes[1]!.edges[0]!;
  const eMax = psf.geom.axes[1]!.edges[psf.geom.axes[1]!.nbin]!;
  const pts = 40;
  const pe = Float64Array.from({ length: pts }, (_, i) => (i < 2 ? [eMin, eMax][i]! : eMin * (eMax / eMin) ** (1.4 * r() - 0.2)));
  const pr = Float64Array.from({ length: pts }, () => 0.7 * r() - 0.02);
  // Random order, so that points are served from windows made for others.
  const order: [number, number][] = [];
  for (const y of ys) for (const x of xs) order.push([y, x]);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  for (const [y, x] of order) {
    const coords = [energies, grid, Float64Array.of(y), Float64Array.of(x)];
    const ev = windows.at(y, x);
    expectSame(ev.evaluateGrid(coords), full.evaluateGrid(coords), `grid at (${y}, ${x})`);
    const pc = [pe, pr, Float64Array.of(y), Float64Array.of(x)];
    expectSame(ev.evaluate(pc), full.evaluate(pc), `points at (${y}, ${x})`);
  }
}

/** The former nearestValidPosition: the whole mask, as IrfMap computed it before. */
function nearestValidReference(map: PSFMap, lon: number, lat: number): [number, number] {
  const geom = map.psfMap.geom;
  const [nx, ny] = geom.npix;
  const img = nx * ny;
  const d = map.psfMap.data;
  const mask = new Uint8Array(img);
  for (let p = 0; p < d.length / img; p++) for (let i = 0; i < img; i++) if (d[p * img + i]! > 0) mask[i] = 1;
  const pix = geom.skyToPix(Float64Array.of(lon), Float64Array.of(lat));
  const rint = (v: number) => {
    const q = Math.round(v);
    return Math.abs(v % 1) === 0.5 && q % 2 !== 0 ? q - 1 : q;
  };
  const ix = rint(pix.x[0]!);
  const iy = rint(pix.y[0]!);
  const inside = ix >= 0 && ix < nx && iy >= 0 && iy < ny;
  if ((inside && mask[iy * nx + ix] === 1) || !mask.includes(1)) return [lon, lat];
  const sep = geom.separation(lon, lat);
  let best = -1;
  for (let i = 0; i < sep.length; i++) if (mask[i] === 1 && (best < 0 || sep[i]! < sep[best]!)) best = i;
  const c = geom.pixToSky(Float64Array.of(best % nx), Float64Array.of(Math.floor(best / nx)));
  return [c.lon[0]!, c.lat[0]!];
}

/** The former PSFMap kernel radius: whole-map evaluator at the nearest valid position, Math.max over energies. */
function maxRadiusReference(map: PSFMap, lon: number, lat: number, fraction: number): number {
  const psf = map.psfMap;
  const [vlon, vlat] = nearestValidReference(map, lon, lat);
  const grid = containmentRadGrid(psf.geom.axes[0]!, CONTAINMENT_UPSAMPLE);
  const energies = psf.geom.axes[1]!.centers;
  const pix = psf.geom.skyToPix(Float64Array.of(vlon), Float64Array.of(vlat));
  const curves = containmentEvaluator(psf).evaluateGrid([energies, grid, Float64Array.of(pix.y[0]!), Float64Array.of(pix.x[0]!)]);
  let max = -Infinity;
  for (let e = 0; e < energies.length; e++) {
    const k = argminAbsDiff(grid.length, curves, e * grid.length, 1, fraction);
    max = Math.max(max, k < 0 ? NaN : grid[k]!);
  }
  return max;
}

/** The former containmentRadius: the whole-map evaluator point by point. */
function radiusReference(psf: WcsNDMap, fraction: number[], energy: number[], lon: number, lat: number): Float64Array {
  const ev = containmentEvaluator(psf);
  const pix = psf.geom.skyToPix(Float64Array.of(lon), Float64Array.of(lat));
  const y = Float64Array.of(pix.y[0]!);
  const x = Float64Array.of(pix.x[0]!);
  const e = new Float64Array(1);
  const grid = containmentRadGrid(psf.geom.axes[0]!, CONTAINMENT_UPSAMPLE);
  return containmentRadii(fraction, energy, [0], grid, (en, _o, rad, out) => {
    e[0] = en;
    return ev.evaluate([e, rad, y, x], out);
  }, "reference");
}

/** Sky positions over and around the map: pixel centres, edges, random, outside. */
function skyPositions(map: PSFMap, r: () => number, n: number): [number, number][] {
  const geom = map.psfMap.geom;
  const [nx, ny] = geom.npix;
  const px: number[] = [];
  const py: number[] = [];
  for (let k = 0; k < n; k++) {
    px.push(-1 + (nx + 1) * r());
    py.push(-1 + (ny + 1) * r());
  }
  px.push(0, nx - 1, -0.5, nx - 0.5, Math.floor(nx / 2), 2, -5);
  py.push(0, ny - 1, -0.5, ny - 0.5, Math.floor(ny / 2), 1, ny + 4);
  const sky = geom.pixToSky(Float64Array.from(px), Float64Array.from(py));
  return px.map((_, i) => [sky.lon[i]!, sky.lat[i]!]);
}

function comparePsfMap(map: PSFMap, positions: [number, number][], kernelGeom: WcsGeom): void {
  const e = map.psfMap.geom.axes[1]!.centers;
  for (const [lon, lat] of positions) {
    const at = `(${lon}, ${lat})`;
    const valid = map.nearestValidPosition([lon, lat]);
    expect([valid.lon, valid.lat], `nearest valid ${at}`).toEqual(nearestValidReference(map, lon, lat));
    for (const fraction of [0.999, 0.68]) {
      const ref = maxRadiusReference(map, lon, lat, fraction);
      const width = map.psfKernelWidth(kernelGeom, { position: [lon, lat], containment: fraction });
      expect(width, `kernel width ${at} ${fraction}`).toBe(map.psfKernelWidth(kernelGeom, { position: [lon, lat], maxRadius: ref }));
    }
    const fr = [0.68, 0.95, 0.5];
    const en = [e[0]!, e[e.length - 1]!, Math.sqrt(e[0]! * e[1]!)];
    expectSame(map.containmentRadius(fr, en, [lon, lat]), radiusReference(map.psfMap, fr, en, lon, lat), `radius ${at}`);
  }
}

describe("PSF map containment from pixel windows", () => {
  test("cumsumImageWindow: the whole array's running sums on every window, NaN and ±Infinity included", () => {
    const r = rng(3);
    const [outer, n, ny, nx] = [3, 5, 4, 6];
    const data = Float64Array.from({ length: outer * n * ny * nx }, () => (r() < 0.05 ? NaN : r() < 0.02 ? -Infinity : r() * 10 - 1));
    const w = Float64Array.from({ length: n }, () => r() * 0.3);
    const full = cumsumAlongAxis(data, [outer, n, ny, nx], 1, w, new Float64Array(data.length));
    for (let y0 = 0; y0 < ny; y0++) for (let y1 = y0; y1 < ny; y1++) for (let x0 = 0; x0 < nx; x0++) for (let x1 = x0; x1 < nx; x1++) {
      const [wy, wx] = [y1 - y0 + 1, x1 - x0 + 1];
      const win = cumsumImageWindow(data, outer, n, ny, nx, y0, wy, x0, wx, w, new Float64Array(outer * n * wy * wx));
      let k = 0;
      for (let p = 0; p < outer * n; p++) for (let j = 0; j < wy; j++) for (let i = 0; i < wx; i++) {
        const v = full[p * ny * nx + (y0 + j) * nx + x0 + i]!;
        if (!Object.is(win[k], v)) expect.fail(`window (${y0}..${y1}, ${x0}..${x1}) [${k}]: ${win[k]} vs ${v}`);
        k++;
      }
    }
  });

  test("synthetic maps (NaN, partly NaN and zero pixels; one pixel wide): the whole map's values at every point", () => {
    const r = rng(7);
    for (const [nx, ny] of [[7, 5], [2, 3], [1, 4], [6, 1], [1, 1]] as const) {
      const map = syntheticMap(nx, ny, nx * 10 + ny);
      compareEvaluators(map.psfMap, pixelCoords(ny, r), pixelCoords(nx, r), nx + ny);
    }
  });

  test("synthetic map: kernel widths, radii and nearest valid positions as before", () => {
    const r = rng(11);
    const map = syntheticMap(7, 5, 3);
    const kgeom = WcsGeom.create({ skydir: [83.6, 22], binsz: 0.02, width: 1, axes: [etrue], frame: "icrs" });
    comparePsfMap(map, skyPositions(map, r, 40), kgeom);
  });

  const dir = gammapyDataDir();
  test.skipIf(dir === undefined)("H.E.S.S. PSF map beyond the PSF's offsets: windowed evaluations, kernel widths and radii as before", () => {
    const irfs = readIrfFile(hessFile(dir!));
    const pointing = { ra: 83.63, dec: 22.51 };
    const et = MapAxis.fromEnergyBounds(0.5, 100, 10, { unit: "TeV", name: "energy_true" });
    const geom = WcsGeom.create({ skydir: [83.633, 22.0145], binsz: 0.2, width: 6.2, frame: "icrs" }).toCube([defaultRadAxis(), et]);
    const exposure = makeMapExposureTrueEnergy(pointing, 1000, irfs.aeff as EffectiveAreaTable2D, geom.squash("rad"));
    const map = makePsfMap(irfs.psf as PSF3D, pointing, geom, exposure);
    const [nx, ny] = geom.npix;
    const mask = map.maskSafeImage();
    expect(mask.includes(0) && mask.includes(1), "valid and invalid pixels").toBe(true);
    const r = rng(5);
    const ys = [-0.6, -0.5, 0, 0.3, ny / 2 - 0.25, ny - 1, ny - 0.5, ny - 0.2, NaN];
    const xs = [-0.5, 0, 1.5, nx / 2 + 0.1, nx - 1, nx - 0.5, nx + 1];
    for (let k = 0; k < 6; k++) {
      ys.push(-0.5 + ny * r());
      xs.push(-0.5 + nx * r());
    }
    compareEvaluators(map.psfMap, ys, xs, 9);
    const kgeom = WcsGeom.create({ skydir: [83.633, 22.0145], binsz: 0.04, width: 2, axes: [et], frame: "icrs" });
    // The fit's positions: a few hundredths of a degree around the Crab.
    const positions: [number, number][] = [[83.633, 22.0145], [83.6231, 22.0172], [83.63, 22.02], [83.64, 22.01]];
    comparePsfMap(map, [...positions, ...skyPositions(map, r, 12)], kgeom);
  });
});
