#!/usr/bin/python3
"""Reference numbers for the reduce tests: Gammapy 1.0's SpectrumDatasetMaker, SafeMaskMaker
and the 1D reduction loop on H.E.S.S. DR1 runs. JSON request on stdin, JSON on stdout.

Request: {"obs_ids": [...], "on": [lon, lat, radius], "energy": [min, max, nbins],
          "energy_true": [min, max, nbins]}
"""
import json
import sys
import warnings

warnings.simplefilter("ignore")
import numpy as np  # noqa: E402
import astropy.units as u  # noqa: E402
from astropy.coordinates import Angle, SkyCoord  # noqa: E402
from regions import CircleSkyRegion, PointSkyRegion  # noqa: E402
from gammapy.data import DataStore  # noqa: E402
from gammapy.datasets import Datasets, SpectrumDataset  # noqa: E402
from gammapy.irf import RadMax2D  # noqa: E402
from gammapy.makers import SafeMaskMaker, SpectrumDatasetMaker  # noqa: E402
from gammapy.makers.utils import make_counts_rad_max  # noqa: E402
from gammapy.maps import MapAxis, RegionGeom  # noqa: E402
from gammapy.modeling.models import TemplateSpectralModel  # noqa: E402


def lst(a):
    return [None if not np.isfinite(v) else float(v) for v in np.asarray(a, dtype=float).ravel()]


def bools(a):
    return [bool(v) for v in np.asarray(a).ravel()]


req = json.load(sys.stdin)
store = DataStore.from_dir("$GAMMAPY_DATA/hess-dl3-dr1")
lon, lat, radius = req["on"]
e = req["energy"]
et = req["energy_true"]
energy = MapAxis.from_bounds(e[0], e[1], e[2], unit="TeV", interp="log", name="energy")
energy_true = MapAxis.from_bounds(et[0], et[1], et[2], unit="TeV", interp="log", name="energy_true")
center = SkyCoord(lon, lat, unit="deg", frame="icrs")
geom = RegionGeom.create(region=CircleSkyRegion(center, radius * u.deg), axes=[energy])
reference = SpectrumDataset.create(geom, energy_axis_true=energy_true, name="ref")

