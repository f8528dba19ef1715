// Data store, selections and observation metadata against numbers Gammapy 1.0 gave
// (fixtures/gammapy-1.0-reference.json, made by gammapy_reference.py static) on H.E.S.S.
// DR1 and CTA 1DC. Skips, with a printed reason, when the data are absent.
import { describe } from "vitest";
import { defineGammapyChecks } from "./gammapy-checks.js";
import { gammapyData, storedReference } from "./helpers.js";

const data = gammapyData();
if (data.reason) console.warn(`skipping stored Gammapy comparisons: ${data.reason}`);

describe.skipIf(data.reason !== undefined)("against stored Gammapy 1.0 numbers", () => {
  defineGammapyChecks(storedReference, () => data.dir!);
});
