#!/usr/bin/env node
/**
 * The `gammats` binary, dist/gammats.mjs (bundled by scripts/bundle.mjs): loads the
 * CommonJS bundle of the CLI, dist/gammats.cjs (src/bundle-main.ts), with its V8 code
 * cache, dist/gammats.cjs.cache, made by the build (see src/code-cache.ts).
 *
 * With source maps on (`node --enable-source-maps`, or NODE_OPTIONS), Node's own loader
 * runs the bundle instead: only it maps stack traces through dist/gammats.cjs.map.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { loadBundle, readCodeCache, type BundleExports } from "./code-cache.js";

const file = fileURLToPath(new URL("./gammats.cjs", import.meta.url));
let bundle: BundleExports;
if (process.sourceMapsEnabled) {
  bundle = createRequire(import.meta.url)(file) as BundleExports;
} else {
  const source = readFileSync(file);
  bundle = loadBundle(file, source, readCodeCache(file, source)).exports;
}
void bundle.main(process.argv).then(exitNow);

/**
 * Ends the process as soon as the command is done. A natural exit first tears down the
 * whole V8 heap (hundreds of MB after an analysis: ~5 ms of page unmapping) that the
 * operating system frees anyway. Only when nothing is left to do: output still queued
 * for a pipe, or any other live handle (a timer, a worker, a pending file operation),
 * means the natural exit, which waits for them.
 */
function exitNow(): void {
  const busy = process.getActiveResourcesInfo().some((r) => r !== "TTYWrap" && r !== "PipeWrap");
  if (busy || process.stdout.writableLength > 0 || process.stderr.writableLength > 0) return;
  process.exit();
}
