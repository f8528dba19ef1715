import { FitsHeader } from "@gammats/fits";
import { afterEach, describe, expect, it } from "vitest";
import { MapAxis } from "../src/map-axis.js";
import { CircleSkyRegion } from "../src/region/circle-region.js";
import { WcsGeom } from "../src/wcs/wcs-geom.js";
import type { WcsGeomCreateOptions } from "../src/wcs/wcs-geom.js";
import { DEFAULT_MAP_MEMORY_LIMIT, setMapMemoryLimit } from "../src/wcs/memory-guard.js";
import { f64, runPython } from "./wcs-live.js";
import type { Num } from "./wcs-live.js";

interface AxisSpec {
  name: string;
  lo: number;
  hi: number;
  nbin: number;
  unit: string;
  interp?: "log" | "lin";
}
interface GeomSpec {
  skydir?: [number, number];
  binsz?: number | [number, number];
  width?: number | [number, number];
  npix?: number | [number, number];
  frame?: string;
  proj?: string;
  axes?: AxisSpec[];
}

function axisOf(s: AxisSpec): MapAxis {
  if ((s.interp ?? "log") === "log" && s.name.startsWith("energy")) return MapAxis.fromEnergyBounds(s.lo, s.hi, s.nbin, { unit: s.unit, name: s.name });
  return MapAxis.fromBounds(s.lo, s.hi, s.nbin, { unit: s.unit, name: s.name, interp: s.interp ?? "lin" });
}

function geomOf(s: GeomSpec): WcsGeom {
  const o: WcsGeomCreateOptions = { axes: (s.axes ?? []).map(axisOf) };
  if (s.skydir) o.skydir = s.skydir;
  if (s.binsz !== undefined) o.binsz = s.binsz;
  if (s.width !== undefined) o.width = s.width;
  if (s.npix !== undefined) o.npix = s.npix;
  if (s.frame) o.frame = s.frame;
  if (s.proj) o.proj = s.proj;
  return WcsGeom.create(o);
}

const E3: AxisSpec = { name: "energy", lo: 1, hi: 10, nbin: 3, unit: "TeV" };
// Even and odd sizes, widths that are not multiples of binsz (rint), CAR at the Galactic
// centre, TAN/SIN/AIT, an all-sky CAR, a map across RA = 0 and an fk5 map.
const GEOMS: Record<string, GeomSpec> = {
  crab_tan: { skydir: [83.63, 22.01], binsz: 0.02, width: [3, 2.5], proj: "TAN", axes: [E3] },
  gc_car: { skydir: [0, 0], binsz: 0.1, width: [6.05, 3.95], frame: "galactic" },
  gc_car_odd: { skydir: [359.94, -0.04], binsz: 0.05, width: [2.525, 1.475], frame: "galactic", axes: [E3, { name: "offset", lo: 0, hi: 2, nbin: 2, unit: "deg", interp: "lin" }] },
  ra0_car: { skydir: [0.3, -30], binsz: 0.2, width: 8, frame: "icrs" },
  fk5_sin: { skydir: [329.7, -30.2], binsz: 0.05, npix: [41, 40], frame: "fk5", proj: "SIN" },
  allsky_ait: { binsz: 2, frame: "galactic", proj: "AIT" },
  allsky_car: { binsz: 3, frame: "icrs" },
  rect_binsz: { skydir: [120, 45], binsz: [0.1, 0.05], width: [2, 1], proj: "ZEA" },
};

const CENTER: [number, number, string] = [83.9, 22.3, "icrs"];

interface GeomRef {
  header: Record<string, string | number | boolean>;
  data_shape: number[];
  npix: [number, number];
  solid_angle: Num[];
  lon: Num[];
  lat: Num[];
  width: number[];
  center_skydir: [number, number];
  is_allsky: boolean;
  separation?: Num[];
}

