// DataStore constructors, path handling and observation lookup on H.E.S.S. DR1 and CTA 1DC
// (skipped with a printed reason without the data).
import { copyFileSync, mkdirSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DataError, IoError } from "@gammats/core";
import { imageHdu, readFitsSync, writeFitsSync } from "@gammats/fits";
import { DataStore, MissingHduError } from "@gammats/data-store";
import { gammapyData, recordingLogger, tempDir } from "./helpers.js";
import { filterRows, indexHdu, readIndexRows, writeStoreCopy } from "./index-copies.js";

const data = gammapyData();
if (data.reason) console.warn(`skipping data-store tests on real data: ${data.reason}`);

describe.skipIf(data.reason !== undefined)("DataStore on real data", () => {
  const hess = () => join(data.dir!, "hess-dl3-dr1");
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    tmp = tempDir();
  });
  afterAll(() => tmp.remove());

  it("reads both index tables of a folder", () => {
    const store = DataStore.fromDir(hess());
    expect(store.hduTable.length).toBe(630);
    expect(store.obsIds.length).toBe(105);
    expect(store.obsIds[0]).toBe(20136);
    expect(store.obsIds[104]).toBe(47829);
    expect(store.obsTable!.length).toBe(105);
    expect(store.hduTable.hduClasses).toEqual(["aeff_2d", "bkg_3d", "edisp_2d", "events", "gti", "psf_table"]);
    const loc = store.hduTable.location(23523, "psf")!;
    expect(loc.path).toBe(join(hess(), "data/hess_dl3_dr1_obs_id_023523.fits.gz"));
    expect(loc.hduName).toBe("psf");
    expect(store.hduTable.location(23523, "rad_max")).toBeUndefined();
  });

  it("expands $VAR and ${VAR} and resolves relative folders against cwd", () => {
    const env = { GAMMAPY_DATA: data.dir! };
    expect(DataStore.fromDir("$GAMMAPY_DATA/hess-dl3-dr1", { env }).obsIds.length).toBe(105);
    expect(DataStore.fromDir("${GAMMAPY_DATA}/cta-1dc/index/gps", { env }).obsIds).toEqual([110380, 111140, 111159, 111630]);
    expect(DataStore.fromDir("hess-dl3-dr1", { cwd: data.dir! }).obsIds.length).toBe(105);
    expect(() => DataStore.fromDir("$NO_SUCH_VAR_X/hess", { env })).toThrow(/\$NO_SUCH_VAR_X.*not set/);
  });

  it("resolves CTA 1DC's ../../ FILE_DIRs against the index folder", () => {
    const store = DataStore.fromDir(join(data.dir!, "cta-1dc/index/gps"));
    const aeff = store.hduTable.location(111140, "aeff")!;
    expect(aeff.path).toBe(join(data.dir!, "cta-1dc/caldb/data/cta/1dc/bcf/South_z20_50h/irf_file.fits"));
    expect(aeff.hduClass).toBe("aeff_2d");
    expect(store.hduTable.location(111140, "psf")!.hduClass).toBe("psf_3gauss");
  });

  it("opens from index files, and from one file holding both tables", () => {
    const fromFiles = DataStore.fromFiles(join(hess(), "hdu-index.fits.gz"), join(hess(), "obs-index.fits.gz"));
    expect(fromFiles.hduTable.location(23592, "events")!.path).toBe(join(hess(), "data/hess_dl3_dr1_obs_id_023592.fits.gz"));
    expect(fromFiles.obsTable!.length).toBe(105);
    const onlyHdu = DataStore.fromFiles(join(hess(), "hdu-index.fits.gz"));
    expect(onlyHdu.obsTable).toBeUndefined();

    // One file with HDU_INDEX and OBS_INDEX, next to a data/ link: FILE_DIR relative to it.
    const dir = join(tmp.dir, "single");
    mkdirSync(dir);
    const rows = readIndexRows(join(hess(), "hdu-index.fits.gz"));
    rows.fileDir = rows.fileDir.map((d) => relative(dir, join(hess(), d)));
    const obsHdu = readFitsSync(join(hess(), "obs-index.fits.gz")).hdu("OBS_INDEX");
    writeFitsSync(join(dir, "store.fits"), [imageHdu(), indexHdu(rows), obsHdu]);
    const store = DataStore.open(join(dir, "store.fits"));
    expect(store.obsTable!.length).toBe(105);
    expect(store.obs(23523).events.length).toBe(7613);
  });

  it("honours a BASE_DIR keyword when FILE_DIR does not resolve against the index folder", () => {
    const dir = join(tmp.dir, "basedir");
    mkdirSync(dir);
    const rows = filterRows(readIndexRows(join(hess(), "hdu-index.fits.gz")), (id) => id === 23523);
    writeFitsSync(join(dir, "hdu-index.fits.gz"), [imageHdu(), indexHdu(rows, [["BASE_DIR", hess()]])]);
    const store = DataStore.fromDir(dir);
    expect(store.hduTable.baseDirKeyword).toBe(hess());
    expect(store.hduTable.location(23523, "events")!.path).toBe(join(hess(), "data/hess_dl3_dr1_obs_id_023523.fits.gz"));
    expect(store.obs(23523).gti.timeSum).toBe(1687);
    expect(store.obsTable).toBeUndefined();
  });

  it("names the folder and the files looked for when the store is missing", () => {
    expect(() => DataStore.fromDir(join(tmp.dir, "nope"))).toThrow(IoError);
    expect(() => DataStore.open(join(tmp.dir, "nope"))).toThrow(/data store not found: .*nope/);
    const empty = join(tmp.dir, "empty");
    mkdirSync(empty);
    expect(() => DataStore.fromDir(empty)).toThrow(/no HDU index.*hdu-index\.fits\.gz, hdu-index\.fits.*empty/);
  });

  it("names an unknown observation id and the missing HDUs", () => {
    const store = DataStore.fromDir(hess());
    expect(() => store.obs(12345)).toThrow(DataError);
    expect(() => store.obs(12345)).toThrow(/observation 12345 is not in the HDU index.*105 observations, ids 20136, 20137, 20151 \.\.\./);
    const dir = join(tmp.dir, "nobkg");
    mkdirSync(dir);
    writeStoreCopy(hess(), dir, (id, type) => id === 23526 && (type === "bkg" || type === "psf"));
    const copy = DataStore.fromDir(dir);
    let err: unknown;
    try {
      copy.obs(23526);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MissingHduError);
    expect((err as MissingHduError).missing).toEqual(["psf", "bkg"]);
    expect((err as Error).message).toMatch(/observation 23526 has no psf, bkg HDUs/);
    expect(copy.obs(23526, "point-like").availableIrfs).toEqual(["aeff", "edisp"]);
  });

  it("getObservations skips runs lacking a required HDU with a warning naming run and HDU", () => {
    const dir = join(tmp.dir, "skip");
    mkdirSync(dir);
    writeStoreCopy(hess(), dir, (id, type) => id === 23559 && type === "edisp");
    const { lines, logger } = recordingLogger();
    const store = DataStore.fromDir(dir, { logger });
    const runs = store.getObservations([23523, 23559, 23592], { requiredIrf: ["edisp"] });
    expect(runs.map((o) => o.obsId)).toEqual([23523, 23592]);
    expect(lines).toContain("WARNING skipping observation 23559: no edisp HDU in the HDU index (required_irf)");
    expect(lines).toContain("INFO Observations selected: 2 out of 3.");
    expect(store.getObservations([23559], { requiredIrf: "all-optional" }).length).toBe(1);
    expect(() => store.getObservations([23523, 99])).toThrow(/observation 99 is not in the data store/);
    expect(store.getObservations([23523, 99], { skipMissing: true }).length).toBe(1);
    expect(() => store.getObservations([23523], { requiredIrf: ["aeff", "psff"] })).toThrow(/unknown required_irf value 'psff'/);
  });

  it("warns about duplicate index rows and uses the first", () => {
    const dir = join(tmp.dir, "dup");
    mkdirSync(dir);
    const rows = filterRows(readIndexRows(join(hess(), "hdu-index.fits.gz")), (id) => id === 23523);
    rows.fileDir = rows.fileDir.map((d) => join(hess(), d));
    const i = rows.hduType.indexOf("aeff");
    for (const key of Object.keys(rows) as Array<keyof typeof rows>) (rows[key] as unknown[]).push(rows[key][i]);
    rows.hduName[rows.hduName.length - 1] = "other";
    writeFitsSync(join(dir, "hdu-index.fits"), [imageHdu(), indexHdu(rows)]);
    copyFileSync(join(hess(), "obs-index.fits.gz"), join(dir, "obs-index.fits"));
    const { lines, logger } = recordingLogger();
    const store = DataStore.fromDir(dir, { logger });
    expect(store.obsTable!.length).toBe(105);
    expect(store.obs(23523).locations.get("aeff")!.hduName).toBe("aeff");
    expect(lines.some((l) => /WARNING .*2 rows for OBS_ID 23523, HDU_TYPE aeff; using the first/.test(l))).toBe(true);
  });
});
