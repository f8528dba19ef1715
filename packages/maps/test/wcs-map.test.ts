import { describe, expect, it } from "vitest";
import { MapAxis } from "../src/map-axis.js";
import { WcsGeom } from "../src/wcs/wcs-geom.js";
import { WcsNDMap } from "../src/wcs/wcs-nd-map.js";
import { f64, runPython, seededRandom } from "./wcs-live.js";
import type { Num } from "./wcs-live.js";

const E3 = { name: "energy", lo: 1, hi: 10, nbin: 3, unit: "TeV" };
const G1 = { skydir: [83.63, 22.01], binsz: 0.05, width: [2, 1.5], proj: "TAN", axes: [E3] };
const T_IMG = { skydir: [184.557, -5.784], binsz: 0.08, width: 1.6, frame: "galactic" };
const T_CUBE = { ...T_IMG, axes: [E3] };
const T_FINE = { skydir: [83.5, 22.1], binsz: 0.03, width: [1.2, 0.9], proj: "CAR", axes: [E3] };

const energy = MapAxis.fromEnergyBounds(1, 10, 3, { unit: "TeV" });
const geom1 = WcsGeom.create({ skydir: [83.63, 22.01], binsz: 0.05, width: [2, 1.5], proj: "TAN", axes: [energy] });
const tImg = WcsGeom.create({ skydir: [184.557, -5.784], binsz: 0.08, width: 1.6, frame: "galactic" });
const tCube = tImg.toCube([energy]);
const tFine = WcsGeom.create({ skydir: [83.5, 22.1], binsz: 0.03, width: [1.2, 0.9], proj: "CAR", axes: [energy] });

const rnd = seededRandom(7);
const clean = Float64Array.from({ length: geom1.size }, () => 10 * rnd());
const withNaN = clean.slice();
for (const i of [5, 1234, 3000]) withNaN[i] = NaN;

const N = 300;
const pts = { lon: [] as number[], lat: [] as number[], energy: [] as number[] };
for (let i = 0; i < N; i++) {
  pts.lon.push(83.63 + (rnd() - 0.5) * 2.6 / Math.cos(22 * Math.PI / 180));
  pts.lat.push(22.01 + (rnd() - 0.5) * 2);
  pts.energy.push(0.8 * Math.pow(15 / 0.8, rnd()));
}
const weights = Array.from({ length: N }, () => rnd());
const galPts = { lon: pts.lon.map((_, i) => 184.557 + (i % 7) * 0.1 - 0.3), lat: pts.lat.map((_, i) => -5.784 + (i % 5) * 0.1 - 0.2), frame: "galactic", energy: pts.energy };
const kernel2 = Array.from({ length: 25 }, () => rnd());
const kernel3 = Array.from({ length: 75 }, () => rnd());
const kernelEven = Array.from({ length: 12 }, () => rnd());

const OPS_NAN = [
  { op: "get_by_coord", coords: pts },
  { op: "get_by_coord", coords: galPts },
  { op: "interp_by_coord", coords: pts },
  { op: "interp_by_coord", coords: pts, fill_value: 0 },
  { op: "interp_by_coord", coords: pts, method: "nearest" },
  { op: "sum_over_axes", keepdims: true },
  { op: "downsample", factor: 5, preserve_counts: true },
  { op: "downsample", factor: 2, preserve_counts: false },
];
const OPS_CLEAN = [
  { op: "fill_by_coord", coords: pts, weights },
  { op: "reproject", target: T_IMG, preserve_counts: true },
  { op: "reproject", target: T_IMG, preserve_counts: false },
  { op: "reproject", target: T_FINE, preserve_counts: true },
  { op: "interp_to_geom", target: T_CUBE },
  { op: "interp_to_geom", target: T_CUBE, preserve_counts: true },
  { op: "upsample", factor: 2, preserve_counts: true },
  { op: "upsample", factor: 3, preserve_counts: false },
  { op: "convolve", kernel: kernel2, shape: [5, 5] },
  { op: "convolve", kernel: kernel3, shape: [3, 5, 5] },
  { op: "convolve", kernel: kernelEven, shape: [3, 4] },
  { op: "smooth", width: 1.5, kernel: "gauss" },
  { op: "smooth", width: "0.12 deg", kernel: "gauss" },
  { op: "smooth", width: 2.3, kernel: "disk" },
  { op: "smooth", width: 3, kernel: "box" },
  { op: "smooth", width: 4, kernel: "box" },
  { op: "cutout", position: [83.5, 21.8, "icrs"], width: 0.7 },
  { op: "cutout", position: [184.0, -6.5, "galactic"], width: 1 },
];

