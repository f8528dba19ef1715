import { PowerLawSpectralModel } from "@gammats/modeling";
import { describe, expect, test } from "vitest";
import {
  FluxPoints,
  type FluxPointsTable,
  fluxPointsFromTable,
  fluxPointsToTable,
  readFluxPoints,
  writeFluxPoints,
} from "../src/index.js";
import { expectClose } from "./helpers.js";

const PL = () => new PowerLawSpectralModel({ index: 2.5, amplitude: "3e-12 cm-2 s-1 TeV-1" });

function sample(timed = false): FluxPoints {
  const n = timed ? 4 : 2;
  const seq = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
  return new FluxPoints({
    energyEdges: [1, 3, 10],
    ...(timed ? { timeMin: [58849, 58849.5], timeMax: [58849.5, 58850] } : {}),
    datasetNames: ["a", "b"],
    normScan: [0.5, 1, 2],
    data: {
      norm: seq((i) => 1 + 0.1 * i),
      norm_err: seq(() => 0.1),
      norm_errn: seq(() => 0.09),
      norm_errp: seq(() => 0.11),
      norm_ul: seq((i) => 1.3 + 0.1 * i),
      ts: seq((i) => 100 - 97 * (i % 2)),
      npred: Float64Array.from({ length: 2 * n }, (_, i) => 10 + i),
      npred_excess: Float64Array.from({ length: 2 * n }, (_, i) => 8 + i),
      stat: seq((i) => -3 - i),
      counts: Float64Array.from({ length: 2 * n }, (_, i) => 11 + i),
      success: Uint8Array.from({ length: n }, () => 1),
      stat_scan: Float64Array.from({ length: 3 * n }, (_, i) => i),
    },
    referenceModel: PL(),
    meta: { nSigmaUl: 2 },
  });
}

const names = (t: FluxPointsTable) => t.columns.map((c) => c.name);
const column = (t: FluxPointsTable, name: string) => t.columns.find((c) => c.name === name)!;

