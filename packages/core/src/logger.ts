import { appendFileSync } from "node:fs";

/** Log levels, ordered from most to least verbose (names as Python's logging uses them). */
export const LOG_LEVELS = ["debug", "info", "warning", "error", "critical"] as const;

/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * What libraries log through. Libraries never print; they take an optional logger and
 * the application decides where lines go.
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
}

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Lowest level that is emitted (default "info"); case-insensitive, "warn" accepted. */
  level?: string;
  /** Append lines to this file instead of writing them to stderr. */
  filename?: string;
  /** Where lines go when no file is given (default: process.stderr). */
  write?: (line: string) => void;
  /** Prefix each line with an ISO time stamp (default true for files, false otherwise). */
  timestamps?: boolean;
}

/** A logger that drops everything; the default inside libraries. */
export const silentLogger: Logger = { debug() {}, info() {}, warning() {}, error() {} };

/**
 * Parses a level name as configs write it ("INFO", "warning", "warn").
 *
 * @throws GammatsError-free: unknown names fall back to undefined so the caller can report them.
 */
export function parseLogLevel(name: string): LogLevel | undefined {
  const n = name.trim().toLowerCase();
  if (n === "warn") return "warning";
  if (n === "fatal") return "critical";
  return (LOG_LEVELS as readonly string[]).includes(n) ? (n as LogLevel) : undefined;
}

/**
 * Creates a logger with a level threshold, writing to stderr or appending to a file.
 *
 * @example
 * ```ts
 * const log = createLogger({ level: "info" });
 * log.info("3 observations selected");   // "INFO: 3 observations selected" on stderr
 * log.debug("not shown");
 * ```
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = LOG_LEVELS.indexOf(parseLogLevel(options.level ?? "info") ?? "info");
  const file = options.filename;
  const stamp = options.timestamps ?? file !== undefined;
  const sink =
    options.write ??
    (file !== undefined
      ? (line: string) => appendFileSync(file, line + "\n")
      : (line: string) => process.stderr.write(line + "\n"));
  const emit = (level: LogLevel) => (message: string) => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    const head = `${level.toUpperCase()}: `;
    sink(stamp ? `${new Date().toISOString()} ${head}${message}` : head + message);
  };
  return { debug: emit("debug"), info: emit("info"), warning: emit("warning"), error: emit("error") };
}
