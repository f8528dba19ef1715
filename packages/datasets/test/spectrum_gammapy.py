"""Gammapy 1.0 side of spectrum-gammapy-live.test.ts.

Reads JSON on stdin (energy edges, a region, datasets given as plain arrays, a power law,
file paths), builds the same SpectrumDatasetOnOff / SpectrumDataset objects in Gammapy
(float64 maps), and prints JSON: npred, statistics, info_dict, the in-place stack of the
first two datasets, Datasets.stack_reduce and info_table(cumulative=True), what Gammapy
reads from the files gammats wrote, and the paths of the files Gammapy wrote.
Non-finite numbers travel as the strings "nan", "inf", "-inf".
"""
import json
import sys
import warnings

import numpy as np

warnings.simplefilter("ignore")
import astropy.units as u  # noqa: E402
from astropy.table import Table  # noqa: E402
from astropy.time import Time  # noqa: E402
from gammapy.data import GTI  # noqa: E402
from gammapy.datasets import Datasets, SpectrumDataset, SpectrumDatasetOnOff  # noqa: E402
from gammapy.irf import EDispKernelMap  # noqa: E402
from gammapy.maps import MapAxis, RegionGeom, RegionNDMap  # noqa: E402
from gammapy.modeling.models import PowerLawSpectralModel, SkyModel  # noqa: E402


def enc(a):
    a = np.asarray(a, dtype=float).ravel()
    return [x if np.isfinite(x) else ("nan" if np.isnan(x) else ("inf" if x > 0 else "-inf")) for x in a.tolist()]


def num(x):
    if hasattr(x, "unit"):
        # Exposures in cm2 s, times in s, rates in s-1 (Gammapy keeps each map's unit).
        for unit in ("cm2 s", "s", "s-1", ""):
            if x.unit.is_equivalent(unit):
                x = x.to_value(unit)
                break
    return enc([x])[0]


inp = json.load(sys.stdin)
e_reco = MapAxis.from_edges(inp["e_reco"], unit="TeV", name="energy", interp="log")
e_true = MapAxis.from_edges(inp["e_true"], unit="TeV", name="energy_true", interp="log")
geom = RegionGeom.create(inp["region"], axes=[e_reco])
geom_true = geom.to_image().to_cube([e_true])
nr, nt = e_reco.nbin, e_true.nbin


def reco_map(values, dtype=float):
    return RegionNDMap.from_geom(geom, data=np.array(values, dtype=dtype).reshape((nr, 1, 1)), dtype=dtype)


def common(d):
    exposure = RegionNDMap.from_geom(geom_true, data=np.array(d["exposure"], dtype=float).reshape((nt, 1, 1)), unit="cm2 s")
    exposure.meta["livetime"] = d["livetime"] * u.s
    edisp_geom = geom.to_image().to_cube([e_reco, e_true])
    edisp_map = RegionNDMap.from_geom(edisp_geom, data=np.array(d["edisp"], dtype=float).reshape((nt, nr, 1, 1)))
    # Gammapy's IRFMap.stack mixes the raw numbers of the two exposure maps, and its
    # empty maps are in m2 s: give the kernel exposure in m2 s, as Gammapy's makers do.
    edisp_exp = RegionNDMap.from_geom(
        geom.to_image().to_cube([e_reco.squash(), e_true]),
        data=np.array(d["edisp_exposure"], dtype=float).reshape((nt, 1, 1, 1)) * 1e-4,
        unit="m2 s",
    )
    ref = Time(d["gti_ref_mjd"], format="mjd", scale="tt")
    gti = GTI.create(np.array(d["gti_start"]) * u.s, np.array(d["gti_stop"]) * u.s, reference_time=ref)
    meta = Table({"OBS_ID": [d["obs_id"]], "RA_PNT": [d["ra_pnt"]] * u.deg})
    kwargs = dict(
        name=d["name"],
        counts=reco_map(d["counts"]),
        exposure=exposure,
        edisp=EDispKernelMap(edisp_map, edisp_exp),
        mask_safe=reco_map(d["mask_safe"], dtype=bool),
        gti=gti,
        meta_table=meta,
    )
    if d.get("mask_fit") is not None:
        kwargs["mask_fit"] = reco_map(d["mask_fit"], dtype=bool)
    return kwargs


def onoff(d):
    return SpectrumDatasetOnOff(
        counts_off=reco_map(d["counts_off"]),
        acceptance=reco_map(d["acceptance"]),
        acceptance_off=reco_map(d["acceptance_off"]),
        **common(d),
    )