const CUTOUTS = [
  { geom: "crab_tan", position: [83.63, 22.01, "icrs"], width: 1 },
  { geom: "crab_tan", position: [83.1, 21.3, "icrs"], width: [1.01, 0.73] },
  { geom: "crab_tan", position: [184.557, -5.784, "galactic"], width: 0.5, odd_npix: true },
  { geom: "gc_car", position: [-2.9, 1.9, "galactic"], width: 2 },
  { geom: "gc_car", position: [266.4, -28.9, "icrs"], width: 1.5 },
] as const;

const REGIONS = [
  { geom: "crab_tan", regions: "icrs;circle(83.63,22.01,0.4)", inside: true },
  { geom: "gc_car", regions: "galactic;circle(0,0,0.5)\ngalactic;ellipse(-1.5,0.7,0.6,0.3,30)\nicrs;box(268.0,-30.5,1.0,0.5,10)", inside: false },
  { geom: "gc_car", regions: "galactic;polygon(1,1,2,1.5,1.5,-1)", inside: true },
];

const ref = runPython<Record<string, unknown>>("wcs_gammapy.py", {
  tasks: [
    ...Object.entries(GEOMS).map(([id, geom]) => ({ id, kind: "geom", geom, center: CENTER })),
    ...CUTOUTS.map((c, i) => ({ id: `cutout${i}`, kind: "cutout", geom: GEOMS[c.geom], position: c.position, width: c.width, odd_npix: "odd_npix" in c ? c.odd_npix : false })),
    ...[2, 5].map((f) => ({ id: `up${f}`, kind: "resample_geom", geom: GEOMS.gc_car_odd, how: "up", factor: f })),
    { id: "down5", kind: "resample_geom", geom: GEOMS.crab_tan, how: "down", factor: 5 },
    ...REGIONS.map((r, i) => ({ id: `region${i}`, kind: "region_mask", geom: GEOMS[r.geom], regions: r.regions, inside: r.inside })),
  ],
});

function expectHeader(cards: FitsHeader, expected: Record<string, string | number | boolean>, what: string): void {
  expect(cards.keys().sort(), what).toEqual(Object.keys(expected).sort());
  for (const [k, v] of Object.entries(expected)) {
    if (typeof v === "number") expect(Math.abs(cards.getNumber(k) - v), `${what} ${k}: ${cards.get(k)} vs ${v}`).toBeLessThan(1e-9 * Math.max(1, Math.abs(v)));
    else expect(String(cards.get(k)).trim(), `${what} ${k}`).toBe(String(v).trim());
  }
}

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
  expect(bad, `${what}: ${bad} values differ, first ${first}`).toBe(0);
}

