/**
 * Node arrays for map axes: evenly spaced nodes in an interpolation scale, the
 * per-decade bin count, and the checks every axis applies to its nodes.
 */
import { DataError } from "@gammats/core";
import { linspace } from "./linear-interp-1d.js";
import { isInterpScale } from "./interpolation-scale.js";
import type { InterpScale } from "./interpolation-scale.js";

/**
 * `count` nodes from `lo` to `hi`, evenly spaced in the given scale (NumPy arithmetic as
 * Gammapy's `MapAxis.from_bounds`): lin: linspace; log: exp(linspace(log lo, log hi));
 * sqrt: linspace(√lo, √hi)².
 *
 * @param lo - first node [axis unit]
 * @param hi - last node [axis unit]
 * @param count - number of nodes (>= 1)
 * @param interp - spacing scale
 * @returns the nodes
 * @example
 * ```ts
 * nodesFromBounds(1, 100, 3, "log"); // [1, 10.000000000000002, 100.00000000000004]
 * ```
 */
export function nodesFromBounds(lo: number, hi: number, count: number, interp: InterpScale): Float64Array {
  if (interp === "log") {
    const out = linspace(Math.log(lo), Math.log(hi), count);
    for (let i = 0; i < count; i++) out[i] = Math.exp(out[i]!);
    return out;
  }
  if (interp === "sqrt") {
    const out = linspace(lo ** 0.5, hi ** 0.5, count);
    for (let i = 0; i < count; i++) out[i] = out[i]! ** 2;
    return out;
  }
  return linspace(lo, hi, count);
}

/**
 * Number of bins for `perDecade` bins per decade between two energies, rounded up as
 * Gammapy does: ceil(log10(max / min) · perDecade).
 *
 * @param min - lower bound [any unit, same as max]
 * @param max - upper bound [same unit as min]
 * @param perDecade - bins per decade
 * @returns the total number of bins
 * @example
 * ```ts
 * binsForDecades(0.1, 100, 5); // 15
 * ```
 */
export function binsForDecades(min: number, max: number, perDecade: number): number {
  return Math.ceil(Math.log10(max / min) * perDecade);
}

/**
 * Checks axis nodes: finite, strictly increasing, positive for "log" and "sqrt" axes
 * (a zero is allowed where the scale maps it to a finite number: Gammapy permits 0
 * nodes, e.g. an offset axis starting at 0 with "sqrt").
 *
 * @param nodes - edges or centres [axis unit]
 * @param interp - interpolation scale of the axis
 * @param what - axis description for messages, e.g. "MapAxis 'energy'"
 * @throws DataError naming the first offending node and the fix
 * @example
 * ```ts
 * checkAxisNodes(new Float64Array([1, 2]), "log", "MapAxis 'energy'"); // ok
 * ```
 */
export function checkAxisNodes(nodes: Float64Array, interp: InterpScale, what: string): void {
  if (!isInterpScale(interp)) {
    throw new DataError(`${what}: unknown interpolation scale '${String(interp)}'`, {
      hint: "use 'lin', 'log' or 'sqrt'",
    });
  }
  if (nodes.length === 0) {
    throw new DataError(`${what}: no nodes given`, { hint: "give at least one node" });
  }
  for (let i = 0; i < nodes.length; i++) {
    const v = nodes[i]!;
    if (!Number.isFinite(v)) {
      throw new DataError(`${what}: node ${i} is ${v}`, { hint: "give finite node values" });
    }
    if (interp !== "lin" && v < 0) {
      throw new DataError(`${what}: node ${i} is negative (${v}) on a '${interp}' axis`, {
        hint: "use interp 'lin' for axes with negative values",
      });
    }
    if (i > 0 && !(v > nodes[i - 1]!)) {
      throw new DataError(
        `${what}: nodes must be strictly increasing, node ${i - 1} is ${nodes[i - 1]} and node ${i} is ${v}`,
        { hint: "sort the nodes in increasing order and remove duplicates" },
      );
    }
  }
}
