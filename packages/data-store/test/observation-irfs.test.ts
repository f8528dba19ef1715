// IRFs of an observation: decoded lazily, once, with the class of their HDUCLAS keywords
// (via @gammats/irf's readIrfHdu); errors name the run. Real data; skipped without them.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DataError, Time } from "@gammats/core";
import { imageHdu, writeFitsSync } from "@gammats/fits";
import { Background3D, EffectiveAreaTable2D, EnergyDispersion2D, IRF_REGISTRY } from "@gammats/irf";
import { DataStore } from "@gammats/data-store";
import { gammapyData, tempDir } from "./helpers.js";
import { filterRows, indexHdu, readIndexRows } from "./index-copies.js";

const data = gammapyData();
if (data.reason) console.warn(`skipping observation IRF tests: ${data.reason}`);

describe.skipIf(data.reason !== undefined)("Observation IRFs", () => {
  const hess = () => join(data.dir!, "hess-dl3-dr1");
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    tmp = tempDir();
  });
  afterAll(() => tmp.remove());

  it("reads each H.E.S.S. IRF once, with its class, shared by time-cut copies", () => {
    const obs = DataStore.fromDir(hess()).obs(23523);
    const aeff = obs.aeff;
    expect(aeff).toBeInstanceOf(EffectiveAreaTable2D);
    expect(aeff!.spec.tag).toBe("aeff_2d");
    expect(obs.aeff).toBe(aeff);
    expect(obs.edisp).toBeInstanceOf(EnergyDispersion2D);
    expect(obs.bkg).toBeInstanceOf(Background3D);
    expect(obs.radMax).toBeUndefined();
    const cut = obs.selectTime(Time.parse("2004-12-04T22:15:00"), Time.parse("2004-12-04T22:25:00"));
    expect(cut.aeff).toBe(aeff);
    expect(cut.bkg).toBe(obs.bkg);
  });

  it("reads CTA 1DC IRFs (HDUCLAS4 '2D') from the one shared file, decoded once", () => {
    const store = DataStore.fromDir(join(data.dir!, "cta-1dc/index/gps"));
    const a = store.obs(110380);
    const b = store.obs(111630);
    expect(a.aeff).toBeInstanceOf(EffectiveAreaTable2D);
    expect(b.bkg).toBeInstanceOf(Background3D);
    expect(store.files.size).toBe(1);
    // Each observation holds its own object, read from the same decoded file.
    expect(b.aeff).not.toBe(a.aeff);
    expect(b.aeff!.data).toEqual(a.aeff!.data);
    expect(store.files.size).toBe(1);
  });

  const psfReady = IRF_REGISTRY.get("psf_table") !== undefined && IRF_REGISTRY.get("psf_3gauss") !== undefined;
  if (!psfReady) console.warn("skipping the PSF part: @gammats/irf registers no psf_table / psf_3gauss reader yet");
  it.skipIf(!psfReady)("reads PSFs with the class of their HDU_CLASS (psf_table, psf_3gauss)", () => {
    expect(DataStore.fromDir(hess()).obs(23523).psf!.spec.tag).toBe("psf_table");
    expect(DataStore.fromDir(join(data.dir!, "cta-1dc/index/gps")).obs(110380).psf!.spec.tag).toBe("psf_3gauss");
  });

  it("names the run, IRF type and HDU class when an IRF HDU cannot be read", () => {
    const dir = join(tmp.dir, "bad-irf");
    mkdirSync(dir);
    const rows = filterRows(readIndexRows(join(hess(), "hdu-index.fits.gz")), (id) => id === 23523);
    rows.fileDir = rows.fileDir.map((d) => join(hess(), d));
    rows.hduName[rows.hduType.indexOf("aeff")] = "gti"; // points the effective area to the GTI table
    writeFitsSync(join(dir, "hdu-index.fits.gz"), [imageHdu(), indexHdu(rows)]);
    const obs = DataStore.fromDir(dir).obs(23523);
    expect(() => obs.aeff).toThrow(DataError);
    expect(() => obs.aeff).toThrow(/observation 23523: cannot read the aeff IRF \(HDU_CLASS aeff_2d, HDU 'gti'\)/);
  });
});
