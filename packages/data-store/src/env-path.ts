/**
 * Paths as Gammapy's `make_path` takes them: `$VAR` and `${VAR}` expanded, then resolved
 * against a working folder. An unset variable is an error here (Gammapy leaves it in the
 * path and fails later with "file not found", which hides the cause).
 */
import { isAbsolute, resolve } from "node:path";
import { IoError, substituteEnvVars } from "@gammats/core";

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
  const { value: expanded, missing } = substituteEnvVars(path, options.env);
  if (missing.length > 0) {
    const names = missing.map((n) => `$${n}`).join(", ");
    throw new IoError(`environment variable ${names} in ${options.what ?? "the path"} is not set`, path, {
      hint: `set it (e.g. export ${missing[0]}=/path/to/gammapy-data) or write the path out in full`,
    });
  }
  return isAbsolute(expanded) ? resolve(expanded) : resolve(options.cwd ?? process.cwd(), expanded);
}
