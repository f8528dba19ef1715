import { PowerLawSpectralModel } from "@gammats/modeling";
import { expect, test } from "vitest";
import { guessSedType, nSigmaFromUlConfidence, referenceFluxes, sedColumnNames, ulConfidence } from "../src/index.js";
import { expectClose } from "./helpers.js";

test("UL_CONF as Gammapy writes it, and back", () => {
  expect(ulConfidence(2)).toBe(0.9544997);
  expect(ulConfidence(3)).toBe(0.9973002);
  expect(ulConfidence(1)).toBe(0.6826895);
  expect(nSigmaFromUlConfidence(0.9544997)).toBe(2);
  expect(nSigmaFromUlConfidence(0.95)).toBe(2);
  expect(nSigmaFromUlConfidence(0.9973002)).toBe(3);
  expect(() => nSigmaFromUlConfidence(1.2)).toThrow(/UL_CONF/);
});

test("the SED type is guessed from the columns in Gammapy's order", () => {
  expect(guessSedType(["e_ref", "dnde", "dnde_err"])).toBe("dnde");
  expect(guessSedType(["e_ref", "e_min", "e_max", "dnde", "flux"])).toBe("dnde");
  expect(guessSedType(["e_min", "e_max", "eflux"])).toBe("eflux");
  expect(guessSedType(["e_ref", "e_min", "e_max", "ref_dnde", "ref_flux", "ref_eflux", "norm"])).toBe("likelihood");
  expect(guessSedType(["e_ref", "norm"])).toBeUndefined();
  expect(sedColumnNames("likelihood").ul).toBe("norm_ul");
});

test("reference fluxes of a power law of index 2 have closed forms", () => {
  const model = new PowerLawSpectralModel({ index: 2, amplitude: "1e-12 cm-2 s-1 TeV-1" });
  const ref = referenceFluxes(model, [1, 10], [10, 100], [Math.sqrt(10), Math.sqrt(1000)]);
  expectClose(ref.dnde, [1e-13, 1e-15], 1e-12);
  expectClose(ref.e2dnde, [1e-12, 1e-12], 1e-12);
  expectClose(ref.flux, [9e-13, 9e-14], 1e-12);
  expectClose(ref.eflux, [1e-12 * Math.LN10, 1e-12 * Math.LN10], 1e-10);
});
