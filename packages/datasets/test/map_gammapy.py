"""Gammapy 1.0 side of map-gammapy-live.test.ts.

Reads JSON on stdin. Builds MapDatasets from plain arrays (counts, exposure,
background, masks, Gaussian PSF map, Gaussian edisp kernel map, GTI), sets sky models and
a FoV background model, and prints JSON: npred (total, per model, background), the
statistic, residuals, info_dict, each evaluator's cut-out and PSF kernel, npred after
parameter changes, the stack of two datasets, the info table, an on/off dataset's
numbers, and a cut-out; it writes the datasets with MapDataset.write. With mode "all" it
also reads the files gammats wrote beforehand and prints their contents and npred.
Non-finite numbers travel as the strings "nan", "inf", "-inf".
"""
import json
import sys
import warnings

import numpy as np

warnings.simplefilter("ignore")
import astropy.units as u  # noqa: E402
from astropy.coordinates import SkyCoord  # noqa: E402
from astropy.time import Time  # noqa: E402
from gammapy.data import GTI  # noqa: E402
from gammapy.datasets import Datasets, MapDataset, MapDatasetOnOff  # noqa: E402
from gammapy.irf import EDispKernelMap, PSFMap  # noqa: E402
from gammapy.maps import Map, MapAxis, WcsGeom  # noqa: E402
from gammapy.modeling.models import (  # noqa: E402
    DiskSpatialModel,
    FoVBackgroundModel,
    GaussianSpatialModel,
    GeneralizedGaussianSpatialModel,
    Models,
    PointSpatialModel,
    PowerLawNormSpectralModel,
    PowerLawSpectralModel,
    Shell2SpatialModel,
    ShellSpatialModel,
    SkyModel,
)

SPATIAL = {
    "point": PointSpatialModel,
    "gauss": GaussianSpatialModel,
    "disk": DiskSpatialModel,
    "gengauss": GeneralizedGaussianSpatialModel,
    "shell": ShellSpatialModel,
    "shell2": Shell2SpatialModel,
}
ANGLES = {"lon_0", "lat_0", "sigma", "r_0", "phi", "radius", "width"}


def enc(a):
    a = np.asarray(a, dtype=float).ravel()
    return [x if np.isfinite(x) else ("nan" if np.isnan(x) else ("inf" if x > 0 else "-inf")) for x in a.tolist()]


def num(x):
    if hasattr(x, "unit"):
        for unit in ("cm2 s", "s", "s-1", ""):
            if x.unit.is_equivalent(unit):
                x = x.to_value(unit)
                break
    return enc([x])[0]


def axes(inp):
    ereco = MapAxis.from_energy_edges(np.array(inp["ereco"]) * u.TeV)
    etrue = MapAxis.from_energy_edges(np.array(inp["etrue"]) * u.TeV, name="energy_true")
    return ereco, etrue


def build_dataset(inp, spec, name):
    ereco, etrue = axes(inp)
    g = inp["geom"]
    geom = WcsGeom.create(
        skydir=SkyCoord(g["skydir"][0], g["skydir"][1], unit="deg", frame=g["frame"]),
        binsz=g["binsz"],
        npix=tuple(g["npix"]),
        proj=g["proj"],
        frame=g["frame"],
        axes=[ereco],
    )
    ds = MapDataset.create(geom, energy_axis_true=etrue, binsz_irf=inp["binsz_irf"], name=name)
    shape = geom.data_shape
    ds.counts.data = np.array(spec["counts"], dtype=float).reshape(shape)
    eg = ds.exposure.geom
    ds.exposure = Map.from_geom(eg, data=np.array(spec["exposure"], dtype=float).reshape(eg.data_shape), unit="cm2 s")
    ds.exposure.meta["livetime"] = spec["livetime"] * u.s
    ds.background.data = np.array(spec["background"], dtype=float).reshape(shape)
    ds.mask_safe.data = np.array(spec["mask_safe"], dtype=bool).reshape(shape)
    if spec.get("mask_fit") is not None:
        ds.mask_fit = Map.from_geom(geom, data=np.array(spec["mask_fit"], dtype=bool).reshape(shape), dtype=bool)
    irf_image = ds.psf.psf_map.geom.to_image()
    psf = PSFMap.from_gauss(etrue, sigma=np.array(spec["psf_sigma"]) * u.deg, geom=irf_image)
    psf.exposure_map.data[...] = np.array(spec["irf_exposure"]).reshape((-1, 1, 1, 1))
    ds.psf = psf
    edisp = EDispKernelMap.from_gauss(ereco, etrue, sigma=spec["edisp_sigma"], bias=spec["edisp_bias"], geom=irf_image)
    edisp.exposure_map.data[...] = np.array(spec["irf_exposure"]).reshape((-1, 1, 1, 1))
    ds.edisp = edisp
    ref = Time(spec["gti_ref_mjd"], format="mjd", scale="tt")
    ds.gti = GTI.create(np.array(spec["gti_start"]) * u.s, np.array(spec["gti_stop"]) * u.s, reference_time=ref)
    return ds


