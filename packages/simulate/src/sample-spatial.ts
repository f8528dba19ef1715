/**
 * True source positions: the centre of a point source, or draws from a Gaussian
 * (exact on the sphere when circular; flat-sky for an elliptical one), in ICRS.
 */
import { DataError, offsetBy, transformFrame } from "@gammats/core";
import type { SpatialModel } from "@gammats/modeling";
import type { Random } from "@gammats/core";

/** Positions [deg], ICRS. */
export interface Positions {
  /** Right ascensions [deg]. */
  ra: Float64Array;
  /** Declinations [deg]. */
  dec: Float64Array;
}

/**
 * ICRS centre of a spatial model.
 *
 * @param spatial - point or Gaussian model
 * @returns centre [deg]
 * @throws DataError for a model without a position
 */
export function spatialCentreIcrs(spatial: SpatialModel): { ra: number; dec: number } {
  const pos = spatial.position;
  if (pos === undefined) {
    throw new DataError(`spatial model ${spatial.tag[0]} has no position to simulate around`, {
      hint: "use a PointSpatialModel or GaussianSpatialModel",
    });
  }
  if (pos.frame === "icrs") return { ra: pos.lon, dec: pos.lat };
  const c = transformFrame(pos.lon, pos.lat, pos.frame, "icrs");
  return { ra: c.lon, dec: c.lat };
}

/**
 * Radius beyond which a model has no emission worth simulating [deg]: 0 for a point,
 * 5 σ for a Gaussian.
 *
 * @param spatial - the model
 * @returns radius [deg]
 */
export function spatialExtent(spatial: SpatialModel): number {
  return spatial.isPoint ? 0 : (spatial.evaluationRadius ?? 0);
}

/**
 * Draws true positions.
 *
 * @param spatial - PointSpatialModel or GaussianSpatialModel
 * @param count - number of positions
 * @param rng - random stream
 * @returns ICRS positions
 * @throws DataError for other spatial models
 */
export function sampleSourcePositions(spatial: SpatialModel, count: number, rng: Random): Positions {
  const pos = spatial.position;
  if (pos === undefined || !(spatial.isPoint || spatial.tag[0] === "GaussianSpatialModel")) {
    throw new DataError(`cannot simulate events for spatial model ${spatial.tag[0]}`, {
      hint: "use a PointSpatialModel or GaussianSpatialModel",
    });
  }
  if (spatial.isPoint) {
    const c = spatialCentreIcrs(spatial);
    return { ra: new Float64Array(count).fill(c.ra), dec: new Float64Array(count).fill(c.dec) };
  }
  const p = spatial.parameters;
  const sigma = p.get("sigma").internalValue;
  const e = p.get("e").internalValue;
  const phi = p.get("phi").internalValue;
  const sep = new Float64Array(count);
  const pa = new Float64Array(count);
  if (e === 0) {
    // Gammapy's Gaussian ∝ exp(-(1 - cos θ) / 2a), a = 1 - cos σ; with u = 1 - cos θ,
    // dΩ = 2π du, so u is exponential (scale 2a) truncated to [0, 2].
    const a = 1 - Math.cos(sigma * (Math.PI / 180));
    const tail = -Math.expm1(-1 / a);
    for (let i = 0; i < count; i++) {
      const u = -2 * a * Math.log1p(-rng.uniform() * tail);
      sep[i] = 2 * Math.asin(Math.min(1, Math.sqrt(u / 2))) * (180 / Math.PI);
      pa[i] = 360 * rng.uniform();
    }
  } else {
    const minor = sigma * Math.sqrt(1 - e * e);
    for (let i = 0; i < count; i++) {
      const x = sigma * rng.normal();
      const y = minor * rng.normal();
      sep[i] = Math.hypot(x, y);
      pa[i] = phi + Math.atan2(y, x) * (180 / Math.PI);
    }
  }
  if (count === 0) return { ra: new Float64Array(0), dec: new Float64Array(0) };
  const moved = offsetBy(pos.lon, pos.lat, pa, sep);
  if (pos.frame === "icrs") return { ra: moved.lon, dec: moved.lat };
  const icrs = transformFrame(moved.lon, moved.lat, pos.frame, "icrs");
  return { ra: icrs.lon, dec: icrs.lat };
}
