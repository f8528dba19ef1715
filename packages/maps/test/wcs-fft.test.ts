/**
 * FFT convolution: equal to the direct "same" convolution (and to scipy's
 * `fftconvolve(mode="same")`, live) to round-off relative to each plane's maximum, for
 * odd and even kernels, kernels larger than the image, single rows, per-plane kernels of
 * very different magnitudes, and through `WcsNDMap.convolve`.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { FftConvolvePlan, WcsGeom, WcsNDMap, MapAxis, convolveSame, convolveSameFft, convolveSameSparse, countNonZero, fftConvolveCost, fftPaddedSize, preferFft } from "@gammats/maps";

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

function random(n: number, rnd: () => number, scale = 1): Float64Array {
  return Float64Array.from({ length: n }, () => (rnd() - 0.3) * scale);
}

/** max |a - b| / max |b| over one plane. */
function relToMax(a: ArrayLike<number>, b: ArrayLike<number>, offset = 0, n = b.length): number {
  let d = 0;
  let m = 0;
  for (let i = offset; i < offset + n; i++) {
    d = Math.max(d, Math.abs(a[i]! - b[i]!));
    m = Math.max(m, Math.abs(b[i]!));
  }
  return d / m;
}

describe("FFT convolution vs direct", () => {
  const cases: [number, number, number, number][] = [
    [1, 3, 1, 3], // one row (padded to 2 rows)
    [7, 5, 3, 4], // even kernel width: scipy's centring (k - 1) // 2
    [5, 6, 9, 11], // kernel larger than the image
    [40, 33, 33, 33],
    [64, 64, 1, 1], // identity kernel size
  ];
  for (const [ny, nx, ky, kx] of cases) {
    test(`${ny}x${nx} image, ${ky}x${kx} kernel`, () => {
      const rnd = lcg(ny * 1000 + kx);
      const img = random(ny * nx, rnd);
      const k = random(ky * kx, rnd);
      const direct = convolveSame(img, ny, nx, k, ky, kx, new Float64Array(ny * nx));
      const fft = convolveSameFft(img, ny, nx, k, ky, kx, new Float64Array(ny * nx));
      expect(relToMax(fft, direct)).toBeLessThan(1e-12);
      // A value of the window, not just its overall scale: the centre pixel.
      const c = (ny >> 1) * nx + (nx >> 1);
      expect(Math.abs(fft[c]! - direct[c]!)).toBeLessThan(1e-12 * Math.max(...direct.map(Math.abs)));
    });
  }

  test("sparse direct convolution equals the kernel-major loop, at the edges too", () => {
    for (const [ny, nx, ky, kx] of [[9, 11, 5, 7], [5, 6, 9, 11], [40, 33, 33, 33]] as const) {
      const rnd = lcg(ny * 31 + kx);
      const img = new Float64Array(ny * nx);
      // A few pixels, one on each corner, as a point source near the cut-out edge.
      for (const i of [0, nx - 1, (ny - 1) * nx, ny * nx - 1, (ny >> 1) * nx + 2]) img[i] = rnd() + 0.5;
      const k = random(ky * kx, rnd);
      const direct = convolveSame(img, ny, nx, k, ky, kx, new Float64Array(ny * nx));
      // Into the second plane of a larger output, from the second plane of a kernel cube.
      const cube = new Float64Array(2 * ky * kx);
      cube.set(k, ky * kx);
      const out = new Float64Array(3 * ny * nx).fill(7);
      convolveSameSparse(img, 0, ny, nx, cube, ky * kx, ky, kx, out, ny * nx);
      const plane = out.subarray(ny * nx, 2 * ny * nx);
      expect(relToMax(plane, direct)).toBeLessThan(1e-14);
      expect(plane[(ny >> 1) * nx + (nx >> 1)]).toBeCloseTo(direct[(ny >> 1) * nx + (nx >> 1)]!, 14);
      expect(out[0]).toBe(7);
      expect(out[2 * ny * nx]).toBe(7);
    }
    expect(countNonZero(Float64Array.of(0, 2, 0, NaN, -1), 1, 3)).toBe(2);
    expect(fftConvolveCost(200, 200, 41, 41)).toBe(1.5 * 256 * 256 * 16);
  });

  test("padding: no wrap-around into the window with the minimal power of two", () => {
    expect(fftPaddedSize(100, 33)).toBe(128); // 100 + 32 - 16 = 116
    expect(fftPaddedSize(112, 33)).toBe(128); // 128 exactly
    expect(fftPaddedSize(113, 33)).toBe(256);
    // The tightest case: the padded size equals n + k - 1 - c; a point source at the
    // image corner must not leak to the opposite edge.
    const ny = 112, nx = 112, k = 33;
    const img = new Float64Array(ny * nx);
    img[0] = 1;
    img[ny * nx - 1] = 2;
    const kern = random(k * k, lcg(7));
    const direct = convolveSame(img, ny, nx, kern, k, k, new Float64Array(ny * nx));
    const fft = convolveSameFft(img, ny, nx, kern, k, k, new Float64Array(ny * nx));
    expect(relToMax(fft, direct)).toBeLessThan(1e-12);
    expect(Math.abs(fft[(ny >> 1) * nx + (nx >> 1)]!)).toBeLessThan(1e-14); // far from both points: 0
  });

  test("per-plane kernels, planes 1e12 apart: each plane exact relative to its own maximum", () => {
    const ny = 30, nx = 41, ky = 15, kx = 15, np = 5;
    const rnd = lcg(3);
    const img = new Float64Array(np * ny * nx);
    const kern = new Float64Array(np * ky * kx);
    for (let p = 0; p < np; p++) {
      img.set(random(ny * nx, rnd, 10 ** (6 - 3 * p)), p * ny * nx);
      kern.set(random(ky * kx, rnd, p + 1), p * ky * kx);
    }
    const plan = new FftConvolvePlan(ny, nx, ky, kx).setKernel(kern, np);
    const out = plan.convolve(img, np, new Float64Array(np * ny * nx));
    for (let p = 0; p < np; p++) {
      const d = convolveSame(img.subarray(p * ny * nx, (p + 1) * ny * nx), ny, nx, kern.subarray(p * ky * kx, (p + 1) * ky * kx), ky, kx, new Float64Array(ny * nx));
      expect(relToMax(out.subarray(p * ny * nx, (p + 1) * ny * nx), d), `plane ${p}`).toBeLessThan(1e-12);
    }
    // The plan is reusable: a second call gives the same numbers, and convolveWithKernel
    // (spectra two at a time) agrees.
    const again = plan.convolve(img, np, new Float64Array(np * ny * nx));
    expect(Array.from(again)).toEqual(Array.from(out));
    const pairwise = new FftConvolvePlan(ny, nx, ky, kx).convolveWithKernel(img, np, kern, np, new Float64Array(np * ny * nx));
    for (let p = 0; p < np; p++) expect(relToMax(pairwise, out, p * ny * nx, ny * nx)).toBeLessThan(1e-13);
  });

  test("one image with per-plane kernels gives a cube; zero planes stay zero", () => {
    const ny = 20, nx = 20, k = 21;
    const img = random(ny * nx, lcg(11));
    const kern = new Float64Array(3 * k * k);
    kern.set(random(k * k, lcg(12)), 0);
    kern.set(random(k * k, lcg(13)), 2 * k * k); // plane 1 all zeros
    const out = new FftConvolvePlan(ny, nx, k, k).setKernel(kern, 3).convolve(img, 3, new Float64Array(3 * ny * nx));
    expect(out.subarray(ny * nx, 2 * ny * nx).every((v) => v === 0)).toBe(true);
    const d2 = convolveSame(img, ny, nx, kern.subarray(2 * k * k), k, k, new Float64Array(ny * nx));
    expect(relToMax(out.subarray(2 * ny * nx), d2)).toBeLessThan(1e-12);
  });

  test("one image with many kernel planes (its transform reused across pairs) equals direct convolution, call after call", () => {
    const ny = 24, nx = 27, k = 11, np = 7;
    const img = random(ny * nx, lcg(31));
    const kern = random(np * k * k, lcg(32));
    const plan = new FftConvolvePlan(ny, nx, k, k).setKernel(kern, np);
    const check = (out: Float64Array) => {
      for (let p = 0; p < np; p++) {
        const d = convolveSame(img, ny, nx, kern.subarray(p * k * k, (p + 1) * k * k), k, k, new Float64Array(ny * nx));
        expect(relToMax(out.subarray(p * ny * nx, (p + 1) * ny * nx), d), `plane ${p}`).toBeLessThan(1e-12);
      }
    };
    check(plan.convolve(img, np, new Float64Array(np * ny * nx)));
    // The same array with new values: transformed again, not taken from the last call.
    img.set(random(ny * nx, lcg(33)));
    check(plan.convolve(img, np, new Float64Array(np * ny * nx)));
  });

  test("NaN in one plane stays local (direct fallback) and does not leak into its FFT partner", () => {
    const ny = 30, nx = 30, k = 15;
    const img = new Float64Array(2 * ny * nx);
    img.set(random(ny * nx, lcg(21)), 0);
    img.set(random(ny * nx, lcg(22)), ny * nx);
    img[5 * nx + 5] = NaN; // plane 0
    const kern = random(k * k, lcg(23));
    const out = new FftConvolvePlan(ny, nx, k, k).setKernel(kern, 1).convolve(img, 2, new Float64Array(2 * ny * nx));
    const d0 = convolveSame(img.subarray(0, ny * nx), ny, nx, kern, k, k, new Float64Array(ny * nx));
    const d1 = convolveSame(img.subarray(ny * nx), ny, nx, kern, k, k, new Float64Array(ny * nx));
    // Plane 0: exactly the direct result, NaN only within the kernel's reach of (5, 5).
    expect(Number.isNaN(out[5 * nx + 5]!)).toBe(true);
    expect(out[29 * nx + 29]).toBe(d0[29 * nx + 29]);
    expect(relToMax(out.subarray(ny * nx), d1)).toBeLessThan(1e-12);
    expect(out.subarray(ny * nx).every(Number.isFinite)).toBe(true);
  });

  test("errors name the problem", () => {
    const plan = new FftConvolvePlan(4, 4, 3, 3);
    expect(() => plan.convolve(new Float64Array(16), 1, new Float64Array(16))).toThrow(/no kernel set/);
    expect(() => plan.setKernel(new Float64Array(8))).toThrow(/8 values for 1 planes of 3 x 3/);
    expect(() => new FftConvolvePlan(0, 4, 3, 3)).toThrow(/ny must be a positive integer/);
  });
});

