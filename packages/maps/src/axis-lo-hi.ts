/**
 * GADF DL3 axis columns: an IRF axis is stored as two vector columns `<PREFIX>_LO` and
 * `<PREFIX>_HI` in a one-row table (ENERG_LO/HI, THETA_LO/HI, MIGRA_LO/HI, ...). Equal
 * LO and HI mean the values are nodes (bin centres); otherwise they are contiguous bins.
 */
import { DataError } from "@gammats/core";
import { dl3AxisSpec, dl3ColumnPrefix } from "./axis-names.js";
import type { InterpScale } from "./interpolation-scale.js";
import { MapAxis } from "./map-axis.js";

// NumPy's allclose defaults, which Gammapy uses to tell nodes from edges; they absorb
// float32 storage rounding (CTA's DETX holds -6.1e-16 for 0).
const RTOL = 1e-5;
const ATOL = 1e-8;

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= ATOL + RTOL * Math.abs(b);
}

/**
 * Builds an axis from GADF DL3 LO/HI vectors: a center axis on HI when LO ≈ HI
 * everywhere (Gammapy's test), otherwise an edges axis LO[0..n−1] + HI[n−1] after
 * checking that the bins are contiguous (LO[i + 1] ≈ HI[i]).
 *
 * @param lo - lower bin bounds (or nodes) [unit]
 * @param hi - upper bin bounds (or nodes) [unit]
 * @param unit - column unit (TUNIT), "" when dimensionless
 * @param name - axis name, e.g. "energy_true"
 * @param interp - axis scale, e.g. "log" for energies
 * @param column - column prefix for messages, e.g. "ENERG" (default: name)
 * @returns the axis
 * @throws DataError for empty or unequal lengths, gaps or overlaps between bins, or
 *   nodes a MapAxis rejects
 * @example
 * ```ts
 * axisFromLoHi(new Float64Array([0.1, 1]), new Float64Array([1, 10]), "TeV", "energy_true", "log").edges;
 * // [0.1, 1, 10]
 * ```
 */
export function axisFromLoHi(
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  unit: string,
  name: string,
  interp: InterpScale,
  column?: string,
): MapAxis {
  const col = column ?? name;
  const n = lo.length;
  if (n === 0 || hi.length !== n) {
    throw new DataError(`axis columns ${col}_LO/${col}_HI have ${n} and ${hi.length} values`, {
      hint: "both columns need the same, non-zero number of values",
    });
  }
  let nodeLike = true;
  for (let i = 0; i < n && nodeLike; i++) nodeLike = close(lo[i]!, hi[i]!);
  if (nodeLike) return MapAxis.fromNodes(hi, { unit, name, interp });

  const edges = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    edges[i] = lo[i]!;
    if (i + 1 < n && !close(lo[i + 1]!, hi[i]!)) {
      throw new DataError(
        `axis columns ${col}_LO/${col}_HI are not contiguous: ${col}_HI[${i}] = ${hi[i]} but ${col}_LO[${i + 1}] = ${lo[i + 1]}`,
        { hint: "IRF axes need adjacent bins (LO[i+1] = HI[i]) or equal LO and HI (nodes); fix the file" },
      );
    }
  }
  edges[n] = hi[n - 1]!;
  return MapAxis.fromEdges(edges, { unit, name, interp });
}

/** LO/HI vectors of an axis, as stored in GADF DL3 tables. */
export interface LoHiColumns {
  /** Lower bounds (edges axis) or the nodes (center axis) [unit]. */
  readonly lo: Float64Array;
  /** Upper bounds (edges axis) or the nodes (center axis) [unit]. */
  readonly hi: Float64Array;
  /** Unit of both (TUNIT). */
  readonly unit: string;
}

/**
 * The inverse of {@link axisFromLoHi}: lower/upper edges of an edges axis, the centres
 * twice for a center axis.
 *
 * @param axis - the axis
 * @returns LO and HI vectors (new arrays) and their unit
 * @example
 * ```ts
 * axisToLoHi(MapAxis.fromNodes([0, 0.5], { unit: "deg" })); // { lo: [0, 0.5], hi: [0, 0.5], unit: "deg" }
 * ```
 */
export function axisToLoHi(axis: MapAxis): LoHiColumns {
  if (axis.nodeType === "center") {
    return { lo: axis.centers.slice(), hi: axis.centers.slice(), unit: axis.unit };
  }
  return { lo: axis.edgesMin.slice(), hi: axis.edgesMax.slice(), unit: axis.unit };
}

/**
 * Builds the axis stored under a GADF DL3 column prefix, with the name and scale GADF
 * assigns to it (ENERG is reconstructed energy in "BKG" and "RAD_MAX" tables).
 *
 * @param prefix - column prefix: ENERG, ETRUE, THETA, MIGRA, RAD, DETX or DETY
 * @param lo - `<prefix>_LO` vector [unit]
 * @param hi - `<prefix>_HI` vector [unit]
 * @param unit - TUNIT of the columns
 * @param hduClass2 - HDUCLAS2 of the table, e.g. "EFF_AREA", "BKG"
 * @returns the axis
 * @throws DataError for an unknown prefix or bad columns
 * @example
 * ```ts
 * dl3AxisFromColumns("THETA", lo, hi, "deg", "EFF_AREA").name; // "offset"
 * ```
 */
export function dl3AxisFromColumns(
  prefix: string,
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  unit: string,
  hduClass2?: string,
): MapAxis {
  const spec = dl3AxisSpec(prefix, hduClass2);
  if (spec === undefined) {
    throw new DataError(`unknown GADF DL3 axis column prefix '${prefix}'`, {
      hint: "expected one of ENERG, ETRUE, THETA, MIGRA, RAD, DETX, DETY",
    });
  }
  return axisFromLoHi(lo, hi, unit, spec.name, spec.interp, prefix);
}

/**
 * Column names and values that store an axis in a GADF DL3 table.
 *
 * @param axis - an axis with a DL3 name (energy, energy_true, offset, migra, rad, fov_lon, fov_lat)
 * @returns prefix ("ENERG", ...), LO/HI vectors and unit
 * @throws DataError when GADF DL3 has no column for the axis name
 * @example
 * ```ts
 * dl3AxisToColumns(offsetAxis).prefix; // "THETA"
 * ```
 */
export function dl3AxisToColumns(axis: MapAxis): LoHiColumns & { readonly prefix: string } {
  const prefix = dl3ColumnPrefix(axis.name);
  if (prefix === undefined) {
    throw new DataError(`axis '${axis.name}' has no GADF DL3 column`, {
      hint: "name it energy, energy_true, offset, migra, rad, fov_lon or fov_lat",
    });
  }
  return { prefix, ...axisToLoHi(axis) };
}
