/**
 * DatasetsMaker: the loop over observations — per observation the dataset maker, the
 * background maker and the safe mask maker (Gammapy 1.0's `Analysis._spectrum_extraction`
 * order for 1D; safe mask first for map datasets, as its 3D `_map_making`), then either one
 * stacked dataset or one dataset per observation. Map datasets are reduced on a cut-out
 * of the reference around each pointing (Gammapy's `cutout_mode="trim"`, width 2 ×
 * offset_max) and stacked back into the reference geometry. With `nJobs > 1` the main thread
 * and `nJobs − 1` worker threads take observations from one shared queue; the workers load
 * the BUILT package (`packages/reduce/dist`, made by `npx tsc -b packages/reduce`) or the
 * worker module named by the `workerScript` option or the GAMMATS_REDUCE_WORKER variable
 * (bundles); results are identical to `nJobs: 1`.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { DataError, silentLogger, toInternal } from "@gammats/core";
import type { Logger } from "@gammats/core";
import type { Observation } from "@gammats/data-store";
import { Datasets, copyMapDatasetDeep, isMapDataset, mapOnOffToMapDataset, stackMapDatasetsInPlace } from "@gammats/datasets";
import type { AnyDataset, AnyMapDataset, AnySpectrumDataset } from "@gammats/datasets";
import { observationRef } from "./observation-ref.js";
import { reduceObservation } from "./reduce-observation.js";
import { SafeMaskMaker } from "./safe-mask-maker.js";
import { ReflectedRegionsBackgroundMaker } from "./background/reflected-background-maker.js";
import type { Maker, ReduceChain } from "./reduce-observation.js";
import type { LogLine, ReduceResult, ReduceTask, ReduceWorkerSetup } from "./reduce-worker.js";
import { decodeTransfer, encodeTransfer } from "./transfer-codec.js";
import type { Encoded } from "./transfer-codec.js";
import { transferRegistry } from "./transfer-registry.js";
import { SharedTaskQueue, WorkerPool, WorkerTaskError } from "./worker-pool.js";

/** Options of {@link DatasetsMaker}. */
export interface DatasetsMakerOptions extends Omit<ReduceChain, "cutoutWidth" | "safeMaskFirst"> {
  /**
   * Run the safe mask maker before the background maker. Default: true for map datasets
   * (Gammapy's 3D order: the FoV background is normalised inside the safe mask), false for 1D.
   */
  safeMaskFirst?: boolean;
  /**
   * Map datasets: full width of the cut-out of the reference around each pointing [deg or
   * "5 deg"] (Gammapy's `cutout_width`; the analysis gives 2 × `geom.selection.offset_max`).
   * Default 2 × the SafeMaskMaker's `offsetMax` when there is one (as Gammapy), else no
   * cut-out; null: never cut out. 1D datasets are never cut out.
   */
  cutoutWidth?: number | string | null;
  /** Stack all datasets into one named "stacked" (config `datasets.stack`). Default true. */
  stack?: boolean;
  /**
   * Number of threads that reduce observations (config `general.n_jobs`): the main thread
   * plus `nJobs − 1` worker threads, all taking the next observation from one shared queue
   * whenever they finish one (so 2 = the main thread and one worker; never more threads
   * than observations). 1 or less: in-process only. Default 1.
   */
  nJobs?: number;
  /**
   * The worker module for `nJobs > 1` [path or file URL]: needed when this package is
   * bundled (the default, `dist/reduce-worker.js` beside this module, is then missing).
   * Default: the environment variable GAMMATS_REDUCE_WORKER (the bundled CLI sets it),
   * else the built package's worker.
   */
  workerScript?: string | URL;
  /**
   * How to stack (datasets in observation order, the name) — default: the datasets
   * package's `Datasets.stack` for 1D datasets, and for map datasets stacking into a copy
   * of the reference (so cut-outs land in the full geometry; on/off results go in as
   * α · n_off backgrounds when the reference is a MapDataset, as Gammapy).
   */
  stackDatasets?: (datasets: any[], name: string) => any;
  /** Receives progress, the makers' messages (also from workers) and fallback warnings. */
  logger?: Logger;
  /**
   * Called once before the first observation ({ done: 0 }) and after each observation is
   * reduced (in completion order with workers), e.g. for a progress line. (Added for the
   * CLI's progress display; independent of the rest of the loop.) With `nJobs > 1`, a
   * promise returned for a main-thread call (`thread` 0, or `done` 0) holds the main
   * thread's reducing until it settles, while the workers go on (the run still ends at
   * the first failure on either side); e.g. to let the workers take observations first.
   */
  onProgress?: (progress: ReduceProgress) => void | Promise<void>;
}

