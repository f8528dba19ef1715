/**
 * Environment-variable expansion in path-valued config keys, as Gammapy's `make_path`
 * does (`$VAR` and `${VAR}`), except that an unset variable is an error instead of being
 * left in the path to fail later with a confusing "file not found".
 */
import { ConfigError, substituteEnvVars } from "@gammats/core";

/** Options of {@link expandEnvVars}. */
export interface ExpandEnvOptions {
  /** Variables to use (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Dotted config key the text came from, for the error message. */
  keyPath?: string;
  /** Config file the text came from, for the error message. */
  file?: string;
}

/**
 * Replaces `$VAR` and `${VAR}` by their values from the environment.
 *
 * @param text - a path such as `"$GAMMAPY_DATA/hess-dl3-dr1"`
 * @param options - environment and where the text came from
 * @throws ConfigError naming the variable (and key path, file) when a variable is unset
 * @example
 * ```ts
 * expandEnvVars("$GAMMAPY_DATA/hess-dl3-dr1", { env: { GAMMAPY_DATA: "/data" } });
 * // "/data/hess-dl3-dr1"
 * ```
 */
export function expandEnvVars(text: string, options: ExpandEnvOptions = {}): string {
  const { value, missing } = substituteEnvVars(text, options.env);
  if (missing.length > 0) {
    const names = missing.map((n) => `$${n}`).join(", ");
    throw new ConfigError(
      `environment variable${missing.length > 1 ? "s" : ""} ${names} in '${text}' ${missing.length > 1 ? "are" : "is"} not set`,
      options.keyPath ?? "",
      { file: options.file, hint: `Set ${names} (e.g. export ${missing[0]}=/path/to/data) or write the path out in full` },
    );
  }
  return value;
}
