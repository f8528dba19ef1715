/**
 * Dataset files: gadf and OGIP round trips of the fixtures, the layout Gammapy's writers
 * produce (HDU names, keywords, column types, the grouped RMF rows), companion file
 * names, and the refusals.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readFitsSync, writeFitsSync } from "@gammats/fits";
import { EDispKernel } from "@gammats/irf";
import { MapAxis } from "@gammats/maps";
import { afterAll, describe, expect, test } from "vitest";
import {
  Datasets,
  gtiMjd,
  metaTableObsIds,
  ogipFilenames,
  readRmf,
  readSpectrumDataset,
  rmfHdus,
  statSum,
  writeSpectrumDataset,
} from "@gammats/datasets";
import type { AnySpectrumDataset } from "@gammats/datasets";
import { FIXTURES, cashFixture, onOffFixture, plModels } from "./spectrum-fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "gammats-spectrum-io-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectSameContent(read: AnySpectrumDataset, ref: AnySpectrumDataset, edispRtol = 0): void {
  expect(read.tag).toBe(ref.tag);
  expect(read.name).toBe(ref.name);
  expect(Array.from(read.counts!.data)).toEqual(Array.from(ref.counts!.data));
  expect(read.exposure!.unit).toBe("cm2 s");
  read.exposure!.data.forEach((v, i) => expect(v).toBeCloseTo(ref.exposure!.data[i]!, -1));
  read.edisp!.kernel.pdfMatrix.forEach((v, i) => {
    const r = ref.edisp!.kernel.pdfMatrix[i]!;
    expect(Math.abs(v - r)).toBeLessThanOrEqual(edispRtol * Math.abs(r));
  });
  expect(Array.from(read.maskSafe!)).toEqual(Array.from(ref.maskSafe!));
  expect(read.livetime).toBe(ref.livetime);
  const [g1, g2] = [gtiMjd(read.gti!), gtiMjd(ref.gti!)];
  expect(Array.from(g1.start)).toEqual(Array.from(g2.start));
  expect(g1.stop[0]).toBeCloseTo(g2.stop[0]!, 10);
  if (read.tag === "SpectrumDatasetOnOff" && ref.tag === "SpectrumDatasetOnOff") {
    expect(Array.from(read.countsOff!.data)).toEqual(Array.from(ref.countsOff!.data));
    expect(Array.from(read.acceptance!.data)).toEqual(Array.from(ref.acceptance!.data));
    expect(Array.from(read.acceptanceOff!.data)).toEqual(Array.from(ref.acceptanceOff!.data));
  }
}

describe("gadf layout", () => {
  test("round trip of a SpectrumDataset, a stacked on/off dataset; statistics unchanged", () => {
    const cash = cashFixture(FIXTURES[0]!);
    const path = join(dir, "cash.fits");
    expect(writeSpectrumDataset(path, cash)).toEqual([path]);
    const read = readSpectrumDataset(path);
    expectSameContent(read, cash);
    expect(Array.from(read.maskFit!)).toEqual(FIXTURES[0]!.mask_fit);
    expect(Array.from(read.edisp!.exposure!)).toEqual(FIXTURES[0]!.edisp_exposure);
    read.models = plModels();
    expect(statSum(read)).toBe(statSum(cashFixture(FIXTURES[0]!, plModels())));

    const stacked = new Datasets(FIXTURES.map((d) => onOffFixture(d))).stack();
    const p2 = join(dir, "stacked.fits");
    writeSpectrumDataset(p2, stacked, { format: "gadf" });
    const back = readSpectrumDataset(p2);
    expectSameContent(back, stacked);
    expect(metaTableObsIds(back.metaTable)).toEqual([23523, 23526, 23559]);
    expect(back.metaTable!.units.RA_PNT).toBe("deg");
    expect(back.gti!.start.length).toBe(3);
  });

  test("HDUs as Gammapy writes them: NAME, region maps, logical masks, GTI, META_TABLE", () => {
    const path = join(dir, "layout.fits");
    writeSpectrumDataset(path, onOffFixture(FIXTURES[0]!), { format: "gadf" });
    const file = readFitsSync(path);
    expect(file.hdus.map((h) => h.name)).toEqual([
      "PRIMARY",
      ...["COUNTS", "EXPOSURE", "EDISP", "EDISP_EXPOSURE", "MASK_SAFE", "MASK_FIT"].flatMap((n) => [n, `${n}_BANDS`, `${n}_REGION`]),
      "GTI",
      "META_TABLE",
      ...["COUNTS_OFF", "ACCEPTANCE", "ACCEPTANCE_OFF"].flatMap((n) => [n, `${n}_BANDS`, `${n}_REGION`]),
    ]);
    expect(file.hdu(0).header.get("NAME")).toBe("23523");
    expect(file.hdu("MASK_SAFE").readTable().info("DATA").format.trim()).toBe("1L");
    expect(file.hdu("EDISP").header.get("AXCOLS2")).toBe("ENERGY_TRUE_MIN,ENERGY_TRUE_MAX");
    expect(file.hdu("EDISP").nrows).toBe(60);
    expect(file.hdu("GTI").header.get("TIMESYS")).toBe("tt");
    expect(file.hdu("GTI").header.get("MJDREFI")).toBe(53343);
  });
});

describe("OGIP layout", () => {
  test("companion names keep the suffixes", () => {
    expect(ogipFilenames("out/pha_obs23523.fits")).toEqual({
      respfile: "pha_obs23523_rmf.fits",
      backfile: "pha_obs23523_bkg.fits",
      ancrfile: "pha_obs23523_arf.fits",
    });
    expect(ogipFilenames("a.fits.gz").backfile).toBe("a_bkg.fits.gz");
  });

  test("round trip: PHA, BKG, ARF, RMF, lossless (float64 matrix, stored exposure)", () => {
    const ds = onOffFixture(FIXTURES[1]!);
    const path = join(dir, "ogip", "pha_obs23526.fits");
    const written = writeSpectrumDataset(path, ds);
    expect(written.map((p) => p.slice(dir.length + 6))).toEqual([
      "pha_obs23526.fits",
      "pha_obs23526_arf.fits",
      "pha_obs23526_bkg.fits",
      "pha_obs23526_rmf.fits",
    ]);
    const read = readSpectrumDataset(path, { format: "ogip" });
    expectSameContent(read, ds, 0);
    expect(Array.from(read.exposure!.data)).toEqual(Array.from(ds.exposure!.data));
    expect(Array.from(read.edisp!.kernel.pdfMatrix)).toEqual(Array.from(ds.edisp!.kernel.pdfMatrix));
    expect(read.maskFit).toBeNull();
    expect(read.edisp!.exposure === null ? null : Array.from(read.edisp!.exposure)).toEqual(ds.edisp!.exposure === null ? null : Array.from(ds.edisp!.exposure));
  });

  test("OGIP keeps what Gammapy's OGIP loses: fit mask, stacking exposure, meta table, no safe mask", () => {
    const ds = onOffFixture(FIXTURES[0]!);
    const n = ds.counts!.data.length;
    const maskFit = Uint8Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : 0));
    const kernelExposure = Float64Array.from(ds.exposure!.data, (v, i) => v * (1 + 0.1 * i) / 3);
    const edited = { ...ds, maskFit, maskSafe: null, edisp: { ...ds.edisp!, exposure: kernelExposure } };
    const path = join(dir, "ogip3", "pha_obsx.fits");
    writeSpectrumDataset(path, edited);
    const read = readSpectrumDataset(path, { format: "ogip" });
    expect(Array.from(read.maskFit!)).toEqual(Array.from(maskFit));
    expect(read.maskSafe).toBeNull();
    expect(Array.from(read.edisp!.exposure!)).toEqual(Array.from(kernelExposure));
    expect(read.metaTable).toEqual(ds.metaTable);
    expect(readFitsSync(path.replace(".fits", "_rmf.fits")).hdu("MATRIX").columns.map((c) => c.format.trim()).slice(0, 2)).toEqual(["1D", "1D"]);
  });

  test("the PHA and ARF hold Gammapy's columns and keywords", () => {
    const path = join(dir, "ogip2", "pha_obs23523.fits");
    writeSpectrumDataset(path, onOffFixture(FIXTURES[0]!));
    const spectrum = readFitsSync(path).hdu("SPECTRUM");
    expect(spectrum.columns.map((c) => `${c.name}:${c.format.trim()}`)).toEqual(["CHANNEL:1I", "COUNTS:1J", "QUALITY:1L", "BACKSCAL:1D", "MASK_FIT:1L"]);
    expect(Array.from(spectrum.readFloat64("QUALITY").data)).toEqual([1, 0, 0, 0, 0, 0]);
    const h = spectrum.header;
    expect([h.get("EXPOSURE"), h.get("OBS_ID"), h.get("HDUCLAS2"), h.get("ANCRFILE"), h.get("BACKFILE"), h.get("RESPFILE")]).toEqual([
      1687,
      "23523",
      "TOTAL",
      "pha_obs23523_arf.fits",
      "pha_obs23523_bkg.fits",
      "pha_obs23523_rmf.fits",
    ]);
    expect(readFitsSync(path).hdus.map((x) => x.name)).toEqual(["PRIMARY", "SPECTRUM", "EBOUNDS", "REGION", "GTI", "META_TABLE"]);
    expect(readFitsSync(join(dir, "ogip2", "pha_obs23523_bkg.fits")).hdu("SPECTRUM").header.get("HDUCLAS2")).toBe("BKG");
    const arf = readFitsSync(join(dir, "ogip2", "pha_obs23523_arf.fits")).hdu("SPECRESP").readFloat64("SPECRESP");
    expect(arf.unit).toBe("cm2");
    expect(arf.data[0]).toBeCloseTo(FIXTURES[0]!.exposure[0]! / 1687, 6);
  });

  test("refuses a SpectrumDataset, and on/off datasets without livetime", () => {
    expect(() => writeSpectrumDataset(join(dir, "x.fits"), cashFixture(FIXTURES[0]!), { format: "ogip" })).toThrow(/OGIP files hold on\/off datasets/);
    const noLivetime = { ...onOffFixture(FIXTURES[0]!), livetime: null };
    expect(() => writeSpectrumDataset(join(dir, "y.fits"), noLivetime)).toThrow(/dataset '23523' has no livetime/);
  });
});

describe("RMF", () => {
  test("rows as runs of non-zero channels; an empty row as one empty group (Gammapy's layout)", () => {
    const etrue = MapAxis.fromEnergyEdges([1, 2, 4, 8], { name: "energy_true" });
    const ereco = MapAxis.fromEnergyEdges([1, 2, 3, 5, 8]);
    const data = [0.25, 0, 0.5, 0.125, 0, 0, 0, 0, 0, 0.5, 0.25, 0];
    const kernel = new EDispKernel({ axes: [etrue, ereco], data });
    const path = join(dir, "rmf.fits");
    writeFitsSync(path, rmfHdus(kernel));
    const file = readFitsSync(path);
    const matrix = file.hdu("MATRIX");
    expect(Array.from(matrix.readFloat64("N_GRP").data)).toEqual([2, 1, 1]);
    const fChan = matrix.readColumn("F_CHAN");
    expect(fChan.kind === "varlen" && fChan.data.map((r) => Array.from(r as Int16Array))).toEqual([[0, 2], [0], [1]]);
    expect([matrix.header.get("NUMGRP"), matrix.header.get("NUMELT"), matrix.header.get("DETCHANS")]).toEqual([4, 5, 4]);
    expect(Array.from(readRmf(file).pdfMatrix)).toEqual(data);
  });
});
