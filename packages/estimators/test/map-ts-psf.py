"""Reference TS maps from Gammapy 1.0 for a MapDataset with a PSF (map-ts-psf.test.ts).

Reads JSON on stdin: a synthetic dataset as plain arrays (counts, background, exposure,
edisp matrix), Gaussian PSF widths per true-energy bin and TS-map jobs; builds the
MapDataset with `PSFMap.from_gauss` and an EDispKernelMap holding the matrix, runs
TSMapEstimator and writes the maps, the PSF map data (so gammats uses the same arrays)
and each job's kernel as JSON. Non-finite numbers travel as "nan", "inf", "-inf".
"""
import json
import sys
import warnings

import numpy as np

warnings.simplefilter("ignore")
import astropy.units as u  # noqa: E402
from gammapy.datasets import MapDataset  # noqa: E402
from gammapy.estimators import TSMapEstimator  # noqa: E402
from gammapy.irf import EDispKernelMap, PSFMap  # noqa: E402
from gammapy.maps import Map, MapAxis, WcsGeom  # noqa: E402
from gammapy.modeling.models import GaussianSpatialModel, PointSpatialModel, PowerLawSpectralModel, SkyModel  # noqa: E402


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


edisp = EDispKernelMap.from_diagonal_response(e_axis, et_axis, geom=geom.to_image())
matrix = np.array(inp["edisp"], dtype=float).reshape(et_axis.nbin, e_axis.nbin)
edisp.edisp_map.data[...] = matrix[:, :, np.newaxis, np.newaxis]
psf = PSFMap.from_gauss(et_axis, sigma=np.array(inp["psf_sigma"]) * u.deg)
ds = MapDataset(counts=cube("counts"), background=cube("background"), exposure=cube("exposure", geom_true, "cm2 s"),
                edisp=edisp, psf=psf, name="psf")

out = {
    "psf": {"data": enc(psf.psf_map.data), "rad_edges": psf.psf_map.geom.axes["rad"].edges.to_value("deg").tolist(),
            "dtype": str(psf.psf_map.data.dtype)},
    "jobs": [],
}
for o in inp["jobs"]:
    spectral = PowerLawSpectralModel(index=o.get("index", 2))
    sigma = o.get("sigma")
    spatial = PointSpatialModel() if sigma is None else GaussianSpatialModel(sigma=f"{sigma} deg")
    model = SkyModel(spectral_model=spectral, spatial_model=spatial, name="kernel")
    edges = None if o.get("energy_edges") is None else o["energy_edges"] * u.TeV
    est = TSMapEstimator(model=model, kernel_width=f"{o['kernel_width']} deg", selection_optional=o.get("selection_optional"),
                         energy_edges=edges, downsampling_factor=o.get("downsampling_factor"))
    kernel = est.estimate_kernel(ds.to_image())
    res = est.run(ds)
    maps = {name: enc(res[name].data) for name in res.available_quantities}
    maps["sed_flux"] = enc(res.flux.data)
    maps["sqrt_ts"] = enc(res.sqrt_ts.data)
    m = res["sqrt_ts"].data
    idx = np.unravel_index(np.argmax(np.nan_to_num(m, nan=-np.inf)), m.shape)
    out["jobs"].append({
        "maps": maps, "shape": list(m.shape), "argmax": [int(i) for i in idx],
        "energy_edges": res.geom.axes["energy"].edges.to_value("TeV").tolist(),
        "kernel": enc(kernel.data), "kernel_shape": list(kernel.data.shape), "kernel_dtype": str(kernel.data.dtype),
    })
json.dump(out, sys.stdout)
