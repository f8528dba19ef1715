// Observation: lazy reading once, the per-path file cache, time filters, metadata
// fallbacks and errors (real data; skipped with a printed reason without them).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DataError, Time } from "@gammats/core";
import { imageHdu, writeFitsSync } from "@gammats/fits";
import { DataStore } from "@gammats/data-store";
import { expectClose, gammapyData, tempDir } from "./helpers.js";
import { filterRows, indexHdu, readIndexRows } from "./index-copies.js";

const data = gammapyData();
if (data.reason) console.warn(`skipping observation tests on real data: ${data.reason}`);

describe.skipIf(data.reason !== undefined)("Observation", () => {
  const hess = () => join(data.dir!, "hess-dl3-dr1");
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    tmp = tempDir();
  });
  afterAll(() => tmp.remove());

  it("reads events and GTI once and decodes each file once", () => {
    const store = DataStore.fromDir(join(data.dir!, "cta-1dc/index/gps"));
    const a = store.obs(110380);
    const b = store.obs(111140);
    expect(store.files.size).toBe(0);
    expect(a.events).toBe(a.events);
    expect(a.gti).toBe(a.gti);
    expect(store.files.size).toBe(1);
    // Both runs' IRFs live in one file: decoded once for both.
    expect(a.hdu("aeff")!.name).toBe("EFFECTIVE AREA");
    expect(b.hdu("psf")!.name).toBe("POINT SPREAD FUNCTION");
    expect(b.hdu("aeff")).toBe(a.hdu("aeff"));
    expect(store.files.size).toBe(2);
    expect(a.availableHdus).toEqual(["events", "gti", "aeff", "edisp", "psf", "bkg"]);
  });

  it("reads metadata from the EVENTS header without decoding event columns", () => {
    const obs = DataStore.fromDir(hess()).obs(23523);
    expect(obs.meta.LIVETIME).toBe(1581.73681640625);
    expect(obs.meta.HDUCLAS1).toBeUndefined();
    expect(obs.pointing).toEqual({ ra: 83.633333333333, dec: 21.514444444444, alt: 41.3897890380338, az: 22.4817052274739 });
    expect(obs.obsMode).toBe("WOBBLE");
    expect(obs.pointingMode).toBe("POINTING");
    expect(obs.object).toBe("Crab Nebula");
    expect(obs.location).toEqual({ lon: 16.5002222222222, lat: -23.2717777777778, height: 1835 });
    expectClose(obs.observationDeadTimeFraction, 1 - 0.937603298574686, 1e-12);
    expectClose(obs.muonEfficiency, 0.907074809074402, 1e-15);
    expect(String(obs)).toBe("Observation 23523: tstart 53343.92, tstop 53343.94 MJD, duration 1687.00 s, pointing (icrs) 83.6 deg, 21.5 deg");
  });

  it("cuts events and GTI with a time filter, sharing the decoded run", () => {
    const obs = DataStore.fromDir(hess()).obs(23523);
    const start = Time.parse("2004-12-04T22:15:00");
    const stop = Time.parse("2004-12-04T22:25:00");
    const cut = obs.selectTime(start, stop);
    expect(cut.eventsUnfiltered).toBe(obs.events);
    expect(cut.events.length).toBe(2707);
    expectClose(cut.observationTimeDuration, 600, 0, 1e-6);
    expectClose(cut.tstart.utc().mjd, start.mjd, 0, 1e-11);
    expect(obs.events.length).toBe(7613);
    // A second selection narrows the first.
    const narrower = cut.selectTime(Time.parse("2004-12-04T22:20:00"), Time.parse("2004-12-04T23:00:00"));
    expectClose(narrower.observationTimeDuration, 300, 0, 1e-6);
    expect(narrower.events.length).toBeLessThan(2707);
    expect(() => obs.selectTime(stop, start)).toThrow(/stop .* is not after start/);
    const outside = obs.selectTime(Time.parse("2005-01-01T00:00:00"), Time.parse("2005-01-02T00:00:00"));
    expect(outside.events.length).toBe(0);
    expect(() => outside.tstart).toThrow(/GTI has 0 intervals.*no good time/);
  });

  it("names observation, HDU and file when the index points to nothing", () => {
    const dir = join(tmp.dir, "broken");
    mkdirSync(dir);
    const rows = filterRows(readIndexRows(join(hess(), "hdu-index.fits.gz")), (id) => id === 23523 || id === 23526);
    rows.fileDir = rows.fileDir.map((d) => join(hess(), d));
    rows.hduName[rows.obsId.findIndex((id, i) => id === 23523 && rows.hduType[i] === "gti")] = "GTI_NOPE";
    rows.fileName[rows.obsId.findIndex((id, i) => id === 23526 && rows.hduType[i] === "events")] = "missing.fits.gz";
    writeFitsSync(join(dir, "hdu-index.fits.gz"), [imageHdu(), indexHdu(rows)]);
    const store = DataStore.fromDir(dir);
    expect(() => store.obs(23523).gti).toThrow(DataError);
    expect(() => store.obs(23523).gti).toThrow(/observation 23523: the HDU index places the gti HDU in 'GTI_NOPE' of .*023523\.fits\.gz, but that file has PRIMARY, EVENTS, GTI/);
    expect(() => store.obs(23526).events).toThrow(/observation 23526: cannot read the events HDU 'events': FITS file: no such file: .*missing\.fits\.gz/);
  });
});
