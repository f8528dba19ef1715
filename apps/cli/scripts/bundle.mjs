#!/usr/bin/env node
/**
 * Bundles the built CLI (dist/ from `tsc -b`, so the bundle runs exactly the code tsc
 * emitted) into one CommonJS file, dist/gammats.cjs, with its V8 code cache,
 * dist/gammats.cjs.cache (scripts/code-cache.mjs), behind the binary dist/gammats.mjs (a
 * small ESM launcher, src/launcher.ts); plus the reduction worker for `n_jobs > 1`,
 * dist/reduce-worker.mjs. Why: unbundled, Node resolves, reads and compiles ~440 ESM +
 * ~160 CommonJS files at every start (0.4–0.5 s, half of a 1D analysis); bundled, V8
 * still compiles 2.5 MB at every start (~60 ms), which the code cache saves. CommonJS
 * because V8's code cache is offered for scripts (vm.Script), not for ES modules.
 *
 *   node apps/cli/scripts/bundle.mjs   (after npx tsc -b; `pnpm --filter @gammats/cli build` does both)
 *
 * What a bundle changes, and how it is handled:
 * - `import.meta.url` is the bundle's: the config schema is copied beside it
 *   (packages/config looks there first); the reduce worker is named by
 *   GAMMATS_REDUCE_WORKER (set in src/bundle-main.ts); package.json versions are read
 *   from apps/cli/package.json (one folder up, as from dist/), so the versions must agree.
 * - the CLI bundle is CommonJS made from ES modules: `import.meta.url` becomes the
 *   bundle's file URL (define + banner), the whole file is strict as the modules were,
 *   and the entry has no top-level await. Bundled CommonJS (ajv, yaml) in the ESM worker
 *   calls require() for Node built-ins: its banner gives it a `require`.
 * - esbuild renames clashing top-level names; error classes name themselves with
 *   `new.target.name` and messages use `constructor.name`, hence keepNames.
 * - the config validator is generated here as ajv standalone code (same schema, same
 *   options, from packages/config's own `configAjv`) and replaces
 *   packages/config/dist/precompiled-validator.js, so no process compiles the schema
 *   (~50–90 ms of every start). The standalone code needs none of ajv, so ajv's compiler
 *   is left out of the bundle too (~280 kB loaded at every start, ~4 ms).
 */
import { spawnSync } from "node:child_process";
import { isAscii } from "node:buffer";
import { createRequire } from "node:module";
import { chmodSync, copyFileSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build, transformSync } from "esbuild";

const CLI = dirname(dirname(fileURLToPath(import.meta.url)));
const ROOT = dirname(dirname(CLI));
const DIST = join(CLI, "dist");
const SCHEMA = join(ROOT, "packages/config/schema/analysis-config.schema.json");

// The bundle reads every package.json version from apps/cli/package.json (see above).
const version = (dir) => JSON.parse(readFileSync(join(ROOT, dir, "package.json"), "utf8")).version;
if (version("apps/cli") !== version("packages/analysis")) {
  throw new Error(
    `apps/cli (${version("apps/cli")}) and packages/analysis (${version("packages/analysis")}) differ in version: ` +
      "the bundle would report the CLI's in summaries; give both the same version",
  );
}

const CONFIG_DIST = join(ROOT, "packages/config/dist");
const { configAjv } = await import(join(CONFIG_DIST, "validate.js"));
const { analysisConfigSchema } = await import(join(CONFIG_DIST, "schema.js"));
// ajv is packages/config's dependency, not the CLI's: load it from there.
const configRequire = createRequire(join(ROOT, "packages/config/package.json"));
const { _ } = configRequire("ajv/dist/2020.js");
const standaloneCode = configRequire("ajv/dist/standalone/index.js").default;
const ajv = configAjv({ code: { source: true, esm: true } });
const validate = ajv.compile(analysisConfigSchema());
// The `kind` keyword is a function ajv holds by reference: name it for the standalone code.
for (const name of ajv.scope._values.keyword?.values() ?? []) {
  if (name.value.code === undefined) name.value.code = _`kindKeywordCheck`;
}
const validatorSource =
  `import { kindKeywordCheck } from "./kind-keyword.js";\n` +
  // ajv calls keyword functions with the Ajv instance as `this`; kindKeywordCheck ignores it.
  `const self = undefined;\n` +
  standaloneCode(ajv, validate).replace(/^"use strict";/, "") +
  `\nexport const precompiledValidator = validate;\n`;
const precompiledValidator = {
  name: "precompiled-config-validator",
  setup(b) {
    // With the validator precompiled, the bundle never compiles a schema: ajv's compiler
    // (~280 kB with fast-uri, loaded at every start) is left out. configAjv() (for build
    // scripts like this one) then says so instead of compiling.
    b.onResolve({ filter: /^ajv\/dist\/2020\.js$/ }, (args) =>
      /[\\/]packages[\\/]config[\\/]dist[\\/]validate\.js$/.test(args.importer) ? { path: "ajv-compiler-left-out", namespace: "gammats" } : undefined,
    );
    b.onLoad({ filter: /^ajv-compiler-left-out$/, namespace: "gammats" }, () => ({
      contents:
        "export class Ajv2020 {\n" +
        '  constructor() { throw new Error("this bundle has no ajv compiler: its config validator is precompiled (apps/cli/scripts/bundle.mjs)"); }\n' +
        "}\n",
      loader: "js",
    }));
    b.onLoad({ filter: /[\\/]packages[\\/]config[\\/]dist[\\/]precompiled-validator\.js$/ }, () => ({
      contents: validatorSource,
      loader: "js",
      resolveDir: CONFIG_DIST,
    }));
  },
};

