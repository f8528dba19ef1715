/**
 * cash, cstat and wstat per bin and summed against numbers from Gammapy 1.0 (hard-coded):
 * the truncation of empty/negative predictions, its single-precision log in Gammapy's
 * compiled sum, n = 0, NaN inputs, n_on = 0, n_off = 0, μ_sig = 0 and < 0, α = 0; masks
 * and offsets.
 */
import { describe, expect, test } from "vitest";
import {
  TRUNCATION_VALUE,
  cash,
  cashBin,
  cashSum,
  cstat,
  cstatBin,
  cstatSum,
  wstat,
  wstatBin,
  wstatGofTermsBin,
  wstatMuBkg,
  wstatMuBkgBin,
  wstatSum,
} from "@gammats/datasets";

function expectClose(actual: ArrayLike<number>, expected: readonly number[], rtol: number, what: string, atol = 0): void {
  expect(actual.length, `${what} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(e)) {
      if (!Number.isNaN(a)) expect.fail(`${what}[${i}] = ${a}, expected NaN`);
    } else if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
      expect.fail(`${what}[${i}] = ${a}, expected ${e}`);
    }
  }
}

// Edge bins: μ = 0, < 0, below and at the truncation, just above it in double but below it
// in single precision, NaN; n = 0, < 0, NaN.
const n = Float64Array.of(0, 0, 0, 0, 1, 3, 3, 5, 2, 10, 4, -1, NaN, 0, 7);
const mu = Float64Array.of(0, -1, 1e-30, 2.5, 0, 1e-25, 1.0000000180025095e-25, 5, 3, 0.1, NaN, 2, 0, NaN, 1e6);
const mask = Uint8Array.of(1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1);
const N = n.length;

describe("cash and cstat", () => {
  test("cash per bin as Gammapy's cash", () => {
    expectClose(
      cash(N, n, mu, new Float64Array(N)),
      [2e-25, 2e-25, 2e-25, 5, 115.12925464970228, 345.38776394910684, 345.3877638410918, -6.094379124341003, 1.6055508453275618, 46.25170185988091, NaN, 5.386294361119891, NaN, NaN, 1999806.5828521885],
      1e-14,
      "cash",
    );
    expect(TRUNCATION_VALUE).toBe(1e-25);
  });

  test("cash summed as Gammapy's cash_sum_cython: NaN μ truncated, n <= 0 and NaN n skip the log", () => {
    expect(cashSum(N, n, mu)).toBeCloseTo(2001123.7675264955, 8);
    expect(cashSum(N, n, mu, mask)).toBeCloseTo(2000317.862744221, 8);
    // The compiled sum uses ln(float32(1e-25)): 115.129254610… not the per-bin 115.129254649….
    expect(cashSum(1, Float64Array.of(1), Float64Array.of(0))).toBe(115.12925461061933);
    expect(cashBin(1, 0)).toBeCloseTo(115.12925464970228, 12);
    expect(cashBin(1, 0) - cashSum(1, Float64Array.of(1), Float64Array.of(0))).toBeCloseTo(3.908e-8, 11);
    expect(cashSum(1, Float64Array.of(-1), Float64Array.of(2))).toBe(4);
    expect(cashSum(1, Float64Array.of(0), Float64Array.of(NaN))).toBe(2e-25);
  });

  test("offset: bins [offset, offset + length) of every array", () => {
    const out = new Float64Array(N).fill(-1);
    cash(3, n, mu, out, 7);
    expect(Array.from(out.subarray(6, 11))).toEqual([-1, cashBin(5, 5), cashBin(2, 3), cashBin(10, 0.1), -1]);
    expect(cashSum(3, n, mu, null, 7)).toBeCloseTo(-6.094379124341003 + 1.6055508453275618 + 46.25170185988091, 12);
    // The mask is read at the same positions: bin 10 masked out.
    expect(cashSum(2, n, mu, mask, 9)).toBeCloseTo(46.25170185988091, 12);
  });

  test("cstat per bin (NaN μ gives 0) and summed", () => {
    const expected = [0, 0, 0, 5, 113.12925464970228, 345.9794376811155, 345.9794375731004, 0, 0.3781395675673429, 72.30340371976182, 0, 4, NaN, 0, 1999819.8255942753];
    expectClose(cstat(N, n, mu, new Float64Array(N)), expected, 1e-14, "cstat");
    expect(cstatBin(0, 1)).toBe(2);
    const finite = Uint8Array.from(expected, (x) => (Number.isNaN(x) ? 0 : 1));
    expect(cstatSum(N, n, mu, finite)).toBeCloseTo(expected.reduce((s, x, i) => (finite[i] ? s + x : s), 0), 7);
  });
});

describe("wstat", () => {
  // n_on = n_off = 0 with and without signal; n_on = 0; n_off = 0 with signal below and
  // above n_on; exact fit; positive and negative signal; α = 0; a large negative signal;
  // α = 1; high counts; vanishing signal.
  const nOn = Float64Array.of(0, 0, 0, 0, 4, 4, 4, 10, 10, 10, 3, 3, 7, 1000, 2);
  const nOff = Float64Array.of(0, 0, 5, 5, 0, 0, 0, 20, 20, 20, 2, 7, 3, 5000, 9);
  const alpha = Float64Array.of(0.5, 0.5, 0.2, 0.2, 0.3, 0.3, 0.3, 0.5, 0.5, 0.5, 0, 0.1, 1, 0.2, 0.25);
  const muSig = Float64Array.of(0, 2, 0, 3, 0, 2.5, 10, 0, 5, -1, 1, -5, 1e-3, 30, 1e-30);
  const M = nOn.length;

  test("profile background as get_wstat_mu_bkg", () => {
    expectClose(
      wstatMuBkg(M, nOn, nOff, alpha, muSig, new Float64Array(M)),
      [0, 0, 4.166666666666667, 4.166666666666667, 3.0769230769230766, 0, 0, 20, 17.583057392117915, 20.71253485622231, NaN, 53.098629832784745, 4.99930004200336, 4975.612671496791, 8.8],
      1e-14,
      "mu_bkg",
    );
    expect(wstatMuBkgBin(10, 20, 0.5, 0)).toBe(20);
  });

  test("per bin with and without the goodness-of-fit terms", () => {
    expectClose(
      wstat(M, nOn, nOff, alpha, muSig, new Float64Array(M)),
      [0, 4, 1.8232155679395454, 7.823215567939545, 11.730696550347417, 0.7600290339658846, 4.669674145006761, 0, 1.4716425480090294, 0.06810610812591733, NaN, 72.0710361212598, 1.644857654105511, 0.7401029485918116, 0.023270686119747808],
      1e-12,
      "wstat",
      // Values near 0 are differences of terms up to 1e5 (n_on = 1000): rounding ~1e-11.
      1e-10,
    );
    expectClose(
      wstat(M, nOn, nOff, alpha, muSig, new Float64Array(M), 0, false),
      [0, 4, -4.271163556401458, 1.7288364435985422, 8.640341661388293, -2.33032585499324, 1.5793192560476363, -105.88099280204054, -104.40935025403151, -105.81288669391462, NaN, 58.23662030247675, -12.189558164677532, -86986.70236917805, -20.299360428171976],
      1e-13,
      "wstat without extra terms",
    );
    expectClose([wstatGofTermsBin(1, 0), wstatGofTermsBin(0, 0), wstatGofTermsBin(7, 3)], [-2, 0, 13.83441582], 1e-9, "gof terms");
  });

  test("with a given background instead of the profile", () => {
    expect(wstatBin(10, 20, 0.5, 5, 15)).toBeCloseTo(2.0444118717870197, 13);
    expect(wstatBin(10, 20, 0.5, 5, 15, false)).toBeCloseTo(-103.83658093025352, 12);
    // The profile background minimises it.
    expect(wstatBin(10, 20, 0.5, 5)).toBeLessThan(wstatBin(10, 20, 0.5, 5, 15));
  });

  test("summed as MapDatasetOnOff.stat_sum: NaN (α = 0) dropped, mask applied", () => {
    expect(wstatSum(M, nOn, nOff, alpha, muSig)).toBeCloseTo(106.82584693141095, 9);
    const m = Uint8Array.of(1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1);
    expect(wstatSum(M, nOn, nOff, alpha, muSig, m)).toBeCloseTo(102.06581789744507, 9);
    expect(wstatSum(1, nOn, nOff, alpha, muSig, null, 10)).toBe(0);
  });
});
