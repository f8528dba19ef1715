// selectObservations: the config rules (obs_ids vs obs_file, cone, obs_time, required_irf),
// its errors, and run skipping compared with Gammapy on a store copy with rows removed.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, DataError, IoError, Time } from "@gammats/core";
import { DataStore, readObsIdFile, requiredHdus, selectObservations } from "@gammats/data-store";
import { gammapyData, gammapyMissing, recordingLogger, runReference, tempDir } from "./helpers.js";
import { writeStoreCopy } from "./index-copies.js";

describe("required_irf and obs_file parsing", () => {
  it("expands Gammapy's shortcuts and always requires events and gti", () => {
    expect(requiredHdus("full-enclosure")).toEqual(["events", "gti", "aeff", "edisp", "psf", "bkg"]);
    expect(requiredHdus("point-like")).toEqual(["events", "gti", "aeff", "edisp"]);
    expect(requiredHdus("all-optional")).toEqual(["events", "gti"]);
    expect(requiredHdus(["rad_max", "aeff", "events"])).toEqual(["events", "gti", "aeff", "rad_max"]);
    expect(() => requiredHdus("full")).toThrow(/unknown required_irf shortcut 'full'.*full-enclosure, point-like, all-optional/);
  });

  it("reads the first column of an id file, skipping comments and blank lines", () => {
    const tmp = tempDir();
    try {
      const file = join(tmp.dir, "runs.txt");
      writeFileSync(file, "# Crab runs\n23592 good\n\n23523,2\n  23526  # wobble\n23592\n");
      expect(readObsIdFile(file)).toEqual([23592, 23523, 23526, 23592]);
      writeFileSync(file, "23592\nrun23523\n");
      expect(() => readObsIdFile(file)).toThrow(ConfigError);
      expect(() => readObsIdFile(file)).toThrow(/line 2 of .*runs\.txt starts with 'run23523', not an observation id/);
      writeFileSync(file, "# nothing\n");
      expect(() => readObsIdFile(file)).toThrow(/lists no observation id/);
      expect(() => readObsIdFile(join(tmp.dir, "none.txt"))).toThrow(IoError);
    } finally {
      tmp.remove();
    }
  });
});

const data = gammapyData();
if (data.reason) console.warn(`skipping selection tests on real data: ${data.reason}`);

