/**
 * The gammats version, from this package's package.json (one level above both `src/`
 * and `dist/`).
 */
import { readFileSync } from "node:fs";

let cached: string | undefined;

/**
 * The version written into products (summary.json, session manifests).
 *
 * @example
 * ```ts
 * gammatsVersion(); // "0.1.0"
 * ```
 */
export function gammatsVersion(): string {
  cached ??= (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
  return cached;
}
