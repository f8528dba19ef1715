/**
 * Paths as Gammapy's `make_path` takes them: `$VAR` and `${VAR}` expanded, then resolved
 * against a working folder. An unset variable is an error here (Gammapy leaves it in the
 * path and fails later with "file not found", which hides the cause).
 */
import { isAbsolute, resolve } from "node:path";
import { IoError } from "@gammats/core";

// Same syntax as Python's os.path.expandvars: $name (word characters) or ${...}.
const VARIABLE = /\$(\w+|\{[^}]*\})/g;

/** Options of {@link expandPath}. */
export interface ExpandPathOptions {
  /** Variables to use (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Folder a relative path is resolved against (default `process.cwd()`). */
  cwd?: string;
  /** What the path is (e.g. "observations.obs_file"), for the error message. */
  what?: string;
}

/**
 * Expands `$VAR` / `${VAR}` and makes the path absolute.
 *
 * @param path - e.g. `"$GAMMAPY_DATA/hess-dl3-dr1"`
 * @param options - environment, working folder, label for errors
 * @returns the absolute path
 * @throws IoError naming the variable when one is not set
 * @example
 * ```ts
 * expandPath("$GAMMAPY_DATA/hess-dl3-dr1", { env: { GAMMAPY_DATA: "/data" } }); // "/data/hess-dl3-dr1"
 * ```
 */
export function expandPath(path: string, options: ExpandPathOptions = {}): string {
  const env = options.env ?? process.env;
  const missing: string[] = [];
  const expanded = path.replace(VARIABLE, (token: string, inner: string) => {
    const name = inner.startsWith("{") ? inner.slice(1, -1) : inner;
    const value = env[name];
    if (value === undefined) {
      missing.push(name);
      return token;
    }
    return value;
  });
  if (missing.length > 0) {
    const names = missing.map((n) => `$${n}`).join(", ");
    throw new IoError(`environment variable ${names} in ${options.what ?? "the path"} is not set`, path, {
      hint: `set it (e.g. export ${missing[0]}=/path/to/gammapy-data) or write the path out in full`,
    });
  }
  return isAbsolute(expanded) ? resolve(expanded) : resolve(options.cwd ?? process.cwd(), expanded);
}