describe("gadf-sed tables", () => {
  test("likelihood columns, units and header in Gammapy's order", () => {
    const t = fluxPointsToTable(sample());
    expect(names(t)).toEqual([
      "e_ref", "e_min", "e_max", "ref_dnde", "ref_flux", "ref_eflux", "norm", "norm_err", "norm_errn", "norm_errp",
      "norm_ul", "ts", "sqrt_ts", "npred", "npred_excess", "stat", "is_ul", "counts", "success", "stat_scan", "norm_scan",
    ]);
    expect(t.meta).toEqual({ SED_TYPE: "likelihood", UL_CONF: 0.9544997 });
    expect(column(t, "counts").shape).toEqual([2, 2]);
    expect(column(t, "stat_scan").shape).toEqual([2, 3]);
    expect(column(t, "ref_eflux").unit).toBe("cm-2 s-1 TeV");
    expect(column(t, "stat").unit).toBeUndefined();
    expect(column(t, "norm").unit).toBe("");
    expect(column(t, "is_ul").data).toEqual([false, true]);
  });

  test("flux SED columns put errp before errn and the scan last", () => {
    const t = fluxPointsToTable(sample(), { sedType: "e2dnde" });
    expect(names(t)).toEqual([
      "e_ref", "e_min", "e_max", "e2dnde", "e2dnde_err", "e2dnde_errp", "e2dnde_errn", "e2dnde_ul", "ts", "sqrt_ts",
      "npred", "npred_excess", "stat", "is_ul", "counts", "success", "norm_scan", "stat_scan",
    ]);
    expect(column(t, "e2dnde").unit).toBe("cm-2 s-1 TeV");
    expect(t.meta.SED_TYPE).toBe("e2dnde");
  });

  test("every SED type reads back to the same norms", () => {
    const fp = sample();
    for (const sedType of ["likelihood", "dnde", "e2dnde", "flux", "eflux"] as const) {
      const back = fluxPointsFromTable(fluxPointsToTable(fp, { sedType }), { referenceModel: PL() });
      expectClose(back.norm, fp.norm, 1e-12, 0, `${sedType} norm`);
      expectClose(back.normUl!, fp.normUl!, 1e-12, 0, `${sedType} norm_ul`);
      expectClose(back.counts!, fp.counts!, 0, 0, `${sedType} counts`);
      expect(back.meta.nSigmaUl).toBe(2);
      expect(back.meta.sedTypeInit).toBe(sedType);
    }
  });

  test("a likelihood table without a model keeps its reference fluxes", () => {
    const fp = sample();
    const back = fluxPointsFromTable(fluxPointsToTable(fp));
    expect(back.referenceModel).toBeUndefined();
    expectClose(back.sed("flux").value, fp.sed("flux").value, 1e-12);
    expectClose(back.statScan!, fp.statScan!, 0);
    expectClose(back.normScan!, [0.5, 1, 2], 0);
  });

  test("a dnde table with e_ref only, in other units, with the default model", () => {
    const warnings: string[] = [];
    const logger = { debug() {}, info() {}, warning: (m: string) => warnings.push(m), error() {} };
    const table: FluxPointsTable = {
      columns: [
        { name: "e_ref", data: Float64Array.of(1000, 10000), shape: [2], unit: "GeV" },
        { name: "dnde", data: Float64Array.of(1e-12, 1e-14), shape: [2], unit: "cm-2 s-1 TeV-1" },
        { name: "dnde_err", data: Float64Array.of(1e-16, 1e-18), shape: [2], unit: "m-2 s-1 TeV-1" },
      ],
      meta: {},
    };
    const fp = fluxPointsFromTable(table, { logger: logger as never });
    expect(warnings[0]).toMatch(/power law of index 2/);
    expect(Array.from(fp.energyRef)).toEqual([1, 10]);
    expectClose(fp.norm, [1, 1], 1e-12);
    // 1e-16 m-2 = 1e-20 cm-2, over the reference 1e-12 and 1e-14 cm-2 s-1 TeV-1.
    expectClose(fp.normErr!, [1e-8, 1e-8], 1e-9);
    expect(fp.isConvertibleToFlux).toBe(false);
    expect(names(fluxPointsToTable(fp, { sedType: "dnde" }))).toEqual(["e_ref", "dnde", "dnde_err", "is_ul"]);
  });

  test("tables that are not flux points are refused", () => {
    expect(() => fluxPointsFromTable({ columns: [{ name: "x", data: Float64Array.of(1), shape: [1] }], meta: {} })).toThrow(/SED type/);
    const noNorm = { columns: [{ name: "e_min", data: Float64Array.of(1), shape: [1] }], meta: { SED_TYPE: "flux" } };
    expect(() => fluxPointsFromTable(noNorm)).toThrow(/needs the columns e_max, flux/);
  });
});

describe("lightcurve tables", () => {
  test("one row per time bin, energy as a vector dimension, no header", () => {
    const t = fluxPointsToTable(sample(true), { sedType: "flux" });
    expect(names(t).slice(0, 5)).toEqual(["time_min", "time_max", "e_ref", "e_min", "e_max"]);
    expect(column(t, "flux").shape).toEqual([2, 2]);
    expect(column(t, "counts").shape).toEqual([2, 2, 2]);
    expect(Array.from(column(t, "e_min").data as Float64Array)).toEqual([1, 3, 1, 3]);
    expect(t.meta).toEqual({});
    expect(() => fluxPointsToTable(sample(true), { format: "gadf-sed" })).toThrow(/without a time axis/);
  });

  test("reads back, guessing the SED type", () => {
    const fp = sample(true);
    const back = fluxPointsFromTable(fluxPointsToTable(fp, { sedType: "flux" }), { referenceModel: PL() });
    expect(Array.from(back.timeMin!)).toEqual([58849, 58849.5]);
    expect(back.meta.sedTypeInit).toBe("flux");
    expectClose(back.norm, fp.norm, 1e-12);
    expect(back.datasetNames).toEqual(["0", "1"]);
  });
});

test("writing and reading go through the injected table functions", () => {
  const store = new Map<string, FluxPointsTable>();
  writeFluxPoints(sample(), "fp.fits", (path, table) => store.set(path, table), { sedType: "dnde" });
  expect(store.get("fp.fits")!.meta.SED_TYPE).toBe("dnde");
  const back = readFluxPoints("fp.fits", (path) => store.get(path)!, { referenceModel: PL() });
  expectClose(back.norm, sample().norm, 1e-12);
});
