/**
 * nJobs > 1: the main thread and nJobs − 1 workers take observations from one shared
 * queue. On test-data's simulated runs (3D, FoV background), nJobs 2 and 3 must give the
 * datasets of nJobs 1 byte for byte, in observation order, with both the main thread and
 * a worker having reduced something; and the queue itself hands out each index once.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { DataStore } from "@gammats/data-store";
import { isEdispMap, isPsfMap } from "@gammats/datasets";
import type { MapDataset } from "@gammats/datasets";
import { DatasetsMaker, FoVBackgroundMaker, MapDatasetMaker, SafeMaskMaker } from "@gammats/reduce";
import type { ReduceProgress } from "@gammats/reduce";
import { SharedTaskQueue } from "../src/worker-pool.js";
import { REPO } from "./helpers.js";
import { requestReference } from "./map-helpers.js";
import type { MapRequest } from "./map-helpers.js";

const DIST_WORKER = fileURLToPath(new URL("../dist/reduce-worker.js", import.meta.url));
const bytes = (a: ArrayBufferView | null | undefined): number[] => (a ? Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)) : []);

/** A 3D request around the injected source of test-data (runs 1001–1004 wobble around it). */
const REQUEST: MapRequest = {
  obs_ids: [1001, 1002, 1003, 1004],
  skydir: [83.633, 22.0145],
  binsz: 0.05,
  width: 3,
  binsz_irf: 0.2,
  energy: [0.3, 30, 4],
  energy_true: [0.2, 50, 8],
  offset_max: 2,
  exclusion: [83.633, 22.0145, 0.3],
  ring: [0.5, 0.7],
  step: 1,
  mask_energy: [0.3, 30, 4],
  mask_energy_true: [0.2, 50, 8],
};

describe("DatasetsMaker: main thread and workers share one queue", () => {
  test("SharedTaskQueue: each index once, across wrappers of one buffer; stop ends it", () => {
    const a = new SharedTaskQueue(3);
    const b = new SharedTaskQueue(3, a.buffer);
    expect([a.take(), b.take(), a.take(), b.take(), a.take()]).toEqual([0, 1, 2, -1, -1]);
    const c = new SharedTaskQueue(5);
    expect(c.take()).toBe(0);
    c.stop();
    expect([c.take(), new SharedTaskQueue(5, c.buffer).take()]).toEqual([-1, -1]);
    expect(new SharedTaskQueue(0).take()).toBe(-1);
  });

  test("nJobs 2 and 3 give the datasets of nJobs 1 (joint and stacked); main thread and a worker both reduce", async () => {
    if (!existsSync(DIST_WORKER)) {
      console.log(`skipping the shared-queue comparison: ${DIST_WORKER} is missing (build with npx tsc -b packages/reduce)`);
      return;
    }
    const store = DataStore.fromDir(`${REPO}/test-data/dl3`);
    const observations = REQUEST.obs_ids.map((id) => store.obs(id));
    const options = {
      datasetMaker: new MapDatasetMaker(),
      safeMaskMaker: new SafeMaskMaker({ methods: ["offset-max"], offsetMax: REQUEST.offset_max }),
      backgroundMaker: new FoVBackgroundMaker({ method: "fit" }),
      stack: false,
    };
    const one = (await new DatasetsMaker({ ...options, nJobs: 1 }).run(requestReference(REQUEST), observations)) as MapDataset[];
    const oneStacked = (await new DatasetsMaker({ ...options, stack: true, nJobs: 1 }).run(requestReference(REQUEST), observations))[0] as MapDataset;
    expect(one.map((d) => d.name)).toEqual(["1001", "1002", "1003", "1004"]);
    for (const nJobs of [2, 3]) {
      const threads: number[] = [];
      // The main thread holds after its first observation until a worker (cold start) has
      // reduced one: both sides must have reduced something.
      let workerDone!: () => void;
      const aWorkerReduced = new Promise<void>((resolve) => (workerDone = resolve));
      const onProgress = (p: ReduceProgress): Promise<void> | undefined => {
        if (p.thread === undefined) return undefined;
        threads.push(p.thread);
        if (p.thread > 0) workerDone();
        return p.thread === 0 && threads.filter((t) => t === 0).length === 1 ? aWorkerReduced : undefined;
      };
      const lines: string[] = [];
      const logger = { debug: (m: string) => lines.push(m), info: (m: string) => lines.push(m), warning: (m: string) => lines.push(`warning: ${m}`), error: () => {} };
      const many = (await new DatasetsMaker({ ...options, nJobs, onProgress, logger }).run(requestReference(REQUEST), observations)) as MapDataset[];
      expect(lines).toContain(`Using ${nJobs} worker threads.`);
      expect(lines.filter((l) => l.includes("in-process"))).toEqual([]);
      expect(threads.length).toBe(4);
      expect(threads).toContain(0);
      expect(threads.some((t) => t >= 1 && t < nJobs)).toBe(true);
      // Log lines of the makers replayed in observation order, as in-process.
      expect(lines.filter((l) => l.startsWith("Processing observation"))).toEqual(REQUEST.obs_ids.map((id) => `Processing observation ${id}`));
      expect(many.map((d) => d.name)).toEqual(one.map((d) => d.name));
      one.forEach((a, i) => {
        const b = many[i]!;
        for (const key of ["counts", "exposure", "background", "maskSafe"] as const) expect(bytes(b[key]!.data), `${nJobs} ${a.name} ${key}`).toEqual(bytes(a[key]!.data));
        if (!isPsfMap(a.psf!) || !isPsfMap(b.psf!) || !isEdispMap(a.edisp!) || !isEdispMap(b.edisp!)) throw new Error("IRF maps expected");
        expect(bytes(b.psf.psfMap.data)).toEqual(bytes(a.psf.psfMap.data));
        expect(bytes(b.edisp.edispMap.data)).toEqual(bytes(a.edisp.edispMap.data));
        expect(b.counts!.geom.solidAngle()).toEqual(a.counts!.geom.solidAngle());
        const pa = a.models!.get(`${a.name}-bkg`).parameters;
        const pb = b.models!.get(`${b.name}-bkg`).parameters;
        expect([pb.get("norm").value, pb.get("norm").error]).toEqual([pa.get("norm").value, pa.get("norm").error]);
      });
      const stacked = (await new DatasetsMaker({ ...options, stack: true, nJobs }).run(requestReference(REQUEST), observations))[0] as MapDataset;
      for (const key of ["counts", "exposure", "background", "maskSafe"] as const) expect(bytes(stacked[key]!.data), `${nJobs} stacked ${key}`).toEqual(bytes(oneStacked[key]!.data));
    }
  });
});
