import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { DataError } from "@gammats/core";
import type { Logger } from "@gammats/core";
import { energyRangeSafe, infoDict } from "@gammats/datasets";
import type { AnySpectrumDataset, SpectrumDatasetOnOff } from "@gammats/datasets";
import {
  DatasetsMaker,
  ReflectedRegionsBackgroundMaker,
  SafeMaskMaker,
  SpectrumDatasetMaker,
  datasetNames,
  emptySpectrumDataset,
} from "@gammats/reduce";
import { checkAnalysis } from "./checks.js";
import { REPO, crabSetup, gammapyData, hessStore, storedReference } from "./helpers.js";

const data = gammapyData();
if (data.dir === undefined) console.log(`skipping the real-data DatasetsMaker tests: ${data.reason}`);
const DIST_WORKER = fileURLToPath(new URL("../dist/reduce-worker.js", import.meta.url));

function recorder(): { lines: string[]; logger: Logger } {
  const lines: string[] = [];
  const push = (level: string) => (m: string) => lines.push(`${level}: ${m}`);
  return { lines, logger: { debug: push("debug"), info: push("info"), warning: push("warning"), error: push("error") } };
}

/** The config of the crab-1d cases: on region, axes, the 1D makers. */
function crabMakers(background: boolean) {
  return {
    datasetMaker: new SpectrumDatasetMaker({ selection: ["counts", "exposure", "edisp"], containmentCorrection: true }),
    backgroundMaker: background ? new ReflectedRegionsBackgroundMaker() : null,
    safeMaskMaker: new SafeMaskMaker({ methods: ["aeff-default"] }),
  };
}

