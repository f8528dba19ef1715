/**
 * GADF table reading and writing: layout (TDIM in IRF axis order, reversed order for
 * backgrounds, BKG/BGD), meta kept, dispatch by HDUCLAS4 or columns, and typed errors for
 * bad files naming file, HDU and column.
 */
import { join } from "node:path";
import { FitsError } from "@gammats/core";
import { binTableHdu, imageHdu, readFitsSync, writeFitsSync } from "@gammats/fits";
import type { ColumnInput, HeaderInput } from "@gammats/fits";
import { MapAxis } from "@gammats/maps";
import { describe, expect, test } from "vitest";
import {
  Background2D,
  Background3D,
  EffectiveAreaTable2D,
  EnergyDispersion2D,
  IRF_REGISTRY,
  RadMax2D,
  readIrfFile,
  readIrfHdu,
} from "../src/index.js";
import { expectClose, tempDir } from "./irf-helpers.js";

const tmp = tempDir();
let count = 0;

/** Writes one table and returns its HDU (and path). */
function table(columns: ColumnInput[], header: HeaderInput, name = "TEST") {
  const path = join(tmp, `t${count++}.fits`);
  writeFitsSync(path, [imageHdu(), binTableHdu({ name, columns, header })]);
  return { path, hdu: readFitsSync(path).hdu(1) };
}

const f32 = (a: number[]) => Float32Array.from(a);
const E_LO = [0.1, 1, 10];
const E_HI = [1, 10, 100];
const T_LO = [0, 1];
const T_HI = [1, 2];
const AEFF_KEYS: HeaderInput = [
  ["HDUCLAS1", "RESPONSE"],
  ["HDUCLAS2", "EFF_AREA"],
  ["HDUCLAS3", "FULL-ENCLOSURE"],
  ["HDUCLAS4", "AEFF_2D"],
  ["LO_THRES", 0.5],
];

/** A GADF effective-area table; cell values 1..6 stored energy-fastest (TDIM (3,2)). */
function aeffColumns(overrides: Partial<Record<string, Partial<ColumnInput>>> = {}): ColumnInput[] {
  const cols: ColumnInput[] = [
    { name: "ENERG_LO", data: f32(E_LO), shape: [1, 3], unit: "TeV" },
    { name: "ENERG_HI", data: f32(E_HI), shape: [1, 3], unit: "TeV" },
    { name: "THETA_LO", data: f32(T_LO), shape: [1, 2], unit: "deg" },
    { name: "THETA_HI", data: f32(T_HI), shape: [1, 2], unit: "deg" },
    { name: "EFFAREA", data: f32([1, 2, 3, 4, 5, 6]), shape: [1, 2, 3], unit: "m2" },
  ];
  return cols.map((c) => ({ ...c, ...(overrides[c.name] ?? {}) })) as ColumnInput[];
}