def sky_models(specs):
    out = []
    for m in specs:
        spectral = PowerLawSpectralModel(
            index=m["index"], amplitude=m["amplitude"] * u.Unit("cm-2 s-1 TeV-1"), reference=m["reference"] * u.TeV
        )
        pars = {k: (v * u.deg if k in ANGLES else v) for k, v in m["spatial"].items()}
        spatial = SPATIAL[m["type"]](frame=m["frame"], **pars)
        out.append(SkyModel(spectral_model=spectral, spatial_model=spatial, name=m["name"], apply_irf=m.get("apply_irf")))
    return out


def bkg_model(spec, name):
    return FoVBackgroundModel(dataset_name=name, spectral_model=PowerLawNormSpectralModel(norm=spec["norm"], tilt=spec["tilt"]))


def info(ds):
    d = ds.info_dict()
    return {k: (num(v) if k not in ("name", "stat_type") else v) for k, v in d.items()}


def evaluators(ds):
    out = {}
    for name, ev in ds.evaluators.items():
        e = {"contributes": bool(ev.contributes)}
        if ev.contributes:
            g = ev.exposure.geom
            e["npix"] = [int(np.ravel(n)[0]) for n in g.npix]
            e["crpix"] = [float(c) for c in g.wcs.wcs.crpix]
        if ev.psf is not None:
            k = ev.psf.psf_kernel_map
            e["psf"] = enc(k.data)
            e["psf_npix"] = [int(np.ravel(n)[0]) for n in k.geom.npix]
        out[name] = e
    return out


def map_dump(ds):
    d = {
        "name": ds.name,
        "counts": enc(ds.counts.data),
        "exposure": enc(ds.exposure.quantity.to_value("cm2 s")),
        "livetime": num(ds.exposure.meta.get("livetime", np.nan * u.s)),
        "mask_safe": enc(ds.mask_safe.data),
        "mask_fit": None if ds.mask_fit is None else enc(ds.mask_fit.data),
        "psf": enc(ds.psf.psf_map.data),
        "psf_exposure": enc(ds.psf.exposure_map.quantity.to_value("cm2 s")),
        "edisp": enc(ds.edisp.edisp_map.data),
        "edisp_exposure": enc(ds.edisp.exposure_map.quantity.to_value("cm2 s")),
        "gti_start": enc(ds.gti.time_start.mjd),
        "gti_stop": enc(ds.gti.time_stop.mjd),
    }
    if isinstance(ds, MapDatasetOnOff):
        d["counts_off"] = enc(ds.counts_off.data)
        d["alpha"] = enc(ds.alpha.data)
    else:
        d["background"] = enc(ds.background.data)
    return d


