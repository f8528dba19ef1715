#!/usr/bin/env node
/**
 * Entry point of the `gammats` binary (built to dist/main.js).
 */
import { run } from "./program.js";

process.exitCode = await run(process.argv);
