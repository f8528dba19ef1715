/**
 * `$VAR` / `${VAR}` substitution in paths, as Gammapy's `make_path` (Python's
 * `os.path.expandvars`) does. The callers (config keys, data-store paths, model files)
 * turn unset variables into their own typed errors: an unset variable left in the path
 * would only fail later as a confusing "file not found".
 */

// Same syntax as Python's os.path.expandvars: $name (word characters) or ${...}.
const VARIABLE = /\$(\w+|\{[^}]*\})/g;

function unwrap(token: string): string {
  return token.startsWith("{") ? token.slice(1, -1) : token;
}

/**
 * Names of the variables a text refers to, in order of appearance.
 *
 * @param text - a path such as `"$GAMMAPY_DATA/hess-dl3-dr1"`
 * @example
 * ```ts
 * envVarNames("${HOME}/data/$RUN"); // ["HOME", "RUN"]
 * ```
 */
export function envVarNames(text: string): string[] {
  return [...text.matchAll(VARIABLE)].map((m) => unwrap(m[1]!));
}

/**
 * Replaces `$VAR` and `${VAR}` by their values; unset variables stay as written and are
 * listed in `missing`.
 *
 * @param text - a path such as `"$GAMMAPY_DATA/hess-dl3-dr1"`
 * @param env - variables to use (default `process.env`)
 * @returns the substituted text and the names of the unset variables
 * @example
 * ```ts
 * substituteEnvVars("$GAMMAPY_DATA/hess-dl3-dr1", { GAMMAPY_DATA: "/data" });
 * // { value: "/data/hess-dl3-dr1", missing: [] }
 * ```
 */
export function substituteEnvVars(
  text: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): { value: string; missing: string[] } {
  const missing: string[] = [];
  const value = text.replace(VARIABLE, (token: string, inner: string) => {
    const name = unwrap(inner);
    const v = env[name];
    if (v === undefined) {
      missing.push(name);
      return token;
    }
    return v;
  });
  return { value, missing };
}
