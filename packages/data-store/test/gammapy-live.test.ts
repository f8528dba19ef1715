// The same comparisons on numbers computed now by Gammapy (/usr/bin/python3), so that a
// change of data or of Gammapy shows. Skips, with a printed reason, when the data,
// the interpreter or gammapy are missing.
import { beforeAll, describe, expect, it } from "vitest";
import { defineGammapyChecks } from "./gammapy-checks.js";
import { gammapyData, gammapyMissing, runReference, storedReference } from "./helpers.js";
import type { StaticReference } from "./helpers.js";

const data = gammapyData();
const reason = data.reason ?? gammapyMissing();
if (reason) console.warn(`skipping live Gammapy comparisons: ${reason}`);

describe.skipIf(reason !== undefined)("against Gammapy 1.0 run live", () => {
  let ref: StaticReference;
  beforeAll(() => {
    ref = runReference<StaticReference>(data.dir!, ["static"]);
  });

  it("reproduces the stored reference numbers", () => {
    expect(ref).toEqual(storedReference());
  });

  defineGammapyChecks(() => ref, () => data.dir!);
});
