#!/usr/bin/env node
/**
 * Start-up cost of the gammats binary: two builds of the CLI, run alternately on the same
 * commands, N times each; prints the median wall time (spawn to exit) of each command and,
 * the median CPU time (user + system, from /usr/bin/time: less disturbed than the wall time
 * on a busy machine) and, for analysis runs, summary.json's own timers (the first step,
 * `observations`, pays for the cold first use of the code).
 *
 *   node bench/startup.mjs --old /tmp/old/cli/dist/gammats.mjs [--new FILE] [--repeat N]
 *
 * --new defaults to apps/cli/dist/gammats.mjs (pnpm build). An old build is a copy of
 * apps/cli/dist/ with apps/cli/package.json one folder up (the binary reads its version
 * there). Commands: `--version` and `analysis validate` of examples/simulated-1d.yaml from
 * the repository root; `analysis run` of the reference cases crab-3d-fov and
 * crab-1d-reflected (../shared/reference/cases, skipped when GAMMAPY_DATA, default
 * ../shared/gammapy-data, is missing) from the case folder.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const bins = { old: option("--old"), new: option("--new", join(ROOT, "apps/cli/dist/gammats.mjs")) };
if (bins.old === undefined) throw new Error("name the build to compare with: --old FILE");
for (const bin of Object.values(bins)) if (!existsSync(bin)) throw new Error(`${bin} is missing`);
const TIME = "/usr/bin/time";
if (!existsSync(TIME)) throw new Error(`${TIME} is missing (Debian: apt-get install time)`);
const repeat = Number(option("--repeat", "7"));
const DATA = process.env.GAMMAPY_DATA ?? resolve(ROOT, "../shared/gammapy-data");
const CASES = resolve(ROOT, "../shared/reference/cases");
const work = mkdtempSync(join(tmpdir(), "gammats-bench-startup-"));

const commands = [
  { name: "--version", cwd: ROOT, args: ["--version"] },
  { name: "validate 1d example", cwd: ROOT, args: ["analysis", "validate", "--filename", "examples/simulated-1d.yaml"] },
];
for (const name of ["crab-3d-fov", "crab-1d-reflected"]) {
  const cwd = join(CASES, name);
  if (existsSync(join(cwd, "config.yaml")) && existsSync(DATA)) commands.push({ name, cwd, args: ["analysis", "run", "--filename", "config.yaml"], out: true });
  else console.log(`skipped ${name}: no ${join(cwd, "config.yaml")} or no GAMMAPY_DATA (${DATA})`);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => (x === undefined ? "-" : `${(x * 1e3).toFixed(0)} ms`);

const load0 = loadavg();
const rows = [];
for (const command of commands) {
  const times = { old: [], new: [] };
  const cpu = { old: [], new: [] };
  const firstStep = { old: [], new: [] };
  const total = { old: [], new: [] };
  for (let i = 0; i < repeat; i++) {
    for (const side of i % 2 ? ["new", "old"] : ["old", "new"]) {
      const out = join(work, `${command.name}-${side}`);
      const argv = [bins[side], ...command.args, ...(command.out ? ["--out", out, "--overwrite"] : [])];
      const t0 = process.hrtime.bigint();
      const r = spawnSync(TIME, ["-f", "cpu %U %S", process.execPath, ...argv], { cwd: command.cwd, encoding: "utf8", env: { ...process.env, GAMMAPY_DATA: DATA } });
      times[side].push(Number(process.hrtime.bigint() - t0) / 1e9);
      if (r.status !== 0) throw new Error(`${side}: gammats ${command.args.join(" ")} exited with ${r.status}\n${r.stderr}`);
      const [user, system] = r.stderr.trim().split("\n").at(-1).split(" ").slice(1).map(Number);
      cpu[side].push(user + system);
      if (command.out) {
        const timings = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")).timings_s;
        firstStep[side].push(timings.observations);
        total[side].push(timings.total);
      }
    }
  }
  const m = (xs) => (xs.length ? median(xs) : undefined);
  rows.push([command.name, ...["old", "new"].flatMap((s) => [ms(m(times[s])), ms(m(cpu[s])), ms(m(firstStep[s])), ms(m(total[s]))]), ms(m(times.new) - m(times.old)), ms(m(cpu.new) - m(cpu.old))]);
}
const load1 = loadavg();

console.log(`median of ${repeat} runs each, alternating; old ${bins.old}, new ${bins.new}`);
console.log(`machine: ${cpus().length} CPUs, load average ${load0.map((x) => x.toFixed(2)).join(" ")} before, ${load1.map((x) => x.toFixed(2)).join(" ")} after; Node ${process.version}`);
const header = ["command", "old wall", "old cpu", "old obs.", "old total", "new wall", "new cpu", "new obs.", "new total", "wall new-old", "cpu new-old"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
for (const row of [header, ...rows]) console.log(row.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  "));
rmSync(work, { recursive: true, force: true });