/** Progress of a {@link DatasetsMaker} run. */
export interface ReduceProgress {
  /** Observations reduced so far (0 before the first). */
  done: number;
  /** Observations in the run. */
  total: number;
  /** Id of the observation just reduced (absent before the first). */
  obsId?: number;
  /** Which thread reduced it: 0 the main thread, 1 … nJobs − 1 a worker (absent before the first). */
  thread?: number;
}

/** Where the built worker lives: `dist/` next to `src/` (or to `dist/` itself). */
const WORKER_URL = new URL("../dist/reduce-worker.js", import.meta.url);

/** Environment variable naming the worker module (path or file URL), for bundles. */
const WORKER_ENV = "GAMMATS_REDUCE_WORKER";

/** The worker module: the option, else the environment variable, else the built package's. */
function workerUrl(option: string | URL | undefined): URL {
  const given = option ?? (process.env[WORKER_ENV] || undefined);
  if (given === undefined) return WORKER_URL;
  if (given instanceof URL) return given;
  return given.startsWith("file:") ? new URL(given) : pathToFileURL(given);
}

/**
 * Dataset names from the observation ids (Gammapy 1.0 names them at random; ids make runs
 * reproducible); a repeated id (time-split runs) gets "_2", "_3", ... appended.
 *
 * @param observations - the observations
 * @returns one name per observation
 * @example
 * ```ts
 * datasetNames([{ obsId: 1 }, { obsId: 2 }, { obsId: 1 }]); // ["1", "2", "1_2"]
 * ```
 */
