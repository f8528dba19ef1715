/**
 * vitest global setup: builds the CLI with `tsc -b apps/cli` (TypeScript's own compiler,
 * from the repository, whatever the current folder) and bundles it (scripts/bundle.mjs:
 * dist/gammats.mjs, the binary users run) so the tests run the real binary.
 *
 * TypeScript's build mode still writes JavaScript when a referenced package has type
 * errors. A failed type check elsewhere (another package being edited) therefore only
 * warns, as long as the binary is newer than its sources; otherwise setup fails.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const CLI_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
export const ROOT = dirname(dirname(CLI_DIR));
export const MAIN = join(CLI_DIR, "dist", "main.js");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export default function setup(): void {
  const tsc = createRequire(join(ROOT, "package.json")).resolve("typescript/bin/tsc");
  const r = spawnSync(process.execPath, [tsc, "-b", join(CLI_DIR, "tsconfig.json")], { cwd: ROOT, encoding: "utf8" });
  if (r.error) throw new Error(`cannot run tsc: ${r.error.message}`);
  const fresh = existsSync(MAIN) && statSync(MAIN).mtimeMs >= newestSource(join(CLI_DIR, "src"));
  if (r.status !== 0) {
    const report = `${r.stdout}${r.stderr}`.trim();
    if (!fresh) throw new Error(`building the CLI failed:\n${report}`);
    console.warn(`WARN tsc -b apps/cli reported errors; testing the emitted binary anyway:\n${report}`);
  }
  const b = spawnSync(process.execPath, [join(CLI_DIR, "scripts", "bundle.mjs")], { cwd: ROOT, encoding: "utf8" });
  if (b.error || b.status !== 0) throw new Error(`bundling the CLI failed:\n${b.error?.message ?? `${b.stdout}${b.stderr}`.trim()}`);
}
