/**
 * Spatial-model geometry: normalisation on the sphere, orientation of elongated models,
 * point sources, unit conversion of angles.
 */
import { describe, expect, test } from "vitest";
import { DiskSpatialModel, GaussianSpatialModel, PointSpatialModel, diskNormalisation, type SpatialModel } from "@gammats/modeling";
import { expectClose } from "./helpers.js";

describe("normalisation and geometry", () => {
  // Integrates a model on a fine lon/lat grid around its centre (area element cos b).
  function integrate(model: SpatialModel, halfWidth: number, n: number): number {
    const pos = model.position!;
    const step = (2 * halfWidth) / n;
    const lon = new Float64Array(n * n);
    const lat = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        lat[i * n + j] = pos.lat - halfWidth + (i + 0.5) * step;
        lon[i * n + j] = pos.lon - halfWidth + (j + 0.5) * step;
      }
    }
    const v = model.evaluate(lon, lat);
    const d = (step * Math.PI) / 180;
    let sum = 0;
    for (let k = 0; k < v.length; k++) sum += v[k]! * Math.cos((lat[k]! * Math.PI) / 180) * d * d;
    return sum;
  }

  test("a circular Gaussian integrates to 1 on the sphere", () => {
    const g = new GaussianSpatialModel({ lon_0: "0 deg", lat_0: "0 deg", sigma: "0.5 deg" });
    expect(integrate(g, 4, 400)).toBeCloseTo(1, 4);
  });

  test("an elongated Gaussian is longest along phi (east of north)", () => {
    const g = new GaussianSpatialModel({ lon_0: "0 deg", lat_0: "0 deg", sigma: "0.5 deg", e: 0.8, phi: "90 deg" });
    const [east, north] = g.evaluate(Float64Array.of(0.5, 0), Float64Array.of(0, 0.5));
    // major axis 0.5° to the east, minor 0.3° to the north: exp(-1/2) / exp(-(0.5/0.3)²/2)
    expect(east! / north!).toBeCloseTo(Math.exp(-0.5 + 0.5 * (0.5 / 0.3) ** 2), 4);
    expect(integrate(g, 4, 400)).toBeCloseTo(1, 3);
  });

  test("disk normalisation is 1 / solid angle of the cap", () => {
    expect(diskNormalisation(1, 0)).toBeCloseTo(1 / (2 * Math.PI * (1 - Math.cos(Math.PI / 180))), 8);
    const disk = new DiskSpatialModel({ r_0: "0.5 deg", e: 0.6, phi: "30 deg", edge_width: 0.01 });
    expect(integrate(disk, 0.7, 700)).toBeCloseTo(1, 2);
  });

  test("a point source has a position but no surface brightness", () => {
    const p = new PointSpatialModel({ lon_0: "83.633 deg", lat_0: "22.014 deg" });
    expect(p.position).toEqual({ lon: 83.633, lat: 22.014, frame: "icrs" });
    expect(p.isPoint).toBe(true);
    expect(() => p.evaluate()).toThrow(/point source has no surface brightness/);
  });

  test("angles given in other units are converted (rad, arcmin)", () => {
    const a = new GaussianSpatialModel({ lon_0: `${Math.PI / 4} rad`, lat_0: "0 deg", sigma: "18 arcmin" });
    const b = new GaussianSpatialModel({ lon_0: "45 deg", lat_0: "0 deg", sigma: "0.3 deg" });
    const lon = Float64Array.of(45.1, 45.4);
    const lat = Float64Array.of(0.1, -0.2);
    expectClose(a.evaluate(lon, lat), b.evaluate(lon, lat), 1e-12);
  });
});