describe("reading GADF tables", () => {
  test("the cell is stored first axis fastest: TDIM (3,2) → data[energy][offset]", () => {
    const { hdu, path } = table(aeffColumns(), AEFF_KEYS, "EFFECTIVE AREA");
    expect(hdu.columns.find((c) => c.name === "EFFAREA")!.dims).toEqual([2, 3]);
    const a = EffectiveAreaTable2D.read(hdu, { file: path });
    // FITS cell (e fastest): e0θ0=1, e1θ0=2, e2θ0=3, e0θ1=4 ... → C order [e][θ].
    expectClose(a.dataIn("m2"), [1, 4, 2, 5, 3, 6], 1e-15, 0, "aeff");
    expect(a.meta.LO_THRES).toBe(0.5);
    expect(a.meta.TTYPE1).toBeUndefined();
    expect(readIrfHdu(hdu)).toBeInstanceOf(EffectiveAreaTable2D);
  });

  test("toHdu writes TDIM in IRF axis order and reads back identically", () => {
    const a = EffectiveAreaTable2D.read(table(aeffColumns(), AEFF_KEYS).hdu);
    const path = join(tmp, "aeff-out.fits");
    writeFitsSync(path, [imageHdu(), a.toHdu()]);
    const hdu = readFitsSync(path).hdu("EFFECTIVE AREA");
    expect(hdu.header.get("HDUCLAS4")).toBe("AEFF_2D");
    expect(hdu.header.get("HDUCLASS")).toBe("GADF");
    expect(hdu.header.get("LO_THRES")).toBe(0.5);
    expect(hdu.columns.find((c) => c.name === "EFFAREA")!.dims).toEqual([2, 3]);
    expect(hdu.readFloat64("EFFAREA").unit).toBe("m2");
    expectClose(EffectiveAreaTable2D.read(hdu).data, a.data, 1e-15, 0, "round trip");
  });

  test("backgrounds: BGD column, reversed axis order, missing unit assumed (with a warning)", () => {
    const cols: ColumnInput[] = [
      { name: "DETX_LO", data: f32([-1, 0]), shape: [1, 2], unit: "deg" },
      { name: "DETX_HI", data: f32([0, 1]), shape: [1, 2], unit: "deg" },
      { name: "DETY_LO", data: f32([-1, 0, 1]), shape: [1, 3], unit: "deg" },
      { name: "DETY_HI", data: f32([0, 1, 2]), shape: [1, 3], unit: "deg" },
      { name: "ENERG_LO", data: f32([1, 10]), shape: [1, 2], unit: "TeV" },
      { name: "ENERG_HI", data: f32([10, 100]), shape: [1, 2], unit: "TeV" },
      // C order (E, lon, lat) = (2, 2, 3): the "reversed" layout of HESS/CTA files.
      { name: "BGD", data: f32([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), shape: [1, 2, 2, 3] },
    ];
    const warnings: string[] = [];
    const logger = { debug() {}, info() {}, warning: (m: string) => warnings.push(m), error() {} };
    const { hdu } = table(cols, [["HDUCLAS2", "BKG"], ["HDUCLAS4", "BKG_3D"], ["FOVALIGN", "ALTAZ"]]);
    const b = Background3D.read(hdu, { logger });
    expect(b.shape).toEqual([2, 2, 3]);
    expectClose(b.dataIn("s-1 MeV-1 sr-1"), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 1e-15, 0, "bkg");
    expect(b.fovAlignment).toBe("ALTAZ");
    expect(warnings[0]).toMatch(/assuming 's-1 MeV-1 sr-1'/);
    // The writer uses GADF's layout and keeps FOVALIGN.
    const path = join(tmp, "bkg-out.fits");
    writeFitsSync(path, [imageHdu(), b.toHdu()]);
    const out = readFitsSync(path).hdu("BACKGROUND");
    expect(out.header.get("FOVALIGN")).toBe("ALTAZ");
    expect(out.columns.find((c) => c.name === "BKG")!.dims).toEqual([3, 2, 2]);
    const back = readIrfHdu(out);
    expect(back).toBeInstanceOf(Background3D);
    expectClose(back.data, b.data, 1e-15, 0, "bkg round trip");
  });

  test("dispatch without a standard HDUCLAS4 (CTA 1DC writes '2D') goes by HDUCLAS2 and columns", () => {
    const { hdu } = table(aeffColumns(), [["HDUCLAS1", "RESPONSE"], ["HDUCLAS2", "EFF_AREA"], ["HDUCLAS4", "2D"]]);
    expect(readIrfHdu(hdu)).toBeInstanceOf(EffectiveAreaTable2D);
    const bkg2 = table(
      [
        { name: "ENERG_LO", data: f32([1, 10]), shape: [1, 2], unit: "TeV" },
        { name: "ENERG_HI", data: f32([10, 100]), shape: [1, 2], unit: "TeV" },
        { name: "THETA_LO", data: f32([0, 1]), shape: [1, 2], unit: "deg" },
        { name: "THETA_HI", data: f32([1, 2]), shape: [1, 2], unit: "deg" },
        { name: "BKG", data: f32([1, 2, 3, 4]), shape: [1, 2, 2], unit: "s-1 MeV-1 sr-1" },
      ],
      [["HDUCLAS1", "RESPONSE"], ["HDUCLAS2", "BKG"]],
    );
    const b = readIrfHdu(bkg2.hdu);
    expect(b).toBeInstanceOf(Background2D);
    expect(b.axes[0]!.name).toBe("energy");
    const unknown = table(aeffColumns(), [["HDUCLAS2", "WHATEVER"]]);
    expect(() => readIrfHdu(unknown.hdu, { file: unknown.path })).toThrow(/no IRF class reads this HDU.*known HDUCLAS4 values: .*AEFF_2D/);
    expect(IRF_REGISTRY.tags).toEqual(expect.arrayContaining(["aeff_2d", "edisp_2d", "bkg_2d", "bkg_3d", "rad_max_2d"]));
  });

  test("readIrfFile collects the IRFs of a file by kind", () => {
    const path = join(tmp, "irfs.fits");
    const aeff = EffectiveAreaTable2D.read(table(aeffColumns(), AEFF_KEYS).hdu);
    const radMax = new RadMax2D({
      axes: [MapAxis.fromEdges([0.1, 100], { name: "energy", unit: "TeV", interp: "log" }), MapAxis.fromEdges([0, 3], { name: "offset", unit: "deg" })],
      data: 0.2,
    });
    writeFitsSync(path, [imageHdu(), aeff.toHdu(), radMax.toHdu()]);
    const irfs = readIrfFile(path);
    expect(irfs.aeff).toBeInstanceOf(EffectiveAreaTable2D);
    expect(irfs.rad_max).toBeInstanceOf(RadMax2D);
    expect(irfs.rad_max!.isPointlike).toBe(true);
    expect(irfs.edisp).toBeUndefined();
  });
});

describe("bad files give typed errors naming file, HDU, column and the fix", () => {
  const read = (cols: ColumnInput[], opts = {}) => {
    const { hdu, path } = table(cols, AEFF_KEYS, "AEFF");
    return () => EffectiveAreaTable2D.read(hdu, { file: path, ...opts });
  };

  test("missing data column", () => {
    const f = read(aeffColumns().filter((c) => c.name !== "EFFAREA"));
    expect(f).toThrow(FitsError);
    expect(f).toThrow(/data column EFFAREA missing.*file .*t\d+\.fits, HDU AEFF, key EFFAREA/);
  });

  test("missing axis columns", () => {
    expect(read(aeffColumns().filter((c) => !c.name.startsWith("THETA")))).toThrow(/no 'offset' axis \(columns THETA_LO\/_HI\)/);
  });

  test("wrong or missing units", () => {
    expect(read(aeffColumns({ EFFAREA: { unit: "s" } }))).toThrow(/column EFFAREA has unit 's', not convertible to 'cm2'.*set its TUNIT/);
    expect(read(aeffColumns({ EFFAREA: { unit: undefined } }))).toThrow(/column EFFAREA has unit ''/);
    expect(read(aeffColumns({ ENERG_LO: { unit: "deg" }, ENERG_HI: { unit: "deg" } }))).toThrow(/axis 'energy_true' has unit 'deg'.*key ENERG_LO/);
  });

  test("non-finite values name the bin; allowNonFinite keeps them and evaluation fills 0", () => {
    const cols = aeffColumns({ EFFAREA: { data: f32([1, 2, 3, 4, NaN, 6]) } });
    expect(read(cols)).toThrow(/1 non-finite value\(s\), first NaN at energy_true bin 1 \[1, 10\] TeV, offset bin 1 \[1, 2\] deg/);
    const a = read(cols, { allowNonFinite: true })();
    expect(Number.isNaN(a.data[3])).toBe(true);
    // A point whose interpolation touches the NaN node gets the fill value, as in Gammapy.
    expect(a.evaluate([Math.sqrt(10)], [1.5])[0]).toBe(0);
  });

  test("non-monotonic or non-contiguous axes", () => {
    expect(read(aeffColumns({ ENERG_LO: { data: f32([0.1, 10, 1]) }, ENERG_HI: { data: f32([10, 1, 100]) } }))).toThrow(
      /bad axis columns.*(not contiguous|increasing)/,
    );
    expect(read(aeffColumns({ ENERG_HI: { data: f32([1, 9, 100]) } }))).toThrow(/not contiguous.*ENERG_HI\[1\] = 9/);
  });

  test("a cell that does not fit the axes", () => {
    expect(read(aeffColumns({ EFFAREA: { data: f32([1, 2, 3, 4]), shape: [1, 2, 2] } }))).toThrow(/4 values per row, axes need 6/);
    // Right size, wrong TDIM: (2,3) instead of (3,2); only backgrounds may be reversed.
    expect(read(aeffColumns({ EFFAREA: { shape: [1, 3, 2] } }))).toThrow(/TDIM \(2,3\).*need \(3,2\)/);
  });

  test("an energy dispersion table without a MIGRA axis", () => {
    const { hdu } = table(aeffColumns(), [["HDUCLAS2", "EDISP"]]);
    expect(() => EnergyDispersion2D.read(hdu)).toThrow(/no 'migra' axis/);
  });
});
