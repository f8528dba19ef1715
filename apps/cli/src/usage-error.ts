/**
 * A mistake in how the CLI was called (missing or conflicting options).
 */
import { GammatsError } from "@gammats/core";

/**
 * A wrong command line; printed like every other gammats error, exit code 1.
 *
 * @example
 * ```ts
 * throw new UsageError("no configuration file given", { hint: "add --filename config.yaml" });
 * ```
 */
export class UsageError extends GammatsError {}
