/**
 * The session logger from `general.log`, as Gammapy's `AnalysisConfig.set_logging`: a
 * level threshold, and a file instead of stderr when `filename` is set (`filemode: w`
 * starts the file afresh, anything else appends, Python's default).
 */
import { truncateSync, existsSync } from "node:fs";
import { ConfigError, createLogger, parseLogLevel } from "@gammats/core";
import type { Logger } from "@gammats/core";
import type { AnalysisConfig } from "@gammats/config";
import { resolve } from "node:path";

/** Options of {@link loggerFromConfig}. */
export interface LoggerFromConfigOptions {
  /** Folder a relative log file resolves against (default `process.cwd()`). */
  cwd?: string;
  /** Where lines go when no file is configured (default: stderr). */
  write?: (line: string) => void;
  /** Variables for `$VAR` expansion in the file name (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Creates the logger `general.log` asks for.
 *
 * @param config - the analysis configuration
 * @param options - working folder, sink, environment
 * @returns the logger
 * @throws ConfigError naming `general.log.level` for an unknown level, or
 *   `general.log.filemode` for a mode other than 'w' or 'a'
 * @example
 * ```ts
 * const log = loggerFromConfig(AnalysisConfig.fromYaml("general: {log: {level: warning}}"));
 * log.info("not shown");
 * ```
 */
export function loggerFromConfig(config: AnalysisConfig, options: LoggerFromConfigOptions = {}): Logger {
  const log = config.data.general.log;
  const level = parseLogLevel(log.level);
  if (level === undefined) {
    throw new ConfigError(`unknown log level '${log.level}'`, "general.log.level", {
      ...(config.file === undefined ? {} : { file: config.file }),
      hint: "use debug, info, warning, error or critical",
    });
  }
  const mode = log.filemode ?? "a";
  if (mode !== "a" && mode !== "w") {
    throw new ConfigError(`unknown log file mode '${mode}'`, "general.log.filemode", {
      ...(config.file === undefined ? {} : { file: config.file }),
      hint: "use 'w' (start the file afresh) or 'a' (append)",
    });
  }
  const file = config.path("general.log.filename", {
    baseDir: options.cwd ?? process.cwd(),
    ...(options.env === undefined ? {} : { env: options.env }),
  });
  if (file === null) return createLogger({ level, ...(options.write === undefined ? {} : { write: options.write }) });
  const path = resolve(file);
  if (mode === "w" && existsSync(path)) truncateSync(path);
  return createLogger({ level, filename: path });
}
