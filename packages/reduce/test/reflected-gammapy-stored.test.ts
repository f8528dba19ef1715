// The reflected-regions cases against stored Gammapy 1.0 numbers (reflected-gammapy-reference.json,
// written by reflected-gammapy-live.test.ts with REFLECTED_WRITE_REFERENCE=1): off-region
// centres to 1e-9 deg, counts_off and acceptance_off per energy bin. Needs H.E.S.S. DR1
// (GAMMAPY_DATA or ../shared/gammapy-data) and test-data/; skips, printing why, without them.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CASES, REFERENCE_FILE, checkCase, hessData, pointData } from "./reflected-cases.js";
import type { CaseResult } from "./reflected-cases.js";

const reference = JSON.parse(readFileSync(REFERENCE_FILE, "utf8")) as Record<string, CaseResult>;
const hess = hessData();
const point = pointData();
if (hess.reason !== undefined) console.log(`reflected regions, stored H.E.S.S. checks skipped: ${hess.reason}`);
if (point.reason !== undefined) console.log(`reflected regions, stored point-like checks skipped: ${point.reason}`);

describe("reflected regions vs stored Gammapy 1.0 numbers", () => {
  for (const c of CASES) {
    const reason = (c.store ?? "hess") === "hess" ? hess.reason : point.reason;
    it.skipIf(reason !== undefined)(c.name, () => {
      checkCase(c, reference[c.name]);
    });
  }

  it("stores the numbers the tests rely on", () => {
    // Spot values, so that a regenerated reference file cannot silently drift.
    expect(reference["23523-r0.11"].regions).toHaveLength(12);
    expect(reference["23523-r0.11"].regions[0].lon).toBeCloseTo(83.90768259399006, 10);
    expect(reference["23523-r0.11"].regions[0].lat).toBeCloseTo(21.944101583900025, 10);
    expect(reference["23592-r0.11"].regions).toHaveLength(41);
    expect(reference["23592-r0.11"].wcs.npix).toEqual([631, 631]);
    expect(reference["23592-mindist"].regions).toHaveLength(5);
    expect(reference["23523-inside"].regions).toHaveLength(0);
    expect(reference["23592-r0.11"].acceptance_off![0]).toBe(41);
  });
});
