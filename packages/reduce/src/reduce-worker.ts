/**
 * Entry point of a reduction worker thread (loaded from the BUILT `dist/reduce-worker.js`):
 * receives the reference dataset, the makers, all tasks and the shared queue once
 * (workerData), then takes observations from the queue it shares with the main thread
 * until none is left, posting each encoded dataset and its log lines back.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Logger } from "@gammats/core";
import { FitsFileCache } from "@gammats/data-store";
import { openObservationRef } from "./observation-ref.js";
import type { ObservationRef } from "./observation-ref.js";
import { reduceObservation } from "./reduce-observation.js";
import type { ReduceChain } from "./reduce-observation.js";
import { decodeTransfer, encodeTransfer } from "./transfer-codec.js";
import type { Encoded } from "./transfer-codec.js";
import { transferRegistry } from "./transfer-registry.js";
import { SharedTaskQueue } from "./worker-pool.js";
import type { WorkerReply } from "./worker-pool.js";

/** A log line made in a worker, replayed by the main thread. */
export type LogLine = [level: "debug" | "info" | "warning" | "error", message: string];

/** The setup every worker receives as `workerData`. */
export interface ReduceWorkerSetup {
  /** Encoded reference dataset. */
  reference: Encoded;
  /** Encoded {@link ReduceChain}. */
  chain: Encoded;
  /** All tasks, in observation order (the queue hands out their indices). */
  tasks: ReduceTask[];
  /** Buffer of the {@link SharedTaskQueue} over `tasks`, shared with the main thread. */
  queue: SharedArrayBuffer;
}

/** One task: an observation and the name of its dataset. */
export interface ReduceTask {
  /** Encoded {@link ObservationRef}. */
  observation: Encoded;
  /** Dataset name. */
  name: string;
}

/** A task's result: the encoded dataset (or null) and the log lines. */
export interface ReduceResult {
  dataset: Encoded;
  log: LogLine[];
}

if (parentPort !== null) {
  const port = parentPort;
  const registry = transferRegistry();
  let lines: LogLine[] = [];
  const logger: Logger = {
    debug: (m) => lines.push(["debug", m]),
    info: (m) => lines.push(["info", m]),
    warning: (m) => lines.push(["warning", m]),
    error: (m) => lines.push(["error", m]),
  };
  const setup = workerData as ReduceWorkerSetup;
  const reference = decodeTransfer(setup.reference, registry, logger) as { name: string };
  const chain = decodeTransfer(setup.chain, registry, logger) as ReduceChain;
  const files = new FitsFileCache(logger);
  const queue = new SharedTaskQueue(setup.tasks.length, setup.queue);
  for (let index = queue.take(); index >= 0; index = queue.take()) {
    lines = [];
    const task = setup.tasks[index]!;
    let reply: WorkerReply;
    try {
      const ref = decodeTransfer(task.observation, registry, logger) as ObservationRef;
      const observation = openObservationRef(ref, files, logger);
      const dataset = reduceObservation(reference, chain, observation, task.name, logger);
      const result: ReduceResult = { dataset: encodeTransfer(dataset, registry, `the dataset of observation ${ref.obsId}`), log: lines };
      reply = { index, result };
    } catch (e) {
      // The run fails: nobody needs to take another observation.
      queue.stop();
      const err = e instanceof Error ? e : new Error(String(e));
      reply = { index, error: { name: err.name, message: err.message, stack: err.stack } };
    }
    port.postMessage(reply);
  }
}
