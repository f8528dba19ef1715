# Reference numbers for the reflected-regions tests, computed with Gammapy 1.0
# (/usr/bin/python3). Prints one JSON document on stdout. Needs GAMMAPY_DATA (H.E.S.S. DR1)
# and GAMMATS_TEST_DATA (the project's simulated point-like store, optional).
import json
import os
import sys

import astropy.units as u
import numpy as np
from astropy.coordinates import SkyCoord
from regions import CircleSkyRegion, EllipseSkyRegion, PointSkyRegion, RectangleSkyRegion

from gammapy.data import DataStore
from gammapy.datasets import SpectrumDataset
from gammapy.makers import (
    ReflectedRegionsBackgroundMaker,
    ReflectedRegionsFinder,
    WobbleRegionsFinder,
)
from gammapy.maps import MapAxis, RegionGeom, WcsGeom

TARGET = SkyCoord(83.633, 22.014, unit="deg", frame="icrs")
ENERGY = MapAxis.from_energy_bounds(0.5, 30, 20, unit="TeV", name="energy")


def region_json(r):
    out = {"kind": type(r).__name__, "lon": float(r.center.data.lon.deg), "lat": float(r.center.data.lat.deg)}
    if hasattr(r, "radius"):
        out["radius"] = float(r.radius.to_value("deg"))
    if hasattr(r, "width"):
        out["width"] = float(r.width.to_value("deg"))
        out["height"] = float(r.height.to_value("deg"))
        out["angle"] = float(r.angle.to_value("deg"))
    return out


def wcs_json(wcs):
    return {
        "crval": [float(v) for v in wcs.wcs.crval],
        "crpix": [float(v) for v in wcs.wcs.crpix],
        "cdelt": [float(v) for v in wcs.wcs.cdelt],
        "npix": [int(v) for v in wcs.pixel_shape],
    }


def make_mask(spec):
    geom = WcsGeom.create(
        skydir=SkyCoord(spec["skydir"][0], spec["skydir"][1], unit="deg", frame=spec["frame"]),
        binsz=spec["binsz"],
        width=spec["width"],
        frame=spec["frame"],
        proj=spec["proj"],
    )
    excl = CircleSkyRegion(
        SkyCoord(spec["excl"][0], spec["excl"][1], unit="deg", frame="icrs"), spec["excl"][2] * u.deg
    )
    mask = ~geom.region_mask([excl])
    return mask, {"wcs": wcs_json(geom.wcs), "excluded": int((~mask.data).sum())}


def on_region(spec):
    c = SkyCoord(spec["lon"], spec["lat"], unit="deg", frame=spec.get("frame", "icrs"))
    kind = spec["kind"]
    if kind == "circle":
        return CircleSkyRegion(c, spec["radius"] * u.deg)
    if kind == "ellipse":
        return EllipseSkyRegion(c, spec["width"] * u.deg, spec["height"] * u.deg, angle=spec["angle"] * u.deg)
    if kind == "rectangle":
        return RectangleSkyRegion(c, spec["width"] * u.deg, spec["height"] * u.deg, angle=spec["angle"] * u.deg)
    return PointSkyRegion(c)


def run_case(case, observations):
    obs = observations[case["obs"]]
    region = on_region(case["region"])
    mask, mask_info = (None, None)
    if "mask" in case:
        mask, mask_info = make_mask(case["mask"])
    if case.get("finder") == "wobble":
        finder = WobbleRegionsFinder(**case.get("options", {}))
    else:
        finder = ReflectedRegionsFinder(**case.get("options", {}))
    regions, wcs = finder.run(region=region, center=obs.pointing_radec, exclusion_mask=mask)
    out = {"regions": [region_json(r) for r in regions], "wcs": wcs_json(wcs)}
    if mask_info is not None:
        out["mask"] = mask_info
    if case.get("maker"):
        geom = RegionGeom.create(region=region, axes=[ENERGY])
        dataset = SpectrumDataset.create(geom=geom, name=f"obs-{obs.obs_id}")
        maker = ReflectedRegionsBackgroundMaker(region_finder=finder, exclusion_mask=mask)
        onoff = maker.run(dataset, obs)
        out["counts_off"] = None if onoff.counts_off is None else [float(v) for v in onoff.counts_off.data.ravel()]
        out["acceptance_off"] = [float(v) for v in onoff.acceptance_off.data.ravel()]
        out["acceptance"] = [float(v) for v in onoff.acceptance.data.ravel()]
    return out


def main():
    cases = json.loads(sys.stdin.read())
    stores = {}
    results = {}
    for case in cases:
        store = case.get("store", "hess")
        if store not in stores:
            path = {
                "hess": os.path.join(os.environ["GAMMAPY_DATA"], "hess-dl3-dr1"),
                "point": os.path.join(os.environ.get("GAMMATS_TEST_DATA", ""), "dl3-point-like"),
            }[store]
            ds = DataStore.from_dir(path)
            required = "point-like" if store == "point" else "full-enclosure"
            stores[store] = {o.obs_id: o for o in ds.get_observations(required_irf=required)}
        try:
            results[case["name"]] = run_case(case, stores[store])
        except Exception as e:  # reported per case, so the TypeScript side can compare errors
            results[case["name"]] = {"error": f"{type(e).__name__}: {e}"}
    print(json.dumps(results))


if __name__ == "__main__":
    main()