describe("WcsGeom against Gammapy (live)", () => {
  it.skipIf(ref === undefined).each(Object.keys(GEOMS))("%s: create, header, shape, coordinates, solid angle, separation", (id) => {
    const r = ref![id] as GeomRef;
    const g = geomOf(GEOMS[id]!);
    expectHeader(new FitsHeader(g.toHeaderCards()), r.header, id);
    expect(g.dataShape).toEqual(r.data_shape);
    expect([...g.npix]).toEqual(r.npix);
    expect(g.isAllsky).toBe(r.is_allsky);
    close(g.width, r.width, 1e-12, 0, `${id} width`);
    const c = g.getCoord();
    close(c.lon, r.lon, 0, 1e-9, `${id} lon`);
    close(c.lat, r.lat, 0, 1e-9, `${id} lat`);
    close(g.solidAngle(), r.solid_angle, 1e-9, 0, `${id} solid angle`);
    close(g.separation(CENTER[0], CENTER[1], CENTER[2]), r.separation!, 0, 1e-9, `${id} separation`);
    const cs = g.centerSkydir;
    expect(Math.abs(cs.lon - r.center_skydir[0]) % 360).toBeLessThan(1e-9);
    expect(cs.lat).toBeCloseTo(r.center_skydir[1], 9);
  });

  it.skipIf(ref === undefined).each(CUTOUTS.map((c, i) => [i, c] as const))("cutout %i: window and WCS as Gammapy (mode trim)", (i, c) => {
    const r = ref![`cutout${i}`] as { header: Record<string, string | number>; npix: [number, number] };
    const g = geomOf(GEOMS[c.geom]!);
    const cut = g.cutout({ lon: c.position[0], lat: c.position[1], frame: c.position[2] }, c.width as number | [number, number], { oddNpix: "odd_npix" in c && c.odd_npix });
    expect([...cut.npix]).toEqual(r.npix);
    expectHeader(new FitsHeader(cut.toHeaderCards()), r.header, `cutout ${i}`);
    const [x0, y0] = g.offsetOf(cut);
    expect(x0 + cut.wcs.crpix[0]).toBe(g.wcs.crpix[0]);
    expect(y0 + cut.wcs.crpix[1]).toBe(g.wcs.crpix[1]);
  });

  it.skipIf(ref === undefined)("upsample / downsample headers", () => {
    for (const f of [2, 5]) {
      const r = ref![`up${f}`] as { header: Record<string, string | number> };
      expectHeader(new FitsHeader(geomOf(GEOMS.gc_car_odd!).upsample(f).toHeaderCards()), r.header, `up ${f}`);
    }
    const r = ref!.down5 as { header: Record<string, string | number> };
    expectHeader(new FitsHeader(geomOf(GEOMS.crab_tan!).downsample(5).toHeaderCards()), r.header, "down 5");
  });

  it.skipIf(ref === undefined).each(REGIONS.map((r, i) => [i, r] as const))("region mask %i as Gammapy", (i, spec) => {
    const r = ref![`region${i}`] as { mask: Num[] };
    const g = geomOf(GEOMS[spec.geom]!);
    const mask = g.regionMask(spec.regions, spec.inside);
    close(mask, r.mask, 0, 0, `region ${i}`);
    const inside = mask.reduce((a, b) => a + b, 0);
    expect(inside).toBeGreaterThan(0);
    expect(inside).toBeLessThan(mask.length);
  });
});

