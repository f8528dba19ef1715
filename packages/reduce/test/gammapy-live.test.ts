/**
 * One live run of Gammapy 1.0 (gammapy_reduce.py) on the Crab runs, checked with the same
 * comparisons as the stored numbers: the maker, every safe-mask method, the analysis loop.
 */
import { describe, test } from "vitest";
import { checkAnalysis, checkMaker, checkMasks } from "./checks.js";
import { gammapyData, liveReference, storedReference } from "./helpers.js";

const data = gammapyData();
if (data.dir === undefined) console.log(`skipping the live Gammapy comparison: ${data.reason}`);

describe("reduction vs Gammapy 1.0 run live", () => {
  test.skipIf(data.dir === undefined)("maker, safe masks and the 1D loop on runs 23592 and 23559", async () => {
    const live = liveReference(storedReference().request, data.dir!);
    if (live === undefined) return;
    checkMaker(live, data.dir!);
    checkMasks(live, data.dir!);
    await checkAnalysis(live, data.dir!);
  });
});
