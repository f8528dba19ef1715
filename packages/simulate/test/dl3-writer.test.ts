import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Time, getObservatoryLocation, metToTime, timeRefFromHeader } from "@gammats/core";
import { DataStore } from "@gammats/data-store";
import { readFitsSync } from "@gammats/fits";
import {
  defaultTimeRef,
  sampleEvents,
  samplerIrfsFromIrfs,
  syntheticIrfs,
  testDataSourceModel,
  writeDl3Run,
  writeIndexFiles,
} from "@gammats/simulate";
import type { RunMeta } from "@gammats/simulate";

const dir = mkdtempSync(join(tmpdir(), "gammats-dl3-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("DL3 writer", () => {
  const irfs = syntheticIrfs();
  const ref = defaultTimeRef();
  const tstart = Math.round(Time.fromIso("2024-01-10T21:00:00", "utc").toMet(ref));
  const gti: [number, number][] = [
    [tstart, tstart + 600],
    [tstart + 700, tstart + 1200],
  ];
  const pointing = { ra: 83.633, dec: 22.5145 };
  const { events } = sampleEvents({
    irfs: samplerIrfsFromIrfs({ aeff: irfs.aeff, edisp: irfs.edisp, psf: irfs.psf, background: irfs.bkg2d }),
    pointing,
    livetime: 1045,
    gti,
    models: [testDataSourceModel()],
    random: 99,
  });
  const meta: RunMeta = {
    obsId: 77,
    pointing,
    altAz: { alt: 45, az: 10 },
    gti,
    livetime: 1045,
    object: "Crab (simulated)",
    target: { ra: 83.633, dec: 22.0145 },
    obsMode: "WOBBLE",
    location: getObservatoryLocation("hess"),
    nTels: 4,
  };
  mkdirSync(join(dir, "data"), { recursive: true });
  const written = writeDl3Run(join(dir, "data", "run_77.fits.gz"), { ...events }, meta, [
    { type: "aeff", hduClass: "aeff_2d", hdu: irfs.aeff.toHdu({ extname: "AEFF" }) },
    { type: "edisp", hduClass: "edisp_2d", hdu: irfs.edisp.toHdu({ extname: "EDISP", float32: true }) },
    { type: "psf", hduClass: "psf_table", hdu: irfs.psf.toHdu({ extname: "PSF", float32: true }) },
    { type: "bkg", hduClass: "bkg_2d", hdu: irfs.bkg2d.toHdu({ extname: "BKG" }) },
  ]);
  writeIndexFiles(dir, [written], "data");

  it("writes the EVENTS header keywords GADF and Gammapy read", () => {
    const h = readFitsSync(join(dir, "data", "run_77.fits.gz")).hdu("EVENTS").header;
    expect(h.getString("HDUCLAS1")).toBe("EVENTS");
    expect(h.getNumber("OBS_ID")).toBe(77);
    expect(h.getNumber("TSTART")).toBe(tstart);
    expect(h.getNumber("TSTOP")).toBe(tstart + 1200);
    expect(h.getNumber("ONTIME")).toBe(1100);
    expect(h.getNumber("LIVETIME")).toBe(1045);
    expect(h.getNumber("DEADC")).toBeCloseTo(0.95, 12);
    expect(h.getNumber("RA_PNT")).toBe(83.633);
    expect(h.getNumber("ALT_PNT")).toBe(45);
    expect(h.getNumber("ZEN_PNT")).toBe(45);
    expect(h.getString("OBS_MODE")).toBe("WOBBLE");
    expect(h.getString("DATE-OBS")).toBe("2024-01-10");
    expect(h.getString("TIME-OBS")).toBe("21:00:00.000");
    expect(h.getNumber("GEOLAT")).toBeCloseTo(-23.2717777, 6);
    // The MET reference read back is 2001-01-01T00:00:00 UTC.
    const back = timeRefFromHeader(h);
    expect(back.epoch.utc().isot).toBe("2001-01-01T00:00:00.000");
    expect(metToTime(h.getNumber("TSTART"), back).utc().isot).toBe("2024-01-10T21:00:00.000");
  });

  it("stores events as float32 directions and energies, with ids and MC truth", () => {
    const hdu = readFitsSync(join(dir, "data", "run_77.fits.gz")).hdu("EVENTS");
    const n = events.time.length;
    expect(hdu.nrows).toBe(n);
    const ra = hdu.readFloat64("RA").data;
    const energy = hdu.readFloat64("ENERGY").data;
    const time = hdu.readFloat64("TIME").data;
    const id = hdu.readFloat64("EVENT_ID").data;
    const mc = hdu.readFloat64("MC_ID").data;
    for (let i = 0; i < n; i += 97) {
      expect(ra[i]).toBe(Math.fround(events.ra[i]!));
      expect(energy[i]).toBe(Math.fround(events.energy[i]!));
      expect(time[i]).toBe(events.time[i]);
      expect(id[i]).toBe(i + 1);
      expect(mc[i]).toBe(events.mcId[i]);
    }
    // No event falls in the gap between the two GTIs.
    expect(Array.from(time).some((t) => t > tstart + 600 && t < tstart + 700)).toBe(false);
    const gtiHdu = readFitsSync(join(dir, "data", "run_77.fits.gz")).hdu("GTI");
    expect(Array.from(gtiHdu.readFloat64("START").data)).toEqual([tstart, tstart + 700]);
  });

  it("writes index files that list every HDU and the run", () => {
    const hduIndex = readFitsSync(join(dir, "hdu-index.fits.gz")).hdu("HDU_INDEX");
    expect(hduIndex.readStrings("HDU_TYPE")).toEqual(["events", "gti", "aeff", "edisp", "psf", "bkg"]);
    expect(hduIndex.readStrings("HDU_CLASS")).toEqual(["events", "gti", "aeff_2d", "edisp_2d", "psf_table", "bkg_2d"]);
    expect(hduIndex.readStrings("HDU_NAME")).toEqual(["EVENTS", "GTI", "AEFF", "EDISP", "PSF", "BKG"]);
    const obsIndex = readFitsSync(join(dir, "obs-index.fits.gz")).hdu("OBS_INDEX");
    expect(Array.from(obsIndex.readFloat64("EVENT_COUNT").data)).toEqual([events.time.length]);
    expect(Array.from(obsIndex.readFloat64("LIVETIME").data)).toEqual([1045]);
    expect(obsIndex.header.getNumber("MJDREFI")).toBe(51910);
  });

  it("is read back by @gammats/data-store with the same events and IRFs", () => {
    const [obs] = DataStore.fromDir(dir).getObservations();
    expect(obs!.obsId).toBe(77);
    expect(obs!.events.energy.length).toBe(events.time.length);
    expect(obs!.livetime).toBe(1045);
    expect(obs!.tstart.utc().isot).toBe("2024-01-10T21:00:00.000");
    expect(obs!.aeff!.evaluateCoords([[2], [1]])[0]).toBe(irfs.aeff.evaluate([2], [1])[0]);
    // Written as float64 in s-1 MeV-1 sr-1: the unit conversion there and back costs an ulp.
    expect(obs!.bkg!.evaluateCoords([[2], [1]])[0]! / irfs.bkg2d.evaluate([2], [1])[0]!).toBeCloseTo(1, 12);
  });
});

