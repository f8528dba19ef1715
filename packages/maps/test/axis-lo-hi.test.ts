import { DataError } from "@gammats/core";
import { MapAxis, axisFromLoHi, axisToLoHi, dl3AxisFromColumns, dl3AxisToColumns, dl3AxisSpec } from "@gammats/maps";
import { describe, expect, it } from "vitest";
import { expectClose } from "./helpers.js";

describe("GADF DL3 LO/HI axis columns", () => {
  it("contiguous bins give an edges axis and round-trip", () => {
    const lo = new Float64Array([0.1, 1, 10]);
    const hi = new Float64Array([1, 10, 100]);
    const axis = axisFromLoHi(lo, hi, "TeV", "energy_true", "log");
    expect(axis.nodeType).toBe("edges");
    expectClose(axis.edges, [0.1, 1, 10, 100]);
    const back = axisToLoHi(axis);
    expectClose(back.lo, lo);
    expectClose(back.hi, hi);
    expect(back.unit).toBe("TeV");
  });

  it("equal LO and HI (H.E.S.S. offsets) give a node axis", () => {
    const nodes = new Float64Array([0, 0.5, 1, 1.5, 2, 2.5]);
    const axis = dl3AxisFromColumns("THETA", nodes, nodes, "deg", "EFF_AREA");
    expect(axis.nodeType).toBe("center");
    expect(axis.name).toBe("offset");
    expectClose(axis.edges.subarray(0, 2), [-0.25, 0.25]);
    const cols = dl3AxisToColumns(axis);
    expect(cols.prefix).toBe("THETA");
    expectClose(cols.lo, nodes);
    expectClose(cols.hi, nodes);
  });

  it("float32 rounding at zero is accepted (CTA DETX)", () => {
    const lo = Float64Array.from([-1, -0.33333334, 0, 0.33333334]);
    const hi = Float64Array.from([-0.33333334, -6.1062266e-16, 0.33333334, 1]);
    const axis = dl3AxisFromColumns("DETX", lo, hi, "deg", "BKG");
    expect(axis.name).toBe("fov_lon");
    expectClose(axis.edges, [-1, -0.33333334, 0, 0.33333334, 1]);
  });

  it("ENERG is reconstructed energy in background and RAD_MAX tables", () => {
    expect(dl3AxisSpec("ENERG", "BKG")!.name).toBe("energy");
    expect(dl3AxisSpec("ENERG", "RAD_MAX")!.name).toBe("energy");
    expect(dl3AxisSpec("ENERG", "EFF_AREA")!.name).toBe("energy_true");
    expect(dl3AxisSpec("MIGRA")).toEqual({ name: "migra", interp: "lin" });
    expect(dl3AxisToColumns(MapAxis.fromEnergyBounds(1, 10, 2)).prefix).toBe("ENERG");
  });

  it("gaps, overlaps, bad lengths and unknown prefixes are DataErrors naming the column", () => {
    expect(() => axisFromLoHi([0, 1.5], [1, 2], "deg", "offset", "lin", "THETA")).toThrow(
      /THETA_HI\[0\] = 1 but THETA_LO\[1\] = 1.5/,
    );
    expect(() => axisFromLoHi([0, 0.5], [1, 2], "deg", "offset", "lin")).toThrow(DataError);
    expect(() => axisFromLoHi([0, 1], [1], "deg", "offset", "lin")).toThrow(/same, non-zero/);
    expect(() => axisFromLoHi([], [], "deg", "offset", "lin")).toThrow(DataError);
    expect(() => dl3AxisFromColumns("PHI", [0], [1], "deg")).toThrow(/unknown GADF DL3/);
    expect(() => dl3AxisToColumns(MapAxis.fromEdges([0, 1], { name: "phase" }))).toThrow(/no GADF DL3 column/);
  });
});
