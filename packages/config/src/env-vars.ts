/**
 * Environment-variable expansion in path-valued config keys, as Gammapy's `make_path`
 * does (`$VAR` and `${VAR}`), except that an unset variable is an error instead of being
 * left in the path to fail later with a confusing "file not found".
 */
import { ConfigError } from "@gammats/core";

// Same variable syntax as Python's os.path.expandvars: $name (word characters) or ${...}.
const VARIABLE = /\$(\w+|\{[^}]*\})/g;

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
 * Names of the variables a path refers to, in order of appearance.
 *
 * @param text - a path such as `"$GAMMAPY_DATA/hess-dl3-dr1"`
 * @example
 * ```ts
 * envVarNames("${HOME}/data/$RUN"); // ["HOME", "RUN"]
 * ```
 */
export function envVarNames(text: string): string[] {
  return [...text.matchAll(VARIABLE)].map((m) => unwrap(m[1]));
}

function unwrap(token: string): string {
  return token.startsWith("{") ? token.slice(1, -1) : token;
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
  const env = options.env ?? process.env;
  const missing: string[] = [];
  const out = text.replace(VARIABLE, (token: string, inner: string) => {
    const name = unwrap(inner);
    const value = env[name];
    if (value === undefined) {
      missing.push(name);
      return token;
    }
    return value;
  });
  if (missing.length > 0) {
    const names = missing.map((n) => `$${n}`).join(", ");
    throw new ConfigError(
      `environment variable${missing.length > 1 ? "s" : ""} ${names} in '${text}' ${missing.length > 1 ? "are" : "is"} not set`,
      options.keyPath ?? "",
      { file: options.file, hint: `Set ${names} (e.g. export ${missing[0]}=/path/to/data) or write the path out in full` },
    );
  }
  return out;
}
