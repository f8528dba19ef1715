/**
 * The 3D loop over observations (DatasetsMaker with map datasets) against Gammapy 1.0's
 * `Analysis._map_making` on the crab-3d-fov case — cut-outs of 2 × offset_max around each
 * pointing, safe mask before the FoV background, stacked into the reference geometry —
 * and on worker threads with identical results.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import type { Logger } from "@gammats/core";
import { copyMapDataset, isEdispMap, isPsfMap, mapOnOffToMapDataset, stackMapDatasets } from "@gammats/datasets";
import type { MapDataset, MapDatasetOnOff } from "@gammats/datasets";
import { DatasetsMaker, FoVBackgroundMaker, MapDatasetMaker, ReflectedRegionsBackgroundMaker, RingBackgroundMaker, SafeMaskMaker } from "@gammats/reduce";
import { checkLoop, observations } from "./map-checks.js";
import { REPO, gammapyData } from "./helpers.js";
import { requestExclusion, requestReference, storedMapReference, sumOf } from "./map-helpers.js";

const data = gammapyData();
if (data.dir === undefined) console.log(`skipping the 3D DatasetsMaker tests: ${data.reason}`);
const DIST_WORKER = fileURLToPath(new URL("../dist/reduce-worker.js", import.meta.url));

function recorder(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (m: string) => lines.push(`${level}: ${m}`);
  return { logger: { debug: push("debug"), info: push("info"), warning: push("warning"), error: push("error") }, lines };
}

const bytes = (a: ArrayBufferView | null | undefined): number[] => (a ? Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)) : []);

describe("DatasetsMaker with map datasets", () => {
  test("cut-out width: 2 × the SafeMaskMaker's offset_max by default, as Gammapy; explicit or none", () => {
    const datasetMaker = new MapDatasetMaker();
    expect(new DatasetsMaker({ datasetMaker, safeMaskMaker: new SafeMaskMaker({ offsetMax: "2.5 deg" }) }).cutoutWidth).toBe(5);
    expect(new DatasetsMaker({ datasetMaker, safeMaskMaker: new SafeMaskMaker() }).cutoutWidth).toBe(6);
    expect(new DatasetsMaker({ datasetMaker, cutoutWidth: "4 deg" }).cutoutWidth).toBe(4);
    expect(new DatasetsMaker({ datasetMaker, safeMaskMaker: new SafeMaskMaker(), cutoutWidth: null }).cutoutWidth).toBe(null);
    expect(new DatasetsMaker({ datasetMaker }).cutoutWidth).toBe(null);
    expect(() => new DatasetsMaker({ datasetMaker, cutoutWidth: -1 })).toThrow(/cutoutWidth must be an angle > 0/);
  });

  test("reflected regions asked for map datasets: a typed error before any work", async () => {
    const maker = new DatasetsMaker({ datasetMaker: new MapDatasetMaker(), backgroundMaker: new ReflectedRegionsBackgroundMaker() });
    const req = storedMapReference().request;
    await expect(maker.run(requestReference(req), [])).rejects.toThrow(/reflected-regions background needs 1D \(region\) datasets/);
  });

  test.skipIf(data.dir === undefined)("crab-3d-fov: stacked (3278 counts in the safe mask) and joint, as Gammapy 1.0 (stored numbers)", async () => {
    const ref = storedMapReference();
    await checkLoop(ref, data.dir!);
    // The reference case of the analysis: the same geometry and makers.
    const file = `${REPO}/../shared/reference/cases/crab-3d-fov/gammapy-1.0.json`;
    if (!existsSync(file)) {
      console.log(`skipping the crab-3d-fov case file: ${file} not found`);
      return;
    }
    const gammapy = JSON.parse(readFileSync(file, "utf8")) as { datasets: { counts: number; background: number; livetime_s: number; n_pixels: number }[] };
    const g = gammapy.datasets[0]!;
    expect([ref.stacked.counts_in_safe, ref.stacked.background_in_safe]).toEqual([g.counts, g.background]);
    expect(ref.stacked.livetime).toBeCloseTo(g.livetime_s, 9);
  });

  test.skipIf(data.dir === undefined)("nJobs: 2 gives byte-identical map datasets to nJobs: 1 (FoV fit joint; ring stacked)", async () => {
    if (!existsSync(DIST_WORKER)) {
      console.log(`skipping the 3D worker-thread comparison: ${DIST_WORKER} is missing (build with npx tsc -b packages/reduce)`);
      return;
    }
    const ref = storedMapReference();
    const req = ref.request;
    const obs = observations(req, data.dir!);
    const exclusionMask = requestExclusion(req);
    const options = {
      datasetMaker: new MapDatasetMaker(),
      safeMaskMaker: new SafeMaskMaker({ methods: ["offset-max", "aeff-max"], offsetMax: req.offset_max }),
      backgroundMaker: new FoVBackgroundMaker({ method: "fit", exclusionMask }),
      stack: false,
    };
    const one = (await new DatasetsMaker({ ...options, nJobs: 1 }).run(requestReference(req), obs)) as MapDataset[];
    const log = recorder();
    const two = (await new DatasetsMaker({ ...options, nJobs: 2, logger: log.logger }).run(requestReference(req), obs)) as MapDataset[];
    expect(log.lines).toContain("info: Using 2 worker threads.");
    expect(log.lines.filter((l) => l.includes("in-process"))).toEqual([]);
    one.forEach((a, i) => {
      const b = two[i]!;
      expect(b.name).toBe(a.name);
      for (const key of ["counts", "exposure", "background", "maskSafe"] as const) expect(bytes(b[key]!.data), key).toEqual(bytes(a[key]!.data));
      if (!isPsfMap(a.psf!) || !isPsfMap(b.psf!) || !isEdispMap(a.edisp!) || !isEdispMap(b.edisp!)) throw new Error("IRF maps expected");
      expect(bytes(b.psf.psfMap.data)).toEqual(bytes(a.psf.psfMap.data));
      expect(bytes(b.edisp.edispMap.data)).toEqual(bytes(a.edisp.edispMap.data));
      const pa = a.models!.get(`${a.name}-bkg`).parameters;
      const pb = b.models!.get(`${b.name}-bkg`).parameters;
      expect([pb.get("norm").value, pb.get("norm").error]).toEqual([pa.get("norm").value, pa.get("norm").error]);
      // rebuilt objects work: the geometry still computes, the edisp map hands out kernels
      expect(b.counts!.geom.solidAngle()).toEqual(a.counts!.geom.solidAngle());
      expect(bytes(b.edisp.getEdispKernel().pdfMatrix)).toEqual(bytes(a.edisp.getEdispKernel().pdfMatrix));
    });
    expect(one[0]!.models!.get("23592-bkg").parameters.get("norm").value).toBeCloseTo(0.9695, 3);

    // Ring background on one energy bin through the workers, stacked into the reference:
    // the stack of the in-process runs (an on/off result enters a MapDataset reference as
    // its α · n_off background, as Gammapy).
    const one1: [number, number, number] = [req.energy[0], req.energy[1], 1];
    const ringOptions = {
      datasetMaker: new MapDatasetMaker({ selection: ["counts", "background", "exposure"] }),
      safeMaskMaker: new SafeMaskMaker({ methods: ["offset-max"], offsetMax: req.offset_max }),
      backgroundMaker: new RingBackgroundMaker({ rIn: req.ring[0], width: req.ring[1], exclusionMask }),
    };
    const runs = (await new DatasetsMaker({ ...ringOptions, stack: false }).run(requestReference(req, "ref", one1), obs)) as MapDatasetOnOff[];
    expect(runs.map((d) => d.tag)).toEqual(["MapDatasetOnOff", "MapDatasetOnOff"]);
    expect(runs.map((d) => d.psf)).toEqual([null, null]);
    let expected: MapDataset = copyMapDataset(requestReference(req, "ref", one1), "stacked");
    for (const d of runs) expected = stackMapDatasets(expected, mapOnOffToMapDataset(d));
    const stacked = (await new DatasetsMaker({ ...ringOptions, stack: true, nJobs: 2 }).run(requestReference(req, "ref", one1), obs))[0] as MapDataset;
    expect(stacked.tag).toBe("MapDataset");
    expect(stacked.name).toBe("stacked");
    expect([...stacked.counts!.geom.npix]).toEqual([125, 125]);
    expect(bytes(stacked.background!.data)).toEqual(bytes(expected.background!.data));
    expect(bytes(stacked.counts!.data)).toEqual(bytes(expected.counts!.data));
    expect(sumOf(stacked.counts!.data)).toBe(3278);
  });
});