describe("DatasetsMaker", () => {
  test("names datasets after their observations, deterministically", () => {
    expect(datasetNames([{ obsId: 23592 }, { obsId: 23559 }, { obsId: 23592 }])).toEqual(["23592", "23559", "23592_2"]);
    expect(() => new DatasetsMaker({ datasetMaker: undefined as never })).toThrow(/no dataset maker/);
    expect(() => new DatasetsMaker({ ...crabMakers(false), nJobs: 1.5 })).toThrow(/nJobs must be an integer/);
  });

  test.skipIf(data.dir === undefined)("the 1D loop, joint and stacked, as Gammapy 1.0 (stored numbers)", async () => {
    await checkAnalysis(storedReference(), data.dir!);
  });

  test.skipIf(data.dir === undefined)("crab-1d-nobkg: the numbers of the reference case come out exactly", async () => {
    const file = resolve(REPO, "../shared/reference/cases/crab-1d-nobkg/gammapy-1.0.json");
    if (!existsSync(file)) {
      console.log(`skipping the crab-1d-nobkg case: ${file} not found`);
      return;
    }
    const ref = JSON.parse(readFileSync(file, "utf8")) as {
      datasets: { counts: number; livetime_s: number; energy_min_tev: number; energy_max_tev: number }[];
    };
    const { geom, energyTrue } = crabSetup(storedReference().request);
    const store = hessStore(data.dir!);
    const datasets = (await new DatasetsMaker({ ...crabMakers(false), stack: false }).run(
      emptySpectrumDataset(geom, { energyAxisTrue: energyTrue }),
      [store.obs(23592), store.obs(23559)],
    )) as AnySpectrumDataset[];
    expect(datasets.length).toBe(ref.datasets.length);
    datasets.forEach((d, i) => {
      const r = ref.datasets[i]!;
      const info = infoDict(d);
      const [emin, emax] = energyRangeSafe(d);
      expect(info.counts).toBe(r.counts);
      expect(info.livetime).toBe(r.livetime_s);
      // the last bits of the edges are V8's and NumPy's exp/log, not the algorithm's
      expect(Math.abs(emin / r.energy_min_tev - 1)).toBeLessThan(1e-14);
      expect(Math.abs(emax / r.energy_max_tev - 1)).toBeLessThan(1e-14);
    });
  });

  test.skipIf(data.dir === undefined)("nJobs: 2 gives byte-identical datasets to nJobs: 1 (reflected background, all safe-mask methods)", async () => {
    if (!existsSync(DIST_WORKER)) {
      console.log(`skipping the worker-thread comparison: ${DIST_WORKER} is missing (build with npx tsc -b packages/reduce)`);
      return;
    }
    const { geom, energyTrue } = crabSetup(storedReference().request);
    const store = hessStore(data.dir!);
    const observations = [23592, 23559, 23523].map((id) => store.obs(id));
    const options = {
      ...crabMakers(true),
      safeMaskMaker: new SafeMaskMaker({ methods: ["aeff-default", "aeff-max", "edisp-bias", "offset-max", "bkg-peak"] }),
      stack: false,
    };
    const reference = emptySpectrumDataset(geom, { energyAxisTrue: energyTrue });
    const one = (await new DatasetsMaker({ ...options, nJobs: 1 }).run(reference, observations)) as SpectrumDatasetOnOff[];
    const log = recorder();
    const two = (await new DatasetsMaker({ ...options, nJobs: 2, logger: log.logger }).run(reference, observations)) as SpectrumDatasetOnOff[];
    expect(log.lines).toContain("info: Using 2 worker threads.");
    // no fallback (a stale-build warning may appear while src is being edited)
    expect(log.lines.filter((l) => l.includes("in-process"))).toEqual([]);
    expect(two.map((d) => d.name)).toEqual(["23592", "23559", "23523"]);
    const bytes = (a: ArrayBufferView | null | undefined): number[] => (a ? Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)) : []);
    one.forEach((a, i) => {
      const b = two[i]!;
      expect(b.tag).toBe("SpectrumDatasetOnOff");
      expect(bytes(b.counts!.data)).toEqual(bytes(a.counts!.data));
      expect(bytes(b.countsOff!.data)).toEqual(bytes(a.countsOff!.data));
      expect(bytes(b.acceptanceOff!.data)).toEqual(bytes(a.acceptanceOff!.data));
      expect(bytes(b.exposure!.data)).toEqual(bytes(a.exposure!.data));
      expect(bytes(b.edisp!.kernel.pdfMatrix)).toEqual(bytes(a.edisp!.kernel.pdfMatrix));
      expect(bytes(b.edisp!.exposure)).toEqual(bytes(a.edisp!.exposure));
      expect(bytes(b.maskSafe)).toEqual(bytes(a.maskSafe));
      expect(bytes(b.gti!.start)).toEqual(bytes(a.gti!.start));
      expect(b.livetime).toBe(a.livetime);
      expect(b.metaTable).toEqual(a.metaTable);
      // the rebuilt objects work: the off geometry still knows its regions
      expect(b.countsOff!.geom.regions.length).toBe(a.countsOff!.geom.regions.length);
      expect(b.countsOff!.geom.solidAngle()).toBe(a.countsOff!.geom.solidAngle());
      expect(infoDict(b)).toEqual(infoDict(a));
    });
    // the runs have off counts and a safe range: the comparison is not of empty arrays
    expect(one[0]!.countsOff!.data.reduce((s, v) => s + v, 0)).toBeGreaterThan(100);
    expect(one[0]!.maskSafe!.reduce((s, v) => s + v, 0)).toBeGreaterThan(20);
    // stacked through the workers: the same stack as in-process
    const s1 = (await new DatasetsMaker({ ...options, stack: true }).run(reference, observations))[0] as SpectrumDatasetOnOff;
    const s2 = (await new DatasetsMaker({ ...options, stack: true, nJobs: 3 }).run(reference, observations))[0] as SpectrumDatasetOnOff;
    expect(s2.name).toBe("stacked");
    expect(bytes(s2.countsOff!.data)).toEqual(bytes(s1.countsOff!.data));
    expect(bytes(s2.acceptanceOff!.data)).toEqual(bytes(s1.acceptanceOff!.data));
  });

  test.skipIf(data.dir === undefined)("makers that cannot go to a worker run in-process with a warning; runs without off regions are dropped", async () => {
    const { geom, energyTrue } = crabSetup(storedReference().request);
    const store = hessStore(data.dir!);
    const observations = [store.obs(23592), store.obs(23559)];
    const spectrum = new SpectrumDatasetMaker({ selection: ["counts"] });
    let calls = 0;
    // a closure: not sendable; and it finds off regions only for the first run
    const background = { run: (d: AnySpectrumDataset, o: { obsId: number }) => (calls++, { ...d, countsOff: o.obsId === 23592 ? d.counts : null }) };
    const log = recorder();
    const out = await new DatasetsMaker({ datasetMaker: spectrum, backgroundMaker: background, stack: false, nJobs: 2, logger: log.logger }).run(
      emptySpectrumDataset(geom, { energyAxisTrue: energyTrue }),
      observations,
    );
    expect(calls).toBe(2);
    expect(out.map((d: AnySpectrumDataset) => d.name)).toEqual(["23592"]);
    const warnings = log.lines.filter((l) => l.startsWith("warning")).join("\n");
    expect(warnings).toMatch(existsSync(DIST_WORKER) ? /the makers.*is a function.*reducing in-process/ : /is missing/);
    expect(log.lines).toContain("debug: No OFF region found for observation 23559. Discarding.");
    await expect(
      new DatasetsMaker({ datasetMaker: spectrum, backgroundMaker: { run: (d: AnySpectrumDataset) => ({ ...d, countsOff: null }) } }).run(
        emptySpectrumDataset(geom),
        observations,
      ),
    ).rejects.toThrow(/no dataset to stack/);
  });

  test.skipIf(data.dir === undefined)("the worker module comes from workerScript, else GAMMATS_REDUCE_WORKER; a missing one means in-process", async () => {
    const { geom, energyTrue } = crabSetup(storedReference().request);
    const store = hessStore(data.dir!);
    const observations = [store.obs(23592), store.obs(23559)];
    const reduceWith = async (workerScript: string | undefined) => {
      const log = recorder();
      const out = await new DatasetsMaker({ ...crabMakers(false), stack: false, nJobs: 2, workerScript, logger: log.logger }).run(
        emptySpectrumDataset(geom, { energyAxisTrue: energyTrue }),
        observations,
      );
      expect(out.map((d: AnySpectrumDataset) => d.name)).toEqual(["23592", "23559"]);
      return log.lines.filter((l) => l.startsWith("warning")).join("\n");
    };
    expect(await reduceWith("/nowhere/option-worker.mjs")).toMatch(/\/nowhere\/option-worker\.mjs is missing; check workerScript or GAMMATS_REDUCE_WORKER.*in-process/);
    const saved = process.env.GAMMATS_REDUCE_WORKER;
    process.env.GAMMATS_REDUCE_WORKER = "file:///nowhere/env-worker.mjs";
    try {
      expect(await reduceWith(undefined)).toMatch(/\/nowhere\/env-worker\.mjs is missing/);
      // the option wins over the variable
      if (existsSync(DIST_WORKER)) expect(await reduceWith(DIST_WORKER)).toBe("");
    } finally {
      if (saved === undefined) delete process.env.GAMMATS_REDUCE_WORKER;
      else process.env.GAMMATS_REDUCE_WORKER = saved;
    }
  });

  test.skipIf(data.dir === undefined)("an error in a worker or on the main thread reaches the caller with its class and message", async () => {
    if (!existsSync(DIST_WORKER)) {
      console.log(`skipping the worker error test: ${DIST_WORKER} is missing`);
      return;
    }
    const store = hessStore(data.dir!);
    const { geom } = crabSetup(storedReference().request);
    const options = { datasetMaker: new SpectrumDatasetMaker({ selection: ["counts"] }), safeMaskMaker: new SafeMaskMaker({ methods: ["edisp-bias"] }), nJobs: 2 };
    const observations = [store.obs(23592), store.obs(23559)];
    // The main thread takes the first observation at once: its error comes as thrown in-process.
    const main = new DatasetsMaker(options).run(emptySpectrumDataset(geom), observations);
    await expect(main).rejects.toThrow(DataError);
    await expect(main).rejects.toThrow(/^SafeMaskMaker: 'edisp-bias' needs the energy dispersion/);
    // The main thread held back before its first observation (the progress callback's
    // promise, which never settles): the worker takes the first one, and its error ends
    // the run, wrapped with the class name.
    const hold = ({ done }: { done: number }): Promise<void> | undefined => (done === 0 ? new Promise<void>(() => {}) : undefined);
    const worker = new DatasetsMaker({ ...options, onProgress: hold }).run(emptySpectrumDataset(geom), observations);
    await expect(worker).rejects.toThrow(/DataError in a reduction worker: .*'edisp-bias' needs the energy dispersion/);
    await expect(worker).rejects.toMatchObject({ originalName: "DataError" });
  });
});
