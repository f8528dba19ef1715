/**
 * `gammats data info` on the H.E.S.S. DR1 store (skipped without real data) and its
 * error paths (always).
 */
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { gammats } from "./cli-helpers.js";

const dataDir = process.env.GAMMAPY_DATA ?? resolve(import.meta.dirname, "../../../../shared/gammapy-data");
const hasData = existsSync(join(dataDir, "hess-dl3-dr1", "hdu-index.fits.gz"));
if (!hasData) console.warn(`skipping gammats data info on H.E.S.S. DR1: no data at ${dataDir} (set GAMMAPY_DATA)`);

describe("gammats data info", () => {
  test.skipIf(!hasData)("summarises the H.E.S.S. DR1 observation table", () => {
    const r = gammats(["data", "info", "$GAMMAPY_DATA/hess-dl3-dr1"], tmpdir(), { GAMMAPY_DATA: dataDir });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/observations\s+: 105\n/);
    expect(r.stdout).toContain("161236.991 s");
  });

  test.skipIf(!hasData)("describes one run: livetime, events, IRFs", () => {
    const r = gammats(["data", "info", join(dataDir, "hess-dl3-dr1"), "--obs", "23523"], tmpdir());
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("livetime            : 1581.73682 s");
    expect(r.stdout).toMatch(/events\s+: 7613\n/);
    expect(r.stdout).toMatch(/psf\s+psf_table/);
  });

  test("a missing store is one clear error, exit 1", () => {
    const r = gammats(["data", "info", "/no/such/store"], tmpdir());
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("data store not found: /no/such/store");
    expect(r.stderr).not.toContain("    at ");
  });

  test("--obs must be a run number", () => {
    const r = gammats(["data", "info", "/no/such/store", "--obs", "crab"], tmpdir());
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("--obs expects an observation id, got 'crab'");
  });
});
