/**
 * "Did you mean ...?" suggestions for misspelt keys and values.
 */

/**
 * Edit distance between two strings: insertions, deletions, substitutions and swaps of
 * two neighbouring characters each cost 1 (optimal string alignment distance), so the
 * common typo "edsip" is one edit from "edisp".
 *
 * @param a - first string
 * @param b - second string
 * @example
 * ```ts
 * editDistance("stak", "stack");  // 1
 * editDistance("edsip", "edisp"); // 1
 * ```
 */
export function editDistance(a: string, b: string): number {
  // Rows i-2, i-1 and i of the dynamic-programming table.
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      row.push(d);
    }
    before = prev;
    prev = row;
  }
  return prev[b.length];
}

/**
 * The candidate closest to `word`, if it is close enough to be a plausible typo:
 * at most a third of the word's length (and at least 1, at most 3) edits away,
 * ignoring case and treating `-` like `_`.
 *
 * @param word - what the user wrote
 * @param candidates - the allowed words
 * @example
 * ```ts
 * didYouMean("energy_tru", ["energy", "energy_true"]); // "energy_true"
 * didYouMean("xyz", ["energy"]);                       // undefined
 * ```
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/-/g, "_");
  const w = norm(word);
  const limit = Math.min(3, Math.max(1, Math.floor(w.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, norm(c));
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
