/**
 * Round trip: gammats writes IRFs with toHdu() + writeFits; gammats and Gammapy 1.0 read
 * them back (EffectiveAreaTable2D.read, EnergyDispersion2D.read, Background2D/3D.read,
 * RadMax2D.read) with identical axes and data, and evaluate them alike.
 */
import { join } from "node:path";
import { imageHdu, readFitsSync, writeFitsSync } from "@gammats/fits";
import { MapAxis } from "@gammats/maps";
import { describe, expect, test } from "vitest";
import {
  Background2D,
  Background3D,
  EffectiveAreaTable2D,
  EnergyDispersion2D,
  Irf,
  RadMax2D,
  readIrfHdu,
} from "../src/index.js";
import { ctaFile, expectClose, gammapyDataDir, gammapyReadback, hessFile, tempDir } from "./irf-helpers.js";
import type { ReadbackItem } from "./irf-helpers.js";

interface Readback {
  axes: string[];
  unit: string;
  data: (number | null)[];
  edges: Record<string, number[]>;
  node_types: Record<string, string>;
  values: (number | null)[];
  is_pointlike: boolean;
  meta: Record<string, string>;
  fov_alignment?: string;
  rad_max_from_irf?: { edges: Record<string, number[]>; values: (number | null)[] };
}

const dir = gammapyDataDir();

function write(irf: Irf & { toHdu(): ReturnType<EffectiveAreaTable2D["toHdu"]> }, path: string): void {
  writeFitsSync(path, [imageHdu(), irf.toHdu()], { overwrite: true });
}

/**
 * Grid through and beyond each axis: centres, just inside the outer edges (exactly on
 * them Gammapy's verdict depends on the CPU's last bit), and points outside.
 */
function probe(axis: MapAxis): number[] {
  const e = axis.edges;
  const span = e[e.length - 1]! - e[0]!;
  const lo = e[0]! + 1e-9 * span;
  const hi = e[e.length - 1]! - 1e-9 * span;
  const pts = [...axis.centers, lo, hi, e[0]! - 0.1 * span, e[e.length - 1]! + 0.1 * span];
  if (axis.interp === "log") pts.push(e[0]! / 2, e[e.length - 1]! * 2);
  return pts.filter((x) => axis.interp !== "log" || x > 0).slice(0, 40);
}

