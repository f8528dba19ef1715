/**
 * Cash and WStat counts statistics against numbers from Gammapy 1.0 (hard-coded, so they
 * are checked without Python): n_on = 0, n_off = 0, zero background, exact zero excess,
 * a known signal, the degenerate α = 0, and where Gammapy's root searches fail.
 */
import { DataError } from "@gammats/core";
import { describe, expect, test } from "vitest";
import { CashCountsStatistic, WStatCountsStatistic, liMaSignificance, liMaSignificanceBin } from "@gammats/datasets";

/** |a − e| <= rtol·|e| + atol element-wise; NaN expected means NaN. */
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

describe("CashCountsStatistic", () => {
  // n_on = 0 with background, a small excess, no excess, a large excess, a deficit,
  // n_on = 0 with zero background, high counts.
  const stat = new CashCountsStatistic([0, 1, 5, 10, 3, 0, 100], [2, 0.5, 5, 2, 7, 0, 80]);

  test("excess, error, statistics, TS, signed significance, p-value", () => {
    expectClose(stat.nSig, [-2, 0.5, 0, 8, -4, 0, 20], 0, "n_sig");
    expectClose(stat.error, [0, 1, 2.23606797749979, 3.1622776601683795, 1.7320508075688772, 0, 10], 1e-15, "error");
    expectClose(stat.statNull, [4, 2.386294361119891, -6.094379124341003, -9.862943611198906, 2.324539105668121, 2e-25, -716.4053269347762], 1e-13, "stat_null");
    expectClose(stat.statMax, [2e-25, 2, -6.094379124341003, -26.051701859880907, -0.5916737320086574, 2e-25, -721.0340371976182], 1e-13, "stat_max");
    expectClose(stat.ts, [4, 0.3862943611198908, 0, 16.188758248682, 2.9162128376767784, 0, 4.628710262841992], 1e-12, "ts");
    expectClose(stat.sqrtTs, [-2, 0.6215258330269875, 0, 4.023525599357111, -1.7076922549677322, 0, 2.1514437624167617], 1e-12, "sqrt_ts");
    expectClose(stat.pValue, [0.022750131948179285, 0.2671268514120074, 0.5, 2.866667449895735e-5, 0.04384673000340732, 0.5, 0.015720595078713664], 1e-12, "p_value");
    // Zero excess gives +0, not −0.
    expect(Object.is(stat.sqrtTs[2], 0)).toBe(true);
  });

  test("errors and upper limits (n_on = 0: errn = n_on = 0)", () => {
    expectClose(stat.computeErrn(), [0, 0.698290437315664, 1.915915841041445, 2.8381054483065666, 1.4160257442241626, 0, 9.669481706823579], 1e-9, "errn");
    expectClose(stat.computeErrp(), [0.5, 1.357676673945899, 2.5811058071252275, 3.5040325597722344, 2.0802366974966633, 0.5, 10.336074311183598], 1e-9, "errp");
    expectClose(stat.computeErrn(2), [0, 0.9475309025422851, 3.2504787947955953, 5.067605762248467, 2.279573812964804, 0, 18.689488478688588], 1e-9, "errn(2)");
    expectClose(stat.computeErrp(2), [2, 3.505241495792883, 5.893762179295387, 7.722498296092304, 4.907658169317234, 2, 21.354970715172904], 1e-9, "errp(2)");
    expectClose(stat.computeUpperLimit(), [2.5, 7.017192765854131, 9.989590358164001, 20.696064435983253, 4.542190253094021, 4.5, 53.0720600088004], 1e-9, "ul");
    expectClose(stat.computeUpperLimit(2), [0, 4.005241495792883, 5.893762179295387, 15.722498296092304, 0.9076581693172335, 2, 41.354970715172904], 1e-9, "ul(2)", 1e-12);
  });

  test("excess matching a significance, by the secant method as Gammapy", () => {
    expectClose(stat.nSigMatchingSignificance(5), [10.550545990213653, 6.698484101596174, 14.836573849280978, 10.550545990213653, 16.94195595970932, 0.2269362785089063, 48.718132128268294], 1e-9, "5σ");
    // The exact answer for background 2 is −2; secant's stopping rule leaves Gammapy (and us)
    // 6.5e-9 short of it.
    expectClose(stat.nSigMatchingSignificance(-2), [-1.9999999934720472, -0.5263752586748424, -3.7375976023697017, -1.9999999934720472, -4.570931673544593, -0.024200079211886036, -17.20864805371095], 1e-12, "−2σ");
    expect(Array.from(stat.nSigMatchingSignificance(0))).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  test("matching excess inverts the significance", () => {
    const bkg = [0.3, 4, 250];
    const nSig = new CashCountsStatistic(0, bkg).nSigMatchingSignificance(4);
    const back = new CashCountsStatistic(Array.from(nSig, (n, i) => n + bkg[i]), bkg).sqrtTs;
    expectClose(back, [4, 4, 4], 1e-7, "round trip");
  });

  test("sum, broadcasting of a number, length mismatch", () => {
    const summed = new CashCountsStatistic([3, 4], 1.5).sum();
    expect(Array.from(summed.nOn)).toEqual([7]);
    expect(Array.from(summed.muBkg)).toEqual([3]);
    expect(summed.length).toBe(1);
    expect(() => new CashCountsStatistic([1, 2, 3], [1, 2])).toThrow(DataError);
    expect(() => new CashCountsStatistic([1, 2, 3], [1, 2])).toThrow(/mu_bkg has 2 elements but n_on has 3/);
  });
});

describe("WStatCountsStatistic", () => {
  // n_on = 0; n_off = 0; no excess; small background; fractional alpha; n_on = n_off = 0;
  // high counts; α = 0 (degenerate); α = 0 and nothing measured; a known signal.
  const nOn = [0, 1, 5, 10, 3, 0, 100, 5, 0, 4];
  const nOff = [2, 0, 5, 2, 7, 0, 80, 10, 0, 6];
  const alpha = [0.5, 0.5, 1, 0.1, 0.2, 0.3, 1, 0, 0, 0.5];
  const muSig = [0, 0, 0, 0, 0, 0, 0, 0, 0, 2.5];
  const stat = new WStatCountsStatistic(nOn, nOff, alpha, muSig);

  test("excess, background, error, TS, signed significance, p-value", () => {
    expectClose(stat.nSig, [-1, 1, 0, 9.8, 1.5999999999999999, 0, 20, 5, 0, -1.5], 0, "n_sig");
    expectClose(stat.nBkg, [1, 0, 5, 0.2, 1.4000000000000001, 0, 80, 0, 0, 3], 0, "n_bkg");
    expectClose(stat.error, [0.7071067811865476, 1, 3.1622776601683795, 3.1654383582688825, 1.8110770276274835, 0, 13.416407864998739, 2.23606797749979, 0, 2.345207879911715], 1e-15, "error");
    expectClose(stat.statNull, [1.621860432432658, 2.19722457733622, 0, 37.52567716239339, 1.0857725693858242, 0, 2.226817426543903, NaN, NaN, 0.3653369882567983], 1e-12, "stat_null", 1e-13);
    expectClose(stat.statMax, [0, 0, 0, 0, 0, 0, 0, NaN, NaN, 0], 0, "stat_max", 1e-13);
    expectClose(stat.ts, [1.621860432432658, 2.19722457733622, 0, 37.52567716239341, 1.0857725693858278, 0, 2.226817426543903, NaN, NaN, 0.36533698825680005], 1e-12, "ts", 1e-13);
    expectClose(stat.sqrtTs, [-1.2735228433101065, 1.4823038073675112, 0, 6.1258205297244395, 1.0420041119812473, 0, 1.4922524674276478, NaN, NaN, -0.6044311278026637], 1e-12, "sqrt_ts");
    expectClose(stat.pValue, [0.10141628592806713, 0.06912973784973878, 0.5, 4.5108726489577964e-10, 0.14870488626145462, 0.5, 0.06781648623449964, NaN, NaN, 0.27277852288056403], 1e-11, "p_value");
  });

  test("errors and upper limits, incl. Gammapy's values for α = 0", () => {
    // For α = 0 the statistic is NaN everywhere and Brent's bisection drifts to 0: errn =
    // n_sig − 1e-12, errp = 1e-12 − n_sig — meaningless, but what Gammapy reports.
    expectClose(stat.computeErrn(), [0.88271475258261, 0.7006938556659451, 3.238074884089993, 2.8421718478808415, 1.5449741169256026, 0.14999999999999997, 13.397937589577406, 4.999999999998863, 0, 2.204734081264019], 1e-9, "errn");
    expectClose(stat.computeErrp(), [0.689069783783671, 1.3576766739458992, 3.2380748840899907, 3.506582669239771, 2.134238536999286, 0.5, 13.471648987852745, -4.999999999998696, 1.8189894035458565e-12, 2.5871833469262615], 1e-9, "errp");
    expectClose(stat.computeErrn(2), [2.146193220620583, 1.4506938556659452, 6.874890574776897, 5.078614751297908, 2.730584864527323, 0.5999999999999999, 26.833547152414386, 4.999999999998863, 0, 4.35511517441997], 1e-9, "errn(2)");
    expectClose(stat.computeErrp(2), [2.1890697837836712, 3.505241495792883, 6.874890574776896, 7.726732546809874, 4.987750784329857, 2, 27.12418691000505, -4.99999999999898, 1.8189894035458565e-12, 5.79056821499535], 1e-9, "errp(2)");
    expectClose(stat.computeUpperLimit(), [3.6890697837836712, 7.517192765854131, 11.146298417282674, 22.50145767924017, 10.236480047668845, 4.5, 61.056175013846754, 1.3879120993464505e-12, 1.3642420526593924e-12, 8.2338029967117], 1e-9, "ul");
    expectClose(stat.computeUpperLimit(2), [1.1890697837836712, 4.505241495792883, 6.874890574776896, 17.526732546809875, 6.587750784329857, 2, 47.12418691000505, 1.0200137643323137e-12, 1.8189894035458565e-12, 4.29056821499535], 1e-9, "ul(2)");
  });

  test("excess matching a significance; NaN where Gammapy's secant fails", () => {
    expectClose(stat.nSigMatchingSignificance(5), [15.397328233172528, 11.37799033283547, 29.722633208505126, 6.935648169891223, 12.24247884610345, 8.524642980133894, 76.15001190980087, NaN, NaN, 19.518610547360694], 1e-9, "5σ");
    expectClose(stat.nSigMatchingSignificance(-2), [NaN, NaN, -4.416214120823602, NaN, NaN, NaN, -23.324456254543943, NaN, NaN, NaN], 1e-9, "−2σ");
  });

  test("Li & Ma eq. 17 equals sqrtTs without signal, incl. n_on = 0 and n_off = 0", () => {
    const rows = [0, 1, 2, 3, 4, 5, 6];
    const pick = (a: number[]): Float64Array => Float64Array.from(rows, (i) => a[i]);
    const out = liMaSignificance(rows.length, pick(nOn), pick(nOff), pick(alpha), new Float64Array(rows.length));
    expectClose(out, [-1.2735228433101065, 1.4823038073675112, 0, 6.1258205297244395, 1.0420041119812473, 0, 1.4922524674276478], 1e-12, "Li & Ma");
    // Closed form check of one value: n_on = 1, n_off = 0 gives √(2 ln((1+α)/α)).
    expect(liMaSignificanceBin(1, 0, 0.5)).toBeCloseTo(Math.sqrt(2 * Math.log(3)), 14);
    // A bin with offset: only bins [1, 2) are written.
    const two = new Float64Array([-7, -7]);
    liMaSignificance(1, Float64Array.of(0, 10), Float64Array.of(0, 2), Float64Array.of(0, 0.1), two, 1);
    expect(two[0]).toBe(-7);
    expect(two[1]).toBeCloseTo(6.1258205297244395, 13);
  });

  test("sum pools counts and weights α by n_off", () => {
    const s = new WStatCountsStatistic([5, 6], [10, 30], [0.2, 0.1]).sum();
    expect(Array.from(s.nOn)).toEqual([11]);
    expect(Array.from(s.nOff)).toEqual([40]);
    expect(s.alpha[0]).toBeCloseTo(0.125, 15);
    expect(s.nSig[0]).toBeCloseTo(6, 13);
    // Known signal is summed too (Gammapy 1.0 drops it).
    expect(new WStatCountsStatistic([5, 6], [10, 30], [0.2, 0.1], [1, 2]).sum().muSig[0]).toBe(3);
  });
});