describe.skipIf(data.reason !== undefined)("selectObservations on H.E.S.S. DR1", () => {
  const hess = () => join(data.dir!, "hess-dl3-dr1");
  let tmp: ReturnType<typeof tempDir>;
  let store: DataStore;
  beforeAll(() => {
    tmp = tempDir();
    store = DataStore.fromDir(hess());
  });
  afterAll(() => tmp.remove());

  it("opens the default data store through $GAMMAPY_DATA and logs as Gammapy", () => {
    const { lines, logger } = recordingLogger();
    const { observations, dataStore } = selectObservations({ obs_ids: [23523] }, { logger, env: { GAMMAPY_DATA: data.dir! } });
    expect(dataStore.hduTable.baseDir).toBe(hess());
    expect(observations.map((o) => o.obsId)).toEqual([23523]);
    expect(lines).toEqual(["INFO Fetching observations.", "INFO Observations selected: 1 out of 1.", "INFO Number of selected observations: 1"]);
  });

  it("takes ids from obs_file relative to cwd, in file order", () => {
    writeFileSync(join(tmp.dir, "ids.txt"), "23592\n23523\n");
    const { observations } = selectObservations({ obs_file: "ids.txt" }, { dataStore: store, cwd: tmp.dir });
    expect(observations.map((o) => o.obsId)).toEqual([23592, 23523]);
  });

  it("refuses obs_ids together with obs_file", () => {
    const run = () => selectObservations({ obs_ids: [23523], obs_file: "ids.txt" }, { dataStore: store });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(/key 'observations': obs_ids and obs_file are both set/);
  });

  it("names the ids that are not in the store", () => {
    const run = () => selectObservations({ obs_ids: [23523, 1, 2] }, { dataStore: store });
    expect(run).toThrow(DataError);
    expect(run).toThrow(/observations 1, 2 are not in the observation table/);
  });

  it("says which criterion left nothing: cone, obs_time, required_irf", () => {
    const cone = { frame: "icrs", lon: "83.633 deg", lat: "22.014 deg", radius: "0.3 deg" };
    expect(() => selectObservations({ obs_cone: cone }, { dataStore: store })).toThrow(
      /cone selection \(obs_cone: 0\.3 deg around \(83\.633, 22\.014\) deg icrs\) left none of 105 observations; the nearest pointing \(observation 2352[36]\) is 0\.50\d deg away/,
    );
    const time = { start: "2010-01-01T00:00:00", stop: "2010-01-02T00:00:00" };
    expect(() => selectObservations({ obs_ids: [23523, 23526], obs_time: time }, { dataStore: store })).toThrow(
      /time selection \(obs_time: 2010-01-01T00:00:00\.000 -- 2010-01-02T00:00:00\.000 UTC\) overlaps none of the 2 observations, which span 2004-12-04T22:07:06\.000 -- 2004-12-04T23:21:03\.000 UTC/,
    );
    expect(() => selectObservations({ obs_ids: [23523], required_irf: ["rad_max"] }, { dataStore: store })).toThrow(
      /required_irf \[rad_max\] left no observations: all 1 selected runs lack one of events, gti, rad_max/,
    );
  });

  it("names the config key of malformed cone, time and required_irf values", () => {
    const bad = (section: Parameters<typeof selectObservations>[0]) => () => selectObservations(section, { dataStore: store });
    expect(bad({ obs_cone: { frame: "icrs", lon: "83 deg", lat: "22 deg", radius: null } })).toThrow(
      /key 'observations\.obs_cone\.radius': is missing while obs_cone\.lon is set/,
    );
    expect(bad({ obs_cone: { frame: "icrs", lon: "83 TeV", lat: "22 deg", radius: "1 deg" } })).toThrow(/observations\.obs_cone\.lon/);
    expect(bad({ obs_cone: { frame: "fk4", lon: "83 deg", lat: "22 deg", radius: "1 deg" } })).toThrow(/observations\.obs_cone\.frame.*unknown sky frame 'fk4'/);
    expect(bad({ obs_time: { start: ["2004-12-04T22:00:00", "2004-12-05"], stop: "2004-12-06" } })).toThrow(
      /key 'observations\.obs_time': start has 2 times but stop has one time/,
    );
    expect(bad({ obs_time: { start: "2004-12-04T22:00:00", stop: null } })).toThrow(/observations\.obs_time\.stop/);
    expect(bad({ obs_time: { start: "not a time", stop: "2004-12-05" } })).toThrow(/observations\.obs_time\.start/);
    expect(bad({ obs_time: { start: "2004-12-05", stop: "2004-12-04" } })).toThrow(/interval 0: stop .* is not after start/);
    expect(bad({ required_irf: ["aeff", "psf_table"] })).toThrow(/key 'observations\.required_irf': unknown required_irf value 'psf_table'/);
  });

  it("accepts Time objects and events/gti in required_irf (Gammapy 1.0 rejects them)", () => {
    const { observations } = selectObservations(
      {
        obs_ids: [23523, 23526],
        required_irf: ["events", "gti", "aeff"],
        obs_time: { start: Time.parse("2004-12-04T22:15:00"), stop: Time.parse("2004-12-04T22:25:00") },
      },
      { dataStore: store },
    );
    expect(observations.map((o) => o.obsId)).toEqual([23523]);
    expect(observations[0].events.length).toBe(2707);
  });

  describe("run skipping on a store copy without some HDU rows", () => {
    let dir: string;
    beforeAll(() => {
      dir = join(tmp.dir, "copy");
      mkdirSync(dir);
      // 23526 loses its background, 23559 its PSF; 23523 stays complete.
      writeStoreCopy(hess(), dir, (id, type) => (id === 23526 && type === "bkg") || (id === 23559 && type === "psf"));
    });

    it("skips the incomplete runs with warnings naming run and HDU", () => {
      const { lines, logger } = recordingLogger();
      const { observations } = selectObservations({ datastore: dir, obs_ids: [23523, 23526, 23559] }, { logger });
      expect(observations.map((o) => o.obsId)).toEqual([23523]);
      expect(lines.filter((l) => l.startsWith("WARNING"))).toEqual([
        "WARNING skipping observation 23526: no bkg HDU in the HDU index (required_irf)",
        "WARNING skipping observation 23559: no psf HDU in the HDU index (required_irf)",
      ]);
      const pointLike = selectObservations({ datastore: dir, obs_ids: [23523, 23526, 23559], required_irf: ["aeff", "edisp"] });
      expect(pointLike.observations.map((o) => o.obsId)).toEqual([23523, 23526, 23559]);
    });

    const live = gammapyMissing();
    if (live) console.warn(`skipping live Gammapy run-skipping comparison: ${live}`);
    it.skipIf(live !== undefined)("skips the same runs as Gammapy on the same copy", () => {
      const ref = runReference<{ full: number[]; point_like: number[] }>(data.dir!, ["skip", dir]);
      expect(ref.full).toEqual([23523]);
      const full = selectObservations({ datastore: dir, obs_ids: [23523, 23526, 23559], required_irf: ["aeff", "edisp", "psf", "bkg"] });
      expect(full.observations.map((o) => o.obsId)).toEqual(ref.full);
      const pointLike = selectObservations({ datastore: dir, obs_ids: [23523, 23526, 23559], required_irf: ["aeff", "edisp"] });
      expect(pointLike.observations.map((o) => o.obsId)).toEqual(ref.point_like);
    });
  });
});
