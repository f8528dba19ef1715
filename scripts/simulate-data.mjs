#!/usr/bin/env node
// Regenerates test-data/ (simulated DL3 runs with a known injected source) from the BUILT
// packages: run `npx tsc -b` first. Deterministic: the same code writes the same bytes.
//
//   node scripts/simulate-data.mjs [output-directory]   (default: test-data/ of the repository)
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const entry = join(root, "packages", "simulate", "dist", "index.js");
if (!existsSync(entry)) {
  console.error(`simulate-data: ${entry} is missing; build the packages first with \`npx tsc -b\``);
  process.exit(1);
}
const { makeTestData } = await import(pathToFileURL(entry).href);
const outDir = resolve(process.argv[2] ?? join(root, "test-data"));
const result = makeTestData(outDir);
for (const r of result.runs) {
  console.log(
    `${r.obsId} ${r.kind.padEnd(14)} ${r.file}: ${r.nEvents} events ` +
      `(source ${r.nSource}, expected ${r.expectedSource.toFixed(1)}; background ${r.nBackground}, expected ${r.expectedBackground.toFixed(1)})`,
  );
}
console.log(`wrote ${outDir}`);
