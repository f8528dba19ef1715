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
import { setFlagsFromString } from "node:v8";
import { loadBundle, readCodeCache, type BundleExports } from "./code-cache.js";

/**
 * How much V8's young generation grows after a scavenge that finds it too small (V8's
 * default: 2). An analysis allocates a steady stream of short-lived objects while
 * keeping ~10 MB alive; from the default 1 MB semi-space, doubling takes the whole run
 * to get going: crab-3d-fov saw ~40 scavenges costing ~40-90 ms. Growing by 8 reaches
 * V8's cap (16 MB) after two: ~15 scavenges, less than half the time in them. It is a
 * sizing heuristic that V8 reads at each growth, so it can be changed after start; the
 * heap's maximum is unchanged.
 */
const SEMI_SPACE_GROWTH = 8;

const file = fileURLToPath(new URL("./gammats.cjs", import.meta.url));
let bundle: BundleExports;
if (process.sourceMapsEnabled) {
  bundle = createRequire(import.meta.url)(file) as BundleExports;
} else {
  const source = readFileSync(file);
  bundle = loadBundle(file, source, readCodeCache(file, source)).exports;
}
// Set only now: V8 rejects a code cache consumed under other flags than it was made with.
setFlagsFromString(`--semi-space-growth-factor=${SEMI_SPACE_GROWTH}`);
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