describe("WcsNDMap.convolve picks FFT for large kernels", () => {
  test("cost model: small kernels direct, PSF-sized kernels FFT", () => {
    expect(preferFft(200, 200, 5, 5)).toBe(false);
    expect(preferFft(200, 200, 41, 41)).toBe(true);
    expect(preferFft(8, 8, 3, 3)).toBe(false);
  });

  test("a 3-plane cube with a 33x33 PSF-like kernel map: FFT result equals direct", () => {
    const energy = MapAxis.fromEnergyBounds(1, 10, 3, { unit: "TeV", name: "energy_true" });
    const geom = WcsGeom.create({ skydir: [83.63, 22.01], binsz: 0.04, width: 2, axes: [energy] });
    const [nx, ny] = geom.npix;
    const rnd = lcg(5);
    const map = WcsNDMap.fromGeom(geom, { data: random(geom.size, rnd) });
    const kgeom = WcsGeom.create({ skydir: [83.63, 22.01], binsz: 0.04, npix: 33, axes: [energy] });
    const kernel = WcsNDMap.fromGeom(kgeom, { data: random(kgeom.size, rnd) });
    expect(preferFft(ny, nx, 33, 33)).toBe(true);
    const res = map.convolve(kernel);
    for (let p = 0; p < 3; p++) {
      const img = nx * ny;
      const d = convolveSame((map.data as Float64Array).subarray(p * img, (p + 1) * img), ny, nx, (kernel.data as Float64Array).subarray(p * 33 * 33, (p + 1) * 33 * 33), 33, 33, new Float64Array(img));
      expect(relToMax(res.data.subarray(p * img, (p + 1) * img), d)).toBeLessThan(1e-12);
    }
    // An image convolved with the kernel map becomes a cube on the kernel's axes.
    const image = map.getImageByIdx([0]);
    const cube = image.convolve(kernel);
    expect(cube.geom.axes[0]!.name).toBe("energy_true");
    const d1 = convolveSame(image.data as Float64Array, ny, nx, (kernel.data as Float64Array).subarray(33 * 33, 2 * 33 * 33), 33, 33, new Float64Array(nx * ny));
    expect(relToMax(cube.data.subarray(nx * ny, 2 * nx * ny), d1)).toBeLessThan(1e-12);
  });
});

