/**
 * What every analysis step needs besides its inputs: the config, the logger, and where
 * relative paths and `$VAR`s in the config resolve (Gammapy resolves them against the
 * working directory, so a config runs unchanged in both).
 */
import type { Logger } from "@gammats/core";
import type { AnalysisConfig, ConfigKeyPaths } from "@gammats/config";
import type { ReduceProgress } from "@gammats/reduce";

/** The config, logger and path environment a step runs with. */
export interface StepContext {
  /** The analysis configuration. */
  readonly config: AnalysisConfig;
  /** Receives the step's progress lines; passed down to the libraries. */
  readonly logger: Logger;
  /** Folder relative paths of the config resolve against (Gammapy: the working directory). */
  readonly cwd: string;
  /** Variables for `$VAR` expansion (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Receives the datasets step's progress per observation (e.g. for a progress line). */
  readonly onProgress?: ((progress: ReduceProgress) => void) | undefined;
}

/**
 * A path-valued config key, `$VAR`s expanded and resolved against the context's folder.
 *
 * @param ctx - the step context
 * @param key - dotted key of a path, e.g. "general.models_file"
 * @returns the absolute path, or null when the key is unset
 * @throws ConfigError naming the key when a variable is unset
 * @example
 * ```ts
 * configPath({ config, logger, cwd: "/work/case" }, "general.models_file"); // "/work/case/model.yaml"
 * ```
 */
export function configPath(ctx: StepContext, key: ConfigKeyPaths["path"]): string | null {
  return ctx.config.path(key, { baseDir: ctx.cwd, ...(ctx.env === undefined ? {} : { env: ctx.env }) });
}
