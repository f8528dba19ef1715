/**
 * Map coordinates as users pass them — `{ lon, lat, frame?, energy: ..., ... }` like
 * Gammapy's `MapCoord` dicts — resolved against a geometry into flat Float64Arrays of
 * one common length (numbers and length-1 arrays broadcast), in the geometry's frame.
 */
import { DataError, parseFrame, transformFrame } from "@gammats/core";
import type { FrameName } from "@gammats/core";
import type { MapAxis } from "../map-axis.js";

/**
 * Coordinates of points in a map: sky position (in `frame`, default the map's) and one
 * value per non-spatial axis, keyed by axis name, in the axis unit.
 */
export interface MapCoords {
  /** Longitudes [deg]. */
  lon: ArrayLike<number> | number;
  /** Latitudes [deg]. */
  lat: ArrayLike<number> | number;
  /** Frame of lon/lat; default the geometry's. */
  frame?: FrameName | string;
  /** Non-spatial coordinates by axis name (e.g. `energy: [1, 2]` in the axis unit). */
  [axisName: string]: ArrayLike<number> | number | string | undefined;
}

/** Coordinates resolved against a geometry. */
export interface ResolvedCoords {
  /** Number of points. */
  n: number;
  /** Longitudes in the geometry frame [deg]. */
  lon: Float64Array;
  /** Latitudes in the geometry frame [deg]. */
  lat: Float64Array;
  /** One array per non-spatial axis, in axis order. */
  axes: Float64Array[];
}

function lengthOf(v: ArrayLike<number> | number): number {
  return typeof v === "number" ? 1 : v.length;
}

function broadcast(v: ArrayLike<number> | number, n: number): Float64Array {
  if (typeof v === "number") return new Float64Array(n).fill(v);
  if (v.length === n) return v instanceof Float64Array ? v : Float64Array.from(v);
  return new Float64Array(n).fill(v[0]!);
}

/**
 * Resolves coordinates for a geometry: checks that every axis has coordinates, broadcasts
 * and converts the sky position to the geometry frame.
 *
 * @param coords - the coordinates
 * @param frame - frame of the geometry
 * @param axes - non-spatial axes of the geometry
 * @param what - calling method, for error messages
 * @returns flat arrays of one length
 * @throws DataError for a missing axis coordinate, incompatible lengths or a bad frame/latitude
 * @example
 * ```ts
 * resolveCoords({ lon: [83.6, 83.7], lat: 22, energy: 1 }, "icrs", [energy], "getByCoord").n; // 2
 * ```
 */
export function resolveCoords(coords: MapCoords, frame: FrameName, axes: readonly MapAxis[], what: string): ResolvedCoords {
  if (coords.lon === undefined || coords.lat === undefined) {
    throw new DataError(`${what}: coordinates need lon and lat`, { hint: "pass { lon, lat, ... } in degrees" });
  }
  const values: (ArrayLike<number> | number)[] = [coords.lon, coords.lat];
  for (const axis of axes) {
    const v = coords[axis.name];
    if (v === undefined || typeof v === "string") {
      throw new DataError(`${what}: no coordinates for axis '${axis.name}'`, {
        hint: `give ${axes.map((a) => a.name).join(", ")} as well (in ${axes.map((a) => a.unit || "no unit").join(", ")})`,
      });
    }
    values.push(v);
  }
  const lengths = values.map(lengthOf);
  const n = lengths.some((l) => l === 0) ? 0 : Math.max(...lengths);
  if (lengths.some((l) => l !== 1 && l !== n)) {
    throw new DataError(`${what}: coordinate arrays of lengths ${lengths.join(", ")} do not broadcast`, {
      hint: "give arrays of one common length (or single values)",
    });
  }
  let lon = broadcast(coords.lon, n);
  let lat = broadcast(coords.lat, n);
  const from = coords.frame === undefined ? frame : parseFrame(coords.frame, `${what} coordinates`);
  if (from !== frame) {
    const t = transformFrame(lon, lat, from, frame);
    lon = t.lon;
    lat = t.lat;
  }
  return { n, lon, lat, axes: values.slice(2).map((v) => broadcast(v, n)) };
}
