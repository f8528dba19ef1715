import { DataError, UnitError } from "@gammats/core";
import { MapAxis } from "@gammats/maps";
import { describe, expect, it } from "vitest";
import { expectClose, gammapyReference } from "./helpers.js";

interface AxisFacts {
  nbin: number;
  edges: number[];
  centers: number[];
  widths: number[];
  coords: (number | null)[];
  pix: (number | null)[];
  pix_to_coord: number[];
  idx: number[];
  idx_clip: number[];
}
interface Reference {
  axes: Record<string, AxisFacts>;
  resample: Record<string, number[]>;
}

// Axes built the way test/gammapy-reference.py builds them in Gammapy.
const AXES: Record<string, () => MapAxis> = {
  energy_24: () => MapAxis.fromEnergyBounds("0.1 TeV", "100 TeV", 24),
  energy_per_decade_5: () => MapAxis.fromEnergyBounds("0.1 TeV", "100 TeV", 5, { perDecade: true }),
  energy_73: () => MapAxis.fromEnergyBounds("0.01 TeV", "100 TeV", 73, { name: "energy_true" }),
  energy_gev_per_decade: () => MapAxis.fromEnergyBounds("30 GeV", "30 TeV", 8, { perDecade: true }),
  energy_mixed_units: () => MapAxis.fromEnergyBounds("200 GeV", "50 TeV", 2.5, { perDecade: true }),
  migra: () => MapAxis.fromBounds(0.2, 5, 48, { interp: "lin", name: "migra" }),
  offset_edges: () => MapAxis.fromBounds(0, 2.5, 5, { unit: "deg", name: "offset" }),
  offset_nodes: () => MapAxis.fromNodes([0, 0.5, 1, 1.5, 2, 2.5], { unit: "deg", name: "offset" }),
  sqrt: () => MapAxis.fromBounds(0, 4, 4, { interp: "sqrt", name: "rad", unit: "deg" }),
  log_nodes: () => MapAxis.fromNodes([0.1, 0.5, 3.0, 20.0], { interp: "log", name: "energy_true", unit: "TeV" }),
};

