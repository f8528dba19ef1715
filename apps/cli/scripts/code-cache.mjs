#!/usr/bin/env node
/**
 * Makes the V8 code cache of the CLI bundle, dist/gammats.cjs.cache (see
 * src/code-cache.ts): runs the bundle on a warm-up workload that needs only the repository
 * (the examples on test-data/: a 1D and a 3D analysis, validate, --version), then saves
 * the bytecode of every function that ran. Called by scripts/bundle.mjs, in a process of
 * its own with Node's default flags (V8 rejects a cache made under other flags).
 *
 *   node apps/cli/scripts/code-cache.mjs   (after scripts/bundle.mjs)
 *
 * Output of the workload goes to a temporary folder and is thrown away; the analyses'
 * printout is shown only when one fails.
 *
 * V8 flushes the bytecode of functions that have not run for a while (counted in
 * garbage collections, some of them timer-driven): without a guard, a warm-up on a busy
 * machine lost the bundle's top-level wrapper and start-up code, and every start then
 * parsed the whole bundle again (+30 ms). Flushing is off during the warm-up and back on
 * before the cache is taken, so the cache holds everything that ran and is made under
 * the default flags (V8 rejects a cache whose flags differ).
 */
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { setFlagsFromString } from "node:v8";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { codeCacheBytes, codeCacheFile, loadBundle } from "../dist/code-cache.js";

const CLI = dirname(dirname(fileURLToPath(import.meta.url)));
const ROOT = dirname(dirname(CLI));
const BUNDLE = join(CLI, "dist", "gammats.cjs");
const CACHE = codeCacheFile(BUNDLE);

const tmp = mkdtempSync(join(tmpdir(), "gammats-code-cache-"));
const workload = [
  ["--version"],
  ["analysis", "validate", "--filename", "examples/simulated-1d.yaml"],
  ["analysis", "run", "--filename", "examples/simulated-1d.yaml", "--out", join(tmp, "1d")],
  ["analysis", "run", "--filename", "packages/analysis/test/cases-3d/simulated-3d/config.yaml", "--out", join(tmp, "3d")],
];

rmSync(CACHE, { force: true }); // a failed warm-up leaves no cache of an older bundle
setFlagsFromString("--no-flush-bytecode");
const source = readFileSync(BUNDLE);
const { exports, script } = loadBundle(BUNDLE, source);
process.chdir(ROOT);
try {
  for (const args of workload) {
    await exports.main([process.execPath, "gammats", ...args]);
    if (process.exitCode !== 0) throw new Error(`the warm-up run gammats ${args.join(" ")} exited with ${process.exitCode}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
setFlagsFromString("--flush-bytecode"); // the default again: the cache carries the flags' hash
writeFileSync(`${CACHE}.tmp`, codeCacheBytes(script, source));
renameSync(`${CACHE}.tmp`, CACHE);
