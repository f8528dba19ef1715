/**
 * Ctrl-C during a run, through the built binary: the run is slowed down after each
 * reduced observation (the CLI's test hook GAMMATS_TEST_SLOW_REDUCTION_MS), SIGINT is
 * sent once the first observation's progress line appears, and the run must stop with
 * exit code 130, one line saying so, and no half-written output. Also the progress
 * lines themselves: log lines off a terminal, one redrawn line on a terminal.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { ProgressLine, reductionProgress } from "../src/progress.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const MAIN = join(ROOT, "apps/cli/dist/gammats.mjs");
const tmp = mkdtempSync(join(tmpdir(), "gammats-interrupt-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The example config with absolute paths and info logging (so progress lines show). */
function writeConfig(dir: string): string {
  const text = readFileSync(join(ROOT, "examples/simulated-1d.yaml"), "utf8")
    .replace("log: {level: warning}", "log: {level: info}")
    .replace("datastore: test-data/dl3", `datastore: ${join(ROOT, "test-data/dl3")}`)
    .replace("models_file: examples/simulated-model.yaml", `models_file: ${join(ROOT, "examples/simulated-model.yaml")}`);
  const file = join(dir, "config.yaml");
  writeFileSync(file, text);
  return file;
}

interface Interrupted {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI, sends SIGINT when `trigger` appears on stderr, resolves on exit. */
function runAndInterrupt(args: string[], cwd: string, trigger: string): Promise<Interrupted> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", GAMMATS_TEST_SLOW_REDUCTION_MS: "1500" },
    });
    let stdout = "";
    let stderr = "";
    let sent = false;
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      if (!sent && stderr.includes(trigger)) {
        sent = true;
        child.kill("SIGINT");
      }
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe("Ctrl-C during gammats analysis run", () => {
  test("exit 130, one line, nothing written; earlier products stay as they were", async () => {
    const dir = mkdtempSync(join(tmp, "run-"));
    const config = writeConfig(dir);
    const out = join(dir, "out");
    // An earlier run's products: --overwrite would replace them, the interruption must not.
    mkdirSync(out);
    writeFileSync(join(out, "summary.json"), "{}\n");
    writeFileSync(join(out, "session.yaml"), "gammats_session: 1\n");
    const r = await runAndInterrupt(["analysis", "run", "--config", config, "--out", out, "--overwrite"], dir, "Reduced observation 1001 (1/4).");
    expect(r.signal).toBeNull(); // handled, not killed by the signal
    expect(r.code).toBe(130);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines.at(-1)).toBe(`interrupted (SIGINT): nothing written to ${out}`);
    expect(lines.at(-2)).toBe("INFO: Reduced observation 1001 (1/4).");
    expect(r.stdout).not.toContain("Products written");
    expect(readdirSync(out).sort()).toEqual(["session.yaml", "summary.json"]);
    expect(readFileSync(join(out, "summary.json"), "utf8")).toBe("{}\n");
  });

  test("data_reduction: exit 130 and no session folder", async () => {
    const dir = mkdtempSync(join(tmp, "dr-"));
    const config = writeConfig(dir);
    const r = await runAndInterrupt(["analysis", "data_reduction", "--config", config, "--out", "session"], dir, "Reduced observation 1001 (1/4).");
    expect(r.code).toBe(130);
    expect(r.stderr.trimEnd().split("\n").at(-1)).toBe(`interrupted (SIGINT): nothing written to ${join(dir, "session")}`);
    expect(existsSync(join(dir, "session"))).toBe(false);
  });
});

describe("progress of the datasets step", () => {
  const logged: string[] = [];
  const logger = { debug: () => {}, info: (m: string) => logged.push(m), warning: () => {}, error: () => {} };

  test("off a terminal: one info line per observation, nothing drawn", () => {
    const written: string[] = [];
    const onProgress = reductionProgress(new ProgressLine({ write: (t) => written.push(t), isTTY: false }), logger);
    onProgress({ done: 0, total: 2 });
    onProgress({ done: 1, total: 2, obsId: 1002 });
    onProgress({ done: 2, total: 2, obsId: 1001 });
    expect(logged).toEqual(["Reduced observation 1002 (1/2).", "Reduced observation 1001 (2/2)."]);
    expect(written).toEqual([]);
  });

  test("on a terminal: one line rewritten in place, stepped around by log lines, cleared at the end", () => {
    let screen = "";
    const line = new ProgressLine({ write: (t) => (screen += t), isTTY: true, columns: 30 });
    const onProgress = reductionProgress(line, logger);
    onProgress({ done: 0, total: 4 });
    onProgress({ done: 2, total: 4, obsId: 1002 });
    line.around((l) => (screen += `${l}\n`))("WARNING: something");
    onProgress({ done: 4, total: 4, obsId: 1004 });
    const E = "\r\x1b[2K";
    expect(screen).toBe(
      `${E}reducing 0/4 observations` +
        `${E}reducing 2/4 observations (ob` + // cut to the 30 columns, less one
        `${E}WARNING: something\n${E}reducing 2/4 observations (ob` +
        E,
    );
  });
});