describe("WcsGeom (offline facts)", () => {
  afterEach(() => setMapMemoryLimit(DEFAULT_MAP_MEMORY_LIMIT));

  it("sizes like Gammapy: rint(width / binsz) with halves to even, CRPIX at (n + 1) / 2", () => {
    // 2.5 / 1 = 2.5 -> 2 and 3.5 -> 4 (NumPy's rint), not Math.round's 3 and 4
    const g = WcsGeom.create({ binsz: 1, width: [2.5, 3.5] });
    expect([...g.npix]).toEqual([2, 4]);
    expect([...g.wcs.crpix]).toEqual([1.5, 2.5]);
    expect([...g.wcs.cdelt]).toEqual([-1, 1]);
    expect(WcsGeom.create({ binsz: "0.6 arcmin", width: "1 deg" }).npix).toEqual([100, 100]);
  });

  it("puts the data shape in Gammapy's order and converts a skydir to the map frame", () => {
    const e = MapAxis.fromEnergyBounds(1, 10, 4, { unit: "TeV" });
    const o = MapAxis.fromBounds(0, 2, 3, { unit: "deg", name: "offset" });
    const g = WcsGeom.create({ skydir: { lon: 184.5575, lat: -5.7843, frame: "galactic" }, width: 2, binsz: 0.1, axes: [e, o] });
    expect(g.dataShape).toEqual([3, 4, 20, 20]);
    expect(g.wcs.crval[0]).toBeCloseTo(83.633, 2);
    expect(g.frame).toBe("icrs");
  });

  it("measures the solid angle of a pixel at the equator and near a pole", () => {
    // 1 x 1 deg CAR pixel on the equator: planar triangles give (pi/180)^2 to 1e-5
    const eq = WcsGeom.create({ binsz: 1, width: 1 });
    expect(eq.solidAngle()[0]! / (Math.PI / 180) ** 2).toBeCloseTo(1, 4);
    // in a CAR map referenced at the equator, the pixel at b = 60 shrinks by cos(60)
    const car = WcsGeom.create({ skydir: [0, 0], binsz: 0.5, npix: [1, 241] });
    expect(car.getCoord().lat[240]).toBeCloseTo(60, 12);
    expect(car.solidAngle()[240]! / (0.25 * (Math.PI / 180) ** 2)).toBeCloseTo(0.5, 2);
  });

  it("round-trips through the header", () => {
    const e = MapAxis.fromEnergyBounds(0.5, 50, 6, { unit: "TeV" });
    const g = WcsGeom.create({ skydir: [266.4, -28.9], binsz: 0.05, width: [3, 2], proj: "TAN", axes: [e] });
    const back = WcsGeom.fromHeader(new FitsHeader(g.toHeaderCards()), [e]);
    expect(back.equals(g)).toBe(true);
    expect(back.equals(g.upsample(2))).toBe(false);
    expect(back.equals(WcsGeom.create({ skydir: [266.4, -28.9 + 1e-3], binsz: 0.05, width: [3, 2], proj: "TAN", axes: [e] }))).toBe(false);
  });

  it("masks only the circle of a CircleSkyRegion object (and the outside when inverted)", () => {
    const g = WcsGeom.create({ skydir: [0, 0], binsz: 0.1, width: 2, frame: "galactic" });
    const m = g.regionMask(new CircleSkyRegion(0, 0, 0.3, "galactic"));
    // pixel centres at (i - 9.5) * 0.1 deg: those within 0.3 deg of the centre
    let expected = 0;
    for (let j = 0; j < 20; j++) for (let i = 0; i < 20; i++) if (Math.hypot(i - 9.5, j - 9.5) * 0.1 < 0.3) expected++;
    expect(m.reduce((a, b) => a + b, 0)).toBe(expected);
    expect(g.regionMask(new CircleSkyRegion(0, 0, 0.3, "galactic"), false).reduce((a, b) => a + b, 0)).toBe(400 - expected);
  });

  it("refuses geometries above the memory limit, with size and fix", () => {
    const e = MapAxis.fromEnergyBounds(0.1, 100, 100, { unit: "TeV" });
    expect(() => WcsGeom.create({ binsz: 0.001, width: 10, axes: [e] })).toThrow(/needs 74\.5 GiB.*limit of 4\.0 GiB.*larger binsz or a smaller width/);
    expect(() => WcsGeom.create({ binsz: 0.01, width: 5, maxBytes: 1e6 })).toThrow(/needs 1\.9 MiB/);
    setMapMemoryLimit(1024);
    expect(() => WcsGeom.create({ binsz: 1, width: 12 })).toThrow(/limit of 1024 bytes/);
  });

  it("rejects bad input with the value and the fix", () => {
    expect(() => WcsGeom.create({ binsz: 0 })).toThrow(/binsz must be > 0/);
    expect(() => WcsGeom.create({ binsz: 1, width: 0.2 })).toThrow(/0 x 0 pixels/);
    expect(() => WcsGeom.create({ proj: "XYZ" })).toThrow(/projection 'XYZ'.*CAR, TAN/);
    expect(() => WcsGeom.create({ frame: "ecliptic" })).toThrow(/unknown sky frame 'ecliptic'/);
    expect(() => WcsGeom.create({ width: 2, binsz: "2 TeV" })).toThrow(/angle/);
    expect(() => WcsGeom.create({ width: 2 }).cutout([180, 0], 1)).toThrow(/does not overlap/);
    const g = WcsGeom.create({ width: 4, binsz: 1 });
    expect(() => g.downsample(3)).toThrow(/not divisible by 3/);
  });
});
