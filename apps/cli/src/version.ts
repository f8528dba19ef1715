/**
 * The CLI's version, read from its package.json (one folder above both src/ and dist/).
 */
import { createRequire } from "node:module";

/**
 * Version of the gammats CLI, e.g. "0.1.0".
 *
 * @example
 * ```ts
 * cliVersion(); // "0.1.0"
 * ```
 */
export function cliVersion(): string {
  const pkg = createRequire(import.meta.url)("../package.json") as { version: string };
  return pkg.version;
}