describe("MapAxis: Gammapy facts (no Python needed)", () => {
  it("energy axis 0.1-100 TeV, 24 bins: edges, log-centres, pixels", () => {
    const axis = MapAxis.fromEnergyBounds(0.1, 100, 24, { unit: "TeV" });
    expect(axis.nbin).toBe(24);
    expect(axis.unit).toBe("TeV");
    expect(axis.interp).toBe("log");
    expectClose(axis.edges.subarray(0, 3), [0.10000000000000002, 0.13335214321633243, 0.1778279410038923], 1e-14);
    expectClose(axis.edges.subarray(23), [74.98942093324557, 99.99999999999994], 1e-14);
    expectClose([axis.centers[0]!, axis.centers[23]!], [0.11547819846894583, 86.59643233600647], 1e-14);
    expectClose(
      axis.coordToPix([0.05, 0.1000001, 0.3, 1.0, 7.7, 99.9, 150.0]),
      [-2.9082399653118487, -0.49999652564588315, 3.316970037757299, 7.5, 14.591925801379855, 23.496523905807866, 24.908730072445458],
      1e-13,
    );
    expectClose(axis.pixToCoord([-1.3, 0.25, 24.7]), [0.07943282347242814, 0.124093776075172, 141.25375446227517], 1e-13);
  });

  it("per-decade bin counts round up as Gammapy", () => {
    expect(MapAxis.fromEnergyBounds(0.1, 100, 5, { perDecade: true }).nbin).toBe(15);
    expect(MapAxis.fromEnergyBounds("30 GeV", "30 TeV", 8, { perDecade: true }).nbin).toBe(24);
    // log10(250) * 2.5 = 5.99 -> 6 bins, min converted to the unit of max
    const mixed = MapAxis.fromEnergyBounds("200 GeV", "50 TeV", 2.5, { perDecade: true });
    expect(mixed.nbin).toBe(6);
    expect(mixed.unit).toBe("TeV");
    expectClose(mixed.edges.subarray(0, 2), [0.2, 0.5019802884366822], 1e-14);
    const e73 = MapAxis.fromEnergyBounds(0.01, 100, 73, { name: "energy_true" });
    expectClose(e73.edges.subarray(1, 3), [0.011344739305714939, 0.01287031099146335], 1e-14);
    expect(Array.from(e73.coordToIdx([0.011, 0.5, 42.0]))).toEqual([0, 31, 66]);
  });

  it("migra (lin) and offset node axes: edges, centres, pixels", () => {
    const migra = MapAxis.fromBounds(0.2, 5, 48, { name: "migra" });
    expectClose(migra.centers.subarray(0, 2), [0.25, 0.35], 1e-14);
    expectClose(migra.coordToPix([0.1, 1.03, 6.0]), [-1.5000000000000002, 7.800000000000001, 57.5], 1e-14);
    const offset = MapAxis.fromNodes([0, 0.5, 1, 1.5, 2, 2.5], { unit: "deg", name: "offset" });
    expectClose(offset.edges, [-0.25, 0.25, 0.75, 1.25, 1.75, 2.25, 2.75], 1e-14);
    expect(offset.bounds).toEqual([0, 2.5]);
    expectClose(offset.coordToPix([-0.3, 0.1, 1.3, 2.7]), [-0.6, 0.2, 2.6, 5.4], 1e-14);
    expect(Array.from(offset.coordToIdx([-0.3, 0.1, 1.3, 2.7]))).toEqual([-1, 0, 3, 5]);
  });

  it("sqrt and log node axes", () => {
    const rad = MapAxis.fromBounds(0, 4, 4, { interp: "sqrt", unit: "deg", name: "rad" });
    expectClose(rad.edges, [0, 0.25, 1, 2.25, 4], 1e-15);
    expectClose(rad.centers, [0.0625, 0.5625, 1.5625, 3.0625], 1e-14);
    expectClose(rad.coordToPix([0.1, 2.0, 5.0]), [0.13245553203367588, 2.3284271247461903, 3.9721359549995796], 1e-13);
    const e = MapAxis.fromNodes([0.1, 0.5, 3, 20], { interp: "log", unit: "TeV", name: "energy_true" });
    expectClose(e.edges.subarray(0, 2), [0.0447213595499958, 0.223606797749979], 1e-14);
    expectClose(e.coordToPix([0.05, 30]), [-0.4306765580733932, 3.213726654791713], 1e-13);
  });

  it("coordToIdx: half-open bins, -1 outside and for NaN, clip", () => {
    const a = MapAxis.fromEdges([0, 1, 2], { name: "x" });
    expect(Array.from(a.coordToIdx([-1, 0, 0.999, 1, 1.5, 2, 3, NaN, Infinity]))).toEqual([-1, 0, 0, 1, 1, -1, -1, -1, -1]);
    expect(Array.from(a.coordToIdx([-1, 2, 3, NaN], true))).toEqual([0, 1, 1, -1]);
    expect(Array.from(a.pixToIdx([-0.6, -0.5, 0.49, 0.5, 1.49, 1.5, NaN]))).toEqual([-1, 0, 0, 1, 1, -1, -1]);
    expect(Array.from(a.pixToIdx([-3, 7], true))).toEqual([0, 1]);
  });

  it("slice, squash, upsample, downsample (Gammapy numbers)", () => {
    const e = MapAxis.fromEnergyBounds("0.1 TeV", "100 TeV", 24);
    expectClose(e.slice(3, 7).edges, [0.23713737056616557, 0.31622776601683794, 0.4216965034285822, 0.5623413251903492, 0.7498942093324558], 1e-14);
    expectClose(e.downsample(4).edges, [0.1, 0.31622776601683794, 1, 3.1622776601683795, 10, 31.62277660168378, 100], 1e-14);
    expectClose(e.squash().edges, [0.1, 100], 1e-14);
    const up = e.upsample(3);
    expect(up.nbin).toBe(72);
    expectClose([up.edges[1]!, up.edges[71]!], [0.11006941712522098, 90.85175756516857], 1e-13);
    const nodes = MapAxis.fromNodes([0.1, 0.5, 3, 20], { interp: "log" });
    expectClose(nodes.upsample(2).centers, [0.1, 0.223606797749979, 0.5, 1.224744871391589, 3, 7.745966692414833, 20], 1e-14);
    const lin = MapAxis.fromNodes([0, 0.5, 1, 2]);
    const sq = lin.squash();
    expect(sq.nodeType).toBe("edges");
    expectClose(sq.edges, [-0.25, 2.5], 1e-14);
    expect(() => e.downsample(5)).toThrow(DataError);
    expect(() => e.slice(5, 5)).toThrow(/empty/);
    expect(e.slice(-2).nbin).toBe(2);
  });
});