describe.skipIf(dir === undefined)("toHdu → writeFits → read back by gammats and Gammapy", () => {
  const tmp = tempDir();
  const hess = dir === undefined ? undefined : readFitsSync(hessFile(dir));
  const cta = dir === undefined ? undefined : readFitsSync(ctaFile(dir));
  const irfs: { name: string; irf: Irf & { toHdu(): ReturnType<EffectiveAreaTable2D["toHdu"]> }; hdu: string; unit: string }[] = [];
  if (hess !== undefined && cta !== undefined) {
    const aeff = EffectiveAreaTable2D.read(hess.hdu("AEFF"));
    const bkg3 = Background3D.read(hess.hdu("BKG"));
    const energy = MapAxis.fromEnergyBounds(0.1, 100, 6, { name: "energy" });
    const offset = MapAxis.fromEdges([0, 0.5, 1, 2], { name: "offset", unit: "deg" });
    const radMax = new RadMax2D({
      axes: [energy, offset],
      data: Float64Array.from({ length: 18 }, (_, i) => 0.1 + 0.01 * i),
      meta: { TELESCOP: "TEST" },
    });
    const pointlike = new EffectiveAreaTable2D({
      axes: aeff.axes,
      data: aeff.data,
      isPointlike: true,
      meta: { ...aeff.meta, RAD_MAX: 0.11 },
    });
    irfs.push(
      { name: "aeff", irf: aeff, hdu: "EFFECTIVE AREA", unit: "cm2" },
      { name: "edisp", irf: EnergyDispersion2D.read(hess.hdu("EDISP")), hdu: "ENERGY DISPERSION", unit: "" },
      { name: "bkg3d_hess", irf: bkg3, hdu: "BACKGROUND", unit: "s-1 TeV-1 sr-1" },
      { name: "bkg3d_cta", irf: Background3D.read(cta.hdu("BACKGROUND")), hdu: "BACKGROUND", unit: "s-1 TeV-1 sr-1" },
      { name: "bkg2d", irf: bkg3.to2d(), hdu: "BACKGROUND", unit: "s-1 TeV-1 sr-1" },
      { name: "rad_max", irf: radMax, hdu: "RAD_MAX", unit: "deg" },
      { name: "aeff_pointlike", irf: pointlike, hdu: "EFFECTIVE AREA", unit: "cm2" },
    );
  }
  const items: ReadbackItem[] = irfs.map(({ name, irf, hdu, unit }) => {
    const file = join(tmp, `${name}.fits`);
    write(irf, file);
    const coords: Record<string, number[]> = {};
    for (const a of irf.axes) coords[a.name] = probe(a);
    const item: ReadbackItem = { name, tag: irf.tag, file, hdu, coords, unit };
    if (name === "aeff_pointlike") item.rad_max_from_irf = true;
    return item;
  });

  test("gammats reads its own files back exactly, through readIrfHdu", () => {
    for (const { name, irf } of irfs) {
      const back = readIrfHdu(readFitsSync(join(tmp, `${name}.fits`)).hdu(1));
      expect(back.constructor, name).toBe(irf.constructor);
      expect(back.shape, name).toEqual(irf.shape);
      back.axes.forEach((a, d) => expectClose(a.edges, irf.axes[d]!.edges, 0, 0, `${name} ${a.name} edges`));
      expectClose(back.data, irf.data, 1e-15, 0, `${name} data`);
      expect(back.isPointlike, name).toBe(irf.isPointlike);
      expect(back.fovAlignment, name).toBe(irf.fovAlignment);
    }
  });

  const rb = items.length === 0 ? undefined : gammapyReadback<Record<string, Readback>>(items);

  test.skipIf(rb === undefined)("Gammapy reads the same axes and data and evaluates alike", () => {
    for (const { name, irf, unit } of irfs) {
      const r = rb![name]!;
      expect(r.axes, name).toEqual(irf.spec.requiredAxes);
      for (const a of irf.axes) {
        expectClose(a.edges, r.edges[a.name]!, 1e-15, 0, `${name} ${a.name} edges`);
        expect(r.node_types[a.name], `${name} ${a.name}`).toBe(a.nodeType);
      }
      expectClose(irf.data, r.data, 1e-14, 0, `${name} data`);
      const coords = irf.axes.map((a) => items.find((i) => i.name === name)!.coords[a.name]!);
      const max = Math.max(...irf.data);
      expectClose(irf.evaluateGrid(coords), r.values, 1e-9, 1e-12 * max, `${name} values`);
      expect(r.is_pointlike, name).toBe(irf.isPointlike);
      expect(unit).toBe(irf.unit === "" ? "" : unit);
    }
    expect(rb!.bkg3d_hess!.fov_alignment).toBe("RADEC");
    expect(Number(rb!.aeff!.meta.LO_THRES)).toBe(0.870963589956081);
  });

  test.skipIf(rb === undefined)("RadMax2D.fromIrf of a point-like effective area matches Gammapy's from_irf", () => {
    const aeff = irfs.find((i) => i.name === "aeff_pointlike")!.irf;
    const rm = RadMax2D.fromIrf(aeff);
    const r = rb!.aeff_pointlike!.rad_max_from_irf!;
    expectClose(rm.axis("energy").edges, r.edges.energy!, 1e-15, 0, "energy edges");
    expectClose(rm.axis("offset").edges, r.edges.offset!, 1e-15, 0, "offset edges");
    // Gammapy evaluated energy [0.01, 1, 500] × offset [0, 1, 9]: one value everywhere
    // (nearest neighbour, no fill), also far outside the single bin.
    const v = rm.evaluateGrid([[0.01, 1, 500], [0, 1, 9]]);
    expectClose(v, r.values, 1e-15, 0, "rad max");
    expect([...v]).toEqual(new Array(9).fill(0.11));
    expect(rm.isFixedRadMax).toBe(true);
  });
});