export function datasetNames(observations: readonly { obsId: number }[]): string[] {
  const count = new Map<number, number>();
  return observations.map((o) => {
    const k = (count.get(o.obsId) ?? 0) + 1;
    count.set(o.obsId, k);
    return k === 1 ? String(o.obsId) : `${o.obsId}_${k}`;
  });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Runs the makers over observations.
 *
 * @example
 * ```ts
 * const maker = new DatasetsMaker({
 *   datasetMaker: new SpectrumDatasetMaker({ selection: ["counts", "exposure", "edisp"], containmentCorrection: true }),
 *   backgroundMaker: new ReflectedRegionsBackgroundMaker(),
 *   safeMaskMaker: new SafeMaskMaker({ methods: ["aeff-default"] }),
 *   stack: false,
 *   nJobs: 4,
 * });
 * const datasets = await maker.run(emptySpectrumDataset(geom, { energyAxisTrue }), observations);
 * datasets.map((d) => d.name); // ["23592", "23559"]
 * ```
 */
export class DatasetsMaker {
  /** Gammapy's tag. */
  readonly tag = "DatasetsMaker";
  /** The makers. */
  readonly chain: ReduceChain;
  /** Whether datasets are stacked. */
  readonly stack: boolean;
  /** Number of threads that reduce (the main thread and nJobs − 1 workers). */
  readonly nJobs: number;
  /** Cut-out width for map datasets [deg], or null. */
  readonly cutoutWidth: number | null;
  private readonly safeMaskFirst: boolean | undefined;
  private readonly stackFn: ((datasets: any[], name: string) => any) | undefined;
  private readonly logger: Logger;
  private readonly onProgress: ((progress: ReduceProgress) => void | Promise<void>) | undefined;
  private readonly workerScript: string | URL | undefined;

  /**
   * @param options - the makers, stack, nJobs, stackDatasets, logger
   * @throws DataError without a dataset maker or for a bad nJobs
   */
  constructor(options: DatasetsMakerOptions) {
    if (options.datasetMaker === undefined || typeof options.datasetMaker.run !== "function") {
      throw new DataError("DatasetsMaker: no dataset maker given", { hint: "give datasetMaker: new SpectrumDatasetMaker(...)" });
    }
    const nJobs = options.nJobs ?? 1;
    if (!Number.isInteger(nJobs)) throw new DataError(`DatasetsMaker: nJobs must be an integer, got ${nJobs}`, { hint: "give e.g. general.n_jobs: 4" });
    const safeMaskMaker = options.safeMaskMaker ?? null;
    this.chain = {
      datasetMaker: options.datasetMaker,
      backgroundMaker: options.backgroundMaker ?? null,
      safeMaskMaker,
    };
    this.safeMaskFirst = options.safeMaskFirst;
    const width = options.cutoutWidth;
    if (width === null) this.cutoutWidth = null;
    else if (width !== undefined) {
      const w = typeof width === "number" ? width : toInternal(width, "angle");
      if (!(w > 0) || !Number.isFinite(w)) throw new DataError(`DatasetsMaker: cutoutWidth must be an angle > 0, got ${String(width)}`, { hint: 'give e.g. "5 deg"' });
      this.cutoutWidth = w;
    } else this.cutoutWidth = safeMaskMaker instanceof SafeMaskMaker ? 2 * safeMaskMaker.offsetMax : null;
    this.stack = options.stack ?? true;
    this.nJobs = nJobs;
    this.stackFn = options.stackDatasets;
    this.logger = options.logger ?? silentLogger;
    this.onProgress = options.onProgress;
    this.workerScript = options.workerScript;
  }

  /**
   * Reduces the observations.
   *
   * @param reference - the empty reference dataset (e.g. {@link emptySpectrumDataset})
   * @param observations - the observations, in the order of the result
   * @returns the datasets in observation order (runs without off regions dropped), or one
   *   dataset named "stacked"
   * @throws DataError when nothing is left to stack, reflected regions are asked for map
   *   datasets, or a maker fails (also in a worker)
   */
  async run(reference: { name: string }, observations: readonly Observation[]): Promise<any[]> {
    const names = datasetNames(observations);
    this.logger.info(`Reducing ${observations.length} observation${observations.length === 1 ? "" : "s"}.`);
    const isMap = isMapDataset(reference as AnyDataset);
    if (isMap && this.chain.backgroundMaker instanceof ReflectedRegionsBackgroundMaker) {
      throw new DataError("DatasetsMaker: the reflected-regions background needs 1D (region) datasets, the reference is a map dataset", {
        hint: "use FoVBackgroundMaker (background.method: fov_background) or RingBackgroundMaker (ring) for 3D",
      });
    }
    const chain: ReduceChain = { ...this.chain, safeMaskFirst: this.safeMaskFirst ?? isMap, cutoutWidth: isMap ? this.cutoutWidth : null };
    const jobs = Math.min(this.nJobs, observations.length);
    const setup = jobs > 1 ? this.workerSetup(reference, chain, observations) : undefined;
    const results =
      setup === undefined
        ? await this.runInProcess(reference, chain, observations, names)
        : await this.runShared(reference, chain, setup, jobs, observations, names);
    const kept = results.filter((d) => d !== null);
    if (!this.stack) return kept;
    if (kept.length === 0) {
      throw new DataError("DatasetsMaker: no dataset to stack", { hint: "no observation gave a dataset (all without off regions?)" });
    }
    return [this.stackAll(kept, reference)];
  }

  private stackAll(datasets: any[], reference: { name: string }): any {
    if (this.stackFn !== undefined) return this.stackFn(datasets, "stacked");
    if (isMapDataset(reference as AnyDataset)) return stackIntoReference(reference as AnyMapDataset, datasets as AnyMapDataset[]);
    const tag = (datasets[0] as { tag?: string }).tag;
    if (tag !== "SpectrumDataset" && tag !== "SpectrumDatasetOnOff") {
      throw new DataError(`DatasetsMaker: no stacking known for ${tag ?? "these"} datasets`, { hint: "give stackDatasets in the options" });
    }
    return new Datasets(datasets as AnySpectrumDataset[]).stack("stacked");
  }

  /** Encodes what the workers need, or explains (warning) why the loop stays in-process. */
  private workerSetup(reference: { name: string }, chain: ReduceChain, observations: readonly Observation[]): Omit<ReduceWorkerSetup, "tasks" | "queue"> | undefined {
    const url = workerUrl(this.workerScript);
    const workerPath = fileURLToPath(url);
    if (!existsSync(workerPath)) {
      const fix = url === WORKER_URL ? "run npx tsc -b packages/reduce" : `check workerScript or ${WORKER_ENV}`;
      this.logger.warning(`nJobs > 1 needs the built worker (${workerPath} is missing; ${fix}): reducing in-process`);
      return undefined;
    }
    // Every build rewrites dist/.tsbuildinfo, so the newest file of dist dates the build
    // (only for the package's own dist: a given worker, e.g. a bundle, is dated by its build).
    const src = fileURLToPath(new URL("../src", import.meta.url));
    if (url === WORKER_URL && existsSync(src) && newestMtime(src) > newestMtime(dirname(workerPath))) {
      this.logger.warning(`packages/reduce/dist is older than src: workers run the old build (rebuild with npx tsc -b packages/reduce)`);
    }
    try {
      const registry = transferRegistry();
      for (const o of observations) observationRef(o);
      return { reference: encodeTransfer(reference, registry, "the reference dataset"), chain: encodeTransfer(chain, registry, "the makers") };
    } catch (e) {
      if (!(e instanceof DataError)) throw e;
      this.logger.warning(`${e.message}: reducing in-process`);
      return undefined;
    }
  }

  private async runInProcess(reference: { name: string }, chain: ReduceChain, observations: readonly Observation[], names: string[]): Promise<any[]> {
    const results: any[] = [];
    this.onProgress?.({ done: 0, total: observations.length });
    for (let i = 0; i < observations.length; i++) {
      const obs = observations[i]!;
      results.push(reduceObservation(reference, chain, obs, names[i]!, this.logger));
      this.onProgress?.({ done: i + 1, total: observations.length, obsId: obs.obsId });
      // Let the event loop run between observations, so that a caller can react to a
      // signal (Ctrl-C) during a long in-process loop instead of after it.
      await new Promise<void>((next) => setImmediate(next));
    }
    return results;
  }

  /**
   * The main thread and `jobs − 1` workers drain one shared queue of observations (the
   * main thread is warm after its first observation, while every worker pays a cold
   * start, so the main thread must not just wait). The first failure on either side stops
   * the queue and fails the run: a worker's as a {@link WorkerTaskError}, the main
   * thread's as thrown (as in-process).
   */
  private async runShared(
    reference: { name: string },
    chain: ReduceChain,
    setup: Omit<ReduceWorkerSetup, "tasks" | "queue">,
    jobs: number,
    observations: readonly Observation[],
    names: string[],
  ): Promise<any[]> {
    const registry = transferRegistry();
    const total = observations.length;
    this.logger.info(`Using ${jobs} worker threads.`);
    const tasks = observations.map((o, i): ReduceTask => ({ observation: encodeTransfer(observationRef(o), registry, "an observation"), name: names[i]! }));
    const queue = new SharedTaskQueue(total);
    // Per observation: the dataset (main thread) or its encoding (worker), and the log lines.
    const slots: ({ dataset: any; log: LogLine[] } | { encoded: Encoded; log: LogLine[] } | undefined)[] = new Array(total);
    let done = 0;
    let failure: unknown;
    let finish!: () => void;
    let abort!: (e: unknown) => void;
    const finished = new Promise<void>((resolve, reject) => {
      finish = resolve;
      abort = reject;
    });
    finished.catch(() => {}); // awaited below; a failure while the main thread reduces must not count as unhandled
    const fail = (e: unknown) => {
      if (failure !== undefined) return;
      failure = e;
      queue.stop();
      abort(e);
    };
    // The callback's promise, if any: a worker's is only watched for failure, the main
    // thread waits for its own (or for the end of the run) before reducing on.
    const progress = (p: ReduceProgress): Promise<void> | undefined => {
      try {
        const r = this.onProgress?.(p);
        if (r instanceof Promise) {
          r.catch(fail);
          return r;
        }
      } catch (e) {
        fail(e);
      }
      return undefined;
    };
    const record = (i: number, slot: NonNullable<(typeof slots)[number]>, thread: number): Promise<void> | undefined => {
      slots[i] = slot;
      done++;
      const held = progress({ done, total, obsId: observations[i]!.obsId, thread });
      if (done === total) finish();
      return held;
    };
    const hold = async (held: Promise<void> | undefined): Promise<void> => {
      if (held !== undefined) await Promise.race([held, finished]);
    };
    const pool = new WorkerPool(
      workerUrl(this.workerScript),
      jobs - 1,
      { ...setup, tasks, queue: queue.buffer },
      {
        reply: (reply, worker) => {
          if (failure !== undefined) return;
          if (reply.error !== undefined) fail(new WorkerTaskError(reply.error));
          else {
            const r = reply.result as ReduceResult;
            record(reply.index, { encoded: r.dataset, log: r.log }, worker);
          }
        },
        lost: fail,
      },
    );
    try {
      await hold(progress({ done: 0, total }));
      let lines: LogLine[] = [];
      // Main-thread lines are kept and replayed in observation order with the workers'.
      const buffered: Logger = {
        debug: (m) => lines.push(["debug", m]),
        info: (m) => lines.push(["info", m]),
        warning: (m) => lines.push(["warning", m]),
        error: (m) => lines.push(["error", m]),
      };
      for (let i = queue.take(); i >= 0; i = queue.take()) {
        lines = [];
        let dataset: any;
        try {
          dataset = reduceObservation(reference, chain, observations[i]!, names[i]!, buffered);
        } catch (e) {
          fail(e);
          break;
        }
        await hold(record(i, { dataset, log: lines }, 0));
        // Let the event loop run between observations: worker replies are taken in, and a
        // caller can react to a signal (Ctrl-C) during a long loop instead of after it.
        await new Promise<void>((next) => setImmediate(next));
      }
      await finished;
    } finally {
      await pool.close();
    }
    // Log lines are replayed in observation order, as the in-process loop emits them.
    return slots.map((slot) => {
      for (const [level, message] of slot!.log) this.logger[level](message);
      return "dataset" in slot! ? slot.dataset : decodeTransfer(slot!.encoded, registry, this.logger);
    });
  }
}

/**
 * Map datasets stacked in order into a copy of the reference named "stacked" (Gammapy's
 * DatasetsMaker stacks into the reference, so cut-outs land in the full geometry).
 */
function stackIntoReference(reference: AnyMapDataset, datasets: AnyMapDataset[]): AnyMapDataset {
  // One copy of the reference that owns its maps, then in-place stacking (as Gammapy):
  // no copy of the growing stack per dataset.
  let stacked: AnyMapDataset = copyMapDatasetDeep(reference, "stacked");
  for (const d of datasets) {
    // Gammapy: on/off results go into a MapDataset reference as α · n_off backgrounds.
    const other = stacked.tag === "MapDataset" && d.tag === "MapDatasetOnOff" ? mapOnOffToMapDataset(d, d.name) : d;
    stacked = stackMapDatasetsInPlace(stacked, other);
  }
  return stacked;
}