// Options of every bundle: what tsc emitted, for Node 20, names kept, source maps beside.
const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  keepNames: true,
  sourcemap: "linked", // stack traces map back with node --enable-source-maps
  metafile: true,
  logLevel: "warning",
};
const results = await Promise.all([
  // The CLI, CommonJS: a vm.Script that V8 can cache (see src/code-cache.ts).
  build({
    ...common,
    plugins: [precompiledValidator],
    entryPoints: { gammats: join(DIST, "bundle-main.js") },
    outdir: DIST,
    outExtension: { ".js": ".cjs" },
    format: "cjs",
    // The code was ESM, strict throughout (bundled CommonJS too): keep it strict. The
    // modules' import.meta.url becomes the bundle's own URL, as in an ESM bundle.
    banner: { js: '"use strict";\nvar __gammatsImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    define: { "import.meta.url": "__gammatsImportMetaUrl" },
    // fmin 0.0.4 is a UMD file in a "type": "module" package: it has no ESM exports and sets
    // globalThis.fmin, which packages/fit falls back to (as under Node's own loader).
    logOverride: { "import-is-undefined": "silent" },
  }),
  // The binary: a small ESM launcher of the CLI bundle and its code cache.
  build({ ...common, entryPoints: { gammats: join(DIST, "launcher.js") }, outdir: DIST, outExtension: { ".js": ".mjs" }, format: "esm" }),
  // The reduction worker of n_jobs > 1 (a worker thread's module: ESM).
  build({
    ...common,
    plugins: [precompiledValidator],
    entryPoints: { "reduce-worker": join(ROOT, "packages/reduce/dist/reduce-worker.js") },
    outdir: DIST,
    outExtension: { ".js": ".mjs" },
    format: "esm",
    // bundled CommonJS (ajv, yaml) calls require() for Node built-ins: give ESM a `require`.
    banner: { js: 'import { createRequire as __gammatsCreateRequire } from "node:module"; const require = __gammatsCreateRequire(import.meta.url);' },
    logOverride: { "import-is-undefined": "silent" },
  }),
]);
copyFileSync(SCHEMA, join(DIST, "analysis-config.schema.json"));
for (const name of ["gammats.cjs", "reduce-worker.mjs"]) asciiComments(join(DIST, name));

chmodSync(join(DIST, "gammats.mjs"), 0o755);
for (const [file, { bytes, inputs }] of results.flatMap((r) => Object.entries(r.metafile.outputs))) {
  if (!file.endsWith(".map")) console.log(`${relative(ROOT, join(process.cwd(), file))}: ${(bytes / 1e6).toFixed(1)} MB from ${Object.keys(inputs).length} modules`);
}

/**
 * Makes a bundle pure ASCII by writing '?' for each non-ASCII character of its comments
 * (one '?' per UTF-16 unit: columns, hence the source map, stay right). esbuild already
 * escapes non-ASCII in strings, regexps and names (charset: ascii); the UTF-8 left is
 * in comments the sources carry (µs, ×, –). One such character makes V8 hold the whole
 * 2.3 MB source as a two-byte string: decoding it takes 4 ms instead of 1, and hashing,
 * scanning and lazy compiles get slower (~3 ms of every start in all). Checked: the
 * bundle without comments must be the same before and after, else the build fails.
 */
function asciiComments(file) {
  const text = readFileSync(file, "utf8");
  const ascii = text.replace(/[^\x00-\x7f]/gu, (c) => "?".repeat(c.length));
  if (ascii === text) return;
  const code = (t) => transformSync(t, { minifyWhitespace: true, legalComments: "none", loader: "js", logLevel: "silent" }).code;
  if (code(ascii) !== code(text)) throw new Error(`${file}: non-ASCII characters outside comments; cannot make it ASCII`);
  writeFileSync(file, ascii);
  if (!isAscii(readFileSync(file))) throw new Error(`${file} is still not ASCII`);
}

// The code cache of the new bundle, made by a warm-up run in a process with Node's default
// flags (no NODE_OPTIONS: V8 rejects a cache made under other flags). Without it the
// binary works the same, only starts ~60 ms slower: warn, do not fail the build.
const env = { ...process.env };
delete env.NODE_OPTIONS;
const warm = spawnSync(process.execPath, [join(CLI, "scripts/code-cache.mjs")], { cwd: ROOT, encoding: "utf8", env });
if (warm.error || warm.status !== 0) {
  console.warn(`WARN no code cache for dist/gammats.cjs (the binary works, starts slower): the warm-up failed\n${warm.error?.message ?? `${warm.stdout}${warm.stderr}`.trim()}`);
} else {
  console.log(`${relative(ROOT, join(DIST, "gammats.cjs.cache"))}: ${(statSync(join(DIST, "gammats.cjs.cache")).size / 1e6).toFixed(1)} MB V8 code cache`);
  // Does a fresh process with the default flags accept it (as the binary will)?
  const check =
    `const { readFileSync } = require("node:fs");` +
    `import(${JSON.stringify(join(DIST, "code-cache.js"))}).then(({ loadBundle, readCodeCache }) => {` +
    `const f = ${JSON.stringify(join(DIST, "gammats.cjs"))}; const s = readFileSync(f); const c = readCodeCache(f, s);` +
    `process.stdout.write(c === undefined ? "missing" : loadBundle(f, s, c).cacheRejected ? "rejected" : "accepted"); });`;
  const accepted = spawnSync(process.execPath, ["-e", check], { cwd: ROOT, encoding: "utf8", env });
  if (accepted.stdout !== "accepted") {
    console.warn(`WARN V8 does not use the code cache of dist/gammats.cjs (${accepted.stdout || accepted.stderr.trim()}): the binary starts slower`);
  }
}
