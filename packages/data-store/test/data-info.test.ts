// dataInfo against golden text files (fixtures/data-info-*.txt; the data folder written as
// $GAMMAPY_DATA). Numbers in them match Gammapy (livetime, event counts, times: see the
// Gammapy comparison tests). Set UPDATE_GOLDEN=1 to rewrite them after a deliberate change.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DataStore, dataInfo } from "@gammats/data-store";
import { gammapyData } from "./helpers.js";

const here = dirname(fileURLToPath(import.meta.url));
const data = gammapyData();
if (data.reason) console.warn(`skipping dataInfo tests: ${data.reason}`);

function golden(name: string, text: string): void {
  const path = join(here, "fixtures", name);
  const normalised = text.split(data.dir!).join("$GAMMAPY_DATA") + "\n";
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(path)) writeFileSync(path, normalised);
  expect(normalised).toBe(readFileSync(path, "utf8"));
}

describe.skipIf(data.reason !== undefined)("dataInfo", () => {
  it("summarises a store: runs, targets, total livetime, time span", () => {
    const store = DataStore.fromDir(join(data.dir!, "hess-dl3-dr1"));
    const text = dataInfo(store);
    expect(text).toMatch(/observations {8}: 105\n/);
    expect(text).toContain("Crab Nebula (4)");
    expect(text).toContain("total livetime      : 44.78805 h (161236.991 s)");
    golden("data-info-hess.txt", text);
    golden("data-info-cta.txt", dataInfo(DataStore.fromDir(join(data.dir!, "cta-1dc/index/gps"))));
  });

  it("describes one run: pointing, times, livetime, events, HDUs and classes", () => {
    const store = DataStore.fromDir(join(data.dir!, "hess-dl3-dr1"));
    const text = dataInfo(store, 23523);
    expect(text).toContain("events              : 7613");
    expect(text).toContain("    psf      psf_table   hess_dl3_dr1_obs_id_023523.fits.gz [psf]");
    golden("data-info-23523.txt", text);
    golden("data-info-110380.txt", dataInfo(DataStore.fromDir(join(data.dir!, "cta-1dc/index/gps")), 110380));
    expect(() => dataInfo(store, 1)).toThrow(/observation 1 is not in the HDU index/);
    expect(() => dataInfo(store, 1.5)).toThrow(/not an integer/);
  });
});