def cash(d):
    return SpectrumDataset(background=reco_map(d["background"]), **common(d))


def model():
    m = inp["model"]
    pl = PowerLawSpectralModel(index=m["index"], amplitude=m["amplitude"] * u.Unit("cm-2 s-1 TeV-1"), reference=m["reference"] * u.TeV)
    return SkyModel(spectral_model=pl, name="pl")


def info(ds):
    out = {}
    for k, v in ds.info_dict().items():
        if k in ("name", "stat_type"):
            out[k] = v
        else:
            out[k] = num(v)
    e_min, e_max = ds.energy_range_safe
    out["energy_min"] = num(np.nanmin(e_min.quantity.to_value("TeV")))
    out["energy_max"] = num(np.nanmax(e_max.quantity.to_value("TeV")))
    return out


def evaluate(ds):
    out = {
        "npred_signal": enc(ds.npred_signal().data),
        "npred": enc(ds.npred().data),
        "npred_background": enc(ds.npred_background().data),
        "stat_array": enc(ds.stat_array()),
        "stat_sum": num(ds.stat_sum()),
        "residuals": enc(ds.residuals().data),
        "info": info(ds),
    }
    return out


def content(ds):
    edisp = ds.edisp
    out = {
        "name": ds.name,
        "counts": enc(ds.counts.data),
        "exposure": enc(ds.exposure.quantity.to_value("cm2 s")),
        "edisp": enc(edisp.edisp_map.data),
        "edisp_exposure": enc(edisp.exposure_map.quantity.to_value("cm2 s")) if edisp.exposure_map is not None else None,
        "mask_safe": enc(ds.mask_safe.data) if ds.mask_safe is not None else None,
        "mask_fit": enc(ds.mask_fit.data) if ds.mask_fit is not None else None,
        "livetime": num(ds.exposure.meta.get("livetime", np.nan * u.s).to_value("s")),
    }
    if ds.gti is not None and len(ds.gti.table) > 0:
        out["gti_start"] = enc(ds.gti.time_start.tt.mjd)
        out["gti_stop"] = enc(ds.gti.time_stop.tt.mjd)
    if ds.meta_table is not None:
        out["obs_ids"] = [int(x) for x in np.ravel(ds.meta_table["OBS_ID"].data)]
    if isinstance(ds, SpectrumDatasetOnOff):
        out["counts_off"] = enc(ds.counts_off.data)
        out["acceptance"] = enc(ds.acceptance.data)
        out["acceptance_off"] = enc(ds.acceptance_off.data)
        out["alpha"] = enc(ds.alpha.data)
    elif ds.background is not None:
        out["background"] = enc(ds.background.data)
    return out


def stacked_result(ds):
    out = content(ds)
    ds.models = [model()]
    out["eval"] = evaluate(ds)
    return out


res = {}
for kind, make in (("onoff", onoff), ("cash", cash)):
    sets = [make(d) for d in inp["datasets"]]
    pl = model()
    for ds in sets:
        ds.models = [pl]
    res[kind] = {"datasets": [evaluate(ds) for ds in sets]}
    res[kind]["no_models"] = [info(make(d)) for d in inp["datasets"]]
    inplace = make(inp["datasets"][0])
    inplace.stack(make(inp["datasets"][1]))
    res[kind]["inplace"] = stacked_result(inplace)
    plain = Datasets([make(d) for d in inp["datasets"]])
    res[kind]["reduce"] = stacked_result(plain.stack_reduce(name="stacked"))
    table = plain.info_table(cumulative=True)
    res[kind]["info_table"] = [
        {
            c: (table[c][i] if c in ("name", "stat_type") else num(table[c].quantity[i] if table[c].unit else table[c][i]))
            for c in table.colnames
        }
        for i in range(len(table))
    ]

# Files gammats wrote: what Gammapy reads from them.
paths = inp["paths"]
res["read"] = {
    "ogip": content(SpectrumDatasetOnOff.read(paths["ours_ogip"])),
    "gadf_onoff": content(SpectrumDatasetOnOff.read(paths["ours_gadf_onoff"], format="gadf")),
    "gadf_cash": content(SpectrumDataset.read(paths["ours_gadf_cash"])),
}
# Files for gammats to read.
first = inp["datasets"][0]
onoff(first).write(paths["gp_ogip"], overwrite=True)
onoff(first).write(paths["gp_gadf_onoff"], overwrite=True, format="gadf")
cash(first).write(paths["gp_gadf_cash"], overwrite=True)
print(json.dumps(res))