out = {"runs": []}
for obs_id in req["obs_ids"]:
    obs = store.obs(obs_id)
    run = {"obs_id": obs_id}
    maker = SpectrumDatasetMaker(selection=["counts", "exposure", "edisp", "background"], containment_correction=True)
    ds = maker.run(reference.copy(name="x"), obs)
    run["counts"] = lst(ds.counts.data)
    run["exposure"] = lst(ds.exposure.quantity.to_value("cm2 s"))
    run["livetime"] = float(ds.exposure.meta["livetime"].to_value("s"))
    run["edisp"] = lst(ds.edisp.edisp_map.data)
    run["edisp_exposure"] = lst(ds.edisp.exposure_map.quantity.to_value("cm2 s"))
    run["background"] = lst(ds.background.data)
    run["offset"] = float(center.separation(obs.pointing_radec).deg)
    run["gti_start"] = lst(ds.gti.time_start.mjd)
    run["gti_stop"] = lst(ds.gti.time_stop.mjd)
    run["meta"] = {k: (v[0].item() if hasattr(v[0], "item") else str(v[0])) for k, v in ds.meta_table.items()}
    nocc = SpectrumDatasetMaker(selection=["exposure"], containment_correction=False).run(reference.copy(name="y"), obs)
    run["exposure_nocc"] = lst(nocc.exposure.quantity.to_value("cm2 s"))

    masks = {}
    cases = {
        "aeff-default": dict(methods=["aeff-default"]),
        "aeff-max": dict(methods=["aeff-max"], aeff_percent=10),
        "aeff-max-30": dict(methods=["aeff-max"], aeff_percent=30),
        "aeff-max-fixed": dict(methods=["aeff-max"], aeff_percent=10, fixed_offset=1.2 * u.deg),
        "edisp-bias": dict(methods=["edisp-bias"], bias_percent=10),
        "edisp-bias-5": dict(methods=["edisp-bias"], bias_percent=5),
        "edisp-bias-fixed": dict(methods=["edisp-bias"], bias_percent=10, fixed_offset=1.5 * u.deg),
        "offset-max": dict(methods=["offset-max"]),
        "offset-max-small": dict(methods=["offset-max"], offset_max="0.4 deg"),
        "bkg-peak": dict(methods=["bkg-peak"]),
        "all": dict(methods=["aeff-default", "aeff-max", "edisp-bias", "offset-max", "bkg-peak"]),
    }
    # without a background map (as the 1D analysis makes them) ...
    for key, kw in cases.items():
        if key in ("bkg-peak", "all"):
            continue
        d = ds.copy(name="z")
        d.mask_safe = None
        d.background = None
        d = SafeMaskMaker(**kw).run(d, obs)
        masks[key] = bools(d.mask_safe.data)
    # ... and with the background from the IRF (its invalid bins are masked first)
    cases["none"] = dict(methods=[])
    for key, kw in cases.items():
        d = ds.copy(name="z")
        d.mask_safe = None
        d = SafeMaskMaker(**kw).run(d, obs)
        masks["bkg:" + key] = bools(d.mask_safe.data)
    run["masks"] = masks

    # the threshold energies behind aeff-max and edisp-bias
    aeff = ds.exposure / ds.exposure.meta["livetime"]
    model = TemplateSpectralModel.from_region_map(aeff)
    e_true = model.energy
    e_lo = e_true[np.where(model.values > 0)[0][0]]
    thresholds = {}
    for pct in (10, 30, 95):
        inv = model.inverse((pct / 100) * aeff.quantity.max(), energy_min=e_lo, energy_max=e_true[-1])
        thresholds[f"aeff_max_{pct}"] = lst(inv.to_value("TeV"))
    kernel = ds.edisp.get_edisp_kernel()
    for pct in (10, 5, 1):
        thresholds[f"bias_{pct}"] = lst(kernel.get_bias_energy(pct / 100).to_value("TeV"))
    thresholds["bias"] = lst(kernel.get_bias(kernel.axes["energy_true"].center))
    run["thresholds"] = thresholds

    # RAD_MAX counts with a point on-region: an energy- and offset-dependent cut
    rad_energy = MapAxis.from_energy_edges([0.1, 0.5, 1, 3, 10, 100] * u.TeV, name="energy")
    rad_offset = MapAxis.from_edges([0, 0.3, 0.7, 1.5, 2.5] * u.deg, name="offset")
    values = np.array([[0.08, 0.1, 0.12, 0.14], [0.07, 0.09, 0.11, 0.13], [0.06, 0.08, 0.1, 0.12],
                       [0.05, 0.07, 0.09, 0.11], [0.05, 0.06, 0.08, 0.1]])
    rad_max = RadMax2D(axes=[rad_energy, rad_offset], data=values, unit="deg")
    point_geom = RegionGeom.create(region=PointSkyRegion(center), axes=[energy])
    run["counts_rad_max"] = lst(make_counts_rad_max(point_geom, rad_max, obs.events).data)
    out["runs"].append(run)

# the 1D analysis loop (Analysis._spectrum_extraction without background), then stacked
maker = SpectrumDatasetMaker(selection=["counts", "exposure", "edisp"], containment_correction=True)
safe = SafeMaskMaker(methods=["aeff-default"])
datasets = []
for obs_id in req["obs_ids"]:
    obs = store.obs(obs_id)
    d = safe.run(maker.run(reference.copy(), obs), obs)
    e_min, e_max = d.energy_range_safe
    info = d.info_dict()
    out["runs"][len(datasets)]["analysis"] = {
        "counts": float(info["counts"]), "livetime": float(info["livetime"].to_value("s")),
        "energy_min": float(np.nanmin(e_min.quantity.to_value("TeV"))),
        "energy_max": float(np.nanmax(e_max.quantity.to_value("TeV"))),
        "mask_safe": bools(d.mask_safe.data)}
    datasets.append(d)
stacked = Datasets(datasets).stack_reduce(name="stacked")
out["stacked"] = {
    "counts": lst(stacked.counts.data), "exposure": lst(stacked.exposure.quantity.to_value("cm2 s")),
    "edisp": lst(stacked.edisp.edisp_map.data), "mask_safe": bools(stacked.mask_safe.data),
    "livetime": float(stacked.exposure.meta["livetime"].to_value("s")),
    "info_counts": float(stacked.info_dict()["counts"])}

json.dump(out, sys.stdout)
