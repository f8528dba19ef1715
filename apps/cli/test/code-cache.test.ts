/**
 * The binary dist/gammats.mjs loads the CommonJS bundle dist/gammats.cjs with the V8 code
 * cache the build made (src/code-cache.ts): V8 must accept that cache, and a cache that is
 * missing, stale (bundle edited) or rejected by V8 (other flags, truncated) must change
 * nothing but the start-up time. With source maps on, Node's own loader runs the bundle
 * and stack traces name the TypeScript sources.
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const CLI = dirname(dirname(fileURLToPath(import.meta.url)));
const ROOT = dirname(dirname(CLI));
const tmp = mkdtempSync(join(tmpdir(), "gammats-code-cache-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs node with flags on a script in ROOT, in a clean environment. */
function node(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" } });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Loads a copy's bundle as the launcher does and reports whether a cache was there and taken. */
function cacheState(dist: string, flags: string[] = []): { cache: boolean; rejected: boolean | null } {
  const script =
    `import { readFileSync } from "node:fs";` +
    `import { loadBundle, readCodeCache } from ${JSON.stringify(pathToFileURL(join(dist, "code-cache.js")).href)};` +
    `const file = ${JSON.stringify(join(dist, "gammats.cjs"))};` +
    `const source = readFileSync(file); const cache = readCodeCache(file, source);` +
    `const { cacheRejected } = loadBundle(file, source, cache);` +
    `console.log(JSON.stringify({ cache: cache !== undefined, rejected: cacheRejected ?? null }));`;
  const r = node([...flags, "--input-type=module", "-e", script]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { cache: boolean; rejected: boolean | null };
}

describe("the V8 code cache of the bundled binary", () => {
  // A copy of the built CLI (dist/ and the package.json the binary reads its version from).
  const copy = join(tmp, "cli");
  const dist = join(copy, "dist");
  const cacheFile = join(dist, "gammats.cjs.cache");
  const validate = (flags: string[] = []) => node([...flags, join(dist, "gammats.mjs"), "analysis", "validate", "--filename", "examples/simulated-1d.yaml"]);
  let expected: string;
  beforeAll(() => {
    cpSync(join(CLI, "dist"), dist, { recursive: true });
    cpSync(join(CLI, "package.json"), join(copy, "package.json"));
    const r = validate();
    expect(r.status, r.stderr).toBe(0);
    expected = r.stdout;
    expect(expected).toContain("general:");
  });

  test("the build made a cache that V8 accepts", () => {
    expect(cacheState(join(CLI, "dist"))).toEqual({ cache: true, rejected: false });
  });

  test("V8 rejects it under other flags or truncated: the binary compiles normally, same output", () => {
    const flags = ["--max-old-space-size=3000"];
    expect(cacheState(dist, flags)).toEqual({ cache: true, rejected: true });
    expect(validate(flags)).toEqual({ status: 0, stdout: expected, stderr: "" });
    const whole = readFileSync(cacheFile);
    try {
      writeFileSync(cacheFile, whole.subarray(0, whole.length >> 1));
      expect(cacheState(dist)).toEqual({ cache: true, rejected: true });
      expect(validate()).toEqual({ status: 0, stdout: expected, stderr: "" });
    } finally {
      writeFileSync(cacheFile, whole);
    }
  });

  test("a missing cache, or one made for other bytes of the bundle, is not used", () => {
    const whole = readFileSync(cacheFile);
    rmSync(cacheFile);
    expect(cacheState(dist)).toEqual({ cache: false, rejected: null });
    expect(validate()).toEqual({ status: 0, stdout: expected, stderr: "" });
    writeFileSync(cacheFile, whole);
    appendFileSync(join(dist, "gammats.cjs"), "// edited\n");
    expect(cacheState(dist)).toEqual({ cache: false, rejected: null });
    expect(validate()).toEqual({ status: 0, stdout: expected, stderr: "" });
  });

  test("with --enable-source-maps, stack traces name the TypeScript sources", () => {
    const r = node(["--enable-source-maps", join(CLI, "dist", "gammats.mjs"), "--debug", "analysis", "validate", "--filename", join(tmp, "missing.yaml")]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("file not found");
    expect(r.stderr).toMatch(/packages\/config\/src\/text-file\.ts:\d+/);
    const plain = node([join(CLI, "dist", "gammats.mjs"), "--debug", "analysis", "validate", "--filename", join(tmp, "missing.yaml")]);
    expect(plain.stderr).toMatch(/dist\/gammats\.cjs:\d+/);
  });
});