describe("MapAxis: construction, units, comparison", () => {
  it("rejects bad nodes with DataError naming the problem", () => {
    expect(() => MapAxis.fromEdges([1, 3, 2], { name: "energy" })).toThrow(/strictly increasing.*node 2/);
    expect(() => MapAxis.fromEdges([1, 1, 2])).toThrow(DataError);
    expect(() => MapAxis.fromEdges([1])).toThrow(/at least two edges/);
    expect(() => MapAxis.fromNodes([-1, 2], { interp: "log" })).toThrow(/negative/);
    expect(() => MapAxis.fromNodes([0, NaN])).toThrow(/NaN/);
    expect(() => MapAxis.fromEdges([1, 2], { interp: "cubic" as never })).toThrow(/interpolation scale/);
    expect(() => MapAxis.fromBounds(0, 1, 0)).toThrow(/nbin/);
  });

  it("energy factories check units and names", () => {
    expect(() => MapAxis.fromEnergyBounds("1 deg", "10 deg", 3)).toThrow(UnitError);
    expect(() => MapAxis.fromEnergyBounds(1, 10, 3, { unit: "deg" })).toThrow(UnitError);
    expect(() => MapAxis.fromEnergyBounds(1, 10, 3, { name: "migra" as never })).toThrow(/energy_true/);
    const gev = MapAxis.fromEnergyBounds("100 GeV", "10 TeV", 2, { unit: "GeV" });
    expectClose(gev.edges, [100, 1000, 10000], 1e-14);
    expect(MapAxis.fromEnergyEdges([1, 3, 10], { name: "energy_true" }).interp).toBe("log");
  });

  it("unit conversion and comparison", () => {
    const tev = MapAxis.fromEnergyEdges([1, 10, 100]);
    const gev = tev.toUnit("GeV");
    expectClose(gev.nodes, [1000, 10000, 100000], 1e-15);
    expectClose(gev.edgesIn("TeV"), [1, 10, 100], 1e-15);
    expectClose(tev.centersIn("GeV"), [3162.2776601683795, 31622.776601683792], 1e-14);
    expect(tev.isAllclose(gev)).toBe(true);
    expect(tev.equals(MapAxis.fromEnergyEdges([1, 10, 100.00001]))).toBe(true);
    expect(tev.equals(MapAxis.fromEnergyEdges([1, 10, 100.001]))).toBe(false);
    expect(tev.equals(tev.rename("energy_true"))).toBe(false);
    expect(tev.equals(tev.copy({ interp: "lin" }))).toBe(false);
    expect(tev.isAllclose(MapAxis.fromEdges([1, 10, 100], { unit: "deg", name: "energy", interp: "log" }))).toBe(false);
    expect(() => tev.toUnit("deg")).toThrow(UnitError);
    // internal units: TeV, deg; dimensionless stays as is
    expect(gev.internalUnit).toBe("TeV");
    expectClose(gev.edgesIn(), [1, 10, 100], 1e-15);
    expectClose(MapAxis.fromNodes([30, 60], { unit: "arcmin" }).centersIn(), [0.5, 1], 1e-15);
    expect(MapAxis.fromBounds(0.2, 5, 2, { name: "migra" }).internalUnit).toBe("");
  });

  it("toNodeType, widths, nbinPerDecade and toString", () => {
    const e = MapAxis.fromEnergyBounds(1, 100, 10);
    expect(e.nbinPerDecade).toBeCloseTo(5, 12);
    const c = e.toNodeType("center");
    expect(c.nodeType).toBe("center");
    expectClose(c.edges, e.edges, 1e-13);
    const lin = MapAxis.fromEdges([0, 1, 3]);
    expectClose(lin.widths, [1, 2]);
    expect(() => lin.nbinPerDecade).toThrow(DataError);
    expect(String(e)).toContain("edges min  : 1.0e+00 TeV");
    expect(String(e)).toContain("nbins      : 10");
  });
});

describe("MapAxis vs live Gammapy", () => {
  const ref = gammapyReference<Reference>();
  it.skipIf(ref === undefined)("edges, centres, widths, pix, idx of every reference axis", () => {
    for (const [key, make] of Object.entries(AXES)) {
      const facts = ref!.axes[key]!;
      const axis = make();
      expect(axis.nbin, key).toBe(facts.nbin);
      expectClose(axis.edges, facts.edges, 1e-13, 1e-15, `${key}.edges`);
      expectClose(axis.centers, facts.centers, 1e-13, 1e-15, `${key}.centers`);
      expectClose(axis.widths, facts.widths, 1e-12, 1e-15, `${key}.widths`);
      const coords = facts.coords.map((v) => v ?? NaN);
      expectClose(axis.coordToPix(coords), facts.pix, 1e-12, 1e-13, `${key}.pix`);
      expectClose(axis.pixToCoord([-1.3, -0.5, 0, 0.25, axis.nbin - 0.5, axis.nbin + 0.7]), facts.pix_to_coord, 1e-12, 1e-14, `${key}.pixToCoord`);
      expect(Array.from(axis.coordToIdx(coords)), `${key}.idx`).toEqual(facts.idx);
      expect(Array.from(axis.coordToIdx(coords, true)), `${key}.idx clip`).toEqual(facts.idx_clip);
      // round trip
      expectClose(axis.pixToCoord(axis.coordToPix(coords)), coords, 1e-12, 1e-14, `${key} round trip`);
    }
  });
  it.skipIf(ref === undefined)("resampling", () => {
    const e = AXES.energy_24!();
    const r = ref!.resample;
    expectClose(e.upsample(3).edges, r.up_edges!, 1e-13);
    expectClose(e.downsample(4).edges, r.down_edges!, 1e-13);
    expectClose(e.squash().edges, r.squash!, 1e-13);
    expectClose(e.slice(3, 7).edges, r.slice!, 1e-13);
    expectClose(MapAxis.fromNodes([0.1, 0.5, 3, 20], { interp: "log" }).upsample(2).centers, r.up_nodes!, 1e-13);
    expectClose(MapAxis.fromNodes([0, 0.5, 1, 2]).squash().edges, r.squash_nodes!, 1e-13);
  });
});
