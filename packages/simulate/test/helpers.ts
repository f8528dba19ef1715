/**
 * Test helpers: simple statistics over typed arrays.
 */

/** Mean of the values where `keep` is true. */
export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s / x.length;
}

/** Unbiased variance. */
export function variance(x: ArrayLike<number>): number {
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i]! - m) ** 2;
  return s / (x.length - 1);
}

/** Maximiser of a unimodal function on [a, b] (golden-section search). */
export function argmax(f: (x: number) => number, a: number, b: number, tol = 1e-7): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  while (b - a > tol) {
    if (fc > fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}

/** ∫ f over [a, b] in ln x with Simpson's rule on n (even) intervals. */
export function integrateLog(f: (x: number) => number, a: number, b: number, n = 4000): number {
  const la = Math.log(a);
  const h = (Math.log(b) - la) / n;
  let s = 0;
  for (let i = 0; i <= n; i++) {
    const x = Math.exp(la + i * h);
    const w = i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2;
    s += w * f(x) * x;
  }
  return (s * h) / 3;
}

/** Indices where a predicate holds. */
export function where(n: number, pred: (i: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (pred(i)) out.push(i);
  return out;
}