const ref = runPython<Record<string, Record<string, unknown>>>("wcs_gammapy.py", {
  tasks: [
    { id: "nan", kind: "map", geom: G1, data: Array.from(withNaN, (v) => (Number.isNaN(v) ? NaN : v)), ops: OPS_NAN },
    { id: "clean", kind: "map", geom: G1, data: Array.from(clean), ops: OPS_CLEAN },
  ],
});

function close(actual: ArrayLike<number>, expected: readonly Num[], rtol: number, atol: number, what: string): void {
  expect(actual.length, `${what} length`).toBe(expected.length);
  const e = f64(expected);
  let bad = 0;
  let first = "";
  for (let i = 0; i < e.length; i++) {
    const a = actual[i]!;
    const ok = Number.isNaN(e[i]!) ? Number.isNaN(a) : Math.abs(a - e[i]!) <= atol + rtol * Math.abs(e[i]!);
    if (!ok && bad++ === 0) first = `[${i}] ${a} vs ${e[i]}`;
  }
  expect(bad, `${what}: ${bad} of ${e.length} values differ, first ${first}`).toBe(0);
}

const mapNaN = new WcsNDMap(geom1, withNaN.slice());
const mapClean = new WcsNDMap(geom1, clean.slice());
const live = ref === undefined ? it.skip : it;
const r = (id: string, i: number): Num[] => ref![id]![String(i)] as Num[];

