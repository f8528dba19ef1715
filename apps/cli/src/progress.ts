/**
 * Progress of the datasets step, one observation at a time. On a terminal it is one
 * line of its own on stderr ("reducing 2/4 observations (obs 1002 done)"), rewritten in
 * place and cleared at the end; log lines written meanwhile clear it first and redraw it
 * after, so the two never mix. Elsewhere (pipes, files, CI logs) each observation is one
 * ordinary log line at info level, so `general.log.level` decides whether it shows.
 */
import type { Logger } from "@gammats/core";
import type { ReduceProgress } from "@gammats/analysis";

/** The part of a stream a progress line needs (process.stderr has it). */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Erase the current terminal line and return to its start (ANSI: CR, EL2). */
const ERASE = "\r\x1b[2K";

/**
 * A transient status line at the bottom of a terminal; does nothing on a non-terminal.
 *
 * @example
 * ```ts
 * const line = new ProgressLine(process.stderr);
 * line.show("reducing 1/4 observations");
 * line.clear();
 * ```
 */
export class ProgressLine {
  #text = "";
  readonly #stream: ProgressStream;

  /**
   * @param stream - where the line goes (default `process.stderr`)
   */
  constructor(stream: ProgressStream = process.stderr) {
    this.#stream = stream;
  }

  /** Whether the stream is a terminal, i.e. the line is drawn at all. */
  get isTTY(): boolean {
    return this.#stream.isTTY === true;
  }

  /**
   * Shows `text` in place of the current line (cut to the terminal width, so it never wraps).
   *
   * @param text - one line, no newline
   */
  show(text: string): void {
    if (!this.isTTY) return;
    // A pseudo-terminal may report 0 columns: then assume the classic 80.
    const width = this.#stream.columns || 80;
    this.#text = text.length >= width ? text.slice(0, Math.max(0, width - 1)) : text;
    this.#stream.write(ERASE + this.#text);
  }

  /** Removes the line, if one is shown. */
  clear(): void {
    if (this.#text === "") return;
    this.#stream.write(ERASE);
    this.#text = "";
  }

  /**
   * A log sink that keeps the line out of the way: clears it, writes the log line, redraws it.
   *
   * @param write - the real sink (gets a line without its newline)
   * @returns the wrapped sink
   * @example
   * ```ts
   * const logger = loggerFromConfig(config, { write: line.around((l) => process.stderr.write(l + "\n")) });
   * ```
   */
  around(write: (line: string) => void): (line: string) => void {
    return (logLine) => {
      const text = this.#text;
      this.clear();
      write(logLine);
      if (text !== "") this.show(text);
    };
  }
}

/**
 * Milliseconds to pause after each reduced observation, from the environment variable
 * `GAMMATS_TEST_SLOW_REDUCTION_MS` — only so that tests can interrupt a run reliably
 * while it is reducing (test data reduce in milliseconds). 0 when unset.
 *
 * @param env - the environment (default `process.env`)
 * @example
 * ```ts
 * testReductionDelayMs({ GAMMATS_TEST_SLOW_REDUCTION_MS: "1500" }); // 1500
 * ```
 */
export function testReductionDelayMs(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const ms = Number(env.GAMMATS_TEST_SLOW_REDUCTION_MS ?? 0);
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 60_000) : 0;
}

/** Blocks the thread (a synchronous sleep that lets no JavaScript run meanwhile). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * The datasets step's progress callback: a terminal line, or one info log line per
 * observation otherwise.
 *
 * @param line - the terminal line (inactive on a non-terminal)
 * @param logger - the session logger, for the non-terminal case
 * @param delayMs - test hook: pause after each observation [ms] (see {@link testReductionDelayMs})
 * @returns the callback for `onProgress`
 * @example
 * ```ts
 * const onProgress = reductionProgress(new ProgressLine(), logger);
 * onProgress({ done: 2, total: 4, obsId: 1002 }); // "reducing 2/4 observations (obs 1002 done)"
 * ```
 */
export function reductionProgress(line: ProgressLine, logger: Logger, delayMs = 0): (progress: ReduceProgress) => void {
  return ({ done, total, obsId }) => {
    if (line.isTTY) {
      if (done >= total) line.clear();
      else line.show(`reducing ${done}/${total} observations${obsId === undefined ? "" : ` (obs ${obsId} done)`}`);
    } else if (obsId !== undefined) {
      logger.info(`Reduced observation ${obsId} (${done}/${total}).`);
    }
    if (delayMs > 0 && done > 0) sleepSync(delayMs);
  };
}
