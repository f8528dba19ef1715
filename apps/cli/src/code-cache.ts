/**
 * Loading the CommonJS bundle dist/gammats.cjs through V8's code cache. The build
 * (scripts/code-cache.mjs) runs representative analyses with the bundle, then saves the
 * bytecode of every function that ran to dist/gammats.cjs.cache; the launcher
 * (dist/gammats.mjs, src/launcher.ts) hands that cache to V8, which then neither parses
 * nor compiles those functions again (~60 ms of every start).
 *
 * The cache is an optimisation only. It is tied to the bundle's exact bytes (length and
 * CRC-32 in its header) and V8 itself rejects one made by another V8 version or with
 * other flags; a missing, stale or rejected cache means a normal compile, never a
 * different behaviour. Nothing here writes the cache at run time.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { Script } from "node:vm";
import { crc32 } from "node:zlib";

/** What the CommonJS bundle (src/bundle-main.ts) exports. */
export interface BundleExports {
  /** Runs the CLI on a `process.argv`-style vector and sets `process.exitCode`. */
  main(argv: readonly string[]): Promise<void>;
}

/** The bundle, compiled and run. */
export interface LoadedBundle {
  exports: BundleExports;
  /** The compiled script: `createCachedData()` after a workload gives the cache. */
  script: Script;
  /** Whether V8 refused the cache it was given (undefined: no cache given). */
  cacheRejected: boolean | undefined;
}

const MAGIC = Buffer.from("gmtscc01", "latin1");
const HEADER_BYTES = MAGIC.length + 8;

/**
 * The cache file that belongs to a bundle file.
 *
 * @example
 * ```ts
 * codeCacheFile("/x/dist/gammats.cjs"); // "/x/dist/gammats.cjs.cache"
 * ```
 */
export function codeCacheFile(bundleFile: string): string {
  return `${bundleFile}.cache`;
}

/**
 * Compiles and runs the CommonJS bundle as Node's own `require` would (same wrapper,
 * same `require`, `module`, `__filename`, `__dirname`), using a code cache if given.
 *
 * @param bundleFile - path of dist/gammats.cjs
 * @param source - the bundle's bytes (as read from bundleFile)
 * @param cachedData - V8 code cache from {@link readCodeCache}, or undefined
 * @example
 * ```ts
 * const source = readFileSync(file);
 * const { exports } = loadBundle(file, source, readCodeCache(file, source));
 * await exports.main(process.argv);
 * ```
 */
export function loadBundle(bundleFile: string, source: Buffer, cachedData?: Buffer): LoadedBundle {
  // Node's CommonJS wrapper; the bundle's "use strict" opens the function body.
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source.toString("utf8")}\n});`;
  const script = new Script(wrapped, { filename: bundleFile, cachedData });
  const module = { exports: {} as BundleExports, filename: bundleFile };
  const fn = script.runInThisContext() as (e: object, r: NodeJS.Require, m: object, f: string, d: string) => void;
  fn.call(module.exports, module.exports, createRequire(bundleFile), module, bundleFile, dirname(bundleFile));
  return { exports: module.exports, script, cacheRejected: cachedData === undefined ? undefined : script.cachedDataRejected };
}

/**
 * Reads the code cache of a bundle, or undefined when there is none or it was made for
 * other bytes than `source` (an edited or rebuilt bundle).
 *
 * @param bundleFile - path of dist/gammats.cjs
 * @param source - the bundle's bytes
 */
export function readCodeCache(bundleFile: string, source: Buffer): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(codeCacheFile(bundleFile));
  } catch {
    return undefined;
  }
  if (data.length <= HEADER_BYTES || !data.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  if (data.readUInt32LE(MAGIC.length) !== source.length || data.readUInt32LE(MAGIC.length + 4) !== crc32(source)) return undefined;
  return data.subarray(HEADER_BYTES);
}

/**
 * The bytes of a cache file for `source`: a header naming the bundle's length and CRC-32,
 * then V8's cached data of the script (taken after a workload ran, so it holds the
 * functions that ran, not only the top level).
 *
 * @param script - the compiled bundle, from {@link loadBundle}
 * @param source - the bundle's bytes
 */
export function codeCacheBytes(script: Script, source: Buffer): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header);
  header.writeUInt32LE(source.length, MAGIC.length);
  header.writeUInt32LE(crc32(source), MAGIC.length + 4);
  return Buffer.concat([header, script.createCachedData()]);
}
