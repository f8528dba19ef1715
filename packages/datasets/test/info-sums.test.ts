/**
 * The one-pass sums of info_dict give the numbers of the plain per-array loops, bit for
 * bit: the Cash counts statistic (Σ counts and Σ background together) and the exposure
 * range (unsafe pixels skipped before their exposure is read), on seeded random input
 * with NaN, ±0, negative and missing values, with and without masks.
 */
import { describe, expect, test } from "vitest";
import { cashInfoCounts, exposureRange, infoCounts, maskedSum } from "../src/info-sums.js";

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/** exposureRange as it was: one condition per value, exposure read first. */
function exposureRangeReference(exposure: ArrayLike<number>, safeImage: Uint8Array | null, npix: number): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  let any = false;
  const step = npix > 0 ? npix : exposure.length;
  for (let p0 = 0; p0 < exposure.length; p0 += step) {
    for (let i = p0; i < Math.min(p0 + step, exposure.length); i++) {
      const v = exposure[i]!;
      if (!(v > 0) || (safeImage !== null && safeImage[i - p0] === 0)) continue;
      any = true;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (!any) {
    for (let i = 0; i < exposure.length; i++) {
      const v = exposure[i]!;
      if (v < min || v !== v) min = v;
      if (v > max || v !== v) max = v;
    }
  }
  return [min, max];
}

const same = (a: unknown, b: unknown): boolean => Object.is(a, b);

describe("info sums", () => {
  const special = [NaN, -0, 0, -1.5, Infinity];
  const values = (rnd: () => number, n: number, scale: number) =>
    Float64Array.from({ length: n }, (_, i) => (i % 11 === 0 ? special[(i / 11) % special.length]! : rnd() * scale));

  test("infoCounts (Cash) sums counts and background as two maskedSum passes", () => {
    const rnd = lcg(3);
    for (const n of [0, 1, 7, 500]) {
      const counts = Float64Array.from({ length: n }, () => Math.floor(rnd() * 4));
      const background = values(rnd, n, 2);
      for (const mask of [null, Uint8Array.from({ length: n }, () => (rnd() < 0.6 ? 1 : 0)), new Uint8Array(n), Uint8Array.from({ length: Math.floor(n / 2) }, () => 1)]) {
        const got = infoCounts(counts, mask, { kind: "cash", background });
        const want = cashInfoCounts(maskedSum(counts, mask), maskedSum(background, mask));
        for (const key of Object.keys(want) as (keyof typeof want)[]) expect(same(got[key], want[key]), `${n} ${key}`).toBe(true);
      }
    }
  });

  test("exposureRange equals the per-value reference", () => {
    const rnd = lcg(11);
    for (const [planes, npix] of [[0, 5], [1, 1], [3, 7], [10, 40]] as const) {
      const exposure = values(rnd, planes * npix, 1e10);
      const images = [null, Uint8Array.from({ length: npix }, () => (rnd() < 0.5 ? 1 : 0)), new Uint8Array(npix), Uint8Array.from({ length: Math.floor(npix / 2) }, () => 0)];
      for (const image of images) {
        const got = exposureRange(exposure, image, npix);
        const want = exposureRangeReference(exposure, image, npix);
        expect(same(got[0], want[0]) && same(got[1], want[1]), `${planes}x${npix}: ${got} vs ${want}`).toBe(true);
      }
    }
  });
});
