import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readFitsSync } from "@gammats/fits";
import { afterAll, describe, expect, it } from "vitest";
import { MapAxis } from "../src/map-axis.js";
import { SkyMap } from "../src/wcs/map-factory.js";
import { readWcsMap } from "../src/wcs/map-io.js";
import { WcsGeom } from "../src/wcs/wcs-geom.js";
import { WcsNDMap } from "../src/wcs/wcs-nd-map.js";
import { gammapyDataDir } from "./helpers.js";
import { f64, runPython, seededRandom } from "./wcs-live.js";
import type { Num } from "./wcs-live.js";

const dir = mkdtempSync(join(tmpdir(), "gammats-wcs-io-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const E4 = { name: "energy", lo: 0.5, hi: 50, nbin: 4, unit: "TeV" };
const CUBE = { skydir: [266.4, -28.9], binsz: 0.1, width: [3, 2], frame: "icrs", proj: "TAN", axes: [E4] };
const IMG = { skydir: [0, 0], binsz: 0.2, width: [4, 3], frame: "galactic" };

const energy = MapAxis.fromEnergyBounds(0.5, 50, 4, { unit: "TeV" });
const rnd = seededRandom(11);
const cube = WcsNDMap.fromGeom(WcsGeom.create({ skydir: [266.4, -28.9], binsz: 0.1, width: [3, 2], proj: "TAN", axes: [energy] }), {
  unit: "cm-2 s-1 TeV-1",
  meta: { creator: "gammats", n: 3 },
});
cube.data.forEach((_, i) => (cube.data[i] = rnd() * 1e-12));
const mask = WcsNDMap.regionMask(WcsGeom.create({ skydir: [0, 0], binsz: 0.2, width: [4, 3], frame: "galactic" }), "galactic;circle(0.5,0.2,0.7)", false);

// gammats writes, Gammapy reads
cube.write(join(dir, "ours_cube.fits"));
cube.write(join(dir, "ours_cube_named.fits.gz"), { hdu: "counts" });
mask.write(join(dir, "ours_mask.fits"), { hdu: "EXCLUSION_MASK" });
const imgData = Array.from({ length: 300 }, () => Math.floor(10 * rnd()));

interface ReadRef {
  header: Record<string, string | number | boolean>;
  data: Num[];
  dtype: string;
  unit: string;
  meta: Record<string, unknown>;
  axes: { name: string; edges: Num[]; unit: string; interp: string }[];
  data_shape: number[];
}

const ref = runPython<Record<string, ReadRef>>("wcs_gammapy.py", {
  tasks: [
    { id: "read_cube", kind: "read", path: join(dir, "ours_cube.fits") },
    { id: "read_named", kind: "read", path: join(dir, "ours_cube_named.fits.gz"), kwargs: { hdu: "COUNTS" } },
    { id: "read_mask", kind: "read", path: join(dir, "ours_mask.fits"), kwargs: { hdu: "EXCLUSION_MASK" } },
    // Gammapy writes, gammats reads (float32 as Gammapy's default)
    { id: "w_cube", kind: "write", geom: CUBE, data: Array.from(cube.data), unit: "cm-2 s-1 TeV-1", meta: { origin: "gammapy" }, path: join(dir, "gp_cube.fits") },
    { id: "w_bkg", kind: "write", geom: CUBE, data: Array.from(cube.data), unit: "", path: join(dir, "gp_bkg.fits.gz"), kwargs: { hdu: "BACKGROUND" } },
    { id: "w_mask", kind: "write", geom: IMG, data: Array.from(mask.data), dtype: "bool", path: join(dir, "gp_mask.fits") },
    { id: "w_mask_named", kind: "write", geom: IMG, data: Array.from(mask.data), dtype: "bool", path: join(dir, "gp_mask_named.fits"), kwargs: { hdu: "MASK_FIT" } },
    { id: "w_img", kind: "write", geom: IMG, data: imgData, unit: "ct", path: join(dir, "gp_img.fits") },
  ],
});

function expectData(actual: ArrayLike<number>, expected: readonly Num[], rtol: number, what: string): void {
  const e = f64(expected);
  expect(actual.length, what).toBe(e.length);
  for (let i = 0; i < e.length; i++) expect(Math.abs(actual[i]! - e[i]!) <= rtol * Math.abs(e[i]!), `${what}[${i}] ${actual[i]} vs ${e[i]}`).toBe(true);
}

const live = ref === undefined ? it.skip : it;

describe("Gammapy reads the maps gammats writes (live)", () => {
  live("cube in the primary HDU with PRIMARY_BANDS", () => {
    const r = ref!.read_cube!;
    expect(r.data_shape).toEqual([4, 20, 30]);
    expect(r.unit).toBe("cm-2 s-1 TeV-1");
    // Gammapy's META decoder turns numbers into dimensionless quantities (printed "3.0")
    expect(r.meta).toEqual({ creator: "gammats", n: "3.0" });
    expect(r.axes[0]!.name).toBe("energy");
    expect(r.axes[0]!.interp).toBe("log");
    expectData(energy.edges, r.axes[0]!.edges, 1e-12, "edges");
    expectData(cube.data, r.data, 0, "data");
    expect(r.header.CRPIX1).toBe(15.5);
    expect(r.header.WCSSHAPE).toBe("(30,20,4)");
  });

  live("named HDU in a gzipped file, and a mask (bool in Gammapy by its HDU name)", () => {
    expectData(cube.data, ref!.read_named!.data, 0, "named");
    const m = ref!.read_mask!;
    expect(m.dtype).toBe("bool");
    expectData(mask.data, m.data, 0, "mask");
    expect(m.header.CTYPE1).toBe("GLON-CAR");
  });
});

describe("gammats reads the maps Gammapy writes (live)", () => {
  live("float32 cube with unit and META", () => {
    const m = readWcsMap(join(dir, "gp_cube.fits"));
    expect(m.geom.equals(cube.geom)).toBe(true);
    expect(m.unit).toBe("cm-2 s-1 TeV-1");
    expect(m.meta).toEqual({ origin: "gammapy" });
    expect(m.dtype).toBe("float64");
    expectData(m.data, Array.from(cube.data), 1e-7, "cube (float32 on disk)");
  });

  live("named HDU (BACKGROUND) with BANDSHDU = BACKGROUND_BANDS, read as float32 on request", () => {
    const m = SkyMap.read(join(dir, "gp_bkg.fits.gz"), { hdu: "BACKGROUND", dtype: "float32" });
    expect(m.dtype).toBe("float32");
    expect(m.geom.axes[0]!.equals(energy)).toBe(true);
    expect(Math.abs(m.data[17]! - cube.data[17]!) / cube.data[17]!).toBeLessThan(1e-7);
  });

  live("exclusion masks: PRIMARY (int on disk) read as bool on request, MASK_* as bool by name", () => {
    const plain = readWcsMap(join(dir, "gp_mask.fits"));
    expect(plain.dtype).toBe("float64");
    expect(Array.from(plain.data)).toEqual(Array.from(mask.data));
    const asBool = readWcsMap(join(dir, "gp_mask.fits"), { dtype: "bool" });
    expect(asBool.isMask).toBe(true);
    const named = readWcsMap(join(dir, "gp_mask_named.fits"));
    expect(named.dtype).toBe("bool");
    expect(Array.from(named.data)).toEqual(Array.from(mask.data));
    expect(named.geom.equals(mask.geom)).toBe(true);
  });

  live("counts image with unit 'ct' (Gammapy writes BUNIT in FITS format: 'count')", () => {
    const m = readWcsMap(join(dir, "gp_img.fits"));
    expect(m.unit).toBe("count");
    expect(m.geom.isImage).toBe(true);
    expect(Array.from(m.data)).toEqual(imgData);
  });
});

describe("map files (offline)", () => {
  it("writes Gammapy's HDU layout: primary image + <HDU>_BANDS, BANDSHDU, META, BUNIT", () => {
    const f = readFitsSync(join(dir, "ours_cube_named.fits.gz"));
    expect([...f].map((h) => h.name)).toEqual(["PRIMARY", "COUNTS", "COUNTS_BANDS"]);
    const h = f.hdu("COUNTS").header;
    expect(h.getString("BANDSHDU")).toBe("COUNTS_BANDS");
    expect(h.getString("BUNIT")).toBe("cm-2 s-1 TeV-1");
    expect(JSON.parse(h.getString("META"))).toEqual({ creator: "gammats", n: 3 });
    expect(h.getString("AXCOLS1")).toBe("E_MIN,E_MAX");
    expect(f.hdu("COUNTS").shape).toEqual([4, 20, 30]);
    expect(f.primary.dataSize).toBe(0);
  });

  it("round-trips data, geometry, unit, meta and masks", () => {
    const back = readWcsMap(join(dir, "ours_cube.fits"));
    expect(back.geom.equals(cube.geom)).toBe(true);
    expect(Array.from(back.data)).toEqual(Array.from(cube.data));
    expect(back.unit).toBe(cube.unit);
    const m = readWcsMap(join(dir, "ours_mask.fits"), { hdu: "EXCLUSION_MASK" });
    expect(m.isMask).toBe(true);
    expect(Array.from(m.data)).toEqual(Array.from(mask.data));
  });

  it("refuses to overwrite and names missing HDUs", () => {
    expect(() => cube.write(join(dir, "ours_cube.fits"))).toThrow(/exist/);
    expect(() => readWcsMap(join(dir, "ours_cube.fits"), { hdu: "NOPE" })).toThrow(/no HDU 'NOPE'.*PRIMARY_BANDS/);
  });
});

// Real H.E.S.S. events binned into a counts cube, against Gammapy's fill_events.
const data = gammapyDataDir();
const eventsFile = data && join(data, "hess-dl3-dr1/data/hess_dl3_dr1_obs_id_023523.fits.gz");
if (!data) console.log("skipping real-data event binning: no GAMMAPY_DATA or ../shared/gammapy-data");
const GEOM_EV = { skydir: [83.633, 22.014], binsz: 0.02, width: [4, 3.5], frame: "icrs", proj: "TAN", axes: [{ name: "energy", lo: 0.5, hi: 30, nbin: 8, unit: "TeV" }] };
const evRef = data ? runPython<Record<string, { data: Num[]; n: number }>>("wcs_gammapy.py", { tasks: [{ id: "ev", kind: "events", path: eventsFile, geom: GEOM_EV }] }) : undefined;

describe("event binning on real data (live)", () => {
  it.skipIf(evRef === undefined)("Crab run 23523: counts cube equals Gammapy's fill_events", () => {
    const ev = readFitsSync(eventsFile!).hdu("EVENTS");
    const e8 = MapAxis.fromEnergyBounds(0.5, 30, 8, { unit: "TeV" });
    const m = WcsNDMap.fromGeom(WcsGeom.create({ skydir: [83.633, 22.014], binsz: 0.02, width: [4, 3.5], proj: "TAN", axes: [e8] }));
    m.fillByCoord({ lon: ev.readFloat64("RA").data, lat: ev.readFloat64("DEC").data, energy: ev.readFloat64("ENERGY").data });
    const e = f64(evRef!.ev!.data);
    expect(Array.from(m.data)).toEqual(Array.from(e));
    expect(m.data.reduce((a, b) => a + b, 0)).toBeGreaterThan(1000);
  });
});
