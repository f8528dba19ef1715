/**
 * The reference cases of shared/reference/cases (H.E.S.S. DR1 Crab, real data): each
 * config runs from its own folder (relative paths resolve against the working directory,
 * as in Gammapy) and compare.py checks the summary against Gammapy 1.0's, number by
 * number. Skipped with the reason printed when the data or compare.py are absent.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { runAnalysisFile } from "@gammats/analysis";
import { REFERENCE, compareSummaries, gammapyData, quiet } from "./helpers.js";

const data = gammapyData();
const tmp = mkdtempSync(join(tmpdir(), "gammats-cases-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * Differences from Gammapy that are understood and owned by a lower package; each must
 * be listed with its cause. compare.py's other lines must all agree.
 */
const KNOWN: Record<string, string[]> = {
  "crab-1d-reflected": [],
  // irf (EnergyDispersion2D.toEdispKernel): beyond the last migra node Gammapy extrapolates
  // the cumulative migration linearly in 2D (migra × energy_true pixel 2.2e-16 off its
  // node), which leaves float noise of 1.1e-13..1.6e-13 in the kernel of true bin 0.5-0.63
  // TeV at reco 47-100 TeV; gammats has 0 there. Run 23559 has one event at ~60 TeV in
  // that range: its Cash term is 52.94 in Gammapy and 115.13 here (npred truncated at
  // 1e-25), i.e. total_stat -242.21 vs -180.01, and it pulls Gammapy's amplitude up 1.2 %.
  "crab-1d-nobkg": ["fit total_stat", "param crab.amplitude value"],
};

describe.each(Object.keys(KNOWN))("reference case %s", (name) => {
  const dir = join(REFERENCE, "cases", name);
  const ready = data.dir !== undefined && existsSync(join(dir, "config.yaml"));
  if (!ready) console.log(`skipping reference case ${name}: ${data.reason ?? `${dir} not found`}`);

  test.skipIf(!ready)("agrees with Gammapy 1.0 (compare.py)", async () => {
    const out = join(tmp, name);
    const run = await runAnalysisFile("config.yaml", { cwd: dir, outDir: out, logger: quiet, env: { ...process.env, GAMMAPY_DATA: data.dir } });
    expect(run.files).toContain("summary.json");
    const r = compareSummaries(join(dir, "gammapy-1.0.json"), join(out, "summary.json"));
    if (r.lines === undefined) {
      console.log(`skipping the comparison of ${name}: ${r.reason}`);
      return;
    }
    const last = r.lines.at(-1)!;
    const m = /^(\d+) agree, (\d+) differ, (\d+) missing$/.exec(last);
    expect(m, r.lines.join("\n")).not.toBeNull();
    const unexplained = r.lines.slice(0, -1).filter((l) => !KNOWN[name]!.some((k) => l.startsWith(`differs  ${k}:`)));
    expect(unexplained, r.lines.join("\n")).toEqual([]);
    expect(Number(m![3])).toBe(0);
    expect(Number(m![1])).toBeGreaterThan(30);
    if (KNOWN[name]!.length === 0) expect(last).toMatch(/ 0 differ, 0 missing$/);
  });
});
