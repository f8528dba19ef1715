/**
 * The memory guard of map geometries and map allocation: a geometry whose data would
 * not fit (a typo in `binsz` or `width` easily asks for terabytes) is refused up front
 * with the size and the fix, instead of failing deep inside an allocation.
 */
import { DataError } from "@gammats/core";

/** Default limit of one map's data [bytes]: 4 GiB. */
export const DEFAULT_MAP_MEMORY_LIMIT = 4 * 1024 ** 3;

let limit = DEFAULT_MAP_MEMORY_LIMIT;

/**
 * Sets the process-wide default memory limit of one map (the `maxBytes` option of each
 * call overrides it).
 *
 * @param bytes - limit [bytes], > 0 (Infinity disables the guard)
 * @throws DataError for a non-positive value
 * @example
 * ```ts
 * setMapMemoryLimit(16 * 1024 ** 3); // allow 16 GiB maps
 * ```
 */
export function setMapMemoryLimit(bytes: number): void {
  if (!(bytes > 0)) throw new DataError(`map memory limit must be > 0 bytes, got ${bytes}`, { hint: "give e.g. 8 * 1024 ** 3" });
  limit = bytes;
}

/**
 * The process-wide default memory limit of one map [bytes].
 *
 * @returns the limit
 * @example
 * ```ts
 * getMapMemoryLimit(); // 4294967296
 * ```
 */
export function getMapMemoryLimit(): number {
  return limit;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${bytes} bytes`;
}

/**
 * Checks that data of a shape fit the memory limit.
 *
 * @param shape - data shape, e.g. [nEnergy, ny, nx]
 * @param bytesPerValue - 8 for float64, 4 for float32, 1 for masks
 * @param what - what is being created, for the message (e.g. "WcsGeom.create")
 * @param maxBytes - limit [bytes]; default {@link getMapMemoryLimit}
 * @returns the size [bytes]
 * @throws DataError naming the shape, the size and the fix when above the limit
 * @example
 * ```ts
 * checkMapMemory([20, 3600, 3600], 8, "WcsGeom.create"); // 2073600000
 * ```
 */
export function checkMapMemory(shape: readonly number[], bytesPerValue: number, what: string, maxBytes: number = limit): number {
  const bytes = shape.reduce((a, b) => a * b, 1) * bytesPerValue;
  if (bytes > maxBytes) {
    throw new DataError(
      `${what}: a map of shape [${shape.join(", ")}] needs ${formatBytes(bytes)}, above the limit of ${formatBytes(maxBytes)}`,
      { hint: "use a larger binsz or a smaller width (or fewer energy bins); raise the limit with the maxBytes option or setMapMemoryLimit() if the machine has the memory" },
    );
  }
  return bytes;
}
