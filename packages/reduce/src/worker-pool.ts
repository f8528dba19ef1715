/**
 * A small pool of Node worker threads: tasks go to idle workers in submission order, each
 * result resolves its task's promise. A worker that dies fails its task and is replaced.
 */
import { Worker } from "node:worker_threads";
import { GammatsError } from "@gammats/core";

/** What a worker posts back for one task. */
export interface WorkerReply {
  /** Task id. */
  id: number;
  /** The result, when the task succeeded. */
  result?: unknown;
  /** The error, when it failed. */
  error?: { name: string; message: string; stack?: string };
}

interface Pending {
  id: number;
  task: unknown;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
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

/**
 * Fixed-size pool over `worker_threads`.
 *
 * @example
 * ```ts
 * const pool = new WorkerPool(new URL("./worker.js", import.meta.url), 4, { setup });
 * const results = await Promise.all(tasks.map((t) => pool.run(t)));
 * await pool.close();
 * ```
 */
export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private readonly queue: Pending[] = [];
  private nextId = 0;
  private closed = false;

  /**
   * @param script - the worker's module (built `.js`)
   * @param size - number of threads (≥ 1)
   * @param workerData - passed to every worker as `workerData`
   */
  constructor(
    private readonly script: URL,
    size: number,
    private readonly workerData: unknown,
  ) {
    for (let i = 0; i < Math.max(1, size); i++) this.idle.push(this.spawn());
  }

  private spawn(): Worker {
    const worker = new Worker(this.script, { workerData: this.workerData, execArgv: workerExecArgv(process.execArgv) });
    worker.on("message", (reply: WorkerReply) => {
      const job = this.busy.get(worker);
      if (job === undefined || job.id !== reply.id) return;
      this.busy.delete(worker);
      if (reply.error !== undefined) job.reject(new WorkerTaskError(reply.error));
      else job.resolve(reply.result);
      this.idle.push(worker);
      this.pump();
    });
    worker.on("error", (err) => this.lost(worker, err));
    worker.on("exit", (code) => {
      if (code !== 0) this.lost(worker, new Error(`worker exited with code ${code}`));
    });
    return worker;
  }

  private lost(worker: Worker, err: Error): void {
    const job = this.busy.get(worker);
    this.busy.delete(worker);
    const i = this.idle.indexOf(worker);
    if (i >= 0) this.idle.splice(i, 1);
    if (job !== undefined) job.reject(new WorkerTaskError({ name: err.name, message: err.message, stack: err.stack }));
    if (!this.closed) {
      this.idle.push(this.spawn());
      this.pump();
    }
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.shift()!;
      const job = this.queue.shift()!;
      this.busy.set(worker, job);
      worker.postMessage({ id: job.id, task: job.task });
    }
  }

  /**
   * Queues a task.
   *
   * @param task - posted to a worker as `{ id, task }`
   * @returns the worker's result
   */
  run(task: unknown): Promise<unknown> {
    if (this.closed) return Promise.reject(new GammatsError("WorkerPool.run: the pool is closed"));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      this.pump();
    });
  }

  /** Stops all workers. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.idle, ...this.busy.keys()];
    this.idle.length = 0;
    await Promise.all(all.map((w) => w.terminate()));
  }
}
