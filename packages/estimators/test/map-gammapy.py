"""Reference maps from Gammapy 1.0 for the map-estimator tests.

Reads JSON on stdin: one synthetic dataset (plain arrays on a WCS grid) and a list of
jobs (excess or TS map options); builds the MapDataset / MapDatasetOnOff from the very same
arrays, runs ExcessMapEstimator / TSMapEstimator and writes every output map as JSON.
Non-finite numbers travel as the strings "nan", "inf", "-inf".
"""
import json
import sys
import time
import warnings

import numpy as np

warnings.simplefilter("ignore")
import astropy.units as u  # noqa: E402
from gammapy.datasets import MapDataset, MapDatasetOnOff  # noqa: E402
from gammapy.estimators import ExcessMapEstimator, TSMapEstimator  # noqa: E402
from gammapy.irf import EDispKernelMap  # noqa: E402
from gammapy.maps import Map, MapAxis, WcsGeom  # noqa: E402
from gammapy.modeling.models import (  # noqa: E402
    GaussianSpatialModel,
    PointSpatialModel,
    PowerLawSpectralModel,
    SkyModel,
)


def enc(a):
    a = np.asarray(a, dtype=float).ravel()
    return [x if np.isfinite(x) else ("nan" if np.isnan(x) else ("inf" if x > 0 else "-inf")) for x in a.tolist()]


inp = json.load(sys.stdin)
g = inp["geom"]
e_axis = MapAxis.from_edges(inp["energy_edges"], unit="TeV", name="energy", interp="log")
et_axis = MapAxis.from_edges(inp["energy_true_edges"], unit="TeV", name="energy_true", interp="log")
geom = WcsGeom.create(skydir=tuple(g["skydir"]), binsz=g["binsz"], npix=tuple(g["npix"]), frame=g["frame"], axes=[e_axis])
geom_true = geom.to_image().to_cube([et_axis])


def cube(name, gm=geom, unit=""):
    return Map.from_geom(gm, data=np.array(inp[name], dtype=float).reshape(gm.data_shape), unit=unit)


def mask(name):
    if inp.get(name) is None:
        return None
    return Map.from_geom(geom, data=np.array(inp[name], dtype=bool).reshape(geom.data_shape))


edisp = EDispKernelMap.from_diagonal_response(e_axis, et_axis, geom=geom.to_image())
matrix = np.array(inp["edisp"], dtype=float).reshape(et_axis.nbin, e_axis.nbin)
edisp.edisp_map.data[...] = matrix[:, :, np.newaxis, np.newaxis]

common = dict(exposure=cube("exposure", geom_true, "cm2 s"), edisp=edisp, mask_safe=mask("mask_safe"), mask_fit=mask("mask_fit"))
cash = MapDataset(counts=cube("counts"), background=cube("background"), name="cash", **common)
onoff = MapDatasetOnOff(
    counts=cube("counts"), counts_off=cube("counts_off"), acceptance=cube("acceptance"),
    acceptance_off=cube("acceptance_off"), name="onoff", **common,
)


def source_model(spec):
    spectral = PowerLawSpectralModel(index=spec["index"], amplitude=f"{spec['amplitude']} cm-2 s-1 TeV-1")
    spatial = PointSpatialModel(lon_0=f"{spec['lon']} deg", lat_0=f"{spec['lat']} deg", frame=g["frame"])
    return SkyModel(spectral_model=spectral, spatial_model=spatial, name="src")


def kernel_model(spec):
    spectral = PowerLawSpectralModel(index=spec.get("index", 2))
    if spec.get("sigma") is None:
        return SkyModel(spectral_model=spectral, spatial_model=PointSpatialModel(), name="kernel")
    return SkyModel(spectral_model=spectral, spatial_model=GaussianSpatialModel(sigma=f"{spec['sigma']} deg"), name="kernel")


out = {"jobs": []}
if inp.get("model") is not None:
    cash.models = [source_model(inp["model"])]
    out["npred_signal"] = enc(cash.npred_signal().data)
    cash.models = None

for job in inp["jobs"]:
    ds = cash if job["dataset"] == "cash" else onoff
    ds.models = [source_model(inp["model"])] if job.get("with_model") else None
    o = job["options"]
    edges = None if o.get("energy_edges") is None else o["energy_edges"] * u.TeV
    if job["kind"] == "excess":
        est = ExcessMapEstimator(
            correlation_radius=f"{o['correlation_radius']} deg", n_sigma=o.get("n_sigma", 1),
            n_sigma_ul=o.get("n_sigma_ul", 2), selection_optional=o.get("selection_optional"),
            energy_edges=edges, correlate_off=o.get("correlate_off", True),
        )
    else:
        est = TSMapEstimator(
            model=kernel_model(o.get("kernel", {})), kernel_width=f"{o['kernel_width']} deg",
            downsampling_factor=o.get("downsampling_factor"), n_sigma=o.get("n_sigma", 1),
            n_sigma_ul=o.get("n_sigma_ul", 2), threshold=o.get("threshold"), rtol=o.get("rtol", 0.01),
            selection_optional=o.get("selection_optional"), energy_edges=edges,
        )
    t0 = time.time()
    res = est.run(ds)
    print(job["kind"], job["dataset"], f"{time.time() - t0:.2f} s", file=sys.stderr)
    maps = {name: enc(res[name].data) for name in res.available_quantities}
    for name in ("flux", "flux_err", "flux_ul", "dnde"):
        q = name.split("_")[1] if "_" in name else None
        if q is None or f"norm_{q}" in res.available_quantities:
            maps["sed_" + name] = enc(getattr(res, name).data)
    axis = res.geom.axes["energy"]
    job_out = {"maps": maps, "energy_edges": axis.edges.to_value("TeV").tolist(), "shape": list(res["norm"].data.shape)}
    if job["kind"] == "excess":
        m = res["sqrt_ts"]
        data = np.nan_to_num(m.data, nan=-np.inf)
        idx = np.unravel_index(np.argmax(data), data.shape)
        sky = m.geom.get_coord().skycoord[idx]
        lon, lat = (sky.l.deg, sky.b.deg) if m.geom.frame == "galactic" else (sky.ra.deg, sky.dec.deg)
        job_out["summary"] = {"max_sqrt_ts": float(data[idx]), "lon_deg": float(lon), "lat_deg": float(lat),
                              "frame": m.geom.frame, "excess_sum": float(np.nansum(res["npred_excess"].data))}
    out["jobs"].append(job_out)
ds = None
json.dump(out, sys.stdout)
