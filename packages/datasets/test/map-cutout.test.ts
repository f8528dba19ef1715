/**
 * mapDatasetCutout without values: the same geometries, dtypes and units as the cut-out
 * with values, every map zero.
 */
import { describe, expect, test } from "vitest";
import { PSFMap, EDispKernelMap } from "@gammats/irf";
import { copyMapDatasetDeep, mapDatasetCutout } from "@gammats/datasets";
import type { WcsNDMap } from "@gammats/maps";
import { irfMapDataset } from "./map-fixtures.js";

function sameLayout(a: WcsNDMap | null, b: WcsNDMap | null): void {
  expect(a === null).toBe(b === null);
  if (a === null || b === null) return;
  expect(a.geom.dataShape).toEqual(b.geom.dataShape);
  expect(a.geom.wcs.crpix).toEqual(b.geom.wcs.crpix);
  expect(a.geom.equals(b.geom)).toBe(true);
  expect(a.dtype).toBe(b.dtype);
  expect(a.unit).toBe(b.unit);
  expect(b.data.every((v: number) => v === 0)).toBe(true);
}

describe("mapDatasetCutout", () => {
  test("values: false gives zero maps on the cut-out geometries", () => {
    const ds = copyMapDatasetDeep(irfMapDataset(1));
    const at = { lon: 83.7, lat: 22.05, frame: "icrs" };
    const full = mapDatasetCutout(ds, at, 0.6, "a");
    const geoms = mapDatasetCutout(ds, at, 0.6, "b", { values: false });
    for (const k of ["counts", "exposure", "background", "maskSafe", "maskFit"] as const) sameLayout(full[k], geoms[k]);
    expect(full.counts!.data.some((v) => v !== 0)).toBe(true);
    const [pf, pg] = [full.psf as PSFMap, geoms.psf as PSFMap];
    expect(pg).toBeInstanceOf(PSFMap);
    sameLayout(pf.psfMap, pg.psfMap);
    sameLayout(pf.exposureMap, pg.exposureMap);
    const [ef, eg] = [full.edisp as EDispKernelMap, geoms.edisp as EDispKernelMap];
    expect(eg).toBeInstanceOf(EDispKernelMap);
    sameLayout(ef.edispMap, eg.edispMap);
    sameLayout(ef.exposureMap, eg.exposureMap);
    expect(geoms.name).toBe("b");
    expect(geoms.gti).toBe(ds.gti);
    expect(geoms.livetime).toBe(ds.livetime);
  });
});
