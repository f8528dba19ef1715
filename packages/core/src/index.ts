/**
 * @gammats/core — units and quantities, sky coordinates, time scales, typed errors and
 * the logger used by every gammats package.
 *
 * @packageDocumentation
 */
export {
  GammatsError,
  UnitError,
  FitsError,
  ConfigError,
  ConfigErrors,
  DataError,
  IoError,
} from "./errors.js";
export type { GammatsErrorOptions } from "./errors.js";
export { LOG_LEVELS, createLogger, parseLogLevel, silentLogger } from "./logger.js";
export type { LogLevel, Logger, LoggerOptions } from "./logger.js";

// --- units (owned by the units work; edit only this block) ---
// --- end units ---

// --- time (owned by the time work; edit only this block) ---
// --- end time ---

// --- coords (owned by the coords work; edit only this block) ---
// --- end coords ---
