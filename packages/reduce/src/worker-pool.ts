/**
 * Worker threads that share one queue of tasks with the main thread: the task indices
 * live in an atomic counter in shared memory, so whichever thread finishes first (main or
 * worker) takes the next task without a round trip through the main thread's event loop.
 * Each worker posts one reply per task; a worker that dies is reported to the owner.
 */
import { Worker } from "node:worker_threads";
import { GammatsError } from "@gammats/core";

/** What a worker posts back for one task. */
export interface WorkerReply {
  /** Index of the task in the shared queue. */
  index: number;
  /** The result, when the task succeeded. */
  result?: unknown;
  /** The error, when it failed. */
  error?: { name: string; message: string; stack?: string };
}

/**
 * Task indices 0 … size − 1, each handed out once, to whichever thread asks first: one
 * Int32 counter in a SharedArrayBuffer (the main thread and every worker wrap the same
 * buffer), advanced with `Atomics.add`.
 *
 * @example
 * ```ts
 * const queue = new SharedTaskQueue(3);
 * queue.take(); // 0 (a worker given queue.buffer takes 1, 2, ... from the same counter)
 * queue.stop(); // nobody gets another index
 * queue.take(); // -1
 * ```
 */
export class SharedTaskQueue {
  /** The shared counter (send it to workers). */
  readonly buffer: SharedArrayBuffer;
  private readonly next: Int32Array;

  /**
   * @param size - number of tasks
   * @param buffer - an existing queue's buffer (in a worker); default a new queue
   */
  constructor(
    readonly size: number,
    buffer?: SharedArrayBuffer,
  ) {
    this.buffer = buffer ?? new SharedArrayBuffer(4);
    this.next = new Int32Array(this.buffer);
  }

  /** @returns the next task's index, or −1 when none is left (or the queue was stopped) */
  take(): number {
    const i = Atomics.add(this.next, 0, 1);
    return i < this.size ? i : -1;
  }

  /** Hands out no further index (after a failure). */
  stop(): void {
    Atomics.store(this.next, 0, this.size);
  }
}

/** The export condition that makes workspace packages resolve to their TypeScript sources. */
const SOURCE_CONDITION = "@gammats/source";

/**
 * The parent's Node flags without the source condition: test runners start Node with
 * `--conditions @gammats/source`, which workers would inherit and then try to import
 * `.ts` files that plain Node cannot run; workers must load the built `.js`.
 *
 * @param argv - the parent's `process.execArgv`
 * @returns the flags for workers
 * @example
 * ```ts
 * workerExecArgv(["--conditions", "@gammats/source", "--enable-source-maps"]); // ["--enable-source-maps"]
 * ```
 */
export function workerExecArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if ((a === "--conditions" || a === "-C") && argv[i + 1] === SOURCE_CONDITION) {
      i++;
      continue;
    }
    if (a === `--conditions=${SOURCE_CONDITION}` || a === `-C=${SOURCE_CONDITION}`) continue;
    out.push(a);
  }
  return out;
}

/** An error thrown inside a worker, re-raised on the main thread with the worker's class name and stack. */
export class WorkerTaskError extends GammatsError {
  /** Class name of the original error (e.g. "DataError"). */
  readonly originalName: string;
  constructor(error: { name: string; message: string; stack?: string }) {
    super(`${error.name} in a reduction worker: ${error.message}`);
    this.originalName = error.name;
    if (error.stack !== undefined) this.stack = `${this.stack ?? ""}\n--- worker stack ---\n${error.stack}`;
  }
}

/** What a {@link WorkerPool} reports to its owner. */
export interface WorkerPoolEvents {
  /** A worker's reply; `worker` numbers the workers 1 … size. */
  reply: (reply: WorkerReply, worker: number) => void;
  /** A worker died (uncaught error or non-zero exit) before the pool was closed. */
  lost: (error: WorkerTaskError) => void;
}

/**
 * Fixed set of `worker_threads` started with the same `workerData` (which holds the
 * shared queue's buffer and the tasks): each worker drains the queue on its own and posts
 * one {@link WorkerReply} per task it took.
 *
 * @example
 * ```ts
 * const queue = new SharedTaskQueue(tasks.length);
 * const pool = new WorkerPool(new URL("./worker.js", import.meta.url), 3, { tasks, queue: queue.buffer }, {
 *   reply: (r, w) => console.log(`task ${r.index} done by worker ${w}`),
 *   lost: (e) => queue.stop(),
 * });
 * // ... the main thread takes tasks from `queue` too ...
 * await pool.close();
 * ```
 */
export class WorkerPool {
  private readonly workers: Worker[] = [];
  private closed = false;

  /**
   * @param script - the worker's module (built `.js`)
   * @param size - number of threads (≥ 1)
   * @param workerData - passed to every worker as `workerData`
   * @param events - receives the replies and lost workers
   */
  constructor(script: URL, size: number, workerData: unknown, events: WorkerPoolEvents) {
    for (let k = 1; k <= Math.max(1, size); k++) {
      const worker = new Worker(script, { workerData, execArgv: workerExecArgv(process.execArgv) });
      worker.on("message", (reply: WorkerReply) => {
        if (!this.closed) events.reply(reply, k);
      });
      const lost = (err: Error) => {
        if (!this.closed) events.lost(new WorkerTaskError({ name: err.name, message: err.message, stack: err.stack }));
      };
      worker.on("error", lost);
      worker.on("exit", (code) => {
        if (code !== 0) lost(new Error(`worker exited with code ${code}`));
      });
      this.workers.push(worker);
    }
  }

  /** Stops all workers (replies and exits after this are ignored). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