def build(inp):
    res = {}
    ds = build_dataset(inp, inp["first"], "ds1")
    models = sky_models(inp["models"])
    ds.models = Models(models + [bkg_model(inp["bkg"], "ds1")])
    res["npred"] = enc(ds.npred().data)
    res["npred_signal"] = {m.name: enc(ds.npred_signal(model_name=m.name).data) for m in models}
    res["npred_background"] = enc(ds.npred_background().data)
    res["stat_sum"] = float(ds.stat_sum())
    res["residuals"] = enc(ds.residuals("diff/sqrt(model)").data)
    res["info"] = info(ds)
    res["evaluators"] = evaluators(ds)
    ds.write(inp["paths"]["gp_first"], overwrite=True)

    for change in inp["changes"]:
        ds.models[change["model"]].parameters[change["name"]].value = change["value"]
    res["npred_changed"] = enc(ds.npred().data)
    res["stat_sum_changed"] = float(ds.stat_sum())
    res["evaluators_changed"] = evaluators(ds)

    ds2 = build_dataset(inp, inp["second"], "ds2")
    ds2.models = Models(sky_models(inp["models"]))
    ds2.write(inp["paths"]["gp_second"], overwrite=True)
    # The index: both datasets sharing the (changed) models of the first.
    indexed = Datasets([ds, build_dataset(inp, inp["second"], "ds2")])
    indexed[1].models = Models([m for m in ds.models if m.name != "ds1-bkg"])
    indexed.write(inp["paths"]["gp_index"], filename_models=inp["paths"]["gp_models"], overwrite=True)
    res["index_stat_sum"] = float(indexed.stat_sum())
    both = Datasets([ds, ds2])
    stacked = both.stack_reduce(name="stacked")
    res["stacked"] = map_dump(stacked)
    res["stacked_info"] = info(stacked)
    table = both.info_table(cumulative=True)
    res["info_table"] = [
        {k: (num(v * table[k].unit if table[k].unit else v) if k not in ("name", "stat_type") else v) for k, v in zip(row.colnames, row)}
        for row in table
    ]

    o = inp["onoff"]
    shape = ds.counts.geom.data_shape
    onoff = MapDatasetOnOff.from_map_dataset(
        ds,
        acceptance=Map.from_geom(ds.counts.geom, data=np.ones(shape)),
        acceptance_off=Map.from_geom(ds.counts.geom, data=np.array(o["acceptance_off"], dtype=float).reshape(shape)),
        counts_off=Map.from_geom(ds.counts.geom, data=np.array(o["counts_off"], dtype=float).reshape(shape)),
        name="onoff",
    )
    onoff.models = Models(sky_models(inp["models"]))
    res["onoff_npred"] = enc(onoff.npred().data)
    res["onoff_npred_background"] = enc(onoff.npred_background().data)
    res["onoff_stat_sum"] = float(onoff.stat_sum())
    res["onoff_info"] = info(onoff)
    onoff.write(inp["paths"]["gp_onoff"], overwrite=True)

    c = inp["cutout"]
    cut = ds.cutout(SkyCoord(c["lon"], c["lat"], unit="deg", frame=c["frame"]), width=c["width"] * u.deg, name="cut")
    res["cutout"] = map_dump(cut)
    res["cutout_npix"] = [int(np.ravel(n)[0]) for n in cut.counts.geom.npix]
    res["cutout_crpix"] = [float(x) for x in cut.counts.geom.wcs.wcs.crpix]
    return res


def read(inp):
    res = {}
    ds = MapDataset.read(inp["paths"]["ts_first"])
    models = sky_models(inp["models"])
    res["first"] = map_dump(ds)
    ds.models = Models(models + [bkg_model(inp["bkg"], ds.name)])
    res["first_npred"] = enc(ds.npred().data)
    onoff = MapDatasetOnOff.read(inp["paths"]["ts_onoff"])
    res["onoff"] = map_dump(onoff)
    onoff.models = Models(sky_models(inp["models"]))
    res["onoff_stat_sum"] = float(onoff.stat_sum())
    # lazy=False: Gammapy 1.0 cannot lazy-load MapDatasetOnOff.
    index = Datasets.read(inp["paths"]["ts_index"], filename_models=inp["paths"]["ts_models"], lazy=False)
    res["index_names"] = index.names
    res["index_tags"] = [d.tag for d in index]
    res["index_stat_sum"] = float(index.stat_sum())
    return res


def main():
    inp = json.load(sys.stdin)
    out = build(inp)
    if inp["mode"] == "all":
        out["read"] = read(inp)
    json.dump(out, sys.stdout)


main()
