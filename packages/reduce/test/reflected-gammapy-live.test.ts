// Live cross-check of the reflected-regions finder and background maker against Gammapy
// 1.0 (/usr/bin/python3, one spawn for all cases) on H.E.S.S. DR1 Crab runs and on the
// project's point-like test data. Skips, printing why, without Python, Gammapy or the data.
// REFLECTED_WRITE_REFERENCE=1 also rewrites the stored numbers (reflected-gammapy-reference.json).
import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CASES, REFERENCE_FILE, checkCase, runGammapy } from "./reflected-cases.js";
import type { CaseResult } from "./reflected-cases.js";

const live = (() => {
  try {
    return runGammapy(CASES);
  } catch (e) {
    return { reason: String(e) };
  }
})();
if (live.results === undefined) console.log(`reflected regions, live Gammapy checks skipped: ${live.reason}`);
else if (process.env.REFLECTED_WRITE_REFERENCE === "1") {
  const lines = Object.entries(live.results).map(([name, r]) => `${JSON.stringify(name)}: ${JSON.stringify(r)}`);
  writeFileSync(REFERENCE_FILE, `{\n${lines.join(",\n")}\n}\n`);
}

describe.skipIf(live.results === undefined)("reflected regions vs live Gammapy 1.0", () => {
  const results = live.results as Record<string, CaseResult>;
  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    expect(results[c.name]).toBeDefined();
    checkCase(c, results[c.name]);
  });
});
