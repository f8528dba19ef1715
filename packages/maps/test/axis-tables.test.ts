import { DataError } from "@gammats/core";
import {
  MapAxis,
  TimeMapAxis,
  axesFromGadfBands,
  axesToGadfBands,
  axisFromArf,
  axisFromEbounds,
  axisFromEnergies,
  axisToArf,
  axisToEbounds,
} from "@gammats/maps";
import { describe, expect, it } from "vitest";
import { expectClose } from "./helpers.js";

describe("map-file axis tables", () => {
  const energy = MapAxis.fromEnergyBounds("1 TeV", "100 TeV", 4);

  it("OGIP EBOUNDS round trip, with Sherpa's keV", () => {
    const table = axisToEbounds(energy);
    expect(Array.from(table.columns.CHANNEL!.data)).toEqual([0, 1, 2, 3]);
    expect(table.columns.CHANNEL!.data).toBeInstanceOf(Int16Array);
    expect(table.header.DETCHANS).toBe(4);
    expect(table.header.HDUCLAS2).toBe("EBOUNDS");
    const back = axisFromEbounds(table.columns);
    expect(back.equals(energy)).toBe(true);
    const kev = axisToEbounds(energy, "keV");
    expectClose(kev.columns.E_MIN!.data.subarray(0, 1), [1e9], 1e-15);
    expect(axisFromEbounds(kev.columns).isAllclose(energy)).toBe(true);
    expect(() => axisToEbounds(energy.rename("energy_true"))).toThrow(/named 'energy'/);
  });

  it("ARF energies and Fermi ENERGIES", () => {
    const etrue = energy.rename("energy_true");
    const arf = axisToArf(etrue);
    expect(axisFromArf(arf.columns).equals(etrue)).toBe(true);
    const fermi = axisFromEnergies({ Energy: { data: [100, 1000, 10000] } });
    expect(fermi.unit).toBe("MeV");
    expect(fermi.nodeType).toBe("center");
    expect(() => axisFromEnergies({ E: { data: [1] } })).toThrow(DataError);
  });

  it("GADF BANDS: energy edges, node axis and time axis round trip", () => {
    const nodes = MapAxis.fromNodes([0.5, 1, 2], { name: "migra", interp: "log" });
    const time = TimeMapAxis.fromTimeEdges([55197, 55199], [55198, 55200]);
    const table = axesToGadfBands([energy, nodes, time]);
    expect(table.header).toMatchObject({
      AXCOLS1: "E_MIN,E_MAX",
      INTERP1: "log",
      AXCOLS2: "MIGRA",
      AXCOLS3: "TIME_MIN,TIME_MAX",
      MJDREFI: 55197,
      MJDREFF: 0,
      TIMESYS: "tt",
    });
    expect(Object.keys(table.columns)).toEqual([
      "CHANNEL", "ENERGY", "E_MIN", "E_MAX", "MIGRA", "MIGRA_MIN", "MIGRA_MAX", "TIME", "TIME_MIN", "TIME_MAX",
    ]);
    // meshgrid "xy" order: axis 1 slowest, then axis 0, then axis 2 (rows as Gammapy writes them)
    expect(table.columns.CHANNEL!.data.length).toBe(24);
    expectClose(table.columns.MIGRA!.data.subarray(0, 9), [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1]);
    expectClose(table.columns.E_MIN!.data.subarray(0, 4), [1, 1, energy.edges[1]!, energy.edges[1]!]);
    expectClose(table.columns.TIME_MIN!.data.subarray(0, 4), [0, 2, 0, 2]); // days from MJD 55197 (Gammapy: same rows)
    const axes = axesFromGadfBands(table.columns, table.header);
    expect(axes.length).toBe(3);
    expect((axes[0] as MapAxis).equals(energy)).toBe(true);
    expect((axes[1] as MapAxis).equals(nodes)).toBe(true);
    expect(axes[2]).toBeInstanceOf(TimeMapAxis);
    expect((axes[2] as TimeMapAxis).equals(time)).toBe(true);
  });

  it("GADF BANDS reading: THETA means rad, default lin, missing columns", () => {
    const cols = { THETA_MIN: { data: [0, 0.1], unit: "deg" }, THETA_MAX: { data: [0.1, 0.3], unit: "deg" } };
    const [rad] = axesFromGadfBands(cols, { AXCOLS1: "THETA_MIN,THETA_MAX" }) as MapAxis[];
    expect(rad!.name).toBe("rad");
    expect(rad!.interp).toBe("lin");
    expectClose(rad!.edges, [0, 0.1, 0.3]);
    expect(() => axesFromGadfBands(cols, { AXCOLS1: "E_MIN,E_MAX" })).toThrow(/column E_MIN is missing/);
    expect(() => axesFromGadfBands(cols, { AXCOLS1: "THETA_MIN,THETA_MAX", INTERP1: "spline" })).toThrow(/INTERP1/);
    expect(() => axesToGadfBands([])).toThrow(DataError);
  });
});
