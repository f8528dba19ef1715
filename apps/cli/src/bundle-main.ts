#!/usr/bin/env node
/**
 * Entry point of the bundled binary dist/gammats.mjs (made by scripts/bundle.mjs from the
 * built dist/bundle-main.js): main.ts, plus where the reduction worker is. In one file the
 * reduce package's default worker (its own dist/, found relative to the module) points
 * nowhere, so the bundle names its own worker bundle, dist/reduce-worker.mjs, in the
 * variable the reduce package reads. A value already set (a user's override) is kept.
 */
import { fileURLToPath } from "node:url";
import { run } from "./program.js";

process.env.GAMMATS_REDUCE_WORKER ||= fileURLToPath(new URL("./reduce-worker.mjs", import.meta.url));
process.exitCode = await run(process.argv);
