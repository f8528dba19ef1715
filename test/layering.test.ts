import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// The dependency table of shared/DESIGN.md: each package may import only these.
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  fits: ["core"],
  config: ["core"],
  maps: ["core", "fits"],
  irf: ["core", "fits", "maps"],
  "data-store": ["core", "fits", "maps", "irf"],
  modeling: ["core", "fits", "maps"],
  simulate: ["core", "fits", "maps", "irf", "data-store", "modeling"],
  datasets: ["core", "fits", "maps", "irf", "modeling"],
  fit: ["core", "modeling"],
  reduce: ["core", "fits", "maps", "irf", "data-store", "modeling", "datasets"],
  estimators: ["core", "maps", "modeling", "datasets", "fit"],
};
const ALL = Object.keys(ALLOWED);
ALLOWED.analysis = ALL;
ALLOWED.cli = [...ALL, "analysis"];

const root = resolve(import.meta.dirname, "..");

function workspacePackages(): { dir: string; short: string; json: Record<string, any> }[] {
  const out = [];
  for (const base of ["packages", "apps"]) {
    for (const name of readdirSync(join(root, base))) {
      const file = join(root, base, name, "package.json");
      if (!existsSync(file)) continue;
      const json = JSON.parse(readFileSync(file, "utf8"));
      out.push({ dir: join(base, name), short: String(json.name).replace("@gammats/", ""), json });
    }
  }
  return out;
}

/** Every `@gammats/x` named in import/export statements of a package's sources. */
function importedPackages(dir: string): Set<string> {
  const found = new Set<string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|mts|js|mjs)$/.test(e.name)) {
        const text = readFileSync(p, "utf8");
        for (const m of text.matchAll(/from\s+["']@gammats\/([a-z-]+)["']|import\(\s*["']@gammats\/([a-z-]+)["']/g)) {
          found.add(m[1] ?? m[2]);
        }
      }
    }
  };
  walk(join(root, dir, "src"));
  return found;
}

describe("dependency direction (shared/DESIGN.md)", () => {
  const pkgs = workspacePackages();

  it("knows every workspace package", () => {
    expect(pkgs.length).toBeGreaterThanOrEqual(4);
    for (const p of pkgs) expect(ALLOWED, `package ${p.short} is not in the DESIGN.md table`).toHaveProperty(p.short);
  });

  for (const p of pkgs) {
    it(`${p.short} depends only on what DESIGN.md allows`, () => {
      const deps = Object.keys({ ...p.json.dependencies, ...p.json.devDependencies })
        .filter((d) => d.startsWith("@gammats/"))
        .map((d) => d.replace("@gammats/", ""));
      const bad = deps.filter((d) => !ALLOWED[p.short].includes(d));
      expect(bad, `${p.dir}/package.json`).toEqual([]);
      const undeclared = [...importedPackages(p.dir)].filter((d) => d !== p.short && !deps.includes(d));
      expect(undeclared, `${p.dir}/src imports packages missing from package.json`).toEqual([]);
    });
  }
});