describe("WcsNDMap against Gammapy (live)", () => {
  live("getByCoord: nearest pixel, NaN outside, other frames", () => {
    close(mapNaN.getByCoord(pts), r("nan", 0), 0, 0, "get icrs");
    close(mapNaN.getByCoord(galPts), r("nan", 1), 0, 0, "get galactic");
  });

  live("interpByCoord: linear in pixels, extrapolating, fill value, nearest", () => {
    close(mapNaN.interpByCoord(pts), r("nan", 2), 1e-10, 1e-10, "linear");
    close(mapNaN.interpByCoord(pts, { fillValue: 0 }), r("nan", 3), 1e-10, 1e-10, "fill 0");
    close(mapNaN.interpByCoord(pts, { method: "nearest" }), r("nan", 4), 0, 0, "nearest");
  });

  live("sumOverAxes skips NaN and squashes the energy axis", () => {
    const s = mapNaN.sumOverAxes();
    expect(s.geom.dataShape).toEqual([1, 30, 40]);
    expect(s.geom.axes[0]!.edges[1]).toBeCloseTo(10, 12);
    close(s.data, r("nan", 5), 1e-12, 0, "sum");
    expect(mapNaN.sumOverAxes({ keepdims: false }).geom.isImage).toBe(true);
  });

  live("downsample: nan-sums and nan-means of blocks", () => {
    close(mapNaN.downsample(5).data, r("nan", 6), 1e-12, 0, "down 5 sum");
    close(mapNaN.downsample(2, { preserveCounts: false }).data, r("nan", 7), 1e-12, 0, "down 2 mean");
  });

  live("fillByCoord bins weighted events like fill_by_coord", () => {
    const m = WcsNDMap.fromGeom(geom1);
    m.fillByCoord(pts, weights);
    close(m.data, r("clean", 0), 1e-12, 1e-15, "fill");
    expect(m.data.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  live("reprojectTo: oversampled sums (preserve counts) and means", () => {
    // Gammapy's reprojected map is float32 (its resample allocates the default dtype)
    const a = mapClean.reprojectTo(tImg, { preserveCounts: true });
    expect(a.geom.dataShape).toEqual([3, 20, 20]);
    close(a.data, r("clean", 1), 1e-6, 1e-9, "reproject counts");
    close(mapClean.reprojectTo(tImg).data, r("clean", 2), 1e-6, 1e-9, "reproject mean");
    close(mapClean.reprojectTo(tFine, { preserveCounts: true }).data, r("clean", 3), 1e-6, 1e-9, "reproject fine");
  });

  live("interpToGeom with and without preserving counts", () => {
    close(mapClean.interpToGeom(tCube).data, r("clean", 4), 1e-9, 1e-12, "interp");
    close(mapClean.interpToGeom(tCube, { preserveCounts: true }).data, r("clean", 5), 1e-9, 1e-12, "interp counts");
  });

  live("upsample with solid-angle scaling and plain replication", () => {
    close(mapClean.upsample(2).data, r("clean", 6), 1e-9, 0, "up 2");
    close(mapClean.upsample(3, { preserveCounts: false }).data, r("clean", 7), 0, 0, "up 3");
  });

  live("convolve (direct, same window) with 2D, per-plane and even kernels", () => {
    // Gammapy convolves in float32
    close(mapClean.convolve({ data: kernel2, shape: [5, 5] }).data, r("clean", 8), 2e-6, 1e-4, "conv 2d");
    close(mapClean.convolve({ data: kernel3, shape: [3, 5, 5] }).data, r("clean", 9), 2e-6, 1e-4, "conv 3d");
    close(mapClean.convolve({ data: kernelEven, shape: [3, 4] }).data, r("clean", 10), 2e-6, 1e-4, "conv even");
  });

  live("smooth: gauss (pixels and angle), disk, box (odd and even)", () => {
    close(mapClean.smooth(1.5).data, r("clean", 11), 1e-10, 1e-12, "gauss");
    close(mapClean.smooth("0.12 deg").data, r("clean", 12), 1e-10, 1e-12, "gauss deg");
    close(mapClean.smooth(2.3, "disk").data, r("clean", 13), 1e-10, 1e-12, "disk");
    close(mapClean.smooth(3, "box").data, r("clean", 14), 1e-10, 1e-12, "box 3");
    close(mapClean.smooth(4, "box").data, r("clean", 15), 1e-10, 1e-12, "box 4");
  });

  live("cutout copies the window (also at the map edge)", () => {
    for (const [i, pos, width] of [[16, { lon: 83.5, lat: 21.8 }, 0.7], [17, { lon: 184.0, lat: -6.5, frame: "galactic" }, 1]] as const) {
      const e = ref!.clean![String(i)] as { data: Num[]; npix: [number, number] };
      const c = mapClean.cutout(pos, width);
      expect([...c.geom.npix]).toEqual(e.npix);
      close(c.data, e.data, 0, 0, `cutout ${i}`);
    }
  });
});

describe("WcsNDMap (offline facts)", () => {
  it("bins events into the right pixel and energy bin, skipping those outside", () => {
    const g = WcsGeom.create({ skydir: [0, 0], binsz: 1, width: 3, frame: "galactic", axes: [energy] });
    const m = WcsNDMap.fromGeom(g);
    // pixel (x=0, y=2) is at l = +1, b = +1; 2 TeV is in bin 0 ([1, 2.154)); 20 TeV is outside
    m.fillByCoord({ lon: [1, 1, 1, 0], lat: [1, 1, 1, 0], energy: [2, 2, 20, 5] });
    expect(m.data[(0 * 3 + 2) * 3 + 0]).toBe(2);
    expect(m.data[(2 * 3 + 1) * 3 + 1]).toBe(1);
    expect(m.data.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it("keeps counts when reprojecting a map onto an enclosing geometry", () => {
    const g = WcsGeom.create({ skydir: [0, 0], binsz: 0.1, width: 1, frame: "galactic" });
    const m = WcsNDMap.fromGeom(g, { data: new Float64Array(100).fill(1) });
    const big = WcsGeom.create({ skydir: [266.4, -28.94], binsz: 0.25, width: 3, frame: "icrs" });
    const out = m.reprojectTo(big, { preserveCounts: true });
    // sub-pixel solid angles sum to the pixel's only to ~1e-7 (planar triangles), as in Gammapy
    expect(out.data.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 3);
  });

  it("smooths a constant map to the same constant and conserves a point's flux with a gauss", () => {
    const g = WcsGeom.create({ binsz: 0.1, width: 3 });
    const m = WcsNDMap.fromGeom(g, { data: new Float64Array(900).fill(2) });
    for (const k of ["gauss", "disk", "box"] as const) expect(Math.max(...m.smooth(3, k).data.map((v) => Math.abs(v - 2)))).toBeLessThan(1e-12);
    const p = WcsNDMap.fromGeom(g);
    p.data[15 * 30 + 15] = 1;
    const s = p.smooth(2);
    expect(s.data.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(s.data[15 * 30 + 15]).toBeCloseTo(1 / (2 * Math.PI * 4), 3);
  });

  it("masks: regionMask maps are bool and interpolate to bool", () => {
    const g = WcsGeom.create({ skydir: [83.63, 22.01], binsz: 0.02, width: 1 });
    const mask = WcsNDMap.regionMask(g, "icrs;circle(83.63,22.01,0.2)", false);
    expect(mask.dtype).toBe("bool");
    const coarse = mask.interpToGeom(WcsGeom.create({ skydir: [83.63, 22.01], binsz: 0.1, width: 1 }));
    expect(coarse.dtype).toBe("bool");
    expect(coarse.data[5 * 10 + 5]).toBe(0);
    expect(coarse.data[0]).toBe(1);
  });

  it("stacks a cut-out back into its parent, partly outside, with weights and unit conversion", () => {
    const parent = WcsNDMap.fromGeom(geom1);
    const cut = mapClean.cutout({ lon: 84.5, lat: 22.3 }, 1); // clipped at the map's east edge
    expect(cut.geom.npix[0]).toBeLessThan(20);
    parent.stack(cut);
    const [x0, y0] = geom1.offsetOf(cut.geom);
    const [cx, cy] = cut.geom.npix;
    let inside = 0;
    for (let p = 0; p < 3; p++) {
      for (let j = 0; j < 30; j++) {
        for (let i = 0; i < 40; i++) {
          const k = (p * 30 + j) * 40 + i;
          const inWin = i >= x0 && i < x0 + cx && j >= y0 && j < y0 + cy;
          expect(parent.data[k], `${p} ${j} ${i}`).toBe(inWin ? clean[k] : 0);
          if (inWin) inside++;
        }
      }
    }
    expect(inside).toBe(cut.data.length);
    // a larger map stacked into a cut-out adds only the overlap; "m2" -> "cm2" is x 1e4; weights per pixel
    const small = WcsNDMap.fromGeom(cut.geom, { unit: "cm2" });
    const weights = WcsNDMap.fromGeom(geom1.toImage(), { data: new Float64Array(1200).fill(0.5) });
    small.stack(new WcsNDMap(geom1, clean.slice(), "m2"), { weights });
    expect(small.data[7]).toBeCloseTo(cut.data[7]! * 1e4 * 0.5, 6);
    expect(() => small.stack(WcsNDMap.fromGeom(tCube))).toThrow(/not aligned/);
  });

  it("refuses mismatched data, kernels and coordinates with the fix", () => {
    expect(() => new WcsNDMap(geom1, new Float64Array(10))).toThrow(/10 values but .* needs 3600/);
    expect(() => mapClean.getByCoord({ lon: 83, lat: 22 })).toThrow(/no coordinates for axis 'energy'/);
    expect(() => mapClean.getByCoord({ lon: [1, 2, 3], lat: [1, 2], energy: 1 })).toThrow(/do not broadcast/);
    expect(() => mapClean.convolve({ data: [1, 2, 3, 4], shape: [2, 1, 2] })).toThrow(/kernel has 2 planes, the map 3/);
    expect(() => mapClean.smooth(-1)).toThrow(/width must be > 0/);
    expect(() => mapClean.reprojectTo(tImg.toCube([MapAxis.fromEnergyBounds(1, 10, 5, { unit: "TeV" })]))).toThrow(/non-spatial axes differ/);
    expect(() => WcsNDMap.fromGeom(geom1, { maxBytes: 1000 })).toThrow(/needs 28\.1 KiB|needs 28800 bytes/);
  });
});