// scipy.signal.fftconvolve(mode="same") on the arrays sent as JSON.
const SCIPY = `
import json, sys
import numpy as np
from scipy.signal import fftconvolve
d = json.load(sys.stdin)
out = []
for c in d:
    img = np.array(c["img"]).reshape(c["ny"], c["nx"])
    k = np.array(c["k"]).reshape(c["ky"], c["kx"])
    out.append(fftconvolve(img, k, mode="same").ravel().tolist())
print(json.dumps(out))
`;

function scipyFftconvolve(cases: { img: number[]; ny: number; nx: number; k: number[]; ky: number; kx: number }[]): number[][] | undefined {
  const py = process.env.GAMMATS_PYTHON ?? "/usr/bin/python3";
  if (!existsSync(py)) {
    console.log(`skipping scipy fftconvolve comparison: ${py} not found`);
    return undefined;
  }
  const run = spawnSync(py, ["-c", SCIPY], { input: JSON.stringify(cases), encoding: "utf8", maxBuffer: 64 << 20 });
  if (run.status !== 0) {
    console.log(`skipping scipy fftconvolve comparison: ${(run.stderr ?? "").trim().split("\n").pop()}`);
    return undefined;
  }
  return JSON.parse(run.stdout) as number[][];
}

describe("agreement with scipy.signal.fftconvolve(mode='same')", () => {
  const shapes: [number, number, number, number][] = [[25, 30, 9, 10], [12, 17, 33, 33], [50, 50, 33, 33]];
  const cases = shapes.map(([ny, nx, ky, kx], i) => {
    const rnd = lcg(100 + i);
    return { ny, nx, ky, kx, img: Array.from(random(ny * nx, rnd)), k: Array.from(random(ky * kx, rnd)) };
  });
  const ref = scipyFftconvolve(cases);
  test.skipIf(ref === undefined)("even and odd kernels, kernel larger than the image", () => {
    cases.forEach((c, i) => {
      const fft = convolveSameFft(c.img, c.ny, c.nx, c.k, c.ky, c.kx, new Float64Array(c.ny * c.nx));
      expect(relToMax(fft, ref![i]!), `case ${i}`).toBeLessThan(1e-12);
    });
  });
});
